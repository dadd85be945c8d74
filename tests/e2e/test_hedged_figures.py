"""A hamlet officer on a 360 px phone enters a hedged amount (`trên 2,5 triệu`) the way the
report writes it; the public page and its report sentence carry the word."""

import re

import pytest

from campaigns.models import Contribution
from tests.e2e.test_officer_phone import PASSWORD, PHONE, fund_with_officer, phone  # noqa: F401


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_officer_on_a_phone_enters_a_hedged_amount_and_the_page_keeps_the_word(
    live_server,
    phone,  # noqa: F811
    fund_with_officer,  # noqa: F811
):
    fund = fund_with_officer
    phone.goto(f"{live_server.url}/quan-tri/")
    phone.fill("#id_username", "bct.dong")
    phone.fill("#id_password", PASSWORD)
    phone.tap("input[type=submit]")
    phone.wait_for_url(f"{live_server.url}/nhap-lieu/")

    phone.tap(f"label:has(input[name=indicator][value='{fund.pk}'])")
    phone.tap("#id_figure")
    phone.keyboard.type("trên 2,5 triệu")
    phone.tap("#id_donor_name")
    phone.keyboard.type("Các hộ kinh doanh chợ Đông")
    phone.tap("button.btn-lg[type=submit]")
    phone.wait_for_selector(".alert-success")
    assert "Đã lưu trên 2.500.000 đ" in phone.locator(".alert-success").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    entry = Contribution.objects.get(donor_name="Các hộ kinh doanh chợ Đông")
    assert (entry.amount, entry.amount_qualifier) == (2_500_000, "tren")

    phone.goto(f"{live_server.url}{fund.campaign.get_absolute_url()}")
    figure = phone.locator(".campaign-big-figure").first.inner_text()
    # 8.000.000 exact + trên 2.500.000 = trên 10.500.000: the floor rounds the percentage down.
    assert re.search(r"trên 10\.500\.000 / 21\.000\.000 đ\s+— đạt trên 50%", figure), figure
    assert "được trên 10.500.000/21.000.000 đồng, đạt trên 50% kế hoạch" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.console_errors == []
