"""What a cached hit asks the shared cache: the page, once; the tokens and the site table's
version are kept in the process for PAGE_CACHE_LOCAL_SECONDS (lib/pagecache.py).

"Another app server" is played by writing the shared cache directly, as another process's
`bump` would: nothing of it reaches this process's memory. Time is moved by hand
(`pagecache.clock`), so "before" and "after" the local copy's life are exact.
"""

import pytest
from django.core.cache import caches
from django.test import Client

from congresses import sites as site_table_module
from congresses.models import Commune
from lib import pagecache
from news.counters import _key, view_counter
from news.models import Post

from .conftest import HOSTS


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture(autouse=True)
def page_cache(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.25
    clock = Clock()
    monkeypatch.setattr(pagecache, "clock", clock)
    caches["default"].clear()
    yield clock
    caches["default"].clear()


def read(url, host="a"):
    response = Client(HTTP_HOST=HOSTS[host]).get(url)
    return response, response.content.decode()


def edit_elsewhere(post, title):
    """Another app server saves the post: the row changes and the site's token in the shared
    cache is replaced, without a signal in this process."""
    Post.objects.filter(pk=post.pk).update(title=title)
    caches["default"].set(pagecache._site_key("c", post.category.commune_id), "token-of-another-server", None)


class CountingCache:
    """The shared cache, counting the round trips asked of it."""

    def __init__(self, cache):
        self.cache, self.calls = cache, []

    def __getattr__(self, name):
        method = getattr(self.cache, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


def test_a_cached_hit_asks_the_shared_cache_once(sites, monkeypatch):
    url = sites["a"]["posts"][0].get_absolute_url()
    read("/tin-tuc/")
    read(url)
    counting = CountingCache(caches["default"])
    monkeypatch.setattr(pagecache, "_cache", lambda: counting)
    monkeypatch.setattr(site_table_module, "cache", counting)
    counters = CountingCache(caches["counters"])
    monkeypatch.setattr(type(view_counter), "cache", property(lambda self: counters))
    for page in ("/tin-tuc/", url):
        response, _ = read(page)
        assert response["X-Page-Cache"] == "hit", page
    assert counting.calls == ["get", "get"], "one trip per hit: the page (tokens and version kept)"
    assert counters.calls == [], "the reading waits in the process"


def test_an_edit_in_this_process_is_seen_by_it_at_once(sites, commits, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60  # whatever the local copy's life
    post = sites["a"]["posts"][0]
    for url in ("/tin-tuc/", post.get_absolute_url()):
        read(url)
        assert read(url)[0]["X-Page-Cache"] == "hit"
    with commits():
        post.title = "Tiêu đề sửa ở chính máy này Alphaxa"
        post.save()
    for url in ("/tin-tuc/", post.get_absolute_url()):
        response, text = read(url)
        assert "Tiêu đề sửa ở chính máy này Alphaxa" in text, url


def test_an_edit_on_another_server_is_seen_once_the_local_copy_is_older_than_its_life(sites, page_cache):
    post = sites["a"]["posts"][0]
    read("/tin-tuc/")
    assert read("/tin-tuc/")[0]["X-Page-Cache"] == "hit"
    page_cache.now += 0.1
    edit_elsewhere(post, "Tiêu đề sửa trên máy chủ khác Alphaxa")
    page_cache.now += 0.1  # 0.2 s after the tokens were read: the old page still
    response, text = read("/tin-tuc/")
    assert response["X-Page-Cache"] == "hit" and "Tiêu đề sửa trên máy chủ khác Alphaxa" not in text
    page_cache.now += 0.06  # 0.26 s: the tokens are read again
    response, text = read("/tin-tuc/")
    assert response["X-Page-Cache"] == "miss" and "Tiêu đề sửa trên máy chủ khác Alphaxa" in text


def test_with_no_local_life_an_edit_on_another_server_is_seen_at_once(sites, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    post = sites["a"]["posts"][0]
    read("/tin-tuc/")
    assert read("/tin-tuc/")[0]["X-Page-Cache"] == "hit"
    edit_elsewhere(post, "Tiêu đề sửa trên máy chủ khác Alphaxa")
    assert "Tiêu đề sửa trên máy chủ khác Alphaxa" in read("/tin-tuc/")[1]


def test_a_bump_while_another_thread_reads_the_old_tokens_is_not_undone(sites):
    """A read that began before a bump must not put the old tokens back in the local copy."""
    site = ("c", sites["a"]["commune"].pk)
    keys = [pagecache.ALL, pagecache._site_key(*site)]
    pagecache.bump(site)
    before = caches["default"].get_many(keys)

    class SlowCache:  # another thread bumps while this read is on its way
        def get_many(self, keys):
            values = caches["default"].get_many(keys)
            pagecache.bump(site)
            return values

    assert pagecache._tokens_copy.get_many(SlowCache(), keys) == before
    assert pagecache._tokens_copy.get_many(caches["default"], keys) != before


def test_a_host_given_on_another_server_is_served_here_once_the_version_is_read_again(sites, page_cache):
    assert read("/", "a")[0].status_code == 200
    commune = sites["a"]["commune"]
    Commune.objects.filter(pk=commune.pk).update(host="hoaphumoi.example.vn")
    caches["default"].incr(site_table_module.VERSION_KEY)  # another server's forget_sites()
    assert Client(HTTP_HOST="hoaphumoi.example.vn").get("/").status_code == 404
    page_cache.now += 0.3
    assert Client(HTTP_HOST="hoaphumoi.example.vn").get("/").status_code == 200


def test_cached_readings_reach_the_counters_within_the_flush_time_in_one_go(sites, settings):
    settings.VIEW_COUNTER_FLUSH_SECONDS = 60
    post, other = sites["a"]["posts"]
    for url in (post.get_absolute_url(), other.get_absolute_url()):
        read(url)  # rendered: counted at once (the page shows it)
    for _ in range(3):
        read(post.get_absolute_url())
    read(other.get_absolute_url())
    assert caches["counters"].get(_key(post.pk)) == 1 and caches["counters"].get(_key(other.pk)) == 1
    assert view_counter.flush() == 4
    assert caches["counters"].get(_key(post.pk)) == 4 and caches["counters"].get(_key(other.pk)) == 2
    assert view_counter.pending([post.pk, other.pk]) == {post.pk: 4, other.pk: 2}


def test_the_microcache_and_the_local_copy_together_stay_within_a_second(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.25
    for now in (1000.0, 1000.1, 1000.24, 1000.25, 1000.5, 1000.99):
        until = pagecache._microcache_until(now)
        # nginx serves a copy marked @S until S + 1; its tokens may be 0.25 s old.
        assert until + 1 - (now - 0.25) <= 1.0 + 1e-9, now
        assert until >= now - 1.25, now
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    assert pagecache._microcache_until(1000.5) == 1000


def test_a_cached_page_and_its_304_tell_nginx_how_long_to_keep_them(sites):
    client = Client(HTTP_HOST=HOSTS["a"])
    first = client.get("/tin-tuc/")
    assert first["X-Accel-Expires"].startswith("@")
    again = client.get("/tin-tuc/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["X-Accel-Expires"].startswith("@")


def test_a_commune_saved_in_a_transaction_tells_the_other_servers_again_once_it_commits(
    sites, django_capture_on_commit_callbacks
):
    # Between the save and the commit another server may load the table as it still was, under
    # the version the save wrote; the second bump at the commit makes it load the table again.
    from django.db import transaction

    commune = sites["a"]["commune"]
    before = caches["default"].get(site_table_module.VERSION_KEY, 0)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        commune.name = "Hòa Phú mới"
        commune.save()
        assert caches["default"].get(site_table_module.VERSION_KEY) == before + 1
    assert caches["default"].get(site_table_module.VERSION_KEY) == before + 2
