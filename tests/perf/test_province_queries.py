"""The province's page runs the same number of queries for two communes and for many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import (
    Campaign,
    CommuneShare,
    Contribution,
    Indicator,
    ProvinceCampaign,
    ProvinceIndicator,
)
from campaigns.province_services import sync_commune_campaigns
from campaigns.totals import rebuild_totals
from congresses import services
from congresses.models import Commune, Conference, Opinion, Province, ResidentialArea

HOST = "tinh.example.vn"
# Own queries of the province page (the layout's are measured apart): communes, campaigns, their
# indicators, the communes' sums (from the running totals), the shares, conferences held,
# opinions by field, the province's posts and their categories.
PROVINCE_PAGE_QUERIES = 9
# A province campaign's page: the campaign, the communes (names and sites), its indicators, the
# sums, the shares, and the province's news menu.
CAMPAIGN_PAGE_QUERIES = 6


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = [".example.vn", "testserver"]


def build(province, communes):
    campaign = ProvinceCampaign.objects.create(
        province=province,
        name="Quỹ của tỉnh",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2025, 1, 1),
    )
    fund = ProvinceIndicator.objects.create(campaign=campaign, name="Quỹ")
    ProvinceIndicator.objects.create(campaign=campaign, name="Máu", unit="so_luong", unit_label="đơn vị máu")
    made = []
    for number in range(communes):
        commune = Commune.objects.create(
            name=f"Xã {number}", host=f"xa{number}.example.vn", province=province
        )
        area = ResidentialArea.objects.create(commune=commune, name="Đông")
        committee = services.committee_for_area(area)
        Conference.objects.create(
            committee=committee,
            kind=Conference.Kind.TERM,
            starts_at=timezone.now() - datetime.timedelta(days=1),
        )
        services.receive_opinion(
            commune, summary="Đường hỏng", source=Opinion.Source.VOTER_MEETING, area=area
        )
        made.append((commune, area))
    sync_commune_campaigns(campaign)
    for commune, area in made:
        CommuneShare.objects.create(indicator=fund, commune=commune, amount=1_000_000)
        for copy in Indicator.objects.filter(campaign__commune=commune, province_indicator__isnull=False):
            Contribution.objects.create(
                indicator=copy,
                area=area,
                amount=50_000 if copy.is_money else 0,
                quantity=0 if copy.is_money else 1,
                donor_name="Người",
                date=datetime.date(2025, 2, 1),
            )
    rebuild_totals()  # the entries above were written around the services


def page_queries(client, layout_queries, url="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    return len(queries) - layout_queries, response.content.decode()


@pytest.mark.django_db
def test_the_province_page_has_a_fixed_query_budget(client, layout_queries):
    province = Province.objects.create(name="Quảng Nam", host=HOST)
    build(province, 2)
    client.get("/", HTTP_HOST=HOST)  # the table of sites, read once per process
    few, page = page_queries(client, layout_queries)
    assert "2/2" in page
    fund = ProvinceCampaign.objects.get().get_absolute_url()
    few_campaign, _page = page_queries(client, layout_queries, fund)
    for number in range(2, 12):
        commune = Commune.objects.create(
            name=f"Thêm {number}", host=f"them{number}.example.vn", province=province
        )
        ResidentialArea.objects.create(commune=commune, name="Tây")
    sync_commune_campaigns(ProvinceCampaign.objects.get())
    client.get("/", HTTP_HOST=HOST)
    many, page = page_queries(client, layout_queries)
    assert "2/12" in page
    assert few == many <= PROVINCE_PAGE_QUERIES, (few, many)
    many_campaign, page = page_queries(client, layout_queries, fund)
    assert "Xã 1" in page
    assert few_campaign == many_campaign <= CAMPAIGN_PAGE_QUERIES, (few_campaign, many_campaign)
