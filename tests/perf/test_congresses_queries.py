"""Query budgets of the Front's public pages: the same number of queries for 3 areas as for 30."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congresses import panels, services
from congresses.models import ConferenceDocument, Delegate, Position, ResidentialArea
from tests.congresses.helpers import conference, person, running_village, term_with_members, today
from tests.support import warm_site_table

D = datetime.date

# Upper bounds on top of "does not grow": a page that creeps up must be looked at. These count
# the page's own queries; the site layout (menus) and panels other apps register (campaign
# results, news) come on top, up to PANEL_QUERIES each.
# The commune's and an area's pages read the members' public concurrent roles: one query.
BUDGETS = {"directory": 3, "area": 5, "conference": 4, "commune": 5}
PANEL_QUERIES = 3


def budget(page, layout_queries):
    registered = {"area": len(panels._panels["area"]), "conference": len(panels._panels["conference"])}
    return BUDGETS[page] + layout_queries + PANEL_QUERIES * registered.get(page, 0)


def grow(commune, count):
    """Add areas, each with a Ban CTMT of `3 + count // 9` members over two terms, and conferences."""
    start = ResidentialArea.objects.count()
    for i in range(start, start + count):
        area = ResidentialArea.objects.create(commune=commune, name=f"Khu {i}", position=i)
        committee, past, _current = running_village(area, size=3 + count // 9)
        conference(committee, term=past, day=today() - datetime.timedelta(days=i + 1), attendees_count=50 + i)


def commune_members(commune, count):
    now = today()
    names = ["Chủ tịch", "Phó Chủ tịch", "Ủy viên Ban Thường trực"] + ["Ủy viên"] * count
    committee = services.commune_committee(commune)
    term = committee.terms.filter(start_date__lte=now).first() or term_with_members(
        committee, now.replace(year=now.year - 2), now.replace(year=now.year + 3), []
    )
    for name in names[term.memberships.count() :][:count]:
        services.appoint(term, person(commune), Position.objects.get(name=name))
    return term


def big_conference(commune, size):
    """One conference whose slate, delegates and documents grow with `size`."""
    area = ResidentialArea.objects.create(commune=commune, name=f"Hội nghị {size}", position=999 + size)
    committee, past, _current = running_village(area, size=size)
    meeting = conference(committee, term=past, day=today() - datetime.timedelta(days=1))
    consultation = services.propose_new_term(
        meeting, term_start=today() + datetime.timedelta(days=400 + size)
    )
    for entry in consultation.slate.all():
        Delegate.objects.create(consultation=consultation, person=entry.person)
    services.confirm_consultation(consultation)
    for n in range(size // 3):
        document = ConferenceDocument(conference=meeting, kind="other")
        document.file = SimpleUploadedFile(f"tai-lieu-{n}.pdf", b"%PDF-1.4\n%%EOF\n")
        document.save()
    return meeting


def count_queries(client, url):
    warm_site_table()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["directory", "area", "commune"])
def test_front_pages_run_the_same_queries_for_3_and_30_areas(client, commune, page, layout_queries):
    grow(commune, 3)
    commune_members(commune, 3)
    first = ResidentialArea.objects.order_by("pk").first()
    urls = {
        "directory": reverse("congresses:directory"),
        "area": first.get_absolute_url(),
        "commune": commune.get_absolute_url(),
    }
    small = count_queries(client, urls[page])
    grow(commune, 27)
    commune_members(commune, 12)
    # The first area's committee gains members too, so its page is measured with more rows.
    committee = first.committees.get()
    current = committee.terms.running().get()
    for _ in range(10):
        services.appoint(
            current, person(commune), current.memberships.filter(position__kind="member").first().position
        )
    large = count_queries(client, urls[page])
    assert small == large, f"{page}: {small} queries with 3 areas, {large} with 30"
    assert large <= budget(page, layout_queries)


def test_the_conference_page_runs_the_same_queries_for_a_small_and_a_large_outcome(
    client, commune, layout_queries
):
    small = count_queries(client, big_conference(commune, 3).get_absolute_url())
    large = count_queries(client, big_conference(commune, 30).get_absolute_url())
    assert small == large, f"conference: {small} queries for 3 people, {large} for 30"
    assert large <= budget("conference", layout_queries)
