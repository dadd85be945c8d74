"""Query budgets of the organisation pages and the work calendar: the same count with a small
commune as with a large one (members, areas, a week full of items)."""

import datetime

import pytest
from django.utils import timezone

from congresses import services
from congresses.models import Conference, FrontCommittee, ResidentialArea, VoterMeeting
from news.organisation import Page
from news.work_calendar import CalendarEntry, monday_of
from tests.congresses.helpers import person, position
from tests.support import warm_site_table

# the page (one query) — plus the shared layout
TEXT_PAGE_QUERIES = 1
# the committee's terms, their memberships with people and positions; the current areas, their
# heads and deputies
STRUCTURE_QUERIES = 4
# the English page: its text page and the structure
ENGLISH_QUERIES = 1 + STRUCTURE_QUERIES
CONTACT_QUERIES = 0
# calendar entries, conferences, voter meetings
WEEK_QUERIES = 3
FEED_QUERIES = 3


@pytest.fixture(params=[5, 50], ids=["small", "large"])
def commune_of_size(request, commune):
    size = request.param
    committee = FrontCommittee.objects.create(commune=commune, level=FrontCommittee.Level.COMMUNE)
    today = timezone.localdate()
    term = committee.terms.create(
        start_date=today.replace(year=today.year - 1), end_date=today.replace(year=today.year + 4)
    )
    services.appoint(term, person(commune), position("Chủ tịch"))
    for _n in range(size):
        services.appoint(term, person(commune), position("Ủy viên"), organisation="Hội Nông dân xã")
    for number in range(size // 5 + 1):
        area = ResidentialArea.objects.create(commune=commune, name=f"Thôn số {number}", position=number)
        village = services.committee_for_area(area)
        village_term = village.terms.create(start_date=term.start_date, end_date=term.end_date)
        services.appoint(village_term, person(commune), position("Trưởng ban"))
        services.appoint(village_term, person(commune), position("Phó Trưởng ban"))
        Conference.objects.create(
            committee=village,
            kind=Conference.Kind.TERM,
            starts_at=timezone.make_aware(datetime.datetime.combine(today, datetime.time(8))),
        )
    monday = monday_of(today)
    CalendarEntry.objects.bulk_create(
        CalendarEntry(commune=commune, day=monday + datetime.timedelta(days=n % 7), title=f"Việc số {n}")
        for n in range(size)
    )
    for n in range(size // 5 + 1):
        VoterMeeting.objects.create(
            commune=commune,
            body=VoterMeeting.Body.COMMUNE_COUNCIL,
            timing=VoterMeeting.Timing.BEFORE,
            session=f"kỳ họp thứ {n}",
            starts_on=monday,
            ends_on=monday + datetime.timedelta(days=2),
            is_published=True,
        )
    for kind in Page.Kind.values:
        Page.objects.create(commune=commune, kind=kind, body="<p>Nội dung.</p>")
    warm_site_table()
    return size


@pytest.mark.parametrize(
    "url,budget,expected",
    [
        ("/gioi-thieu/", TEXT_PAGE_QUERIES, "Nội dung."),
        ("/gioi-thieu/chuc-nang-nhiem-vu/", TEXT_PAGE_QUERIES, "Nội dung."),
        ("/gioi-thieu/co-cau-to-chuc/", STRUCTURE_QUERIES, "Thôn số 0"),
        ("/en/", ENGLISH_QUERIES, "Chairperson"),
        ("/lien-he/", CONTACT_QUERIES, "Liên hệ"),
        ("/lich-cong-tac/", WEEK_QUERIES, "Việc số 0"),
        ("/lich-cong-tac.ics", FEED_QUERIES, "Việc số 0"),
    ],
)
def test_organisation_and_calendar_query_budgets(
    client, commune_of_size, layout_queries, django_assert_num_queries, url, budget, expected
):
    layout = 0 if url.endswith(".ics") else layout_queries
    with django_assert_num_queries(budget + layout):
        response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()
