"""Meetings as they are reported: announced then held, parts of the day, other organisers, the
coverage of a round of meetings across the areas, counts entered before the names."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from congresses import event_services, services
from congresses.events import MeetingRound
from congresses.models import Conference, Delegate, ResidentialArea
from congresses.plans import ActivityPlan, PlannedActivity
from reports.content import build_content
from tests.congresses.helpers import conference, person, running_village, today, village_committee

from .opinion_fixtures import PASSWORD

pytestmark = pytest.mark.django_db
D = datetime.date


def _at(day, hour=8):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _announce(committee, days=5, **extra):
    extra.setdefault("kind", Conference.Kind.ROLLOUT)
    extra.setdefault("title", "Hội nghị triển khai Cuộc vận động năm 2027")
    return event_services.announce_conference(
        Conference(committee=committee, starts_at=_at(today() + datetime.timedelta(days=days)), **extra)
    )


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


# --- announced, then held ----------------------------------------------------------------------


def test_an_announced_meeting_is_upcoming_and_never_among_the_held_ones(client, commune):
    committee = services.commune_committee(commune)
    conference(committee, kind=Conference.Kind.MID_YEAR, title="Hội nghị sơ kết đã họp", day=D(2026, 7, 8))
    coming = _announce(
        committee, invited="Trưởng ban công tác Mặt trận các thôn", to_bring="Báo cáo của thôn"
    )
    listing = client.get(reverse("congresses:conferences")).content.decode()
    upcoming, held = listing.split("Đã tổ chức</h2>")
    assert coming.title in upcoming and "Hội nghị sơ kết đã họp" in held
    assert coming.title not in held
    home = client.get("/").content.decode()
    recent = home.split("Hội nghị gần đây")[1] if "Hội nghị gần đây" in home else ""
    assert coming.title not in recent
    assert coming.title in home  # the home page's next events
    page = client.get(coming.get_absolute_url()).content.decode()
    assert "Sắp tổ chức" in page
    assert "Trưởng ban công tác Mặt trận các thôn" in page and "Báo cáo của thôn" in page


def test_the_committees_page_puts_an_announced_meeting_above_its_held_ones(client, commune):
    committee = services.commune_committee(commune)
    conference(committee, kind=Conference.Kind.MID_YEAR, title="Hội nghị sơ kết đã họp", day=D(2026, 7, 8))
    coming = _announce(committee)
    page = client.get(commune.get_absolute_url()).content.decode()
    upcoming, held = page.split("Hội nghị, đại hội</h2>")
    assert coming.title in upcoming and coming.title not in held
    assert "Hội nghị sơ kết đã họp" in held


def test_a_meeting_announced_for_a_morning_shows_the_part_of_the_day(client, commune):
    committee = services.commune_committee(commune)
    coming = _announce(committee, days=10, part_of_day=Conference.PartOfDay.MORNING)
    coming.refresh_from_db()
    day = today() + datetime.timedelta(days=10)
    assert timezone.localtime(coming.starts_at).time() == datetime.time(7, 30)
    assert coming.when == f"sáng {day:%d/%m/%Y}"
    page = client.get(coming.get_absolute_url()).content.decode()
    assert f"Sáng {day:%d/%m/%Y}" in page and "07h30" not in page
    week = client.get(f"/lich-cong-tac/?tuan={day:%Y-%m-%d}").content.decode()
    assert coming.title in week and "07h30" not in week.split(coming.title)[0][-400:]


def test_a_meeting_that_has_already_happened_cannot_be_announced(commune):
    committee = services.commune_committee(commune)
    with pytest.raises(ValidationError) as error:
        _announce(committee, days=-2)
    assert "đã qua" in str(error.value)
    assert not Conference.objects.exists()


def test_an_announced_meeting_is_recorded_as_held_with_its_figures(commune):
    committee = services.commune_committee(commune)
    coming = _announce(committee, days=1)
    # The day comes: announced while still ahead, the meeting began a few minutes ago (whatever
    # the hour this test runs at).
    Conference.objects.filter(pk=coming.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    coming.refresh_from_db()
    event_services.record_held(coming, attendees_count=85, summary="Đã triển khai kế hoạch.")
    coming.refresh_from_db()
    assert not coming.is_announced and coming.attendees_count == 85
    with pytest.raises(ValidationError) as error:
        event_services.record_held(coming)
    assert "đã được ghi nhận" in str(error.value)


def test_a_meeting_cannot_be_recorded_as_held_before_its_day(commune):
    committee = services.commune_committee(commune)
    coming = _announce(committee, days=3)
    with pytest.raises(ValidationError) as error:
        event_services.record_held(coming, attendees_count=10)
    assert "chưa diễn ra" in str(error.value)
    coming.refresh_from_db()
    assert coming.is_announced and coming.attendees_count is None


def test_announced_meetings_count_neither_in_the_plan_nor_in_the_report(commune):
    committee = services.commune_committee(commune)
    year = today().year
    conference(committee, kind=Conference.Kind.MID_YEAR, day=today() - datetime.timedelta(days=1))
    _announce(committee, days=1)
    plan = ActivityPlan.objects.create(
        commune=commune, title="Kế hoạch", starts_on=D(year, 1, 1), ends_on=D(year, 12, 31)
    )
    line = PlannedActivity.objects.create(plan=plan, kind=PlannedActivity.Kind.CONFERENCE, planned_count=4)
    assert line.result(on=D(year, 12, 31)).held == 1
    content = build_content(commune, D(year, 1, 1), D(year, 12, 31))
    assert content.figures["conferences"] == 1


def test_staff_adding_a_future_meeting_in_the_admin_announce_it_and_mark_it_held_later(
    client, commune, staff
):
    committee = services.commune_committee(commune)
    _login(client, staff)
    day = today() + datetime.timedelta(days=6)
    response = client.post(
        reverse("admin:congresses_conference_add"),
        {
            "kind": "launch",
            "committee": committee.pk,
            "title": "Lễ ra mắt mô hình Khu dân cư an toàn",
            "starts_at_0": f"{day:%d/%m/%Y}",
            "starts_at_1": "14:00",
            "part_of_day": "chieu",
            "venue": "Nhà văn hóa thôn Đông",
            "organiser": "dang_uy",
            "organiser_name": "",
            "invited": "Nhân dân thôn Đông",
            "to_bring": "",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "consultation-TOTAL_FORMS": "0",
            "consultation-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    launch = Conference.objects.get()
    assert launch.is_announced and launch.when == f"chiều {day:%d/%m/%Y}"
    response = client.post(
        reverse("admin:congresses_conference_changelist"),
        {"action": "mark_held", "_selected_action": [launch.pk]},
        follow=True,
    )
    assert "chưa diễn ra" in response.content.decode()
    launch.refresh_from_db()
    assert launch.is_announced


# --- organisers ----------------------------------------------------------------------------------


def test_a_meeting_chaired_by_the_party_committee_names_the_front_as_co_organiser(client, commune):
    committee = services.commune_committee(commune)
    launch = conference(
        committee,
        kind=Conference.Kind.CAMPAIGN_LAUNCH,
        title="Lễ phát động Tháng cao điểm Vì người nghèo",
        day=D(2026, 10, 17),
        organiser=Conference.Organiser.PARTY,
    )
    page = client.get(launch.get_absolute_url()).content.decode()
    assert "Đảng ủy xã chủ trì, Ủy ban MTTQ xã phối hợp tổ chức" in page
    listing = client.get(reverse("congresses:conferences")).content.decode()
    assert "Đảng ủy xã chủ trì, Ủy ban MTTQ xã phối hợp tổ chức" in listing


def test_another_organiser_must_be_named(commune):
    committee = services.commune_committee(commune)
    with pytest.raises(ValidationError) as error:
        _announce(committee, organiser=Conference.Organiser.OTHER)
    assert "ghi tên cơ quan chủ trì" in str(error.value)


def test_delegates_present_cannot_exceed_those_convened(commune):
    committee = services.commune_committee(commune)
    congress = conference(committee, kind=Conference.Kind.CONGRESS, day=D(2024, 6, 20))
    congress.delegates_convened, congress.delegates_present = 100, 120
    with pytest.raises(ValidationError) as error:
        event_services.save_conference(congress)
    assert "không thể lớn hơn số đại biểu được triệu tập" in str(error.value)


def test_the_congress_page_shows_delegates_present_out_of_convened(client, commune):
    committee = services.commune_committee(commune)
    congress = conference(
        committee,
        kind=Conference.Kind.CONGRESS,
        day=D(2024, 6, 20),
        delegates_convened=120,
        delegates_present=117,
    )
    assert "117/120 đại biểu có mặt" in client.get(congress.get_absolute_url()).content.decode()


# --- coverage of a round -----------------------------------------------------------------------


def _round(commune, **extra):
    extra.setdefault("title", "Hội nghị nhiệm kỳ Ban công tác Mặt trận các thôn")
    return event_services.save_meeting_round(
        MeetingRound(
            commune=commune,
            conference_kind=Conference.Kind.TERM,
            starts_on=D(2024, 1, 1),
            ends_on=D(2024, 1, 31),
            is_published=True,
            **extra,
        )
    )


def test_the_coverage_is_computed_from_the_areas_meetings(client, commune, area_a, area_b):
    for area in (area_a, area_b):
        conference(services.committee_for_area(area), day=D(2024, 1, 7))
    meeting_round = _round(commune)
    covered = meeting_round.coverage()
    assert covered.sentence == (
        "2/2 thôn đã tổ chức Hội nghị nhiệm kỳ Ban công tác Mặt trận (tính đến ngày 31/01/2024)"
    )
    page = client.get(meeting_round.get_absolute_url()).content.decode()
    assert "2/2 thôn đã tổ chức" in page
    assert "2/2 thôn đã tổ chức" in client.get(reverse("congresses:conferences")).content.decode()


def test_an_area_without_a_meeting_is_named_and_counted_out(client, commune, area_a, area_b):
    conference(services.committee_for_area(area_a), day=D(2024, 1, 7))
    meeting_round = _round(commune)
    assert meeting_round.coverage().sentence.startswith("1/2 thôn đã tổ chức")
    page = client.get(meeting_round.get_absolute_url()).content.decode()
    assert "Thôn Tây" in page and "Chưa ghi nhận" in page


def test_the_reports_figure_is_shown_when_the_areas_are_not_all_recorded(client, commune, area_a, area_b):
    ResidentialArea.objects.create(commune=commune, name="Nam", position=3)
    conference(services.committee_for_area(area_a), day=D(2024, 1, 7))
    meeting_round = _round(commune, stated_held=3, stated_total=3, stated_on=D(2024, 1, 20))
    covered = meeting_round.coverage()
    assert covered.is_stated and covered.recorded == 1
    assert covered.sentence == (
        "3/3 thôn đã tổ chức Hội nghị nhiệm kỳ Ban công tác Mặt trận (tính đến ngày 20/01/2024, theo báo cáo)"
    )
    page = client.get(meeting_round.get_absolute_url()).content.decode()
    assert "theo báo cáo" in page


def test_a_stated_figure_needs_its_total_and_date(commune):
    with pytest.raises(ValidationError) as error:
        _round(commune, stated_held=3)
    assert "cả số khu dân cư đã tổ chức và tổng số" in str(error.value)
    assert not MeetingRound.objects.exists()


def test_the_period_report_writes_the_rounds_sentence(commune, area_a, area_b):
    for area in (area_a, area_b):
        conference(services.committee_for_area(area), day=D(2024, 1, 7))
    _round(commune)
    content = build_content(commune, D(2024, 1, 1), D(2024, 6, 30))
    assert content.figures["meeting_rounds"] == [
        "2/2 thôn đã tổ chức Hội nghị nhiệm kỳ Ban công tác Mặt trận (tính đến ngày 31/01/2024)"
    ]


def test_an_unpublished_round_is_not_public(client, commune):
    meeting_round = _round(commune)
    meeting_round.is_published = False
    event_services.save_meeting_round(meeting_round)
    assert client.get(meeting_round.get_absolute_url()).status_code == 404


def test_only_staff_and_the_chair_see_the_rounds_in_the_admin(client, commune, staff, chair, officer):
    meeting_round = _round(commune)
    url = reverse("admin:congresses_meetinground_change", args=[meeting_round.pk])
    assert _login(client, staff).get(url).status_code == 200
    client.logout()
    assert _login(client, chair).get(url).status_code == 200
    client.logout()
    assert _login(client, officer).get(url).status_code in (403, 404)


# --- counts before the names -------------------------------------------------------------------


def test_a_committee_of_eleven_is_shown_before_its_names_are_entered(client, area_a):
    committee = services.committee_for_area(area_a)
    now = today()
    committee.terms.create(
        start_date=now.replace(year=now.year - 1), end_date=now.replace(year=now.year + 1), stated_members=11
    )
    page = client.get(area_a.get_absolute_url()).content.decode()
    assert "Gồm 11 thành viên (danh sách chưa được đăng)" in page
    assert "Chưa có nhiệm kỳ đang hoạt động" not in page


def test_once_names_are_entered_the_count_is_theirs_and_the_stated_one_a_check(client, area_a):
    _committee, _past, current = running_village(area_a, size=4)
    current.stated_members = 5
    current.save()
    page = client.get(area_a.get_absolute_url()).content.decode()
    assert "Gồm 4 thành viên." in page
    assert "Quyết định ghi 5 thành viên." in page


def test_delegates_known_by_number_only_then_by_name(client, area_a):
    committee, _outgoing = village_committee(area_a)
    meeting = conference(committee, day=D(2024, 1, 7))
    consultation = services.propose_new_term(meeting, term_end=D(2026, 12, 31))
    consultation.stated_delegates = 6
    consultation.save()
    services.confirm_consultation(consultation)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "06 đại biểu dự Đại hội" in page and "danh sách chưa được đăng" in page
    Delegate.objects.create(consultation=consultation, person=person(area_a.commune, "Lê Thị Mai"))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "01 đại biểu dự Đại hội" in page and "Biên bản ghi 06 đại biểu." in page
    assert "Lê Thị Mai" in page


# --- defects -----------------------------------------------------------------------------------


def test_the_list_shows_the_number_of_sessions_without_an_attendee_count(client, commune):
    committee = services.commune_committee(commune)
    conference(committee, kind="voters", sessions_count=5, day=D(2025, 11, 14))
    listing = client.get(reverse("congresses:conferences")).content.decode()
    assert "5 cuộc" in listing
