"""In Chromium at phone width, an officer types amounts the Vietnamese way and the public
total moves by exactly what they meant: the trap of `type="number"` (750.000 read as 750)
is closed in the browser, not only in a test client POST.

Named to run after tests/e2e/test_congresses_admin.py (see test_officer_campaign_entry.py).
"""

import datetime
import os
import re

import pytest
from django.contrib.auth import get_user_model

from campaigns.models import AreaOfficer, Campaign, Contribution, Indicator, Target
from congresses.models import Commune, ResidentialArea
from lib.roles import HAMLET_OFFICER, role_groups

PASSWORD = "ThonDong@2026"


@pytest.fixture
def fund_of_dong():
    commune = Commune.objects.create(name="Hòa Phú")
    dong = ResidentialArea.objects.create(commune=commune, name="Đông", position=1)
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
    return fund


def _enter(page, base, fund, amount, donor):
    page.goto(f"{base}/quan-tri/campaigns/contribution/add/")
    page.select_option("#id_indicator", label=str(fund))
    page.select_option("#id_area", label="Thôn Đông")
    page.fill("#id_amount", amount)
    page.fill("#id_donor_name", donor)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_officer_types_amounts_with_dots_and_words_on_a_phone(live_server, page, fund_of_dong):
    fund = fund_of_dong
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/quan-tri/login/")
    page.fill("#id_username", "bct.dong")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    assert page.goto(f"{live_server.url}/quan-tri/campaigns/contribution/add/").ok
    assert page.get_attribute("#id_amount", "type") == "text"
    _enter(page, live_server.url, fund, "1.500.000", "Bà Nguyễn Thị Hoa")
    _enter(page, live_server.url, fund, "2,5 triệu", "Ông Trần Văn Bình")

    assert Contribution.objects.get(donor_name="Bà Nguyễn Thị Hoa").amount == 1_500_000
    entry = Contribution.objects.get(donor_name="Ông Trần Văn Bình")
    assert entry.amount == 2_500_000
    page.goto(f"{live_server.url}/quan-tri/campaigns/contribution/{entry.pk}/change/")
    assert page.input_value("#id_amount") == "2.500.000"
    if os.environ.get("SHOTS"):
        page.screenshot(path=os.path.join(os.environ["SHOTS"], "money-change-360.png"), full_page=True)

    page.goto(f"{live_server.url}{fund.campaign.get_absolute_url()}")
    assert page.get_by_text(re.compile(r"12\.000\.000 / 21\.000\.000 đ")).first.is_visible()
