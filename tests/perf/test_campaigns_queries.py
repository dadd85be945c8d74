"""Public campaign pages run the same number of queries for a little data and for a lot."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Campaign, Contribution, Disbursement, Indicator, Round, RoundTarget, Target
from campaigns.panels import area_panel
from congresses.models import ResidentialArea

LIST_QUERIES = 6  # count, campaigns, indicators, totals, hedged entries, commune targets
# campaign, indicators, per-area sums, monthly sums, hedged entries, targets, areas, rounds,
# donors, disbursements, paid out, fund transfers, published thu–chi tables, in-kind items; houses
# by kind and gift batches (campaigns.aid: nothing more when there are none)
DETAIL_QUERIES = 16
ROUND_QUERIES = 2  # with rounds: their targets, daily sums
DONOR_QUERIES = 4  # campaign, its indicators, count, page
AREA_PANEL_QUERIES = 4  # indicators of current campaigns, the area's sums, hedged entries, its targets


def build(commune, areas, campaigns, entries_per_indicator):
    """Campaigns with a money and a count indicator, targets per area, entries over months, disbursements."""
    areas = [
        ResidentialArea.objects.get_or_create(commune=commune, name=f"Khu {n}", defaults={"position": n})[0]
        for n in range(areas)
    ]
    made = []
    for number in range(campaigns):
        campaign = Campaign.objects.create(
            commune=commune,
            name=f"Cuộc vận động số {number}",
            status=Campaign.Status.ACTIVE if number % 2 == 0 else Campaign.Status.CLOSED,
            start_date=datetime.date(2025, 1, 1),
        )
        money = Indicator.objects.create(campaign=campaign, name="Quỹ")
        count = Indicator.objects.create(
            campaign=campaign, name="Máu", unit="so_luong", unit_label="đơn vị máu"
        )
        for indicator in (money, count):
            Target.objects.create(indicator=indicator, amount=1_000_000)
            Target.objects.bulk_create(
                Target(indicator=indicator, area=area, amount=100_000) for area in areas
            )
            Contribution.objects.bulk_create(
                Contribution(
                    indicator=indicator,
                    area=areas[n % len(areas)],
                    date=datetime.date(2025, 1 + n % 12, 1 + n % 28),
                    amount=1000 + n if indicator is money else 0,
                    quantity=0 if indicator is money else 1,
                    donor_kind="giau_ten" if n % 5 == 0 else "ca_nhan",
                    donor_name=f"Người {n}",
                    # Some entries are hedged (`trên …`): their words come from one more query.
                    amount_qualifier="tren" if n % 7 == 0 and indicator is money else "",
                    quantity_qualifier="hon" if n % 7 == 0 and indicator is count else "",
                )
                for n in range(entries_per_indicator)
            )
        for half, (start, end) in enumerate(
            [
                (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
                (datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)),
            ]
        ):
            stage = Round.objects.create(
                campaign=campaign, name=f"Đợt {half + 1}", start_date=start, end_date=end
            )
            RoundTarget.objects.create(round=stage, indicator=count, amount=50)
            RoundTarget.objects.create(round=stage, indicator=money, shape="toi_thieu", amount=400_000)
        Disbursement.objects.bulk_create(
            Disbursement(campaign=campaign, amount=500, purpose=f"Chi {n}", area=areas[n % len(areas)])
            for n in range(entries_per_indicator // 10 + 1)
        )
        made.append(campaign)
    return made, areas


@pytest.fixture(params=["small", "large"])
def data(request, commune):
    if request.param == "small":
        return build(commune, areas=1, campaigns=1, entries_per_indicator=2)
    return build(commune, areas=12, campaigns=6, entries_per_indicator=150)


def test_campaign_list_queries_do_not_grow(client, data, layout_queries, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES + layout_queries):
        assert client.get(reverse("campaigns:list")).status_code == 200


def test_campaign_page_queries_do_not_grow(client, data, layout_queries, django_assert_num_queries):
    campaign = data[0][0]
    with django_assert_num_queries(DETAIL_QUERIES + ROUND_QUERIES + layout_queries):
        assert client.get(campaign.get_absolute_url()).status_code == 200


def test_donor_page_queries_do_not_grow(client, data, layout_queries, django_assert_num_queries):
    campaign = data[0][0]
    with django_assert_num_queries(DONOR_QUERIES + layout_queries):
        assert client.get(reverse("campaigns:donors", args=[campaign.slug])).status_code == 200


def test_area_panel_queries_do_not_grow(data, django_assert_num_queries):
    area = data[1][0]
    with django_assert_num_queries(AREA_PANEL_QUERIES):
        panel = area_panel(area)
    assert panel["context"]["results"]
