"""Polls as a citizen answers them (a plain form, CSRF checked, no JavaScript) and as staff run them."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news import poll_views
from news.polls import Ballot, Poll, PollOption

BROWSER = "Mozilla/5.0 (Linux; Android 12) Chrome/120 Mobile"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_poll(commune):
    def make(
        question="Bạn quan tâm mục gì nhất trên trang?", options=("Cuộc vận động", "Thông báo"), **fields
    ):
        fields.setdefault("opens_at", timezone.now() - timedelta(days=1))
        poll = Poll.objects.create(commune=commune, question=question, **fields)
        for position, text in enumerate(options):
            PollOption.objects.create(poll=poll, text=text, position=position)
        return poll

    return make


@pytest.fixture
def browser(db):
    """A citizen's browser: the CSRF check is enforced, as on the real site."""
    return Client(enforce_csrf_checks=True, HTTP_USER_AGENT=BROWSER)


def answer(client, poll, option=None, **extra):
    page = client.get(poll.get_absolute_url(), **extra)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    data = {"csrfmiddlewaretoken": token.group(1) if token else client.cookies["csrftoken"].value}
    if option is not None:
        data["phuong_an"] = option.pk if hasattr(option, "pk") else option
    return client.post(poll.get_absolute_url(), data, **extra)


def test_a_citizen_answers_with_a_plain_form_and_is_thanked(browser, make_poll):
    poll = make_poll(results=Poll.Results.AFTER_ANSWER)
    page = browser.get(poll.get_absolute_url())
    assert 'type="radio" name="phuong_an"' in page.content.decode()
    assert "Kết quả" not in page.content.decode()  # the counts come after the answer
    response = answer(browser, poll, poll.options.get(text="Thông báo"))
    assert response.status_code == 302
    assert Ballot.objects.get().option.text == "Thông báo"
    after = browser.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã trả lời khảo sát." in after
    assert "1 (100%)" in after
    assert 'name="phuong_an"' not in after


def test_a_vote_without_the_csrf_token_is_refused_and_not_counted(db, make_poll):
    poll = make_poll()
    client = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=BROWSER)
    response = client.post(poll.get_absolute_url(), {"phuong_an": poll.options.first().pk})
    assert response.status_code == 403
    assert Ballot.objects.count() == 0


def test_a_second_answer_from_the_same_browser_is_refused_in_vietnamese(browser, make_poll):
    poll = make_poll()
    answer(browser, poll, poll.options.first())
    response = answer(browser, poll, poll.options.last())
    assert response.status_code == 409
    assert "Trình duyệt này đã trả lời khảo sát này rồi" in response.content.decode()
    assert Ballot.objects.count() == 1


def test_no_option_chosen_gets_a_message_and_counts_nothing(browser, make_poll):
    poll = make_poll()
    response = answer(browser, poll)
    assert response.status_code == 400
    assert "Bạn chưa chọn phương án nào" in response.content.decode()
    assert Ballot.objects.count() == 0
    # The form is still there to try again.
    assert 'name="phuong_an"' in response.content.decode()


@pytest.mark.parametrize("option", ["abc", "99999999999999999999", "-1", ""])
def test_an_option_that_is_no_option_of_the_poll_counts_nothing(browser, make_poll, option):
    poll = make_poll()
    response = answer(browser, poll, option)
    assert response.status_code == 400
    assert Ballot.objects.count() == 0


def test_an_option_of_another_poll_counts_nothing(browser, make_poll):
    poll, other = make_poll(), make_poll(question="Câu hỏi khác", options=("Có", "Không"))
    response = answer(browser, poll, other.options.first())
    assert response.status_code == 400
    assert Ballot.objects.count() == 0


def test_a_closed_poll_takes_no_answer_and_says_so(browser, make_poll, clock):
    poll = make_poll(closes_at=timezone.now() + timedelta(hours=1))
    page = browser.get(poll.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    clock.move(hours=2)
    response = browser.post(
        poll.get_absolute_url(), {"csrfmiddlewaretoken": token, "phuong_an": poll.options.first().pk}
    )
    assert response.status_code == 400
    assert "Khảo sát này đã kết thúc, không nhận thêm câu trả lời." in response.content.decode()
    assert Ballot.objects.count() == 0
    assert 'name="phuong_an"' not in browser.get(poll.get_absolute_url()).content.decode()


def test_a_forged_cookie_does_not_stop_nor_count_an_answer(browser, make_poll):
    poll = make_poll()
    browser.cookies[poll_views.COOKIE] = str(poll.pk)  # unsigned: someone typed it
    response = answer(browser, poll, poll.options.first())
    assert response.status_code == 302
    assert Ballot.objects.count() == 1


def test_one_address_clearing_its_cookie_is_stopped_after_the_days_limit(browser, make_poll, monkeypatch):
    monkeypatch.setattr(poll_views, "ANSWERS_PER_ADDRESS", 3)
    poll = make_poll()
    for _ in range(3):
        assert answer(browser, poll, poll.options.first()).status_code == 302
        browser.cookies.pop(poll_views.COOKIE)
    response = answer(browser, poll, poll.options.first())
    assert response.status_code == 429
    assert "Hôm nay mạng của bạn đã gửi nhiều câu trả lời" in response.content.decode()
    assert Ballot.objects.count() == 3
    # Another address is not held back by this one.
    assert answer(browser, poll, poll.options.first(), REMOTE_ADDR="10.1.2.3").status_code == 302


def test_the_server_keeps_no_address_of_whoever_answered(browser, make_poll):
    poll = make_poll()
    answer(browser, poll, poll.options.first(), REMOTE_ADDR="203.0.113.77")
    keys = " ".join(str(key) for key in cache._cache)
    values = " ".join(str(value) for value in cache._cache.values())
    assert "203.0.113.77" not in keys + values
    assert "203.0.113.77" not in str(list(Ballot.objects.values()))


@pytest.mark.parametrize(
    "results,shown_before,shown_after",
    [
        (Poll.Results.ALWAYS, True, True),
        (Poll.Results.AFTER_ANSWER, False, True),
        (Poll.Results.AFTER_CLOSE, False, False),
        (Poll.Results.STAFF, False, False),
    ],
)
def test_the_counts_show_as_staff_chose(browser, make_poll, results, shown_before, shown_after):
    poll = make_poll(results=results)
    assert ("lượt trả lời" in browser.get(poll.get_absolute_url()).content.decode()) is shown_before
    answer(browser, poll, poll.options.first())
    assert ("lượt trả lời" in browser.get(poll.get_absolute_url()).content.decode()) is shown_after


def test_a_poll_not_yet_open_or_unpublished_is_not_found(client, make_poll):
    later = make_poll(question="Sắp mở", opens_at=timezone.now() + timedelta(days=1))
    hidden = make_poll(question="Ẩn", is_published=False)
    assert client.get(later.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Sắp mở" not in client.get(reverse("news:polls")).content.decode()


def test_the_poll_page_is_never_kept_by_the_page_cache(settings, browser, make_poll):
    settings.PAGE_CACHE_SECONDS = 60
    poll = make_poll()
    first = browser.get(poll.get_absolute_url())
    assert "X-Page-Cache" not in first
    assert "no-store" in first["Cache-Control"] or "private" in first["Cache-Control"]
    answer(browser, poll, poll.options.first())
    # Another reader still gets a form, not the page of the one who answered.
    other = Client(HTTP_USER_AGENT=BROWSER)
    assert 'name="phuong_an"' in other.get(poll.get_absolute_url()).content.decode()


def test_the_home_page_shows_the_running_poll_and_links_to_its_form(client, make_poll):
    poll = make_poll(results=Poll.Results.STAFF)
    Ballot.objects.create(poll=poll, option=poll.options.first())
    home = client.get("/").content.decode()
    assert poll.question in home
    assert poll.get_absolute_url() in home
    assert "lượt trả lời" not in home  # staff-only counts stay off the home page
    assert "csrfmiddlewaretoken" not in home  # the home page stays cacheable


def test_an_editor_makes_a_poll_in_the_admin_for_their_commune(editor_client, commune):
    url = reverse("admin:news_poll_add")
    data = {
        "question": "Giờ nào thuận tiện để họp thôn?",
        "description": "",
        "opens_at_0": "01/12/2026",
        "opens_at_1": "07:00",
        "closes_at_0": "",
        "closes_at_1": "",
        "results": Poll.Results.AFTER_ANSWER,
        "is_published": "on",
        "options-TOTAL_FORMS": "3",
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        "options-0-text": "Buổi sáng",
        "options-0-position": "1",
        "options-1-text": "Buổi tối",
        "options-1-position": "2",
        "options-2-text": "",
        "options-2-position": "0",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    poll = Poll.objects.get()
    assert poll.commune == commune
    assert list(poll.options.values_list("text", flat=True)) == ["Buổi sáng", "Buổi tối"]


def test_a_poll_with_one_option_is_refused_in_the_admin(editor_client, commune):
    data = {
        "question": "Một phương án thôi?",
        "opens_at_0": "01/12/2026",
        "opens_at_1": "07:00",
        "results": Poll.Results.ALWAYS,
        "options-TOTAL_FORMS": "1",
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        "options-0-text": "Có",
        "options-0-position": "1",
    }
    response = editor_client.post(reverse("admin:news_poll_add"), data)
    assert response.status_code == 200
    assert "Khảo sát cần ít nhất 2 phương án trả lời." in response.content.decode()
    assert not Poll.objects.exists()


def test_staff_see_the_counts_in_the_admin_whatever_the_public_sees(editor_client, make_poll):
    poll = make_poll(results=Poll.Results.STAFF)
    Ballot.objects.create(poll=poll, option=poll.options.first())
    page = editor_client.get(reverse("admin:news_poll_change", args=[poll.pk])).content.decode()
    assert "1 (100%)" in page
