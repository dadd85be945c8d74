"""The whole-term totals of the campaigns, for a congress's page (congresses cannot read
campaigns: this module registers a panel on the conference page, congresses/panels.py).

At a term conference or congress, the outgoing committee reports what the term achieved; where
the entries are on the portal, the panel adds the figures computed from them beside the
figures stated in the report (congresses.outcomes.TermSummaryItem)."""

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from congresses.models import FrontCommittee

from .houses import House
from .models import Contribution, Disbursement, Indicator


def term_totals(commune, start, end):
    """Money raised and paid out, and houses handed over, in `commune` from `start` to `end`
    (dates, both included): {"raised", "paid", "houses"}. Three queries."""
    contributions = Contribution.objects.countable().filter(
        indicator__campaign__commune=commune, indicator__unit=Indicator.Unit.MONEY, date__range=(start, end)
    )
    raised = contributions.aggregate(total=Coalesce(Sum("amount"), 0))["total"]
    paid = Disbursement.objects.filter(campaign__commune=commune, date__range=(start, end)).aggregate(
        total=Coalesce(Sum("amount"), 0)
    )["total"]
    houses = (
        House.objects.counted().filter(campaign__commune=commune, handed_over_on__range=(start, end)).count()
    )
    return {"raised": raised, "paid": paid, "houses": houses}


def conference_term_panel(conference):
    """On a term conference or congress of a commune committee: the outgoing term's totals."""
    term = conference.term
    if (
        not conference.elects_committee
        or term is None
        or conference.committee.level != FrontCommittee.Level.COMMUNE
    ):
        return None
    end = min(term.effective_end, conference.starts_at.date())
    totals = term_totals(conference.committee.commune, term.start_date, end)
    if not any(totals.values()):
        return None
    return {
        "title": _("Kết quả vận động cả nhiệm kỳ %(years)s (số liệu trên cổng)") % {"years": term.years},
        "template": "campaigns/_term_totals.html",
        "context": {"totals": totals, "term": term, "end": end},
        "order": 22,
        "stylesheet": "css/personnel.css",
    }
