"""A reader never writes to the database: readings are counted aside and folded in batches."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congresses.models import Commune
from news.counters import ViewCounter
from news.models import Post

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


def writes(queries):
    return [query["sql"] for query in queries if WRITE.match(query["sql"])]


@pytest.fixture
def demo(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())


def public_urls(client, commune):
    """Every page the sitemap of `commune`'s site offers, the pages it does not list, and a
    post's photo."""
    sitemap = client.get("/sitemap.xml").content.decode()
    urls = {url.removeprefix(f"http://{commune.host}") for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    urls |= {"/", reverse("news:index"), reverse("news:feed"), "/robots.txt", "/healthz"}
    urls |= {reverse("news:search") + "?q=thon+dong", reverse("news:search") + "?q=hi%E1%BA%BFn+m%C3%A1u"}
    post = Post.objects.published().for_site(commune=commune).exclude(cover="").first()
    urls.add(post.cover_thumb.jpeg_url)
    return sorted(urls)


def test_a_public_get_of_every_public_page_writes_nothing(demo, client, settings):
    # The demo has several communes, each at its own host: the pages of Hòa Phú, the fullest.
    commune = Commune.objects.get(host="hoaphu.localhost")
    client.defaults["HTTP_HOST"] = commune.host
    urls = public_urls(client, commune)
    assert len(urls) > 20 and any(url.startswith("/tin/") for url in urls)
    # With the login lockout on as in production; the second reader of each page arrives
    # with the cookies the first one was given.
    settings.AXES_ENABLED = True
    for url in urls:
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            assert writes(queries.captured_queries) == [], url


def test_the_count_shown_rises_with_each_reading_and_survives_the_fold(client, make_post):
    post = make_post(view_count=41)
    pages = [client.get(post.get_absolute_url()).content.decode() for _ in range(3)]
    assert "42 lượt xem" in pages[0] and "44 lượt xem" in pages[2]
    post.refresh_from_db()
    assert post.view_count == 41, "a reading must not write to the database"

    call_command("flush_view_counts", stdout=io.StringIO())
    post.refresh_from_db()
    assert post.view_count == 44
    assert "45 lượt xem" in client.get(post.get_absolute_url()).content.decode()


def test_a_fold_run_twice_counts_each_reading_once(client, make_post):
    post = make_post(view_count=5)
    other = make_post("Tin khác", view_count=0)
    client.get(post.get_absolute_url())
    client.get(post.get_absolute_url())
    client.get(other.get_absolute_url())
    out = io.StringIO()
    call_command("flush_view_counts", stdout=out)
    call_command("flush_view_counts", stdout=out)
    post.refresh_from_db()
    other.refresh_from_db()
    assert (post.view_count, other.view_count) == (7, 1)
    assert "Đã cộng 3 lượt xem." in out.getvalue()
    assert "8 lượt xem" in client.get(post.get_absolute_url()).content.decode()


class DownStore:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("store down")

        return fail


def test_a_broken_counter_store_costs_the_reading_not_the_page(client, make_post, monkeypatch):
    monkeypatch.setattr(ViewCounter, "cache", property(lambda self: DownStore()))
    post = make_post(view_count=9)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "9 lượt xem" in response.content.decode()
