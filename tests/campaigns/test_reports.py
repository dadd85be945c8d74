"""Report sentences and percentages as the seed articles write them."""

import datetime

import pytest

from campaigns.models import Indicator, Target
from campaigns.reports import summary_sentence
from lib.vietnamese import percent

from .factories import give


@pytest.mark.parametrize(
    ("achieved", "target", "expected"),
    [
        (8_000_000, 21_000_000, 38),  # 38,095…% → 38
        (54, 44, 123),  # 122,7…% → 123, honest beyond 100%
        (72_925_000, 45_295_000, 161),
        (9, 17, 53),  # 52,94…% → 53
        (1, 8, 13),  # exactly 12,5% → half up to 13
        (5, 200, 3),  # exactly 2,5% → 3, never banker's rounding
        (21_000_000, 21_000_000, 100),
        (0, 21_000_000, 0),
    ],
)
def test_percentages_round_half_up_from_integers(achieved, target, expected):
    assert percent(achieved, target) == expected


def test_the_money_sentence_reads_like_the_seed_article(fund, area_a):
    give(fund, area_a, 8_000_000)
    assert (
        summary_sentence(fund)
        == "Vận động Quỹ “Vì người nghèo” được 8.000.000/21.000.000 đồng, đạt 38% kế hoạch"
    )


def test_over_one_hundred_percent_is_said_as_it_is(blood, area_a):
    give(blood, area_a, quantity=30)
    give(blood, area_a, quantity=24, date=datetime.date(2025, 6, 1))
    assert summary_sentence(blood) == (
        "Vận động hiến máu tình nguyện được 54/44 đơn vị máu, đạt 123% chỉ tiêu tỉnh giao"
    )


def test_the_district_target_is_called_kh_huyen_giao(campaign, area_a):
    fund = Indicator.objects.create(campaign=campaign, name="Quỹ vì biển, đảo Việt Nam")
    Target.objects.create(indicator=fund, amount=45_295_000, assigned_by=Target.AssignedBy.DISTRICT)
    give(fund, area_a, 72_925_000)
    assert (
        summary_sentence(fund)
        == "Quỹ vì biển, đảo Việt Nam được 72.925.000/45.295.000 đồng, đạt 161% KH huyện giao"
    )


def test_gifts_with_a_value_mention_the_value(campaign, area_a):
    gifts = Indicator.objects.create(
        campaign=campaign,
        name="Quà Tết",
        unit=Indicator.Unit.COUNT,
        unit_label="phần quà",
        report_phrase="Vận động quà Tết",
    )
    give(gifts, area_a, amount=214_000_000, quantity=607)
    assert summary_sentence(gifts) == "Vận động quà Tết được 607 phần quà, trị giá 214.000.000 đồng"


def test_a_period_and_an_area_narrow_the_sentence(fund, area_a, area_b):
    Target.objects.create(indicator=fund, area=area_a, amount=4_000_000)
    give(fund, area_a, 1_000_000, date=datetime.date(2025, 1, 15))
    give(fund, area_a, 2_000_000, date=datetime.date(2025, 2, 15))
    give(fund, area_b, 5_000_000, date=datetime.date(2025, 2, 20))
    sentence = summary_sentence(
        fund, start=datetime.date(2025, 2, 1), end=datetime.date(2025, 2, 28), area=area_a
    )
    assert sentence == (
        "Từ ngày 01/02/2025 đến ngày 28/02/2025, thôn Đông: vận động Quỹ “Vì người nghèo” "
        "được 2.000.000/4.000.000 đồng, đạt 50% kế hoạch"
    )
    assert summary_sentence(fund, end=datetime.date(2025, 1, 31)).startswith(
        "Tính đến ngày 31/01/2025, vận động"
    )


def test_reversals_are_counted_in_the_sentence(fund, area_a):
    wrong = give(fund, area_a, 8_000_000)
    give(fund, area_a, -8_000_000, reverses=wrong)
    give(fund, area_a, 800_000)
    assert "được 800.000/21.000.000 đồng, đạt 4% kế hoạch" in summary_sentence(fund)
