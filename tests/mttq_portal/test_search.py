"""The site's search: news first, then documents, announcements, conferences, campaigns and
areas of this commune, each in its own group, found with or without diacritics."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Campaign
from congresses.models import Conference, FrontCommittee
from tests.news.registry import make_announcement, make_document


@pytest.fixture
def make_post(commune):
    from news.models import Category, Post

    category = Category.objects.create(commune=commune, name="Hoạt động Mặt trận")

    def make(title):
        return Post.objects.create(
            category=category, title=title, lead="Tin của xã.", status=Post.Status.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(hours=1),
        )  # fmt: skip

    return make


@pytest.fixture
def records(commune, area_a):
    committee = FrontCommittee.objects.create(commune=commune, level=FrontCommittee.Level.COMMUNE)
    Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.COMMITTEE,
        title="Hội nghị Ủy ban MTTQ xã về Quỹ Vì người nghèo",
        starts_at=timezone.now(),
    )
    Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo” năm 2026",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2026, 1, 1),
    )
    Campaign.objects.create(
        commune=commune,
        name="Quỹ Vì người nghèo (bản nháp)",
        status=Campaign.Status.DRAFT,
        start_date=datetime.date(2026, 1, 1),
    )
    make_document(commune)
    make_announcement(commune, title="Thông báo tiếp nhận ủng hộ Quỹ Vì người nghèo")
    return committee


@pytest.mark.parametrize("query", ["vì người nghèo", "vi nguoi ngheo", "VI NGUOI NGHEO"])
def test_one_search_finds_every_kind_grouped(client, records, make_post, query):
    make_post("Trao quà từ Quỹ Vì người nghèo")
    page = client.get("/tim-kiem/", {"q": query}).content.decode()
    for heading in ("Tin tức", "Văn bản", "Thông báo", "Hội nghị", "Cuộc vận động"):
        assert f">{heading}</h2>" in page, heading
    assert "Trao quà từ Quỹ Vì người nghèo" in page
    assert "12/KH-MTTQ" in page
    assert "Thông báo tiếp nhận ủng hộ Quỹ Vì người nghèo" in page
    assert "Hội nghị Ủy ban MTTQ xã về Quỹ Vì người nghèo" in page
    assert "Vận động Quỹ “Vì người nghèo” năm 2026" in page
    assert "bản nháp" not in page


def test_an_area_is_found_by_its_name_without_diacritics(client, records, area_a):
    page = client.get("/tim-kiem/", {"q": "thon dong"}).content.decode()
    assert ">Thôn, khu dân cư</h2>" in page and area_a.get_absolute_url() in page


def test_a_kind_without_results_is_left_out(client, records):
    page = client.get("/tim-kiem/", {"q": "kế hoạch"}).content.decode()
    assert ">Văn bản</h2>" in page
    assert ">Cuộc vận động</h2>" not in page and ">Hội nghị</h2>" not in page


def test_the_search_costs_a_bounded_number_of_queries(
    client, records, make_post, django_assert_max_num_queries
):
    for number in range(8):
        make_post(f"Quỹ Vì người nghèo tin {number}")
    client.get("/tim-kiem/", {"q": "nguoi ngheo"})
    with django_assert_max_num_queries(14):
        client.get("/tim-kiem/", {"q": "nguoi ngheo", "lan": "2"})


@pytest.mark.parametrize("query", ["'", '"', "*", "-", "a" * 200, "NEAR(", "%", "_"])
def test_hostile_queries_never_break_the_search(client, records, query):
    assert client.get("/tim-kiem/", {"q": query}).status_code == 200
