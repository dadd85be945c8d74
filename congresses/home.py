"""What congresses adds to the home page: the latest conferences (one query)."""

from django.utils.translation import gettext as _

from .models import Conference

HOME_CONFERENCES = 4


def latest_conferences(commune):
    conferences = list(Conference.objects.for_commune(commune).held().for_listing()[:HOME_CONFERENCES])
    if not conferences:
        return None
    return {
        "title": _("Hội nghị gần đây"),
        "template": "congresses/_home_conferences.html",
        "context": {"conferences": conferences},
        "order": 30,
    }
