"""A hamlet officer on a 360 px phone enters an in-kind gift with several quantities typed the
Vietnamese way (`1.250 m² đất`, `2,5 tấn xi măng`); the public page says them back."""

import pytest

from campaigns.models import Contribution, Indicator
from tests.e2e.test_officer_phone import PASSWORD, PHONE, fund_with_officer, phone  # noqa: F401


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_officer_on_a_phone_enters_an_in_kind_gift(
    live_server,
    phone,  # noqa: F811
    fund_with_officer,  # noqa: F811
):
    roads = Indicator.objects.create(
        campaign=fund_with_officer.campaign,
        name="Hiến đất làm đường",
        unit=Indicator.Unit.COUNT,
        unit_label="hộ",
        position=5,
    )
    phone.goto(f"{live_server.url}/quan-tri/")
    phone.fill("#id_username", "bct.dong")
    phone.fill("#id_password", PASSWORD)
    phone.tap("input[type=submit]")
    phone.wait_for_url(f"{live_server.url}/nhap-lieu/")

    phone.tap(f"label:has(input[name=indicator][value='{roads.pk}'])")
    phone.tap("#id_figure")
    phone.keyboard.type("1")
    phone.tap("#id_in_kind")
    phone.keyboard.type("1.250 m² đất")
    phone.keyboard.press("Enter")
    phone.keyboard.type("2,5 tấn xi măng")
    phone.tap("#id_donor_name")
    phone.keyboard.type("Gia đình ông Lê Văn Tám")
    phone.tap("button.btn-lg[type=submit]")
    phone.wait_for_selector(".alert-success")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    entry = Contribution.objects.get(indicator=roads)
    assert [str(item) for item in entry.in_kind_items.all()] == ["1.250 m² đất", "2,5 tấn xi măng"]

    phone.goto(f"{live_server.url}{roads.campaign.get_absolute_url()}")
    assert "Hiện vật: 1.250 m² đất, 2,5 tấn xi măng" in phone.locator(".campaign-in-kind").first.inner_text()
    assert "hiến 1.250 m² đất, 2,5 tấn xi măng" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.console_errors == []
