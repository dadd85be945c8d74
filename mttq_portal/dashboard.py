"""The admin's first page (the chair's dashboard): what wants doing in the commune, gathered
from every app, each item linked to where it is fixed.

Each app gives small functions in its own `dashboard.py` that take a `lib.dashboard.Board`
and return a `Section` (or None: nothing to say). The lists below are the one place that
decides which sections a page shows and in what order; a section is shown only to a user
holding its `perm`, so every link answers for them. Hamlet officers never get here: they land
on their own screen (campaigns.officer_views).

To add a section from another app, add its function to COMMUNE_SECTIONS (as the reports
app's "the last report made", `reports_dashboard.last_report`) — one line.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import dashboard as campaigns_dashboard
from campaigns.permissions import sees_everything
from congresses import dashboard as congresses_dashboard
from congresses.permissions import EVERY_COMMUNE, commune_scope, working_commune
from lib.dashboard import Board, Section
from news import dashboard as news_dashboard
from reports import dashboard as reports_dashboard

UPCOMING_SHOWN = 8


def upcoming(board):
    """Conferences, voter meetings and the work calendar of the coming days, in date order."""
    items = (
        congresses_dashboard.upcoming_conferences(board)
        + congresses_dashboard.upcoming_voter_meetings(board)
        + news_dashboard.upcoming_calendar(board)
    )
    if not items:
        return None
    items.sort(key=lambda item: (item.when, item.figure))
    return Section(
        key="upcoming",
        title=_("Sắp diễn ra (%(n)s ngày tới)") % {"n": congresses_dashboard.UPCOMING_DAYS},
        items=items[:UPCOMING_SHOWN],
        count=len(items),
        order=70,
    )


# The commune's page for the chair and commune staff (and province staff acting for a commune).
COMMUNE_SECTIONS = [
    campaigns_dashboard.running_campaigns,
    campaigns_dashboard.hamlets_behind,
    campaigns_dashboard.unverified_entries,
    campaigns_dashboard.stated_mismatches,
    congresses_dashboard.overdue_opinions,
    congresses_dashboard.overdue_recommendations,
    congresses_dashboard.unrecorded_conferences,
    upcoming,
    news_dashboard.expiring_announcements,
    reports_dashboard.last_report,
]
# For whoever writes the news (editors; commune staff too): kept short.
WRITER_SECTIONS = [
    news_dashboard.drafts,
    news_dashboard.scheduled,
    news_dashboard.expiring_announcements,
]
# The province's page (province staff on the province's site): modest.
PROVINCE_SECTIONS = [
    campaigns_dashboard.communes_behind,
    congresses_dashboard.province_communes,
]


def page_for(request):
    """{"kind", "board", "sections"} of the admin's first page for `request.user`:
    kind is "commune", "province", "writer" or "" (nothing to show)."""
    user = request.user
    today = timezone.localdate()
    if commune_scope(user) is EVERY_COMMUNE and getattr(request, "commune", None) is None:
        province = getattr(request, "province", None)
        board = Board(user=user, commune=None, province=province, today=today)
        return {"kind": "province", "board": board, "sections": _sections(board, PROVINCE_SECTIONS)}
    commune = working_commune(request)
    if commune is None:
        return {"kind": "", "board": None, "sections": []}
    board = Board(user=user, commune=commune, province=commune.province, today=today)
    functions, kind = [], ""
    if sees_everything(user):
        functions, kind = list(COMMUNE_SECTIONS), "commune"
    if user.has_perm("news.change_post"):
        functions += [function for function in WRITER_SECTIONS if function not in functions]
        kind = kind or "writer"
    return {"kind": kind, "board": board, "sections": _sections(board, functions)}


def _sections(board, functions):
    found = []
    for function in functions:
        section = function(board)
        if section is not None and (not section.perm or board.user.has_perm(section.perm)):
            found.append(section)
    return sorted(found, key=lambda section: section.order)
