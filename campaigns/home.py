"""What campaigns adds to the home page: the current campaigns and their progress (four queries)."""

from django.utils.translation import gettext as _

from . import selectors
from .models import Campaign

HOME_CAMPAIGNS = 3


def current_campaigns(commune):
    campaigns = selectors.listing(
        Campaign.objects.current().for_commune(commune).for_listing()[:HOME_CAMPAIGNS]
    )
    if not campaigns:
        return None
    return {
        "title": _("Các cuộc vận động đang diễn ra"),
        "template": "campaigns/_home_campaigns.html",
        "context": {"campaigns": campaigns},
        "order": 10,
    }
