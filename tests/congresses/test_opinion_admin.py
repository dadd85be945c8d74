"""The opinions back office as commune staff, the chair and a hamlet officer use it."""

import datetime

from django.urls import reverse
from django.utils import timezone

from congresses.models import Opinion, VoterMeeting

from .opinion_fixtures import PASSWORD, answered, raised

CHANGELIST = reverse("admin:congresses_opinion_changelist")


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _change(opinion):
    return reverse("admin:congresses_opinion_change", args=[opinion.pk])


def _steps(opinion, **steps):
    data = {
        "field": opinion.field,
        "area": opinion.area_id or "",
        "summary": opinion.summary,
        "due_on": opinion.due_on.isoformat() if opinion.due_on else "",
        "forward_to": "",
        "forward_on": "",
        "answer_text": "",
        "answer_from": "",
        "answer_on": "",
    }
    data.update(steps)
    return data


def test_staff_forward_answer_and_publish_through_the_change_form(client, staff, commune, meeting):
    opinion = raised(commune, meeting)
    _login(client, staff)
    client.post(_change(opinion), _steps(opinion, forward_to="UBND xã", forward_on="2026-11-20"))
    opinion.refresh_from_db()
    assert (opinion.status, opinion.forwarded_to) == (Opinion.Status.FORWARDED, "UBND xã")
    response = client.post(
        _change(opinion),
        _steps(
            opinion,
            forward_to="UBND xã",
            answer_text="Đã giao Ban quản lý dự án khảo sát.",
            answer_from="UBND xã",
            answer_on="2026-11-28",
            publish="on",
        ),
        follow=True,
    )
    assert response.status_code == 200
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.ANSWERED
    assert opinion.is_public and opinion.answer == "Đã giao Ban quản lý dự án khảo sát."
    assert opinion.answered_on == datetime.date(2026, 11, 28)


def test_publishing_without_an_answer_is_refused_on_the_form(client, staff, commune, meeting):
    opinion = raised(commune, meeting)
    _login(client, staff)
    response = client.post(_change(opinion), _steps(opinion, publish="on"))
    assert "Chỉ công khai ý kiến đã có trả lời." in response.content.decode()
    opinion.refresh_from_db()
    assert not opinion.is_public


def test_staff_add_an_opinion_and_it_gets_a_code(client, staff, commune, meeting, area_a):
    _login(client, staff)
    response = client.post(
        reverse("admin:congresses_opinion_add"),
        {
            "source": "voter_meeting",
            "voter_meeting": meeting.pk,
            "conference": "",
            "field": "dat_dai",
            "area": area_a.pk,
            "summary": "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho 12 hộ.",
            "raised_on": "2026-11-12",
            "due_on": "",
            "citizen_name": "",
            "citizen_phone": "",
        },
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.reference_code.startswith("YK-")
    assert opinion.received_by == staff
    assert opinion.due_on == datetime.date(2026, 12, 12)


def test_the_committee_sees_what_is_overdue(client, chair, commune, meeting):
    late = raised(commune, meeting, text="Kênh mương nội đồng bị bồi lắng")
    Opinion.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=3))
    answered(raised(commune, meeting, text="Đã trả lời xong"))
    _login(client, chair)
    page = client.get(CHANGELIST).content.decode()
    assert "1 ý kiến quá hạn trả lời." in page
    overdue = client.get(CHANGELIST, {"han": "qua-han"}).content.decode()
    assert "Kênh mương nội đồng" in overdue
    assert "Đã trả lời xong" not in overdue
    assert "Quá hạn trả lời" in overdue


def test_the_chair_reads_opinions_but_cannot_change_them(client, chair, commune, meeting):
    opinion = raised(commune, meeting)
    _login(client, chair)
    assert client.get(_change(opinion)).status_code == 200
    response = client.post(_change(opinion), _steps(opinion, forward_to="UBND xã"))
    assert response.status_code == 403
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.RECEIVED


def test_a_hamlet_officer_sees_no_opinion_at_all(client, officer, commune, meeting, area_a):
    opinion = raised(commune, meeting, area=area_a)
    _login(client, officer)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(_change(opinion)).status_code in (403, 404)
    assert client.get(reverse("admin:congresses_votermeeting_changelist")).status_code == 403


def test_staff_merge_a_duplicate_into_the_kept_opinion(client, staff, commune, meeting):
    kept = raised(commune, meeting)
    twin = raised(commune, meeting, text="Đường liên thôn nhiều ổ gà")
    _login(client, staff)
    response = client.post(
        CHANGELIST,
        {"action": "merge_selected", "_selected_action": [twin.pk], "keep_code": kept.reference_code.lower()},
        follow=True,
    )
    assert f"Đã gộp 1 ý kiến vào {kept.reference_code}." in response.content.decode()
    twin.refresh_from_db()
    assert twin.duplicate_of == kept


def test_staff_record_a_voter_meeting_with_a_hedged_attendance(client, staff, commune, area_a):
    _login(client, staff)
    response = client.post(
        reverse("admin:congresses_votermeeting_add"),
        {
            "body": "quoc_hoi",
            "timing": "after",
            "session": "kỳ họp thứ 10, Quốc hội khóa XV",
            "voting_area": "",
            "areas": [area_a.pk],
            "starts_on": "2026-12-02",
            "ends_on": "2026-12-04",
            "venue": "Nhà văn hóa thôn Đông",
            "deputies": "",
            "attendees_figure": "trên 2.288",
            "speakers_count": "1.020",
            "summary": "",
            "is_published": "on",
            "opinions-TOTAL_FORMS": "0",
            "opinions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = VoterMeeting.objects.get()
    assert (meeting.attendees, meeting.attendees_qualifier, meeting.speakers_count) == (2288, "tren", 1020)
    assert str(meeting.attendees_figure) == "trên 2.288"
    assert meeting.commune == commune
