"""Funds: separate balances in one campaign, the opening balance carried over, money from and to
the upper level — in the balance, never in what the commune raised."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import services
from campaigns.funds import FundTransfer, fund_balance
from campaigns.models import Disbursement, Indicator
from campaigns.reports import summary_sentence
from tests.conftest import PASSWORD

from .factories import give

Kind = FundTransfer.Kind
DAY = datetime.date(2025, 3, 10)


@pytest.fixture
def relief(campaign):
    """A second fund in the same campaign: Quỹ cứu trợ."""
    return Indicator.objects.create(campaign=campaign, name="Quỹ cứu trợ", position=5)


def _move(by, fund, kind, amount, counterpart="Ban vận động Quỹ “Vì người nghèo” tỉnh", date=DAY):
    return services.record_fund_transfer(
        by=by, fund=fund, kind=kind, amount=amount, counterpart=counterpart, date=date
    )


def _pay(by, campaign, amount, fund=None, **fields):
    fields.setdefault("purpose", "Hỗ trợ hộ nghèo sửa nhà")
    return services.record_disbursement(
        by=by, campaign=campaign, indicator=fund, amount=amount, date=DAY, **fields
    )


def test_upper_level_money_and_opening_balance_are_in_the_balance_not_in_raised(client, staff, fund, area_a):
    give(fund, area_a, 8_000_000)
    services.record_opening_balance(
        by=staff, fund=fund, amount="3.000.000", source="Số dư Quỹ năm 2024 chuyển sang", date=DAY
    )
    _move(staff, fund, Kind.FROM_UPPER, 5_000_000)
    _pay(staff, fund.campaign, 4_000_000)
    _move(staff, fund, Kind.TO_UPPER, 2_000_000)

    assert fund_balance(fund) == 8_000_000 + 3_000_000 + 5_000_000 - 4_000_000 - 2_000_000
    assert fund.campaign.fund_balance() == 10_000_000
    # What the commune raised (the sentence, the progress against the target) is its own 8 million.
    assert "được 8.000.000/21.000.000 đồng, đạt 38%" in summary_sentence(fund)
    page = client.get(reverse("campaigns:detail", args=[fund.campaign.slug])).content.decode()
    assert "8.000.000 / 21.000.000 đ" in page and "đạt 38%" in page
    assert "Số dư đầu kỳ chuyển sang" in page and "3.000.000 đ" in page
    assert "Tiếp nhận từ Quỹ cấp trên" in page and "5.000.000 đ" in page
    assert "Chuyển Quỹ cấp trên" in page and "2.000.000 đ" in page
    assert "Mười triệu đồng" in page  # the balance, in words


def test_two_funds_in_one_campaign_keep_separate_balances(client, staff, fund, relief, area_a):
    give(fund, area_a, 8_000_000)
    give(relief, area_a, 1_000_000)
    _pay(staff, fund.campaign, 500_000, fund=relief, purpose="Cứu trợ hộ bị sập nhà do bão")
    _pay(staff, fund.campaign, 3_000_000)  # no fund named: the main fund's

    assert fund_balance(fund) == 5_000_000
    assert fund_balance(relief) == 500_000
    with pytest.raises(ValidationError) as refused:
        _pay(staff, fund.campaign, 600_000, fund=relief)  # the main fund has the money, relief has not
    assert "Số dư của quỹ hiện còn 500.000 đ" in str(refused.value)
    assert Disbursement.objects.count() == 2
    page = client.get(reverse("campaigns:detail", args=[fund.campaign.slug])).content.decode()
    assert "Số dư từng quỹ" in page
    assert "Quỹ cứu trợ" in page and "500.000 đ" in page


def test_a_payout_naming_no_fund_is_written_as_the_main_funds(staff, fund, relief, area_a):
    give(fund, area_a, 1_000_000)
    payout = _pay(staff, fund.campaign, 200_000)
    payout.refresh_from_db()
    assert payout.indicator == fund


def test_a_payout_from_another_campaigns_fund_is_refused(staff, fund, area_a, commune):
    from campaigns.models import Campaign

    other = Campaign.objects.create(commune=commune, name="Khác", start_date=datetime.date(2025, 1, 1))
    give(fund, area_a, 1_000_000)
    with pytest.raises(ValidationError) as refused:
        _pay(staff, other, 100_000, fund=fund, funding_source="Tạm ứng")
    assert "Hãy chọn một quỹ" in str(refused.value)


def test_passing_up_more_than_the_balance_is_refused_and_changes_nothing(staff, fund, area_a):
    give(fund, area_a, 1_000_000)
    with pytest.raises(ValidationError) as refused:
        _move(staff, fund, Kind.TO_UPPER, 1_500_000)
    assert "Số dư của quỹ hiện còn 1.000.000 đ, không chuyển được 1.500.000 đ" in str(refused.value)
    assert not FundTransfer.objects.exists()


def test_a_fund_has_one_opening_balance_corrected_by_a_reversal(staff, fund):
    first = services.record_opening_balance(
        by=staff, fund=fund, amount=3_000_000, source="Năm 2024", date=DAY
    )
    with pytest.raises(ValidationError) as refused:
        services.record_opening_balance(by=staff, fund=fund, amount=3_500_000, source="Năm 2024", date=DAY)
    assert "đã có số dư đầu kỳ" in str(refused.value)
    reversal = services.reverse_entry(first, by=staff, reason="Gõ nhầm số dư")
    assert reversal.amount == -3_000_000 and reversal.kind == Kind.OPENING
    services.record_opening_balance(by=staff, fund=fund, amount=3_500_000, source="Năm 2024", date=DAY)
    first.refresh_from_db()
    assert first.amount == 3_000_000  # the money was never edited
    assert fund_balance(fund) == 3_500_000
    assert FundTransfer.objects.count() == 3


def test_a_count_indicator_is_no_fund(staff, blood):
    with pytest.raises(ValidationError) as refused:
        _move(staff, blood, Kind.FROM_UPPER, 1_000_000)
    assert "không phải một quỹ" in str(refused.value)


def test_a_hamlet_officer_cannot_record_a_transfer(officer_a, fund):
    with pytest.raises(PermissionDenied):
        _move(officer_a, fund, Kind.FROM_UPPER, 1_000_000)
    assert not FundTransfer.objects.exists()


def test_a_transfer_in_a_locked_period_is_refused(staff, chair, fund, area_a):
    give(fund, area_a, 2_000_000)
    services.lock_period(fund.campaign, until=datetime.date(2025, 6, 30), by=chair)
    with pytest.raises(ValidationError) as refused:
        _move(staff, fund, Kind.FROM_UPPER, 1_000_000)
    assert "đã khóa sổ" in str(refused.value)


def test_the_admin_reads_money_as_officers_type_it(client, chair, fund):
    client.login(username=chair.username, password=PASSWORD)
    response = client.post(
        reverse("admin:campaigns_fundtransfer_add"),
        {
            "indicator": fund.pk,
            "kind": Kind.FROM_UPPER,
            "date": "10/03/2025",
            "amount": "1,2 tỷ",
            "counterpart": "Ủy ban MTTQ tỉnh",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = FundTransfer.objects.get()
    assert entry.amount == 1_200_000_000 and entry.entered_by == chair


def test_the_admin_refuses_750_point_000_read_as_750(client, chair, fund):
    client.login(username=chair.username, password=PASSWORD)
    client.post(
        reverse("admin:campaigns_fundtransfer_add"),
        {
            "indicator": fund.pk,
            "kind": Kind.OPENING,
            "date": "10/03/2025",
            "amount": "750.000",
            "counterpart": "x",
        },
    )
    assert FundTransfer.objects.get().amount == 750_000
