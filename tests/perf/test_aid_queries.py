"""The houses and gifts on a campaign's page cost the same queries for a few rows or many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Campaign, GiftBatch, House, HouseSource, Recipient
from congresses.models import ResidentialArea

DAY = datetime.date(2025, 1, 20)


def _campaign(commune, houses, batches):
    area = ResidentialArea.objects.create(commune=commune, name=f"Khu {houses}")
    campaign = Campaign.objects.create(
        commune=commune, name=f"Nhà và quà {houses}", status=Campaign.Status.ACTIVE, start_date=DAY
    )
    for n in range(houses):
        home = Recipient.objects.create(commune=commune, label=f"Hộ {n}", area=area)
        house = House.objects.create(
            campaign=campaign,
            recipient=home,
            area=area,
            total_value=60_000_000,
            front_support=20_000_000,
            money_handed_on=DAY if n % 2 else None,
            kind=House.Kind.GRATITUDE if n % 3 == 0 else House.Kind.GREAT_UNITY,
        )
        HouseSource.objects.create(house=house, kind=HouseSource.Kind.FAMILY, amount=5_000_000)
    first = None
    for n in range(batches):
        batch = GiftBatch.objects.create(
            campaign=campaign, title=f"Đợt {n}", count=50, cash_per_gift=300_000, date=DAY, tops_up=first
        )
        first = first or batch
    return campaign


def _queries(client, campaign):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(campaign.get_absolute_url()).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_houses_and_gifts_do_not_add_queries_per_row(client, commune):
    _queries(client, _campaign(commune, houses=1, batches=1))  # the site table, read once
    small = _queries(client, _campaign(commune, houses=2, batches=2))
    large = _queries(client, _campaign(commune, houses=40, batches=25))
    assert small == large
