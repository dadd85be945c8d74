"""A reader who sees poorly: larger text and high contrast, kept from page to page; and a citizen
answering the poll in a browser with JavaScript switched off."""

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_text_size_and_contrast_are_kept_across_pages(page, live_server, commune):
    page.goto(f"{live_server.url}/")
    tools = page.locator("#cong-cu-doc")
    assert tools.is_visible()
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_role("button", name="A+ (chữ to hơn)").click()
    page.get_by_role("button", name="Tương phản cao").click()
    assert page.get_by_role("button", name="Tương phản cao").get_attribute("aria-pressed") == "true"
    page.goto(f"{live_server.url}/tin-tuc/")
    larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger > base * 1.1
    assert page.evaluate("document.documentElement.classList.contains('high-contrast')")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.get_by_role("button", name="A (cỡ chữ thường)").click()
    page.get_by_role("button", name="Tương phản cao").click()
    page.reload()
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == base
    assert not page.evaluate("document.documentElement.classList.contains('high-contrast')")
    assert page.console_errors == []


def test_without_javascript_the_tools_stay_hidden_and_the_poll_still_takes_an_answer(
    chromium_browser, live_server, commune
):
    from news.polls import Ballot, Poll, PollOption

    poll = Poll.objects.create(commune=commune, question="Bạn quan tâm mục gì nhất trên trang?",
                               opens_at=timezone.now() - timezone.timedelta(hours=1))  # fmt: skip
    PollOption.objects.create(poll=poll, text="Cuộc vận động", position=1)
    PollOption.objects.create(poll=poll, text="Thông báo", position=2)
    context = chromium_browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    tab = context.new_page()
    try:
        tab.goto(f"{live_server.url}/")
        assert not tab.locator("#cong-cu-doc").is_visible()
        tab.get_by_role("link", name="Trả lời khảo sát").click()
        tab.get_by_label("Thông báo").check()
        tab.get_by_role("button", name="Gửi ý kiến").click()
        assert "Cảm ơn bạn đã trả lời khảo sát." in tab.content()
        assert Ballot.objects.get().option.text == "Thông báo"
        tab.goto(f"{live_server.url}{poll.get_absolute_url()}")
        assert tab.locator("input[name=phuong_an]").count() == 0
    finally:
        context.close()
