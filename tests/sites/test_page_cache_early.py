"""A reader's kept page is answered by CachedPageMiddleware, before the CSRF, auth and message
middleware, the URL resolver and the view: what the reader receives must not change, and
pages that are never kept must not pay for the look-up."""

import gzip

import pytest
from django.test import Client

from lib import pagecache
from news.counters import view_counter

from .conftest import HOSTS

pytestmark = pytest.mark.usefixtures("fresh_page_cache")

# Headers that differ between two answers of the same page by nature.
VARYING = {"X-Page-Cache", "X-Accel-Expires", "Date", "Content-Length"}


def reader():
    return Client(HTTP_HOST=HOSTS["a"], HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Mobile")


def headers(response):
    return {name: value for name, value in response.headers.items() if name not in VARYING}


def test_a_kept_page_comes_with_the_headers_the_rendered_page_had(sites):
    url = sites["a"]["posts"][0].get_absolute_url()
    for page in ("/", "/tin-tuc/", url):
        first = reader().get(page)
        again = reader().get(page)
        assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit"), page
        assert again.content == first.content, page
        assert headers(again) == headers(first), page
        # The one header of the middleware the kept page skips, and the security headers above it.
        assert again["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in again and "Permissions-Policy" in again


def test_a_browser_that_takes_gzip_gets_the_copy_compressed_when_the_page_was_kept(sites):
    client = reader()
    plain = client.get("/tin-tuc/")
    compressed = client.get("/tin-tuc/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["X-Page-Cache"] == "hit" and compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert "Accept-Encoding" in compressed["Vary"] and "Cookie" in compressed["Vary"]
    # Weak: the bytes differ from the page's; the browser's revalidation still matches.
    assert compressed["ETag"] == "W/" + plain["ETag"]
    again = client.get("/tin-tuc/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"])
    assert again.status_code == 304 and again.content == b""
    # The same bytes for every reader: compressed once, when the page was kept.
    assert reader().get("/tin-tuc/", HTTP_ACCEPT_ENCODING="gzip").content == compressed.content
    # A browser that takes no gzip is told the answer depends on it.
    assert "Accept-Encoding" in plain["Vary"] and not plain.has_header("Content-Encoding")


def test_only_kept_views_cost_a_look_up_in_the_cache(sites, monkeypatch):
    looked = []
    original = pagecache._lookup

    def counting(request, cache, site):
        looked.append(request.path)
        return original(request, cache, site)

    monkeypatch.setattr(pagecache, "_lookup", counting)
    client = reader()
    client.get(sites["a"]["poll"].get_absolute_url())  # a form with its token: never kept
    client.get("/khong-co-trang-nay/")
    assert looked == []
    client.get("/tin-tuc/")
    client.get("/tin-tuc/")
    # One look-up per reading: the miss's key is reused by the view's decorator.
    assert looked == ["/tin-tuc/", "/tin-tuc/"]


def test_a_reading_answered_before_the_view_is_counted_in_a_process_that_never_ran_it(sites):
    post = sites["a"]["posts"][0]
    reader().get(post.get_absolute_url())
    pagecache._hit_function.cache_clear()  # a new process: the counting function found by name
    reader().get(post.get_absolute_url())
    reader().get(post.get_absolute_url())
    assert view_counter.pending([post.pk]) == {post.pk: 3}
