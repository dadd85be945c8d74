"""The campaigns' totals over a term, shown on the commune congress that closes it."""

import datetime

import pytest
from django.utils import timezone

from campaigns.gifts import Recipient
from campaigns.houses import House
from campaigns.models import Campaign, Contribution, Indicator
from campaigns.term_totals import term_totals
from congresses import services as congress_services
from congresses.models import Conference

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def congress(commune):
    committee = congress_services.commune_committee(commune)
    term = committee.terms.create(start_date=D(2019, 6, 14), end_date=D(2024, 6, 30))
    starts_at = timezone.make_aware(datetime.datetime(2024, 6, 20, 8))
    return Conference.objects.create(
        committee=committee, kind=Conference.Kind.CONGRESS, term=term, starts_at=starts_at
    )


def _fund(commune, area, amounts):
    campaign = Campaign.objects.create(
        commune=commune, name="Quỹ “Vì người nghèo”", status=Campaign.Status.ACTIVE, start_date=D(2019, 1, 1)
    )
    indicator = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
    for day, amount in amounts:
        Contribution.objects.create(indicator=indicator, area=area, amount=amount, date=day)
    return campaign


def test_the_term_totals_count_only_the_terms_days(commune, area_a):
    campaign = _fund(
        commune, area_a, [(D(2019, 6, 13), 1_000), (D(2020, 3, 1), 5_000_000), (D(2024, 6, 20), 2_000_000)]
    )
    for label, handed_over in (("Hộ ông Tám", D(2022, 5, 1)), ("Hộ bà Chín", None)):
        House.objects.create(
            campaign=campaign,
            recipient=Recipient.objects.create(commune=commune, label=label, area=area_a),
            area=area_a,
            total_value=60_000_000,
            approved_on=D(2021, 1, 1),
            started_on=D(2021, 3, 1),
            handed_over_on=handed_over,
        )
    totals = term_totals(commune, D(2019, 6, 14), D(2024, 6, 20))
    assert totals == {"raised": 7_000_000, "paid": 0, "houses": 1}


def test_the_congress_page_adds_the_figures_from_the_portal(client, commune, area_a, congress):
    _fund(commune, area_a, [(D(2021, 1, 5), 12_500_000)])
    page = client.get(congress.get_absolute_url()).content.decode()
    assert "Kết quả vận động cả nhiệm kỳ 2019–2024 (số liệu trên cổng)" in page
    assert "12.500.000 đ" in page


def test_a_congress_with_no_entries_in_its_term_shows_no_campaign_panel(client, commune, area_a, congress):
    _fund(commune, area_a, [(D(2025, 1, 5), 12_500_000)])
    assert "số liệu trên cổng" not in client.get(congress.get_absolute_url()).content.decode()
