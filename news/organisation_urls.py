"""Public organisation pages, mounted at the site root."""

from django.urls import path

from . import organisation_views as views

app_name = "organisation"

urlpatterns = [
    path("gioi-thieu/", views.introduction, name="introduction"),
    path("gioi-thieu/chuc-nang-nhiem-vu/", views.duties, name="duties"),
    path("gioi-thieu/co-cau-to-chuc/", views.structure, name="structure"),
    path("lien-he/", views.contact, name="contact"),
    path("en/", views.english, name="english"),
]
