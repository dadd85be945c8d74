"""The chair splits a commune target across hamlets in the grid, on a phone and on a desk:
the sum follows the typing (the server reads each amount), then one save stores every row."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from campaigns.models import Campaign, Indicator, Target
from congresses.models import Commune, ResidentialArea
from lib.roles import CHAIR, role_groups

PASSWORD = "ChuTich@2026"


@pytest.fixture
def fund():
    commune = Commune.objects.create(name="Hòa Phú")
    for position, name in enumerate(["Đông", "Tây", "Trung"], start=1):
        ResidentialArea.objects.create(commune=commune, name=name, position=position)
    campaign = Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo”",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2025, 1, 1),
    )
    indicator = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
    Target.objects.create(indicator=indicator, amount=21_000_000)
    chair = get_user_model().objects.create_user("chutich", password=PASSWORD, is_staff=True)
    chair.groups.add(role_groups()[CHAIR])
    return indicator


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280])
def test_chair_splits_the_target_in_one_grid(live_server, page, fund, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/quan-tri/login/")
    page.fill("#id_username", "chutich")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/quan-tri/campaigns/indicator/{fund.pk}/giao-chi-tieu/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing off-screen

    page.get_by_label("Thôn Đông").fill("7 triệu")
    page.get_by_label("Thôn Tây").fill("6.500.000")
    page.get_by_label("Thôn Trung").fill("4,5 triệu")
    summary = page.locator(".targets-summary")
    summary.get_by_text("Tổng các khu còn thiếu 3.000.000 đ so với chỉ tiêu của xã.").wait_for()
    assert page.locator('[data-echo-for^="khu_"]').first.inner_text() == "= 7.000.000 đ"

    page.get_by_label("Thôn Trung").fill("7,5 triệu")
    summary.get_by_text("Tổng các khu bằng đúng chỉ tiêu của xã.").wait_for()
    assert "21.000.000 đ" in summary.locator('[data-summary="total"]').inner_text()
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    page.get_by_text("Đã lưu 3 thay đổi chỉ tiêu").wait_for()
    shares = dict(fund.targets.filter(area__isnull=False).values_list("area__name", "amount"))
    assert shares == {"Đông": 7_000_000, "Tây": 6_500_000, "Trung": 7_500_000}
    assert page.console_errors == []
