"""What news gives the home page besides its posts: the pinned announcements and the next events
at the top, the running poll in the side column."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .announcements import PINNED_ON_HOME, Announcement


def pinned_announcements(commune):
    """The commune's current pinned announcements (None when there are none); one query.

    Current is asked of the clock on every request, so an expired one leaves by itself.
    """
    announcements = list(
        Announcement.objects.pinned_on_home(timezone.now()).for_commune(commune)[:PINNED_ON_HOME]
    )
    if not announcements:
        return None
    return {
        "title": _("Thông báo"),
        "template": "news/_pinned_announcements.html",
        "context": {"announcements": announcements},
        "order": 0,
        "own_heading": True,
    }


UPCOMING_DAYS = 14
UPCOMING_COUNT = 5


def upcoming_events(commune):
    """The next events of the work calendar (entries, conferences, voter meetings) from today,
    at most UPCOMING_COUNT in the next UPCOMING_DAYS days; three queries."""
    from .work_calendar import items_between

    today = timezone.localdate()
    items = items_between(commune, today, today + timedelta(days=UPCOMING_DAYS), limit=UPCOMING_COUNT)
    if not items:
        return None
    return {
        "title": _("Sắp diễn ra"),
        "template": "news/_upcoming_events.html",
        "context": {"items": items[:UPCOMING_COUNT], "today": today},
        "order": 20,
        "own_heading": True,
    }


def running_poll(commune):
    """The newest poll still taking answers, for the home page's side column; None when none.

    The home page is cached for every reader alike, so it shows the counts only when the poll
    shows them to everyone; its form lives on the poll's own page (a CSRF token, never cached).
    Two queries (the poll, its tally).
    """
    from .polls import Poll

    poll = Poll.objects.for_commune(commune).running().for_listing().first()
    if poll is None:
        return None
    options, total = poll.tally()
    return {
        "poll": poll,
        "options": options,
        "total": total,
        "results_visible": poll.results == Poll.Results.ALWAYS,
    }


HOME_VIDEOS = 2


def latest_videos(commune):
    """The commune's newest published videos for the home page's side column; one query."""
    from .videos import Video

    return list(Video.objects.for_listing().for_commune(commune)[:HOME_VIDEOS])
