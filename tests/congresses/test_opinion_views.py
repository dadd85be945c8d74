"""The public side of voters' opinions, as a citizen on the site sees it."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from congresses.models import Opinion, VoterMeeting

from .opinion_fixtures import answered, raised

SEND = "/y-kien/gui/"
LOOKUP = "/y-kien/tra-cuu/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _send(client, area=None, **extra):
    data = {"name": "", "phone": "", "area": area.pk if area else "", "field": "moi_truong"}
    data["text"] = "Bãi rác tạm ở cuối thôn bốc mùi, xin chuyển đi nơi khác."
    data.update(extra)
    return client.post(SEND, data, follow=True)


def test_a_citizen_sends_an_opinion_without_an_account_and_gets_its_code(client, commune, area_a):
    response = _send(client, area_a, name="Một người dân", phone="0912 345 678")
    opinion = Opinion.objects.get()
    assert response.status_code == 200
    assert opinion.reference_code in response.content.decode()
    assert "Cảm ơn bạn đã gửi ý kiến" in response.content.decode()
    assert (opinion.source, opinion.area, opinion.field) == (Opinion.Source.WEBSITE, area_a, "moi_truong")
    assert opinion.citizen_phone == "0912 345 678"
    assert not opinion.is_public


def test_sending_needs_the_csrf_token(commune):
    client = Client(enforce_csrf_checks=True)
    response = client.post(SEND, {"field": "khac", "text": "Một ý kiến đủ dài để gửi đi."})
    assert response.status_code == 403
    assert not Opinion.objects.exists()


def test_the_sixth_opinion_in_an_hour_from_one_address_is_refused_in_vietnamese(client, commune):
    for _i in range(5):
        _send(client)
    response = client.post(SEND, {"field": "khac", "text": "Ý kiến thứ sáu trong một giờ."})
    assert response.status_code == 429
    assert "thử lại sau" in response.content.decode()
    assert Opinion.objects.count() == 5
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _send(other).status_code == 200
    assert Opinion.objects.count() == 6


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ngắn", "ít nhất"),
        ("x" * 2001, "dài quá"),
    ],
)
def test_bad_text_is_refused_with_a_message_and_nothing_is_stored(client, commune, text, message):
    response = client.post(SEND, {"field": "khac", "text": text})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Opinion.objects.exists()


def test_nul_and_control_characters_are_dropped_from_the_text(client, commune):
    _send(
        client,
        name="Người\x00 dân",
        text="Đèn đường\x00\x07 thôn Đông\u200b hỏng\x1b đã lâu.\r\n\r\n\r\n\r\nXin sửa.",
    )
    opinion = Opinion.objects.get()
    assert opinion.summary == "Đèn đường thôn Đông hỏng đã lâu.\n\nXin sửa."
    assert opinion.citizen_name == "Người dân"


def test_a_filled_trap_field_stores_nothing(client, commune):
    _send(client, website="http://spam.example")
    assert not Opinion.objects.exists()


def test_the_code_shows_the_status_and_no_answer_until_it_is_published(client, commune, meeting):
    opinion = answered(raised(commune, meeting), public=False)
    page = client.get(LOOKUP, {"ma": opinion.reference_code.lower()}).content.decode()
    assert "Đã có trả lời" in page
    assert "kế hoạch sửa chữa" not in page
    from congresses import services

    services.publish_opinion(opinion)
    page = client.get(LOOKUP, {"ma": opinion.reference_code}).content.decode()
    assert "Đã đưa vào kế hoạch sửa chữa năm 2027." in page
    assert "Trả lời của UBND xã" in page


@pytest.mark.parametrize("typed", ["YK-2222-22", "abc", "' OR 1=1 --", "YK-" + "Z" * 40])
def test_a_wrong_code_gets_a_polite_not_found(client, commune, meeting, typed):
    raised(commune, meeting)
    response = client.get(LOOKUP, {"ma": typed})
    assert response.status_code == 200
    assert "Không tìm thấy ý kiến với mã này" in response.content.decode()


def test_the_meeting_page_lists_only_published_answers_by_field(client, commune, meeting, area_a):
    road = answered(raised(commune, meeting, area=area_a))
    answered(raised(commune, meeting, field=Opinion.Field.HEALTH, text="Trạm y tế thiếu thuốc"))
    raised(commune, meeting, text="Chưa trả lời: không được hiện")
    answered(raised(commune, meeting, text="Đã trả lời nhưng chưa công khai"), public=False)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "trên 300 lượt người" in page
    assert "18 lượt cử tri phát biểu" in page
    assert page.index("Giao thông") < page.index("Y tế")
    assert road.summary in page and "Trạm y tế thiếu thuốc" in page
    assert "không được hiện" not in page and "chưa công khai" not in page
    assert road.citizen_name == "" or road.citizen_name not in page


def test_an_unpublished_meeting_is_not_found(client, commune, meeting):
    VoterMeeting.objects.filter(pk=meeting.pk).update(is_published=False)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert meeting.title not in client.get(reverse("congresses:voter_meetings")).content.decode()


def test_the_sitemap_lists_published_meetings_only(client, commune, meeting):
    hidden = VoterMeeting.objects.create(
        commune=commune, body="quoc_hoi", timing="after", session="kỳ họp thứ 9", starts_on=meeting.starts_on
    )
    body = client.get("/sitemap.xml").content.decode()
    assert meeting.get_absolute_url() in body
    assert hidden.get_absolute_url() not in body


def test_public_pages_run_a_fixed_number_of_queries(
    client, commune, meeting, area_a, django_assert_num_queries
):
    for _i in range(6):
        answered(raised(commune, meeting, area=area_a))
    opinion = Opinion.objects.first()
    client.get(meeting.get_absolute_url())  # warm the session and the site context
    # meeting, its hamlets, its public opinions, the menu's categories (the commune is the site's)
    with django_assert_num_queries(4):
        assert client.get(meeting.get_absolute_url()).status_code == 200
    with django_assert_num_queries(3):  # count, page, categories (the commune is the site's)
        assert client.get(reverse("congresses:voter_meetings")).status_code == 200
    with django_assert_num_queries(2):  # one query fewer: the commune is the site's
        assert client.get(LOOKUP, {"ma": opinion.reference_code}).status_code == 200
    with django_assert_num_queries(2):  # categories, hamlets (the commune is the site's)
        assert client.get(SEND).status_code == 200
