"""What news gives the home page besides its posts: the pinned announcements, at the top."""

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
    }
