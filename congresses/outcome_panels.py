"""Panels of the conference and area pages for what `outcomes`, `personnel` and
`area_profiles` hold: a congress's approvals, term totals and awards; the delegates of every
hamlet gathered for the commune congress; supplementary consultations held at a meeting; an
area's figures year by year and the areas it was formed from. Each runs a bounded number of
queries (at most three) whatever the number of rows."""

from django.db.models import Q
from django.utils.translation import gettext as _

from .area_profiles import AreaProfile, AreaSuccession
from .models import Conference, Delegate, FrontCommittee
from .outcomes import CongressAward, DocumentApproval, TermSummaryItem
from .personnel import SupplementaryConsultation

PROFILE_YEARS_SHOWN = 5


def congress_outcome_panel(conference):
    """Approvals of documents, the outgoing term's totals as reported, and awards."""
    if not conference.elects_committee:
        return None
    approvals = list(DocumentApproval.objects.filter(conference=conference))
    summary = list(TermSummaryItem.objects.filter(conference=conference))
    awards = list(CongressAward.objects.filter(conference=conference))
    if not (approvals or summary or awards):
        return None
    return {
        "title": _("Kết quả đại hội")
        if conference.kind == Conference.Kind.CONGRESS
        else _("Kết quả hội nghị"),
        "template": "congresses/_congress_outcome.html",
        "context": {"approvals": approvals, "summary": summary, "awards": awards},
        "order": 20,
        "stylesheet": "css/personnel.css",
    }


def _previous_congress_start(conference):
    previous = (
        Conference.objects.filter(
            committee_id=conference.committee_id,
            kind=Conference.Kind.CONGRESS,
            starts_at__lt=conference.starts_at,
        )
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return previous


def delegates_roster_panel(conference):
    """On a commune congress: every hamlet's delegates in one roster, by hamlet. A delegate
    counts when sent to the term this congress elects, or (no term named) chosen at a hamlet's
    term conference since the previous congress. Three queries."""
    if (
        conference.kind != Conference.Kind.CONGRESS
        or conference.committee.level != FrontCommittee.Level.COMMUNE
    ):
        return None
    consultation = getattr(conference, "consultation", None)
    elected = consultation.new_term_id if consultation else None
    since = _previous_congress_start(conference)
    window = Q(
        congress_term__isnull=True,
        consultation__conference__starts_at__lte=conference.starts_at,
    )
    if since is not None:
        window &= Q(consultation__conference__starts_at__gt=since)
    chosen = window | Q(congress_term_id=elected) if elected else window
    rows = list(
        Delegate.objects.filter(
            chosen,
            consultation__conference__committee__commune_id=conference.committee.commune_id,
            consultation__conference__committee__level=FrontCommittee.Level.RESIDENTIAL,
        )
        .select_related("person", "consultation__conference__committee__area")
        .order_by(
            "consultation__conference__committee__area__position",
            "consultation__conference__committee__area__name",
            "pk",
        )
    )
    if not rows:
        return None
    groups = {}
    for row in rows:
        area = row.consultation.conference.committee.area
        groups.setdefault(area, []).append(row)
    return {
        "title": _("Đại biểu các khu dân cư dự đại hội (%(count)s)") % {"count": len(rows)},
        "template": "congresses/_delegates_roster.html",
        "context": {"groups": list(groups.items())},
        "order": 30,
        "stylesheet": "css/personnel.css",
    }


def supplementary_panel(conference):
    """Confirmed hiệp thương bổ sung held at this meeting. One query."""
    rows = list(
        SupplementaryConsultation.objects.confirmed()
        .filter(conference=conference)
        .select_related("person", "position", "replaces__position")
        .order_by("pk")
    )
    if not rows:
        return None
    return {
        "title": _("Hiệp thương bổ sung"),
        "template": "congresses/_supplementary.html",
        "context": {"rows": rows},
        "order": 25,
        "stylesheet": "css/personnel.css",
    }


def area_profile_panel(area):
    """The area's figures, the latest year first, with the years before. One query."""
    profiles = list(AreaProfile.objects.filter(area=area).order_by("-year")[:PROFILE_YEARS_SHOWN])
    if not profiles:
        return None
    return {
        "title": _("Dân số, hộ gia đình %(area)s") % {"area": area.in_sentence},
        "template": "congresses/_area_profile.html",
        "context": {"latest": profiles[0], "earlier": profiles[1:]},
        "order": 40,
        "stylesheet": "css/personnel.css",
    }


def area_parts_panel(area):
    """Where the area came from and went to by splits and re-drawn boundaries. One query."""
    rows = list(
        AreaSuccession.objects.filter(Q(successor=area) | Q(predecessor=area))
        .select_related("predecessor__commune", "successor__commune")
        .order_by("-on", "pk")
    )
    if not rows:
        return None
    return {
        "title": _("Chia tách, điều chỉnh địa giới"),
        "template": "congresses/_area_parts.html",
        "context": {
            "area": area,
            "from_rows": [r for r in rows if r.successor_id == area.pk],
            "to_rows": [r for r in rows if r.predecessor_id == area.pk],
        },
        "order": 85,
        "stylesheet": "css/personnel.css",
    }
