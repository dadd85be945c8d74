"""Query budgets of the conference list (upcoming, rounds, held) and of a round's page: the same
number of queries for 3 areas and meetings as for 30."""

import datetime

import pytest
from django.utils import timezone

from congresses import event_services, services
from congresses.events import MeetingRound
from congresses.models import Conference, ResidentialArea
from tests.congresses.helpers import conference, today

from .test_congresses_queries import count_queries

# conference list: the held page and its count, the upcoming ones, the rounds, then each
# round's areas and meetings (two); a round's page: the round, its areas, their meetings.
LIST_BUDGET = 4 + 2
ROUND_BUDGET = 3


def grow(commune, count):
    start = ResidentialArea.objects.count()
    for i in range(start, start + count):
        area = ResidentialArea.objects.create(commune=commune, name=f"Khu {i}", position=i)
        conference(services.committee_for_area(area), day=datetime.date(2024, 1, 7), attendees_count=40 + i)
        day = today() + datetime.timedelta(days=1 + i % 20)
        event_services.announce_conference(
            Conference(
                committee=services.commune_committee(commune),
                kind=Conference.Kind.ROLLOUT,
                title=f"Hội nghị triển khai {i}",
                starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(8))),
                part_of_day=Conference.PartOfDay.MORNING if i % 2 else "",
                organiser=Conference.Organiser.PARTY if i % 3 else "",
            )
        )


@pytest.fixture
def meeting_round(commune):
    return event_services.save_meeting_round(
        MeetingRound(
            commune=commune,
            title="Hội nghị nhiệm kỳ các thôn",
            conference_kind=Conference.Kind.TERM,
            starts_on=datetime.date(2024, 1, 1),
            ends_on=datetime.date(2024, 1, 31),
            is_published=True,
        )
    )


@pytest.mark.parametrize("page", ["list", "round"])
def test_meeting_pages_run_the_same_queries_for_3_and_30_areas(
    client, commune, meeting_round, page, layout_queries
):
    url = "/mat-tran/hoi-nghi/" if page == "list" else meeting_round.get_absolute_url()
    grow(commune, 3)
    small = count_queries(client, url)
    grow(commune, 27)
    large = count_queries(client, url)
    assert small == large, f"{page}: {small} queries with 3 areas, {large} with 30"
    assert large <= (LIST_BUDGET if page == "list" else ROUND_BUDGET) + layout_queries
