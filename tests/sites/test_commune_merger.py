"""Communes merging (as in 2025): the old commune's records move to the new one, nothing is
deleted, its Ủy ban's term ends early with the reason, and its host answers 301 to the new one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum

from campaigns import services as campaign_services
from campaigns.models import Campaign, CommuneShare, Contribution, ContributionTotal, ProvinceCampaign, Target
from campaigns.province_services import sync_commune_campaigns
from congresses import services
from congresses.models import Commune, Membership, Person, Position, Province, ResidentialArea, Term
from news.models import Category, Post

from .conftest import HOSTS, PASSWORD

ON = datetime.date(2025, 7, 1)


@pytest.fixture
def old_committee_term(sites):
    """The Ủy ban MTTQ of xã Hòa An (b), its term 2024–2029 running, with its chair."""
    b = sites["b"]
    committee = services.commune_committee(b["commune"])
    term = Term.objects.create(
        committee=committee, start_date=datetime.date(2024, 6, 1), end_date=datetime.date(2029, 6, 1)
    )
    services.appoint(term, b["person"], Position.objects.get(name="Chủ tịch"))
    return term


@pytest.fixture
def merged(sites, province_staff, old_committee_term):
    services.merge_communes([sites["b"]["commune"]], sites["a"]["commune"], ON, by=province_staff)
    return sites


def test_the_old_host_answers_301_to_the_same_path_on_the_new_host(client, merged):
    response = client.get("/tin-tuc/?trang=2", HTTP_HOST=HOSTS["b"])
    assert response.status_code == 301
    assert response["Location"] == f"http://{HOSTS['a']}/tin-tuc/?trang=2"
    post = merged["b"]["posts"][0]
    response = client.get(post.get_absolute_url(), HTTP_HOST=HOSTS["b"], follow=True)
    assert response.redirect_chain == [(f"http://{HOSTS['a']}{post.get_absolute_url()}", 301)]
    assert response.status_code == 200 and post.title in response.content.decode()
    # A form sent to the old host is repeated, with its method, at the new one.
    assert client.post("/y-kien/gui/", HTTP_HOST=HOSTS["b"]).status_code == 308


def test_the_new_site_shows_the_moved_posts_campaigns_and_areas(client, merged):
    a, b = merged["a"], merged["b"]
    news = client.get("/tin-tuc/", HTTP_HOST=HOSTS["a"]).content.decode()
    assert all(post.title in news for post in a["posts"] + b["posts"])
    assert client.get(b["campaign"].get_absolute_url(), HTTP_HOST=HOSTS["a"]).status_code == 200
    # Both communes had a thôn Đông: the one that moved keeps its name under a free address.
    moved = ResidentialArea.objects.get(pk=b["area"].pk)
    assert moved.commune == a["commune"] and moved.slug == "thon-dong-xa-hoa-an"
    assert client.get(moved.get_absolute_url(), HTTP_HOST=HOSTS["a"]).status_code == 200
    data = client.get("/du-lieu-mo/bai-viet.json", HTTP_HOST=HOSTS["a"]).json()
    assert data["count"] == 4


def test_the_history_is_kept_and_nothing_is_deleted(merged, province_staff):
    a, b = merged["a"], merged["b"]
    old = Commune.objects.get(pk=b["commune"].pk)
    assert (old.merged_into, old.merged_on) == (a["commune"], ON)
    assert old.history.first().history_user == province_staff
    term = Term.objects.get(committee__commune=old, committee__level="commune")
    assert term.ended_on == datetime.date(2025, 6, 30)
    assert term.end_reason == "Sáp nhập vào xã Hòa Phú từ ngày 01/07/2025"
    chair = Membership.objects.get(term=term)
    assert chair.until == datetime.date(2025, 6, 30)
    # The area's and the person's history say where they were before.
    area = ResidentialArea.objects.get(pk=b["area"].pk)
    assert [row.commune_id for row in area.history.order_by("history_id")][-2:] == [old.pk, a["commune"].pk]
    assert "Sáp nhập vào xã Hòa Phú" in area.history.first().history_change_reason
    person = Person.objects.get(pk=b["person"].pk)
    assert person.commune == a["commune"] and person.history.earliest("history_id").commune_id == old.pk
    # Rows stay: the Ban CTMT goes with its area, the contributions with theirs.
    assert Post.objects.count() == 4 and Contribution.objects.count() == 4
    assert Category.objects.get(pk=b["category"].pk).commune == a["commune"]
    assert Campaign.objects.get(pk=b["campaign"].pk).commune == a["commune"]
    assert b["committee"].__class__.objects.get(pk=b["committee"].pk).commune == a["commune"]


def test_a_merger_that_cannot_be_made_changes_nothing(sites, province_staff):
    a, b = sites["a"]["commune"], sites["b"]["commune"]
    with pytest.raises(ValidationError, match="vào chính nó"):
        services.merge_communes([a], a, ON, by=province_staff)
    elsewhere = Commune.objects.create(
        name="Bình Dương", host="binhduong.example.vn", province=Province.objects.create(name="Khác")
    )
    with pytest.raises(ValidationError, match="không cùng một tỉnh"):
        services.merge_communes([elsewhere], a, ON, by=province_staff)
    services.merge_communes([b], a, ON, by=province_staff)
    with pytest.raises(ValidationError, match="đã sáp nhập vào"):
        services.merge_communes([b], a, ON, by=province_staff)
    elsewhere.refresh_from_db()
    assert elsewhere.merged_into is None


def _action(client, ids, **extra):
    data = {"action": "merge_communes", "_selected_action": ids, **extra}
    return client.post("/quan-tri/congresses/commune/", data, HTTP_HOST=HOSTS["province"])


def test_province_staff_merge_through_a_confirmation_page(client, sites, province_staff, old_committee_term):
    a, b = sites["a"]["commune"], sites["b"]["commune"]
    assert client.login(username=province_staff.username, password=PASSWORD)
    page = _action(client, [b.pk])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Xác nhận sáp nhập" in text and "xã Hòa An" in text
    campaigns = Campaign.objects.filter(commune=b).count()  # its own and its part of the province's
    areas = ResidentialArea.objects.filter(commune=b).count()  # Đông, Tây and an area split away
    assert f"{areas} khu dân cư" in text and f"{campaigns} cuộc vận động" in text
    b.refresh_from_db()
    assert b.merged_into is None  # nothing happens before the confirmation
    done = _action(
        client, [b.pk], xac_nhan="1", into=a.pk, on="01/07/2025", reason="Nghị quyết 1656/NQ-UBTVQH15"
    )
    assert done.status_code == 302
    b.refresh_from_db()
    assert b.merged_into == a
    assert Term.objects.get(pk=old_committee_term.pk).end_reason == "Nghị quyết 1656/NQ-UBTVQH15"
    listing = client.get("/quan-tri/congresses/commune/", HTTP_HOST=HOSTS["province"], follow=True)
    assert "Đã sáp nhập xã Hòa An vào xã Hòa Phú" in listing.content.decode()


def test_a_bad_date_on_the_confirmation_page_is_said_and_nothing_moves(client, sites, province_staff):
    a, b = sites["a"]["commune"], sites["b"]["commune"]
    client.login(username=province_staff.username, password=PASSWORD)
    page = _action(client, [b.pk], xac_nhan="1", into=a.pk, on="31/02/2025")
    assert page.status_code == 200 and "Xác nhận sáp nhập" in page.content.decode()
    b.refresh_from_db()
    assert b.merged_into is None


@pytest.mark.parametrize("role", ["staff", "chair", "editor"])
def test_commune_staff_cannot_merge_communes(client, sites, people, role):
    a, b = sites["a"]["commune"], sites["b"]["commune"]
    user = people["a"][role]
    client.login(username=user.username, password=PASSWORD)
    response = client.post(
        "/quan-tri/congresses/commune/",
        {
            "action": "merge_communes",
            "_selected_action": [a.pk],
            "xac_nhan": "1",
            "into": b.pk,
            "on": "01/07/2025",
        },
        HTTP_HOST=HOSTS["a"],
    )
    assert response.status_code in (200, 302, 403)
    a.refresh_from_db()
    assert a.merged_into is None
    assert "Xác nhận sáp nhập" not in response.content.decode()


def _enter(site, officer, amount):
    return campaign_services.record_contribution(
        by=officer,
        indicator=site["province_part"],
        area=site["area"],
        amount=amount,
        donor_name="Gia đình bà Trần Thị Hoa",
        date=datetime.date(2025, 3, 1),
    )


@pytest.fixture
def both_gave(sites, people):
    """Both communes entered results for their part of the province's fund; B split its share."""
    a, b = sites["a"], sites["b"]
    _enter(a, people["a"]["officer"], 1_000_000)
    entry = _enter(b, people["b"]["officer"], 2_000_000)
    campaign_services.set_target(
        b["province_part"], by=people["b"]["chair"], amount=6_000_000, area=b["area"]
    )
    return entry


def test_a_merger_joins_the_two_parts_of_a_province_campaign(client, sites, province_staff, both_gave):
    a, b = sites["a"], sites["b"]
    fund = ProvinceCampaign.objects.get()
    services.merge_communes([b["commune"]], a["commune"], ON, by=province_staff)
    # One part of the province's fund in the new commune, its share both shares added, its
    # commune target following the joined share.
    parts = Campaign.objects.filter(commune=a["commune"], province_campaign=fund)
    assert list(parts) == [a["province_part"].campaign]
    assert CommuneShare.objects.get(commune=a["commune"]).amount == 11_000_000 + 13_000_000
    assert not CommuneShare.objects.filter(commune=b["commune"]).exists()
    target = Target.objects.get(indicator=a["province_part"], area__isnull=True)
    assert (target.amount, target.assigned_by) == (24_000_000, Target.AssignedBy.PROVINCE)
    # B's entry and its hamlet's target count in the joined part; nothing is deleted.
    entry = Contribution.objects.get(pk=both_gave.pk)
    assert entry.indicator == a["province_part"] and entry.area == b["area"]
    assert Target.objects.get(indicator=a["province_part"], area=b["area"]).amount == 6_000_000
    assert Contribution.objects.filter(indicator__province_indicator__isnull=False).count() == 2
    assert "Sáp nhập vào xã Hòa Phú" in entry.history.first().history_change_reason
    # The old part stays the old commune's history, with no rows left; so does the share.
    old_part = Campaign.objects.get(pk=b["province_part"].campaign_id)
    assert old_part.commune == b["commune"] and not old_part.indicators.get().contributions.exists()
    assert CommuneShare.history.filter(commune_id=b["commune"].pk, amount=13_000_000).exists()
    # The province's page: 3.000.000 of 24.000.000 đ, one commune ranked, the old one gone.
    page = client.get(fund.get_absolute_url(), HTTP_HOST=HOSTS["province"]).content.decode()
    assert "3.000.000 / 24.000.000 đ" in page
    assert "Xã Hòa Phú" in page and "Xã Hòa An" not in page
    assert "(1/1 xã, phường có kết quả)" in page
    # The new commune's page of its part shows both communes' results against the joined share.
    own = client.get(a["province_part"].campaign.get_absolute_url(), HTTP_HOST=HOSTS["a"]).content.decode()
    assert "3.000.000 / 24.000.000 đ" in own
    # The running totals of the province's parts still equal their entries' sums.
    assert _totals() == _sums() and len(_sums()) == 2
    # Bringing the parts up to date later gives the merged commune no new part.
    sync_commune_campaigns(fund)
    assert Campaign.objects.filter(province_campaign=fund).count() == 2


def test_the_province_page_ranks_the_joined_commune_once_on_its_site(
    client, sites, province_staff, both_gave
):
    services.merge_communes([sites["b"]["commune"]], sites["a"]["commune"], ON, by=province_staff)
    home = client.get("/", HTTP_HOST=HOSTS["province"]).content.decode()
    assert "xã Hòa An" not in home.split('id="cac-xa"')[1]  # not listed among the communes any more
    assert "(1/1 xã, phường có kết quả)" in home


def _totals():
    return {
        (row.indicator_id, row.area_id): (row.amount, row.entries)
        for row in ContributionTotal.objects.filter(indicator__province_indicator__isnull=False)
        if row.entries
    }


def _sums():
    rows = (
        Contribution.objects.filter(indicator__province_indicator__isnull=False)
        .values("indicator_id", "area_id")
        .annotate(amount=Sum("amount"), n=Count("id"))
    )
    return {(r["indicator_id"], r["area_id"]): (r["amount"], r["n"]) for r in rows.order_by()}
