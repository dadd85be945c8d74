"""The work calendar: staff enter the standing board's week in the admin; the public week
shows it with the commune's conferences and published voter meetings; the iCalendar feed
carries the same items and is valid RFC 5545."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from congresses import services
from congresses.models import Conference, FrontCommittee, VoterMeeting
from news import ical
from news.work_calendar import CalendarEntry, monday_of
from tests.conftest import PASSWORD


def _entry_form(**data):
    fields = {
        "day": timezone.localdate().strftime("%d/%m/%Y"),
        "part": CalendarEntry.Part.MORNING,
        "start_time": "",
        "title": "Giao ban Ban Thường trực",
        "host": "Chủ tịch Ủy ban MTTQ xã",
        "participants": "",
        "venue": "Phòng họp",
        "is_published": "on",
    }
    fields.update(data)
    return fields


def _add(client, **data):
    return client.post(reverse("admin:news_calendarentry_add"), _entry_form(**data))


def _entry(commune, day=None, **extra):
    extra.setdefault("title", "Giao ban đầu tuần")
    return CalendarEntry.objects.create(commune=commune, day=day or timezone.localdate(), **extra)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# --- the admin --------------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["staff", "editor"])
def test_staff_and_editors_add_an_entry_with_a_time_typed_the_vietnamese_way(client, commune, actor, request):
    user = request.getfixturevalue(actor)
    client.login(username=user.username, password=PASSWORD)
    response = _add(client, part=CalendarEntry.Part.AT_TIME, start_time="14h30", title="Họp bàn Ngày hội")
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = CalendarEntry.objects.get()
    assert entry.commune == commune
    assert entry.start_time == datetime.time(14, 30)


@pytest.mark.parametrize(
    "data,message",
    [
        ({"part": CalendarEntry.Part.AT_TIME, "start_time": ""}, "phải ghi giờ bắt đầu"),
        ({"start_time": "25h"}, "Giờ không hợp lệ"),
        ({"start_time": "bảy giờ"}, "Giờ không hợp lệ"),
        ({"part": CalendarEntry.Part.MORNING, "start_time": "14:00"}, "không thuộc buổi đã chọn"),
        ({"day": "31/02/2026"}, "hợp lệ"),
        ({"day": "01/01/1800"}, "Ngày không hợp lý"),
        ({"title": ""}, "bắt buộc"),
        ({"part": "toi"}, "lựa chọn hợp lệ"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_saves_nothing(client, commune, staff, data, message):
    client.login(username=staff.username, password=PASSWORD)
    response = _add(client, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarEntry.objects.exists()


def test_the_chair_reads_the_calendar_but_cannot_add_to_it(client, commune, chair):
    _entry(commune)
    client.login(username=chair.username, password=PASSWORD)
    assert client.get(reverse("admin:news_calendarentry_changelist")).status_code == 200
    assert _add(client).status_code == 403
    assert CalendarEntry.objects.count() == 1


def test_hamlet_officers_and_anonymous_visitors_cannot_add(client, commune, officer_a):
    response = _add(client)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.login(username=officer_a.username, password=PASSWORD)
    assert _add(client).status_code == 403
    assert not CalendarEntry.objects.exists()


def test_staff_copy_a_week_to_the_next(client, commune, staff):
    entry = _entry(commune, day=datetime.date(2026, 11, 30), title="Giao ban thứ Hai")
    client.login(username=staff.username, password=PASSWORD)
    response = client.post(
        reverse("admin:news_calendarentry_changelist"),
        {"action": "copy_to_next_week", "_selected_action": [entry.pk]},
    )
    assert response.status_code == 302
    days = sorted(CalendarEntry.objects.values_list("day", flat=True))
    assert days == [datetime.date(2026, 11, 30), datetime.date(2026, 12, 7)]


# --- the public week ----------------------------------------------------------------------------------


def test_the_week_shows_entries_conferences_and_published_voter_meetings(client, commune, area_a):
    monday = monday_of(timezone.localdate())
    _entry(
        commune,
        day=monday,
        part=CalendarEntry.Part.AFTERNOON,
        title="Làm việc với thôn Đông",
        host="Phó Chủ tịch",
    )
    _entry(commune, day=monday, title="Mục chưa công bố", is_published=False)
    committee = FrontCommittee.objects.create(commune=commune, level=FrontCommittee.Level.COMMUNE)
    Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác Mặt trận",
        starts_at=_at(monday + datetime.timedelta(days=2), 8),
        venue="Hội trường xã",
    )
    Conference.objects.create(
        committee=services.committee_for_area(area_a),
        kind=Conference.Kind.TERM,
        title="Hội nghị tuần sau",
        starts_at=_at(monday + datetime.timedelta(days=8), 8),
    )
    meeting = {
        "body": VoterMeeting.Body.COMMUNE_COUNCIL,
        "timing": VoterMeeting.Timing.BEFORE,
        "commune": commune,
    }
    VoterMeeting.objects.create(
        **meeting, session="kỳ họp thứ 5", starts_on=monday + datetime.timedelta(days=3),
        ends_on=monday + datetime.timedelta(days=4), is_published=True,
    )  # fmt: skip
    VoterMeeting.objects.create(**meeting, session="kỳ họp chưa đăng", starts_on=monday, is_published=False)
    text = client.get("/lich-cong-tac/").content.decode()
    assert "Làm việc với thôn Đông" in text and "Phó Chủ tịch" in text and "Chiều" in text
    assert "Hội nghị tổng kết công tác Mặt trận" in text and "08h00" in text and "Hội trường xã" in text
    assert text.count("Tiếp xúc cử tri trước kỳ họp thứ 5") == 2  # Thursday and Friday
    assert (
        "Mục chưa công bố" not in text and "kỳ họp chưa đăng" not in text and "Hội nghị tuần sau" not in text
    )


def test_a_days_items_come_all_day_then_morning_then_afternoon(client, commune):
    day = timezone.localdate()
    _entry(commune, day=day, part=CalendarEntry.Part.AFTERNOON, title="Việc buổi chiều")
    _entry(
        commune,
        day=day,
        part=CalendarEntry.Part.AT_TIME,
        start_time=datetime.time(9),
        title="Việc lúc chín giờ",
    )
    _entry(
        commune,
        day=day,
        part=CalendarEntry.Part.AT_TIME,
        start_time=datetime.time(7, 30),
        title="Việc lúc bảy rưỡi",
    )
    _entry(commune, day=day, part=CalendarEntry.Part.ALL_DAY, title="Việc cả ngày")
    text = client.get("/lich-cong-tac/").content.decode()
    order = [
        text.index(t) for t in ("Việc cả ngày", "Việc lúc bảy rưỡi", "Việc lúc chín giờ", "Việc buổi chiều")
    ]
    assert order == sorted(order)


def test_today_is_marked_and_the_week_links_to_its_neighbours(client, commune):
    today = timezone.localdate()
    monday = monday_of(today)
    text = client.get("/lich-cong-tac/").content.decode()
    assert 'aria-current="date"' in text and "Hôm nay" in text
    assert f'datetime="{today:%Y-%m-%d}"' in text
    assert f"?tuan={monday - datetime.timedelta(days=7):%Y-%m-%d}" in text
    assert f"?tuan={monday + datetime.timedelta(days=7):%Y-%m-%d}" in text
    other = client.get(
        f"/lich-cong-tac/?tuan={monday + datetime.timedelta(days=9):%Y-%m-%d}"
    ).content.decode()
    assert "Hôm nay" not in other and "Tuần này" in other
    assert f"{monday + datetime.timedelta(days=7):%d/%m/%Y}" in other


def test_the_week_page_needs_no_script(client, commune):
    text = client.get("/lich-cong-tac/").content.decode()
    main = text[text.index('<main id="noi-dung"') : text.index("</main>")]
    assert "<script" not in main


@pytest.mark.parametrize("value", ["abc", "2026-13-40", "1800-01-01", "9999-12-31", "' OR 1=1", "2026-02-30"])
def test_a_bad_week_gets_a_vietnamese_message_and_this_week(client, commune, value):
    _entry(commune, title="Việc tuần này")
    response = client.get("/lich-cong-tac/", {"tuan": value})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Ngày không hợp lệ" in text or "Lịch chỉ có từ năm 2000" in text
    assert "Việc tuần này" in text


# --- the iCalendar feed --------------------------------------------------------------------------------


def test_the_feed_is_valid_icalendar_with_every_kind_of_item(client, commune):
    today = timezone.localdate()
    _entry(commune, day=today, part=CalendarEntry.Part.AT_TIME, start_time=datetime.time(7, 30),
           title="Giao ban, họp; bàn việc", venue="Phòng họp số 1, trụ sở xã")  # fmt: skip
    _entry(commune, day=today, part=CalendarEntry.Part.MORNING, title="Làm việc với thôn " + "Đông " * 30)
    committee = FrontCommittee.objects.create(commune=commune, level=FrontCommittee.Level.COMMUNE)
    Conference.objects.create(committee=committee, kind=Conference.Kind.COMMITTEE, starts_at=_at(today, 14))
    response = client.get("/lich-cong-tac.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends with CRLF
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long title is folded
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    assert all(event.get("UID") and event.get("DTSTAMP") for event in events)
    assert len({str(event["UID"]) for event in events}) == 3
    by_summary = {str(event["SUMMARY"]): event for event in events}
    first = by_summary["Giao ban, họp; bàn việc"]
    assert first.decoded("DTSTART") == _at(today, 7, 30)
    assert str(first["LOCATION"]) == "Phòng họp số 1, trụ sở xã"
    assert b"SUMMARY:Giao ban\\, h\xe1\xbb\x8dp\\; b\xc3\xa0n vi\xe1\xbb\x87c" in raw
    morning = next(event for summary, event in by_summary.items() if summary.startswith("Sáng: Làm việc"))
    assert morning.decoded("DTSTART") == today
    assert "Đông " * 30 in str(morning["SUMMARY"])  # folding kept every character


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "Hội nghị Ban công tác Mặt trận thôn Đông " * 5
    parts = ical.fold(line)
    assert all(len(part.encode()) <= 75 for part in parts)
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == line


@pytest.mark.parametrize(
    "text,escaped",
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("dòng 1\ndòng 2", "dòng 1\\ndòng 2"),
        ("a\r\nb", "a\\nb"),
    ],
)
def test_text_values_are_escaped(text, escaped):
    assert ical.escape_text(text) == escaped


def test_an_empty_calendar_is_still_a_valid_file(client, commune):
    raw = client.get("/lich-cong-tac.ics").content
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar.walk("VEVENT") == [] and str(calendar["VERSION"]) == "2.0"
