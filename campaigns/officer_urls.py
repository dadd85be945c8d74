"""URLs of the hamlet officer's screen, mounted at /nhap-lieu/."""

from django.urls import path

from . import officer_views

app_name = "officer"

urlpatterns = [
    path("", officer_views.home, name="home"),
    path("bien-nhan/<int:pk>/", officer_views.receipt, name="receipt"),
    path("bien-nhan/<int:pk>/nho/", officer_views.receipt_thumbnail, name="receipt_thumbnail"),
    path("bien-nhan/tam/<str:token>/", officer_views.pending_receipt, name="pending_receipt"),
]
