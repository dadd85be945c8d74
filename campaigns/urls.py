from django.urls import path

from . import thuchi_views, views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/nha-hao-tam/", views.donor_list, name="donors"),
    path("<slug:slug>/cong-khai-thu-chi/<int:pk>/", thuchi_views.statement_page, name="thuchi"),
    path("<slug:slug>/cong-khai-thu-chi/<int:pk>.pdf", thuchi_views.statement_pdf, name="thuchi_pdf"),
]
