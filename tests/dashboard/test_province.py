"""The province's first page: its communes with links, and those behind in a province campaign."""

import datetime
import re

import pytest
from django.utils import timezone

from campaigns import province_services, services
from campaigns.models import Campaign, Indicator, ProvinceCampaign, ProvinceIndicator
from congresses.models import Commune, Province, ResidentialArea, StaffProfile
from lib.roles import PROVINCE_STAFF
from tests.conftest import make_staff_user

PROVINCE_HOST = "tinh.example.vn"


@pytest.fixture
def province_setup(db, settings, groups):
    settings.ALLOWED_HOSTS = [".example.vn"]
    province = Province.objects.create(name="Quảng Nam", host=PROVINCE_HOST)
    ahead = Commune.objects.create(name="Hòa Phú", host="hoaphu.example.vn", province=province)
    behind = Commune.objects.create(name="Hòa An", host="hoaan.example.vn", province=province)
    staff = make_staff_user("canbo.tinh", groups[PROVINCE_STAFF])
    StaffProfile.objects.create(user=staff, province=province)
    campaign = ProvinceCampaign(
        province=province,
        name="Quỹ “Vì người nghèo” của tỉnh",
        kind=Campaign.Kind.FUND,
        status=Campaign.Status.ACTIVE,
        start_date=timezone.localdate() - datetime.timedelta(days=30),
    )
    fund = ProvinceIndicator(name="Quỹ “Vì người nghèo”", target=200_000_000)
    province_services.save_province_campaign(campaign, by=staff, indicators=[fund])
    province_services.set_commune_shares(fund, by=staff, shares={ahead: 100_000_000, behind: 100_000_000})
    for commune, amount in ((ahead, 90_000_000), (behind, 10_000_000)):
        area = ResidentialArea.objects.create(commune=commune, name="Đông")
        services.record_contribution(
            by=staff,
            indicator=Indicator.objects.get(province_indicator=fund, campaign__commune=commune),
            area=area,
            amount=amount,
            donor_name="Gia đình ông Nguyễn Văn An",
        )
    return staff, ahead, behind


@pytest.mark.django_db
def test_province_staff_see_their_communes_and_who_is_behind(client, province_setup):
    staff, ahead, behind = province_setup
    client.force_login(staff)
    page = client.get("/quan-tri/", HTTP_HOST=PROVINCE_HOST).content.decode()
    board = re.search(r'<section class="mttq-board".*?</section>', page, re.S).group(0)
    assert "Tỉnh Quảng Nam" in board
    assert "Xã Hòa Phú" in board and "Xã Hòa An" in board
    assert "Xã Hòa An — Quỹ “Vì người nghèo”" in board
    assert "đạt 10% phần được giao (toàn tỉnh 50%)" in board
    assert "Xã Hòa Phú — Quỹ" not in board
    for url in set(re.findall(r'href="([^"]+)"', board.replace("&amp;", "&"))):
        assert client.get(url, HTTP_HOST=PROVINCE_HOST).status_code == 200, url
