"""Supervision and social review: recommendations followed up by dated entries, the admin as
staff and chair, the public pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congresses import activity_services as services
from congresses.models import FollowUp, Recommendation, Supervision

from .activity_fixtures import D
from .opinion_fixtures import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_recommendation_moves_by_dated_entries_and_keeps_each(recommendation):
    services.follow_up(recommendation, FollowUp.Kind.SENT, on=D(2026, 5, 20), body="UBND xã")
    services.follow_up(
        recommendation,
        FollowUp.Kind.ANSWERED,
        on=D(2026, 6, 2),
        body="UBND xã",
        note="Đang rà soát danh sách.",
    )
    services.follow_up(recommendation, FollowUp.Kind.NOT_DONE, on=D(2026, 7, 2))
    services.follow_up(recommendation, FollowUp.Kind.DONE, on=D(2026, 8, 15), note="Đã cấp 12 thẻ.")
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.DONE
    assert recommendation.status_on == D(2026, 8, 15)
    assert [step.kind for step in recommendation.follow_ups.all()] == ["sent", "answered", "not_done", "done"]


@pytest.mark.parametrize(
    "steps,kind,extra,message",
    [
        ([], FollowUp.Kind.ANSWERED, {"body": "UBND xã", "note": "x"}, "gửi kiến nghị trước"),
        ([], FollowUp.Kind.SENT, {}, "gửi đến cơ quan nào"),
        ([("sent", D(2026, 6, 1))], FollowUp.Kind.DONE, {"on": D(2026, 5, 30)}, "trước bước đã ghi"),
        ([("sent", D(2026, 6, 1))], FollowUp.Kind.ANSWERED, {"body": "UBND xã"}, "nội dung trả lời"),
        (
            [("sent", D(2026, 6, 1)), ("done", D(2026, 6, 5))],
            FollowUp.Kind.NOT_DONE,
            {},
            "đã được thực hiện xong",
        ),
        ([], FollowUp.Kind.SENT, {"body": "UBND xã", "on": D(2026, 5, 1)}, "trước ngày giám sát"),
        ([], FollowUp.Kind.SENT, {"body": "UBND xã", "on": D(2099, 1, 1)}, "chưa đến"),
    ],
)
def test_a_wrong_step_is_refused_with_a_vietnamese_message_and_changes_nothing(
    recommendation, steps, kind, extra, message
):
    for step_kind, day in steps:
        services.follow_up(recommendation, step_kind, on=day, body="UBND xã")
    before = recommendation.follow_ups.count()
    extra = {"on": D(2026, 6, 10), **extra}
    with pytest.raises(ValidationError, match=message):
        services.follow_up(recommendation, kind, **extra)
    assert recommendation.follow_ups.count() == before


def test_an_unfinished_recommendation_past_its_deadline_is_overdue(recommendation):
    services.follow_up(recommendation, FollowUp.Kind.SENT, on=D(2026, 5, 20), body="UBND xã")
    assert list(Recommendation.objects.overdue(on=D(2026, 7, 2))) == [recommendation]
    assert not Recommendation.objects.overdue(on=D(2026, 6, 30)).exists()


def test_a_social_review_needs_its_draft_and_writes_its_hedged_opinions(review, commune):
    assert review.title.startswith("Phản biện xã hội dự thảo Quy hoạch")
    assert str(review.opinions_figure) == "trên 10"
    with pytest.raises(ValidationError):
        services.save_supervision(
            Supervision(
                commune=commune,
                form=Supervision.Form.DRAFT_REVIEW,
                subject="x",
                body_supervised="UBND xã",
                starts_on=D(2026, 1, 1),
            )
        )


# --- admin -----------------------------------------------------------------------------------


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_staff_record_a_supervision_with_its_recommendation_in_the_admin(client, staff, commune):
    _login(client, staff)
    response = client.post(
        reverse("admin:congresses_supervision_add"),
        {
            "form": "chuyen_de",
            "basis": "124",
            "basis_note": "",
            "subject": "việc tu dưỡng, rèn luyện đạo đức của người đứng đầu",
            "draft_title": "",
            "body_supervised": "Đồng chí Chủ tịch UBND xã",
            "starts_on": "10/06/2026",
            "ends_on": "",
            "members": "",
            "findings": "",
            "opinions_figure": "",
            "recommendations-TOTAL_FORMS": "1",
            "recommendations-INITIAL_FORMS": "0",
            "recommendations-MIN_NUM_FORMS": "0",
            "recommendations-MAX_NUM_FORMS": "1000",
            "recommendations-0-text": "Công khai lịch tiếp công dân tại nhà văn hóa các thôn",
            "recommendations-0-responsible_body": "UBND xã",
            "recommendations-0-deadline": "30/09/2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Supervision.objects.get()
    assert created.commune == commune
    assert created.get_basis_display() == "Quy định 124-QĐ/TW"
    assert created.recommendations.get().deadline == D(2026, 9, 30)


def test_staff_follow_a_recommendation_up_from_its_change_page(client, staff, recommendation):
    _login(client, staff)
    url = reverse("admin:congresses_recommendation_change", args=[recommendation.pk])
    data = {
        "text": recommendation.text,
        "responsible_body": "UBND xã",
        "deadline": "01/07/2026",
        "step_kind": "sent",
        "step_on": "20/05/2026",
        "step_body": "UBND xã",
        "step_note": "",
        "follow_ups-TOTAL_FORMS": "0",
        "follow_ups-INITIAL_FORMS": "0",
        "follow_ups-MIN_NUM_FORMS": "0",
        "follow_ups-MAX_NUM_FORMS": "1000",
    }
    assert client.post(url, data).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.SENT
    page = client.get(url).content.decode()
    assert "Quá hạn: đã gửi, chờ trả lời (20/05/2026)" in page  # the deadline 01/07 has passed
    # An answer without its text is refused with a message and leaves the state as it was.
    response = client.post(url, {**data, "step_kind": "answered", "step_on": "25/05/2026"}, follow=True)
    assert "Hãy ghi cơ quan trả lời và nội dung trả lời." in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.SENT


def test_the_chair_reads_supervisions_but_cannot_change_them(client, chair, supervision, recommendation):
    _login(client, chair)
    url = reverse("admin:congresses_supervision_change", args=[supervision.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "UBND xã Hòa Phú" in page.content.decode()
    client.post(
        url, {"form": "chuyen_de", "subject": "Đổi", "body_supervised": "x", "starts_on": "01/01/2026"}
    )
    supervision.refresh_from_db()
    assert supervision.subject.startswith("việc thực hiện")


def test_a_hamlet_officer_sees_no_supervision(client, officer, supervision):
    _login(client, officer)
    assert client.get(reverse("admin:congresses_supervision_changelist")).status_code == 403
    assert client.get(reverse("admin:congresses_supervision_change", args=[supervision.pk])).status_code in (
        403,
        404,
    )


def test_the_overdue_count_is_shown_above_the_recommendations(client, staff, recommendation):
    services.follow_up(recommendation, FollowUp.Kind.SENT, on=D(2026, 5, 20), body="UBND xã")
    Recommendation.objects.filter(pk=recommendation.pk).update(deadline=datetime.date(2026, 6, 1))
    _login(client, staff)
    page = client.get(reverse("admin:congresses_recommendation_changelist")).content.decode()
    assert "1 kiến nghị quá hạn, chưa thực hiện xong." in page


# --- public pages ----------------------------------------------------------------------------


def test_the_public_page_shows_findings_recommendations_and_their_follow_up(
    client, supervision, recommendation
):
    services.follow_up(recommendation, FollowUp.Kind.SENT, on=D(2026, 5, 20), body="UBND xã")
    services.follow_up(recommendation, FollowUp.Kind.DONE, on=D(2026, 8, 15), note="Đã cấp 12 thẻ.")
    listing = client.get(reverse("congresses:supervisions")).content.decode()
    assert "Giám sát chuyên đề: việc thực hiện chính sách bảo hiểm y tế" in listing
    page = client.get(supervision.get_absolute_url()).content.decode()
    assert "Cấp thẻ đúng đối tượng" in page
    assert "Cấp đủ thẻ bảo hiểm y tế cho 12 hộ cận nghèo thôn Tây" in page
    assert "Đã thực hiện" in page and "Đã cấp 12 thẻ." in page and "15/08/2026" in page


def test_an_unpublished_supervision_is_not_public(client, supervision):
    Supervision.objects.filter(pk=supervision.pk).update(is_published=False)
    assert client.get(supervision.get_absolute_url()).status_code == 404
    assert supervision.title not in client.get(reverse("congresses:supervisions")).content.decode()


def test_a_social_review_page_counts_its_comments(client, review):
    page = client.get(review.get_absolute_url()).content.decode()
    assert "trên 10 lượt ý kiến" in page
