"""A hamlet officer enters a contribution with a receipt photo; the public page shows the new total."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from PIL import Image

from campaigns.models import AreaOfficer, Campaign, Contribution, Indicator, Target
from congresses.models import Commune, ResidentialArea
from lib.roles import HAMLET_OFFICER, role_groups

PASSWORD = "ThonDong@2026"


@pytest.fixture
def officer_and_fund():
    commune = Commune.objects.create(name="Hòa Phú")
    dong = ResidentialArea.objects.create(commune=commune, name="Đông", position=1)
    ResidentialArea.objects.create(commune=commune, name="Tây", position=2)
    campaign = Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo”",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2025, 1, 1),
    )
    fund = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
    Target.objects.create(indicator=fund, amount=21_000_000)
    Contribution.objects.create(indicator=fund, area=dong, amount=8_000_000, donor_name="Hộ ông Lê Văn Tám")
    officer = get_user_model().objects.create_user("bct.dong", password=PASSWORD, is_staff=True)
    officer.groups.add(role_groups()[HAMLET_OFFICER])
    AreaOfficer.objects.create(user=officer, area=dong)
    return officer, fund


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_officer_enters_a_contribution_with_a_receipt_and_the_public_page_shows_it(
    live_server, page, admin_login, officer_and_fund, tmp_path
):
    officer, fund = officer_and_fund
    receipt = tmp_path / "bien-nhan.jpg"
    Image.new("RGB", (640, 480), (240, 235, 220)).save(receipt, "JPEG")

    admin_login("bct.dong", PASSWORD)
    page.goto(f"{live_server.url}/quan-tri/campaigns/contribution/add/")
    area_options = page.locator("#id_area option").all_inner_texts()
    assert "Thôn Tây" not in area_options
    page.select_option("#id_indicator", label=str(fund))
    page.select_option("#id_area", label="Thôn Đông")
    page.fill("#id_amount", "500000")
    page.fill("#id_donor_name", "Bà Nguyễn Thị Hoa")
    page.set_input_files("#id_receipt", str(receipt))
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    entry = Contribution.objects.get(donor_name="Bà Nguyễn Thị Hoa")
    assert entry.entered_by == officer
    assert entry.receipt.name.startswith("bien-nhan/") and entry.receipt.name.endswith(".jpg")
    assert "bien-nhan.jpg" not in entry.receipt.name.split("/")[-1]

    # The admin pages declare no icon, so Chromium asks for /favicon.ico (404): not this app's page.
    page.console_errors.clear()
    page.goto(f"{live_server.url}{fund.campaign.get_absolute_url()}")
    assert page.get_by_text(re.compile(r"8\.500\.000 / 21\.000\.000 đ")).first.is_visible()
    assert "đạt 40%" in page.content()
    assert "Bà Nguyễn Thị Hoa" in page.content()
    assert page.console_errors == []
