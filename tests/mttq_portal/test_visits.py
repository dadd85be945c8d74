"""Visit statistics: counted on the server for cached pages too, without a database write a
request or an address kept, folded into day rows in batches; the home page's box."""

from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mttq_portal import visits
from mttq_portal.models import VisitDay
from tests.news.conftest import Clock


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture(autouse=True)
def empty_caches():
    cache.clear()
    caches["counters"].clear()
    yield
    cache.clear()
    caches["counters"].clear()


def reader(number=1, address="198.51.100.7"):
    return Client(HTTP_USER_AGENT=f"Mozilla/5.0 (Android 12; reader {number})", REMOTE_ADDR=address)


def box(commune):
    return visits.statistics(commune)


def test_each_browser_is_one_visit_and_online_however_many_pages_it_reads(commune):
    for _ in range(3):
        reader(1).get("/")
        reader(1).get("/tin-tuc/")
    reader(2).get("/")
    numbers = box(commune)
    assert numbers["today"] == 2
    assert numbers["online"] == 2
    assert numbers["month"] == 2
    assert numbers["total"] == 2


def test_pages_served_from_the_page_cache_are_counted_and_write_nothing(settings, commune):
    settings.PAGE_CACHE_SECONDS = 60
    assert reader(1).get("/")["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = reader(2).get("/")
    assert response["X-Page-Cache"] == "hit"
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert box(commune)["today"] == 2


def test_a_browser_back_after_half_an_hour_is_a_new_visit_and_online_ends_after_five_minutes(commune, clock):
    reader(1).get("/")
    clock.move(minutes=2)
    reader(1).get("/")
    assert box(commune)["today"] == 1
    assert box(commune)["online"] == 1
    clock.move(minutes=6)
    assert box(commune)["online"] == 0
    clock.move(minutes=31)
    reader(1).get("/")
    numbers = box(commune)
    assert numbers["online"] == 1
    assert numbers["today"] == 2


def test_admin_pages_robots_and_errors_are_not_visits(commune, editor_client):
    Client(HTTP_USER_AGENT="Googlebot/2.1").get("/")
    Client().get("/")  # no user agent: a script
    reader(1).get("/khong-co-trang-nay/")
    editor_client.get("/quan-tri/", HTTP_USER_AGENT="Mozilla/5.0")
    assert box(commune)["today"] == 0


def test_no_address_is_kept_by_the_counter(commune):
    reader(1, address="203.0.113.99").get("/")
    stored = " ".join(f"{key} {value}" for key, value in cache._cache.items())
    stored += " ".join(f"{key} {value}" for key, value in caches["counters"]._cache.items())
    assert "203.0.113.99" not in stored
    assert box(commune)["today"] == 1


def test_folding_moves_pending_visits_into_day_rows_once_and_the_box_says_the_same(commune, clock):
    reader(1).get("/")
    reader(2).get("/")
    before = box(commune)
    assert visits.fold() == 2
    assert visits.fold() == 0
    assert VisitDay.objects.get(commune=commune).visits == 2
    after = box(commune)
    assert (after["today"], after["total"]) == (before["today"], before["total"]) == (2, 2)
    reader(3).get("/")
    visits.fold()
    assert VisitDay.objects.get(commune=commune).visits == 3


def test_folding_does_not_make_cached_pages_be_rendered_again(settings, commune):
    settings.PAGE_CACHE_SECONDS = 60
    reader(1).get("/")
    visits.fold()
    assert reader(2).get("/")["X-Page-Cache"] == "hit"


def test_yesterday_this_month_and_total_read_the_stored_days(commune, clock):
    from django.utils import timezone

    today = timezone.localdate()
    VisitDay.objects.create(commune=commune, day=today - timedelta(days=1), visits=40)
    VisitDay.objects.create(commune=commune, day=today - timedelta(days=400), visits=1000)
    reader(1).get("/")
    numbers = box(commune)
    assert numbers["yesterday"] == 40
    assert numbers["today"] == 1
    assert numbers["total"] == 1041
    assert numbers["month"] == 1 + (40 if (today - timedelta(days=1)).month == today.month else 0)


def test_the_home_page_box_shows_the_figures(client, commune):
    VisitDay.objects.create(commune=commune, day=visits.timezone.localdate() - timedelta(days=1), visits=1234)
    page = client.get("/").content.decode()
    for label in (
        "Thống kê truy cập",
        "Trực tuyến",
        "Hôm nay",
        "Hôm qua",
        "Tháng này",
        "Tổng số lượt truy cập",
    ):
        assert label in page
    assert "1.234" in page


def test_a_cache_that_is_down_costs_the_count_never_the_page(commune, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(visits, "_seen", broken)
    assert reader(1).get("/").status_code == 200
