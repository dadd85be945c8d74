"""The menu and the footer are kept in the shared cache per site, and forgotten with its pages.

A signed-in editor's pages are never taken from the page cache, but their menu is the same as
a reader's: it comes from the fragment cache, and an edit shows in it at once, on every site
that shows the record and on no other.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Category, Post

from .conftest import staff_like

pytestmark = pytest.mark.usefixtures("fresh_page_cache")


def menu_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "news_category"')
    ]


def test_the_menu_is_read_from_the_cache_on_the_second_rendered_page(sites):
    url = "/tin-tuc/"
    first, first_queries = menu_queries(staff_like(), url)
    again, again_queries = menu_queries(staff_like(), url)
    assert sites["a"]["category"].name in first and first == again
    # The list reads no category; the menu's query of the site's categories is gone.
    assert len(first_queries) == 1 and again_queries == []


def test_a_renamed_category_shows_in_the_menu_at_once_on_its_site_only(sites, commits):
    for host in ("a", "b"):
        menu_queries(staff_like(host), "/tin-tuc/")
    category = sites["a"]["category"]
    with commits():
        category.name = "Chuyên mục đổi tên"
        category.save()
    text_a, _ = menu_queries(staff_like("a"), "/tin-tuc/")
    text_b, queries_b = menu_queries(staff_like("b"), "/tin-tuc/")
    assert "Chuyên mục đổi tên" in text_a
    assert "Chuyên mục đổi tên" not in text_b and queries_b == []  # b's menu still cached


def test_the_current_section_is_marked_on_each_page_of_the_menu(sites):
    campaigns = staff_like().get("/van-dong/").content.decode()
    news = staff_like().get("/tin-tuc/").content.decode()
    assert campaigns.count('aria-current="page"') >= 1
    assert 'href="/van-dong/" aria-current="page"' in campaigns.replace("\n", "")
    assert 'href="/van-dong/" aria-current="page"' not in news.replace("\n", "")


def test_without_the_page_cache_the_menu_is_rendered_every_time(sites, settings):
    settings.PAGE_CACHE_SECONDS = 0
    menu_queries(staff_like(), "/tin-tuc/")
    _, queries = menu_queries(staff_like(), "/tin-tuc/")
    assert len(queries) == 1


def test_a_cache_that_is_down_costs_the_fragment_not_the_page(sites, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis stopped")

    monkeypatch.setattr(caches["default"], "get_many", down)
    text, queries = menu_queries(staff_like(), "/tin-tuc/")
    assert sites["a"]["category"].name in text and len(queries) == 1
    assert Post.objects.exists() and Category.objects.exists()
