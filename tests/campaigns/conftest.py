"""A small campaign for the campaigns tests. The actors (officer_a, officer_b, staff, chair)
are in tests/conftest.py."""

import datetime

import pytest

from campaigns.models import Campaign, Indicator, Target

# The actors live in tests/conftest.py; re-exported for test folders that import them from here.
from tests.conftest import chair, groups, officer_a, officer_b, staff  # noqa: F401


@pytest.fixture
def campaign(commune):
    return Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo” năm 2025",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2025, 1, 1),
    )


@pytest.fixture
def fund(campaign):
    """The money indicator: Quỹ “Vì người nghèo”, with a commune target of 21.000.000 đ."""
    indicator = Indicator.objects.create(
        campaign=campaign, name="Quỹ “Vì người nghèo”", report_phrase="Vận động Quỹ “Vì người nghèo”"
    )
    Target.objects.create(indicator=indicator, amount=21_000_000)
    return indicator


@pytest.fixture
def blood(campaign):
    indicator = Indicator.objects.create(
        campaign=campaign,
        name="Hiến máu tình nguyện",
        unit=Indicator.Unit.COUNT,
        unit_label="đơn vị máu",
        report_phrase="Vận động hiến máu tình nguyện",
        position=2,
    )
    Target.objects.create(indicator=indicator, amount=44, assigned_by=Target.AssignedBy.PROVINCE)
    return indicator
