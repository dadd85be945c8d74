"""Open-data URLs: the documentation page and each set as `.json` pages or `.csv` files."""

from django.urls import path, re_path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.documentation, name="index"),
    re_path(r"^(?P<slug>[a-z0-9-]+)\.(?P<fmt>[a-z]+)$", views.dataset_view, name="dataset"),
]
