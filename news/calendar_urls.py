"""The work calendar's week page and its iCalendar feed, mounted at the site root."""

from django.urls import path

from . import calendar_views as views

app_name = "calendar"

urlpatterns = [
    path("lich-cong-tac/", views.week_view, name="week"),
    path("lich-cong-tac.ics", views.ical_feed, name="ical"),
]
