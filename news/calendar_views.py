"""The work calendar in public: the week page (no script needed) and the iCalendar feed."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from congresses.models import normalize_host
from lib.pagecache import public_page

from . import ical, work_calendar

# The feed covers the recent past and the coming months: what a subscribed phone needs.
FEED_DAYS_BEFORE = 31
FEED_DAYS_AFTER = 183
FEED_MAX_PER_SOURCE = 500


def _commune(request):
    if request.commune is None:
        raise Http404
    return request.commune


@public_page
def week_view(request):
    commune = _commune(request)
    today = timezone.localdate()
    monday, error = work_calendar.monday_of(today), ""
    if request.GET.get("tuan"):
        try:
            monday = work_calendar.parse_week(request.GET["tuan"])
        except ValueError as problem:
            error = str(problem)
    context = {
        "week": work_calendar.week(commune, monday, today=today),
        "this_week": work_calendar.monday_of(today),
        "error": error,
    }
    return render(request, "news/calendar/week.html", context, status=400 if error else 200)


@public_page
def ical_feed(request):
    commune = _commune(request)
    today = timezone.localdate()
    items = work_calendar.items_between(
        commune,
        today - datetime.timedelta(days=FEED_DAYS_BEFORE),
        today + datetime.timedelta(days=FEED_DAYS_AFTER),
        domain=commune.host or normalize_host(request.get_host()),
        limit=FEED_MAX_PER_SOURCE,
    )
    name = f"Lịch công tác — {commune.display_name}"
    body = ical.calendar_file(items, name, base_url=f"{request.scheme}://{request.get_host()}")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response
