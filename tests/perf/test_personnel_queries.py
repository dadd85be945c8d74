"""Query budgets of the pages that show congress outcomes, the hamlets' delegates, hiệp thương
bổ sung, concurrent roles and areas' yearly figures: as many queries for 3 rows as for 30."""

import datetime

import pytest

from congresses import personnel_services, services
from congresses.area_profiles import AreaProfile
from congresses.models import Conference, Delegate, ResidentialArea
from congresses.outcomes import CongressAward, DocumentApproval, TermSummaryItem
from congresses.personnel import ConcurrentRole, SupplementaryConsultation
from tests.congresses.helpers import conference, person, position

from .test_congresses_queries import budget, count_queries

pytestmark = pytest.mark.django_db
D = datetime.date


def _grow_congress(commune, congress, term, size):
    for n in range(size):
        personnel_services.save_outcome(
            DocumentApproval(conference=congress, document=f"Văn kiện {n}", approval_percent=100)
        )
        personnel_services.save_outcome(
            TermSummaryItem(conference=congress, label=f"Chỉ tiêu {n}", unit="count", quantity=n + 1)
        )
        personnel_services.save_outcome(
            CongressAward(conference=congress, award="Giấy khen", recipient=f"Tập thể {n}")
        )
        area = ResidentialArea.objects.create(commune=commune, name=f"Khu {size}-{n}", position=n)
        village = services.committee_for_area(area)
        village_term = village.terms.create(start_date=D(2021, 1, 1), end_date=D(2024, 1, 31))
        meeting = conference(village, day=D(2024, 1, 10), term=village_term)
        consultation = services.propose_new_term(meeting, term_start=D(2024, 2, 1), term_end=D(2026, 12, 31))
        Delegate.objects.create(consultation=consultation, person=person(commune))
        Delegate.objects.create(consultation=consultation, person=person(commune), congress_term=term)


def test_the_congress_page_runs_the_same_queries_for_3_and_30_outcomes_and_hamlets(
    client, commune, layout_queries
):
    committee = services.commune_committee(commune)
    term = committee.terms.create(start_date=D(2019, 6, 14), end_date=D(2024, 6, 30))
    congress = conference(committee, kind=Conference.Kind.CONGRESS, day=D(2024, 6, 20), term=term)
    _grow_congress(commune, congress, term, 3)
    small = count_queries(client, congress.get_absolute_url())
    _grow_congress(commune, congress, term, 27)
    large = count_queries(client, congress.get_absolute_url())
    assert small == large, f"congress: {small} queries with 3 hamlets, {large} with 30"
    assert large <= budget("conference", layout_queries)


def test_a_meeting_with_3_or_30_supplementary_consultations_runs_the_same_queries(
    client, commune, layout_queries
):
    committee = services.commune_committee(commune)
    term = committee.terms.create(start_date=D(2024, 6, 20), end_date=D(2029, 6, 30))
    meeting = conference(committee, kind=Conference.Kind.COMMITTEE, day=D(2025, 3, 14), term=term)

    def add(count):
        for _ in range(count):
            row = SupplementaryConsultation.objects.create(
                conference=meeting,
                term=term,
                person=person(commune),
                position=position("Ủy viên"),
                since=D(2025, 3, 14),
            )
            personnel_services.confirm_supplementary(row)

    add(3)
    small = count_queries(client, meeting.get_absolute_url())
    add(27)
    large = count_queries(client, meeting.get_absolute_url())
    assert small == large
    assert large <= budget("conference", layout_queries)


def test_the_commune_page_with_concurrent_roles_runs_the_same_queries(client, commune, layout_queries):
    committee = services.commune_committee(commune)
    term = committee.terms.create(start_date=D(2024, 6, 20), end_date=D(2029, 6, 30))

    def add(count):
        for n in range(count):
            who = person(commune)
            services.appoint(term, who, position("Ủy viên"))
            ConcurrentRole.objects.create(person=who, title=f"Chủ tịch Hội {n}")

    add(3)
    small = count_queries(client, commune.get_absolute_url())
    add(27)
    large = count_queries(client, commune.get_absolute_url())
    assert small == large
    assert large <= budget("commune", layout_queries)


def test_the_area_page_with_many_years_and_parts_runs_the_same_queries(
    client, commune, area_a, layout_queries
):
    def add(years, parts):
        for year in years:
            personnel_services.save_area_profile(
                AreaProfile(area=area_a, year=year, households=300 + year % 7)
            )
        for n in parts:
            old = ResidentialArea.objects.create(commune=commune, name=f"Cũ {n}", position=50 + n)
            personnel_services.split_area(old, [(area_a, 10, True)], on=D(2025, 7, 1))

    add(range(2020, 2023), range(3))
    small = count_queries(client, area_a.get_absolute_url())
    add(range(2000, 2020), range(3, 30))
    large = count_queries(client, area_a.get_absolute_url())
    assert small == large
    assert large <= budget("area", layout_queries)
