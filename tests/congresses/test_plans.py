"""Activities planned for a period against those held, counted from the records or stated."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congresses import activity_services as services
from congresses import services as congress_services
from congresses.models import ActivityPlan, Conference, PlannedActivity, Supervision, VoterMeeting
from lib.figures import Figure, Qualifier

from .activity_fixtures import D
from .helpers import conference
from .opinion_fixtures import PASSWORD

pytestmark = pytest.mark.django_db
Kind = PlannedActivity.Kind


@pytest.fixture
def plan(commune):
    return services.save_activity_plan(
        ActivityPlan(
            commune=commune,
            title="Kế hoạch hoạt động của Ủy ban MTTQ xã năm 2026",
            starts_on=D(2026, 1, 1),
            ends_on=D(2026, 12, 31),
            is_published=True,
        )
    )


def line(plan, kind, planned, **extra):
    stated_people = extra.pop("stated_people", None)
    return services.save_planned_activity(
        PlannedActivity(plan=plan, kind=kind, planned_count=planned, **extra), stated_people=stated_people
    )


def test_conferences_held_in_the_period_are_counted_with_their_sessions_and_people(plan, area_a, commune):
    committee = congress_services.committee_for_area(area_a)
    conference(committee, day=D(2026, 3, 8), attendees_count=120)
    conference(
        committee, kind=Conference.Kind.VOTERS, day=D(2026, 5, 2), sessions_count=5, attendees_count=300
    )
    conference(committee, day=D(2025, 12, 31), attendees_count=999)  # before the plan
    result = line(plan, Kind.CONFERENCE, 8).result(on=D(2026, 12, 1))
    assert result.sentence == "6 cuộc/420 lượt người tham dự"
    assert result.against_plan == "đạt 6/8 cuộc theo kế hoạch (75%)"


def test_voter_meetings_sum_their_hedged_attendees_honestly(plan, commune):
    for day, people, word in [(D(2026, 4, 2), 300, Qualifier.OVER), (D(2026, 4, 3), 120, Qualifier.EXACT)]:
        VoterMeeting.objects.create(
            commune=commune,
            body=VoterMeeting.Body.COMMUNE_COUNCIL,
            timing=VoterMeeting.Timing.BEFORE,
            session="kỳ họp thứ 3",
            starts_on=day,
            attendees=people,
            attendees_qualifier=word,
        )
    assert (
        line(plan, Kind.VOTER_MEETING, 2).result(on=D(2026, 12, 1)).sentence
        == "2 cuộc/trên 420 lượt người tham dự"
    )


def test_areas_ngay_hoi_and_supervisions_are_counted(plan, festival, area_a, area_b, commune):
    services.record_festival_area(festival, area_a, ceremony=True, participants=Figure(200))
    services.record_festival_area(festival, area_b, note="Chưa tổ chức")
    services.save_supervision(
        Supervision(
            commune=commune,
            form=Supervision.Form.THEMATIC,
            subject="x",
            body_supervised="y",
            starts_on=D(2026, 6, 1),
        )
    )
    assert (
        line(plan, Kind.UNITY_FESTIVAL, 2).result(on=D(2026, 12, 1)).sentence
        == "1 cuộc/200 lượt người tham dự"
    )
    assert line(plan, Kind.SUPERVISION, 3).result(on=D(2026, 12, 1)).sentence == "1 cuộc"
    assert line(plan, Kind.SOCIAL_REVIEW, 1).result(on=D(2026, 12, 1)).held == 0


def test_the_reports_own_figures_stand_in_for_records_not_all_entered(plan):
    result = line(plan, Kind.CONFERENCE, 80, stated_held=77, stated_people=Figure(2288)).result()
    assert result.sentence == "77 cuộc/2.288 lượt người tham dự"
    assert result.is_stated and result.recorded == 0
    _lines, overall = plan.results()
    assert overall.against_plan == "đạt 77/80 cuộc theo kế hoạch (96%)"


def test_a_second_line_of_the_same_kind_is_refused(plan):
    line(plan, Kind.SUPERVISION, 3)
    with pytest.raises(ValidationError, match="đã có một dòng"):
        line(plan, Kind.SUPERVISION, 4)
    assert plan.lines.count() == 1


def test_staff_write_a_plan_with_its_lines_in_the_admin_and_the_chair_only_reads_it(
    client, staff, chair, commune
):
    assert client.login(username=staff.username, password=PASSWORD)
    response = client.post(
        reverse("admin:congresses_activityplan_add"),
        {
            "title": "Kế hoạch 6 tháng đầu năm 2026",
            "starts_on": "01/01/2026",
            "ends_on": "30/06/2026",
            "note": "",
            "is_published": "on",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "1000",
            "lines-0-kind": "hoi_nghi",
            "lines-0-conference_kind": "",
            "lines-0-planned_count": "40",
            "lines-0-planned_people": "",
            "lines-0-stated_held": "38",
            "lines-0-stated_people_figure": "trên 1.500",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = ActivityPlan.objects.get()
    assert plan.commune == commune
    assert str(plan.lines.get().stated_people_figure) == "trên 1.500"
    page = client.get(reverse("admin:congresses_activityplan_change", args=[plan.pk])).content.decode()
    assert "38 cuộc/trên 1.500 lượt người tham dự; đạt 38/40 cuộc theo kế hoạch (95%)" in page
    client.logout()
    assert client.login(username=chair.username, password=PASSWORD)
    url = reverse("admin:congresses_activityplan_change", args=[plan.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"title": "Đổi", "starts_on": "01/01/2026", "ends_on": "30/06/2026"})
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch 6 tháng đầu năm 2026"


def test_a_hamlet_officer_has_no_plans(client, officer, plan):
    assert client.login(username=officer.username, password=PASSWORD)
    assert client.get(reverse("admin:congresses_activityplan_changelist")).status_code == 403


def test_the_public_page_shows_planned_against_held(client, plan):
    line(plan, Kind.CONFERENCE, 80, stated_held=77, stated_people=Figure(2288))
    line(plan, Kind.SUPERVISION, 3)
    assert plan.title in client.get(reverse("congresses:activity_plans")).content.decode()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "77 cuộc/2.288 lượt người tham dự" in page
    assert "đạt 0/3 cuộc theo kế hoạch (0%)" in page
    assert "Số liệu theo báo cáo" in page


def test_an_unpublished_plan_is_not_public(client, plan):
    ActivityPlan.objects.filter(pk=plan.pk).update(is_published=False)
    assert client.get(plan.get_absolute_url()).status_code == 404
