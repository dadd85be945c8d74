"""The province's campaigns: province staff launch one and give each commune its share, each
commune splits its share across its hamlets and enters results once, the province's page sums
them and ranks the communes; a commune's site shows nothing of another commune's share."""

import datetime

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import Campaign, CommuneShare, Contribution, Indicator, ProvinceCampaign, Target
from congresses.models import Commune

from .conftest import HOSTS, PASSWORD, SHARES


@pytest.fixture
def fund(sites):
    return ProvinceCampaign.objects.get()


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def enter(site, officer, amount):
    return services.record_contribution(
        by=officer,
        indicator=site["province_part"],
        area=site["area"],
        amount=amount,
        donor_name="Gia đình ông Lê Văn Tám",
        date=datetime.date(2025, 3, 1),
    )


def text_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_province_staff_launch_a_campaign_into_every_commune(client, sites, province, province_staff):
    login(client, province_staff)
    data = {
        "province": province.pk,
        "name": "Hiến máu tình nguyện năm 2025 của tỉnh",
        "kind": Campaign.Kind.MOVEMENT,
        "status": Campaign.Status.ACTIVE,
        "start_date": "01/01/2025",
        "description": "",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
        "indicators-0-name": "Đơn vị máu",
        "indicators-0-unit": "so_luong",
        "indicators-0-unit_label": "đơn vị máu",
        "indicators-0-position": "0",
        "indicators-0-target": "1.200",
    }
    response = client.post(reverse("admin:campaigns_provincecampaign_add"), data, HTTP_HOST=HOSTS["province"])
    assert response.status_code == 302, response.content.decode()[:3000]
    launched = ProvinceCampaign.objects.get(name="Hiến máu tình nguyện năm 2025 của tỉnh")
    assert launched.indicators.get().target == 1200
    parts = Campaign.objects.filter(province_campaign=launched)
    assert {part.commune for part in parts} == {sites["a"]["commune"], sites["b"]["commune"]}
    assert all(part.indicators.get().unit_label == "đơn vị máu" for part in parts)


def test_province_staff_give_each_commune_its_share_in_one_grid(client, sites, fund, province_staff):
    login(client, province_staff)
    indicator = fund.indicators.get()
    url = reverse("admin:campaigns_provinceindicator_shares", args=[indicator.pk])
    page = text_of(client.get(url, HTTP_HOST=HOSTS["province"]))
    assert "Xã Hòa Phú" in page and "Đang giao: 11.000.000 đ" in page
    a, b = sites["a"]["commune"], sites["b"]["commune"]
    response = client.post(
        url, {f"xa_{a.pk}": "25 triệu", f"xa_{b.pk}": "30.000.000"}, HTTP_HOST=HOSTS["province"], follow=True
    )
    assert "Đã lưu 2 thay đổi phần giao các xã." in text_of(response)
    assert CommuneShare.objects.get(commune=a).amount == 25_000_000
    # The commune's own target of its part follows, marked as given by the province.
    target = Target.objects.get(indicator=sites["a"]["province_part"], area__isnull=True)
    assert (target.amount, target.assigned_by) == (25_000_000, Target.AssignedBy.PROVINCE)


def test_a_share_that_is_not_a_number_changes_nothing(client, sites, fund, province_staff):
    login(client, province_staff)
    indicator = fund.indicators.get()
    a, b = sites["a"]["commune"], sites["b"]["commune"]
    response = client.post(
        reverse("admin:campaigns_provinceindicator_shares", args=[indicator.pk]),
        {f"xa_{a.pk}": "20 triệu", f"xa_{b.pk}": "mười lăm"},
        HTTP_HOST=HOSTS["province"],
    )
    assert "Chưa lưu gì" in text_of(response)
    assert CommuneShare.objects.get(commune=a).amount == SHARES["a"]
    assert Target.objects.get(indicator=sites["a"]["province_part"], area__isnull=True).amount == SHARES["a"]


@pytest.mark.parametrize("role", ["staff", "chair", "officer"])
def test_commune_accounts_cannot_launch_or_share_province_campaigns(client, sites, people, fund, role):
    login(client, people["a"][role])
    indicator = fund.indicators.get()
    grid = client.get(
        reverse("admin:campaigns_provinceindicator_shares", args=[indicator.pk]), HTTP_HOST=HOSTS["a"]
    )
    assert grid.status_code == 403
    listing = client.get(reverse("admin:campaigns_provincecampaign_changelist"), HTTP_HOST=HOSTS["a"])
    assert listing.status_code == 403
    with pytest.raises(Exception, match="Chỉ cán bộ Ủy ban MTTQ tỉnh"):
        from campaigns.province_services import set_commune_shares

        set_commune_shares(indicator, by=people["a"][role], shares={sites["a"]["commune"]: 99_000_000})
    assert CommuneShare.objects.get(commune=sites["a"]["commune"]).amount == SHARES["a"]


def test_the_chair_splits_the_share_across_hamlets_but_cannot_change_it(client, sites, people):
    chair, site = people["a"]["chair"], sites["a"]
    login(client, chair)
    copy = site["province_part"]
    url = reverse("admin:campaigns_indicator_targets", args=[copy.pk])
    page = text_of(client.get(url, HTTP_HOST=HOSTS["a"]))
    assert "do Ủy ban MTTQ tỉnh giao" in page
    areas = list(site["commune"].areas.order_by("position"))
    data = {
        "commune": "99.000.000",  # a disabled input: the server keeps the province's share
        "assigned_by": Target.AssignedBy.COMMUNE,
        f"khu_{areas[0].pk}": "6.000.000",
        f"khu_{areas[1].pk}": "5.000.000",
    }
    response = client.post(url, data, HTTP_HOST=HOSTS["a"], follow=True)
    assert "Đã lưu 2 thay đổi" in text_of(response)
    commune_target = Target.objects.get(indicator=copy, area__isnull=True)
    assert (commune_target.amount, commune_target.assigned_by) == (SHARES["a"], Target.AssignedBy.PROVINCE)
    assert Target.objects.get(indicator=copy, area=areas[0]).amount == 6_000_000


def test_the_chair_cannot_change_the_share_in_the_target_admin(client, sites, people):
    login(client, people["a"]["chair"])
    target = Target.objects.get(indicator=sites["a"]["province_part"], area__isnull=True)
    with pytest.raises(Exception, match="do Ủy ban MTTQ tỉnh giao"):
        target.amount = 1_000
        services.save_target(target, by=people["a"]["chair"])
    target.refresh_from_db()
    assert target.amount == SHARES["a"]


def test_the_province_total_is_the_sum_of_the_communes_entries(client, sites, people, fund):
    enter(sites["a"], people["a"]["officer"], 4_400_000)
    enter(sites["b"], people["b"]["officer"], 2_600_000)
    page = text_of(client.get(fund.get_absolute_url(), HTTP_HOST=HOSTS["province"]))
    # 7.000.000 of 24.000.000 (the two shares): each entry counted once, in its commune.
    assert "7.000.000 / 24.000.000 đ" in page
    assert "Toàn tỉnh: Quỹ “Vì người nghèo” của tỉnh được 7 triệu đồng, đạt 29% chỉ tiêu (2/2 xã" in page
    assert Contribution.objects.filter(indicator__province_indicator__campaign=fund).count() == 2


def test_communes_are_ranked_by_the_part_of_their_share_they_reached(client, sites, people, fund):
    enter(sites["a"], people["a"]["officer"], 2_200_000)  # 20% of 11.000.000
    enter(sites["b"], people["b"]["officer"], 6_500_000)  # 50% of 13.000.000
    page = text_of(client.get(fund.get_absolute_url(), HTTP_HOST=HOSTS["province"]))
    assert page.index("Xã Hòa An") < page.index("Xã Hòa Phú")
    assert "6.500.000 / 13.000.000 đ — đạt 50%" in page
    assert f'href="http://{HOSTS["a"]}/"' in page  # each commune links to its own site


def test_a_communes_site_shows_its_share_and_nothing_of_the_others(client, sites, people, fund):
    enter(sites["a"], people["a"]["officer"], 1_100_000)
    enter(sites["b"], people["b"]["officer"], 3_900_000)
    part = sites["a"]["province_part"].campaign
    for url in ["/", "/van-dong/", part.get_absolute_url()]:
        page = text_of(client.get(url, HTTP_HOST=HOSTS["a"]))
        assert "13.000.000" not in page and "3.900.000" not in page, url
        assert "Hòa An" not in page and "Betaxa" not in page, url
    page = text_of(client.get(part.get_absolute_url(), HTTP_HOST=HOSTS["a"]))
    assert "1.100.000 / 11.000.000 đ" in page and "chỉ tiêu tỉnh giao" in page
    assert f"http://{HOSTS['province']}{fund.get_absolute_url()}" in page  # what the province publishes
    other = sites["b"]["province_part"].campaign
    assert client.get(other.get_absolute_url(), HTTP_HOST=HOSTS["a"]).status_code == 404


def test_a_draft_province_campaign_is_not_public(client, sites, fund):
    ProvinceCampaign.objects.filter(pk=fund.pk).update(status=Campaign.Status.DRAFT)
    assert client.get(fund.get_absolute_url(), HTTP_HOST=HOSTS["province"]).status_code == 404
    assert fund.name not in text_of(client.get("/", HTTP_HOST=HOSTS["province"]))


def test_a_commune_added_later_gets_its_part_when_the_province_saves(
    client, sites, province, fund, province_staff
):
    late = Commune.objects.create(name="Hòa Sơn", host="hoason.example.vn", province=province)
    indicator = fund.indicators.get()
    login(client, province_staff)
    client.post(
        reverse("admin:campaigns_provinceindicator_shares", args=[indicator.pk]),
        {f"xa_{late.pk}": "5.000.000"},
        HTTP_HOST=HOSTS["province"],
    )
    copy = Indicator.objects.get(province_indicator=indicator, campaign__commune=late)
    assert Target.objects.get(indicator=copy, area__isnull=True).amount == 5_000_000
    assert fund.name in text_of(client.get("/van-dong/", HTTP_HOST="hoason.example.vn"))


def test_the_targets_service_keeps_the_provinces_share_whatever_the_chair_sends(sites, people):
    copy = sites["a"]["province_part"]
    services.set_targets(
        copy, by=people["a"]["chair"], commune=99_000_000, assigned_by=Target.AssignedBy.COMMUNE, shares={}
    )
    target = Target.objects.get(indicator=copy, area__isnull=True)
    assert (target.amount, target.assigned_by) == (SHARES["a"], Target.AssignedBy.PROVINCE)


def test_the_provinces_sums_follow_each_entry_and_the_page_says_when(client, sites, people, fund):
    enter(sites["a"], people["a"]["officer"], 1_000_000)
    first = text_of(client.get(fund.get_absolute_url(), HTTP_HOST=HOSTS["province"]))
    assert "1.000.000 / 24.000.000 đ" in first and "Tổng hợp từ kết quả các xã, phường lúc" in first
    enter(sites["b"], people["b"]["officer"], 2_000_000)
    # The running totals move with the entry: the province counts it at once, as the commune.
    assert "3.000.000 / 24.000.000 đ" in text_of(
        client.get(fund.get_absolute_url(), HTTP_HOST=HOSTS["province"])
    )
    part = sites["b"]["province_part"].campaign.get_absolute_url()
    assert "2.000.000 / 13.000.000 đ" in text_of(client.get(part, HTTP_HOST=HOSTS["b"]))


def test_the_running_totals_belong_to_their_commune(sites, people):
    from campaigns.models import ContributionTotal

    enter(sites["a"], people["a"]["officer"], 1_000_000)
    enter(sites["b"], people["b"]["officer"], 2_000_000)
    mine = ContributionTotal.objects.for_commune(sites["a"]["commune"])
    assert [(row.indicator_id, row.amount) for row in mine] == [(sites["a"]["province_part"].pk, 1_000_000)]
    seen_by_b = ContributionTotal.objects.visible_to(people["b"]["staff"])
    assert {row.indicator_id for row in seen_by_b} == {sites["b"]["province_part"].pk}
