"""Rate indicators: a share reported once a year (`87,5%`), for the commune and per hamlet,
never summed, shown with its year and compared with the target rate."""

import html
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.models import Indicator
from campaigns.rates import RateFigure
from campaigns.reports import summary_sentence


def page_text(client, campaign):
    response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def households(campaign, chair):
    indicator = Indicator.objects.create(
        campaign=campaign,
        name="Hộ gia đình đạt chuẩn văn hóa",
        unit=Indicator.Unit.RATE,
        report_phrase="Tỷ lệ hộ gia đình đạt chuẩn văn hóa",
    )
    services.set_target(
        indicator, by=chair, amount=None, shape="ty_le", percent=Decimal("90"), percent_of="số hộ"
    )
    return indicator


def test_a_years_rate_is_given_back_with_its_year_against_the_target(client, households, staff, area_a):
    services.record_rate(by=staff, indicator=households, year=2024, percent=Decimal("84"))
    services.record_rate(by=staff, indicator=households, year=2025, percent=Decimal("87.5"))
    services.record_rate(by=staff, indicator=households, year=2025, percent=Decimal("92"), area=area_a)
    sentence = summary_sentence(households)
    assert sentence == (
        "Tỷ lệ hộ gia đình đạt chuẩn văn hóa năm 2025 đạt 87,5%, chưa đạt chỉ tiêu 90% "
        "(còn thiếu 2,5%); năm 2024 là 84%"
    )
    text = page_text(client, households.campaign)
    assert "Năm 2025: đạt 87,5%" in text
    assert "Chỉ tiêu: 90%" in text
    assert "Chưa đạt chỉ tiêu" in text
    assert f"{area_a.full_name}: 92%" in text
    assert sentence in text
    # Rates are not summed: the two years are not 171,5%.
    assert "171,5" not in text


def test_a_met_rate_says_by_how_much(households, staff):
    services.record_rate(by=staff, indicator=households, year=2025, percent=Decimal("93.5"))
    assert summary_sentence(households).endswith("đạt 93,5%, vượt chỉ tiêu 3,5% (chỉ tiêu 90%)")


def test_restating_a_year_replaces_it_and_history_keeps_the_old(households, staff):
    services.record_rate(by=staff, indicator=households, year=2025, percent=Decimal("86"))
    rate = services.record_rate(by=staff, indicator=households, year=2025, percent=Decimal("87.5"))
    assert RateFigure.objects.count() == 1
    assert [h.percent for h in rate.history.all()] == [Decimal("87.5"), Decimal("86.0")]


def test_the_hamlets_officer_records_their_own_rate_not_the_others_nor_the_communes(
    households, officer_a, officer_b, area_a
):
    services.record_rate(by=officer_a, indicator=households, year=2025, percent=Decimal("91"), area=area_a)
    with pytest.raises(PermissionDenied):
        services.record_rate(
            by=officer_b, indicator=households, year=2025, percent=Decimal("50"), area=area_a
        )
    with pytest.raises(PermissionDenied):
        services.record_rate(by=officer_a, indicator=households, year=2025, percent=Decimal("91"))
    assert summary_sentence(households, area=area_a).startswith(
        "Thôn Đông: tỷ lệ hộ gia đình đạt chuẩn văn hóa năm 2025 đạt 91%"
    )


def test_a_rate_is_not_entered_as_a_contribution(households, officer_a, area_a, client):
    with pytest.raises(ValidationError) as error:
        services.record_contribution(
            by=officer_a, indicator=households, area=area_a, quantity=5, donor_name="Thôn Đông"
        )
    assert "mỗi năm một lần" in str(error.value)
    client.force_login(officer_a)
    assert "Hộ gia đình đạt chuẩn văn hóa" not in client.get("/nhap-lieu/").content.decode()


def test_a_rate_above_100_is_refused(households, staff):
    with pytest.raises(ValidationError):
        services.record_rate(by=staff, indicator=households, year=2025, percent=Decimal("112"))
    assert not RateFigure.objects.exists()


def test_staff_type_a_rate_with_a_comma_in_the_admin(client, households, staff):
    client.force_login(staff)
    response = client.post(
        reverse("admin:campaigns_ratefigure_add"),
        {"indicator": households.pk, "area": "", "year": "2025", "percent": "87,5", "note": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    rate = RateFigure.objects.get()
    assert (rate.percent, rate.entered_by) == (Decimal("87.5"), staff)


def test_an_officer_has_no_rate_admin(client, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("admin:campaigns_ratefigure_changelist")).status_code == 403
