"""A hamlet officer on a 360 px phone enters a blood-drive result with its people typed the
Vietnamese way (`1.250` registered); staff type a yearly rate with a comma (`87,5`) in the
admin. The public page says both back in the reports' words."""

import pytest
from django.contrib.auth import get_user_model

from campaigns.models import Contribution, Indicator
from campaigns.rates import RateFigure
from lib.roles import COMMUNE_STAFF, role_groups
from tests.e2e.test_officer_phone import PASSWORD, PHONE, fund_with_officer, phone  # noqa: F401


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_officer_on_a_phone_enters_people_beside_units(
    live_server,
    phone,  # noqa: F811
    fund_with_officer,  # noqa: F811
):
    blood = Indicator.objects.get(name="Hiến máu tình nguyện")
    blood.people_verb, blood.counts_registered = "hiến", True
    blood.save()
    phone.goto(f"{live_server.url}/quan-tri/")
    phone.fill("#id_username", "bct.dong")
    phone.fill("#id_password", PASSWORD)
    phone.tap("input[type=submit]")
    phone.wait_for_url(f"{live_server.url}/nhap-lieu/")

    phone.tap(f"label:has(input[name=indicator][value='{blood.pk}'])")
    phone.tap("#id_figure")
    phone.keyboard.type("98")
    phone.tap("#id_registered")
    phone.keyboard.type("1.250")
    phone.tap("#id_participants")
    phone.keyboard.type("98")
    phone.tap("#id_donor_name")
    phone.keyboard.type("Đoàn Thanh niên thôn Đông")
    phone.tap("button.btn-lg[type=submit]")
    phone.wait_for_selector(".alert-success")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    entry = Contribution.objects.get(indicator=blood)
    assert (entry.quantity, entry.registered, entry.participants) == (98, 1250, 98)

    phone.goto(f"{live_server.url}{blood.campaign.get_absolute_url()}")
    assert "1.250 người đăng ký, 98 người hiến" in phone.locator(".campaign-people").first.inner_text()
    assert "có 1.250 người đăng ký, 98 người hiến 98 đơn vị máu" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.console_errors == []


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_staff_type_a_yearly_rate_with_a_comma(live_server, page, admin_login, fund_with_officer):  # noqa: F811
    campaign = fund_with_officer.campaign
    rate = Indicator.objects.create(
        campaign=campaign, name="Hộ đạt chuẩn văn hóa", unit=Indicator.Unit.RATE, position=3
    )
    staff = get_user_model().objects.create_user("canbo", password=PASSWORD, is_staff=True)
    staff.groups.add(role_groups()[COMMUNE_STAFF])
    admin_login("canbo", PASSWORD)
    page.goto(f"{live_server.url}/quan-tri/campaigns/ratefigure/add/")
    page.select_option("#id_indicator", str(rate.pk))
    page.fill("#id_year", "2025")
    page.fill("#id_percent", "87,5")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert RateFigure.objects.get().percent == 87.5
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    assert "Năm 2025: đạt 87,5%" in page.locator(".campaign-big-figure").last.inner_text()
    assert page.console_errors == []
