"""The chair signs in and lands on the dashboard, on a desktop and on a 360 px phone: the
sections are there, the page does not run off the screen, and an item leads to its fix."""

import os
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.dashboard.conftest import (  # noqa: F401
    coming_conference,
    everything,
    fund_campaign,
    last_years_fund,
    late_opinion,
    late_recommendation,
    notices,
    posts,
    wrong_figure,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", "shots"))


@pytest.fixture
def fund(fund_campaign):  # noqa: F811
    return fund_campaign.indicators.get()


@pytest.mark.parametrize("width", [1280, 360])
def test_the_chair_lands_on_the_dashboard(page, admin_login, live_server, chair, everything, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    admin_login(chair.username, PASSWORD)
    assert page.url.endswith("/quan-tri/")
    board = page.locator(".mttq-board")
    assert board.is_visible()
    for heading in (
        "Các cuộc vận động đang diễn ra",
        "Khu dân cư chậm so với cả xã",
        "Kết quả chờ xác nhận",
        "Số liệu được nêu không khớp với sổ",
        "Ý kiến, kiến nghị quá hạn trả lời",
        "Kiến nghị sau giám sát quá hạn",
    ):
        assert board.get_by_role("heading", name=heading).is_visible(), heading
    assert board.locator(".mttq-indicator-figure", has_text="10.000.000 / 21.000.000 đ").is_visible()
    assert page.get_by_role("img", name="10.000.000 / 21.000.000 đ — đạt 48%").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"e2e-dashboard-chair-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.console_errors == []

    page.get_by_role("link", name=everything["opinion"].reference_code, exact=False).click()
    page.wait_for_url(f"**/congresses/opinion/{everything['opinion'].pk}/change/")
    assert "Đường bê tông thôn Đông" in page.content()
