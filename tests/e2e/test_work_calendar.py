"""Commune staff put an item on the week from a phone; a citizen reads the week at 360 px, with
and without JavaScript."""

import os
from pathlib import Path

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", "shots"))


def test_staff_add_an_item_from_a_phone_and_the_week_shows_it(page, live_server, staff, commune, admin_login):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 360, "height": 800})
    admin_login(staff.username, PASSWORD)
    page.goto(f"{live_server.url}/quan-tri/news/calendarentry/add/")
    page.fill("#id_day", timezone.localdate().strftime("%d/%m/%Y"))
    page.select_option("#id_part", "gio")
    page.fill("#id_start_time", "7h30")
    page.fill("#id_title", "Giao ban Ban Thường trực đầu tuần")
    page.fill("#id_venue", "Phòng họp Ủy ban MTTQ xã")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/lich-cong-tac/")
    today = page.locator(".week-day.is-today")
    assert "Giao ban Ban Thường trực đầu tuần" in today.inner_text()
    assert "07h30" in today.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "e2e-phone-calendar.png"), full_page=True)
    assert page.console_errors == []


def test_the_week_works_without_javascript(chromium_browser, live_server, commune):
    context = chromium_browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    tab = context.new_page()
    tab.goto(f"{live_server.url}/lich-cong-tac/")
    tab.get_by_role("link", name="Tuần sau →").click()
    tab.wait_for_url("**/lich-cong-tac/?tuan=*")
    assert tab.get_by_role("link", name="Tuần này").is_visible()
    assert tab.locator(".week-day").count() == 7
    context.close()
