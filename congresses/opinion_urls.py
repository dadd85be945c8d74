"""Public pages under /y-kien/: send an opinion, follow it with its reference code."""

from django.urls import path

from . import opinion_views

app_name = "opinions"

urlpatterns = [
    path("gui/", opinion_views.send_opinion, name="send"),
    path("da-gui/", opinion_views.opinion_sent, name="sent"),
    path("tra-cuu/", opinion_views.opinion_lookup, name="lookup"),
]
