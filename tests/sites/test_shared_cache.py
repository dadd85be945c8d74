"""REDIS_URL: the page cache, the counters and sessions on a real Redis (started by .ci/run),
and every page still served, and staff still signed in, with Redis stopped."""

import os
import uuid

import pytest
from django.test import Client

from lib.cache import TolerantRedisCache
from news.counters import view_counter
from tests.support import dead_url, reachable, require

from .conftest import HOSTS, PASSWORD
from .test_public_sites import public_urls

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6390/0")


def use_redis(settings, url, prefix):
    shared = {
        "BACKEND": "lib.cache.TolerantRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    settings.CACHES = {
        "default": {**shared, "KEY_PREFIX": prefix},
        "counters": {**shared, "KEY_PREFIX": f"{prefix}-counters", "TIMEOUT": None},
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def redis_cache(settings):
    require(reachable(REDIS_URL), f"Redis at {REDIS_URL} (redis-server: see .ci/run)")
    prefix = f"mttq-test-{uuid.uuid4().hex[:8]}"
    use_redis(settings, REDIS_URL, prefix)
    yield prefix
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


@pytest.fixture
def redis_stopped(settings):
    use_redis(settings, dead_url("redis"), "mttq-test-down")


def test_with_redis_an_edit_on_one_server_is_seen_by_the_pages_of_another(
    sites, redis_cache, django_capture_on_commit_callbacks
):
    import redis

    post = sites["a"]["posts"][0]
    reader = Client(HTTP_HOST=HOSTS["a"])
    reader.get("/tin-tuc/")
    assert reader.get("/tin-tuc/")["X-Page-Cache"] == "hit"
    stored = redis.Redis.from_url(REDIS_URL).keys(f"{redis_cache}:*page:v2:page:*")
    assert stored, "the page is kept in Redis, where every app server reads it"
    # Another app server: its own connection to the same Redis, nothing shared in memory.
    other_server = TolerantRedisCache(REDIS_URL, {"KEY_PREFIX": redis_cache})
    token_before = other_server.get(f"page:v2:gen:c:{sites['a']['commune'].pk}")
    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Tiêu đề sửa trên máy chủ khác Alphaxa"
        post.save()
    assert other_server.get(f"page:v2:gen:c:{sites['a']['commune'].pk}") != token_before
    assert "Tiêu đề sửa trên máy chủ khác Alphaxa" in reader.get("/tin-tuc/").content.decode()
    reader.get(post.get_absolute_url())
    assert view_counter.pending([post.pk]) == {post.pk: 1}


def test_with_redis_a_staff_session_lives_in_redis_and_the_database(sites, people, redis_cache):
    staff = Client(HTTP_HOST=HOSTS["a"])
    assert staff.login(username="editor.a", password=PASSWORD)
    assert staff.get("/quan-tri/").status_code == 200
    import redis

    assert redis.Redis.from_url(REDIS_URL).keys(f"{redis_cache}:*django.contrib.sessions.cached_db*")


def test_with_redis_stopped_every_page_is_served_uncached(sites, redis_stopped):
    reader = Client(HTTP_HOST=HOSTS["a"])
    for url in public_urls(sites["a"]):
        for _ in range(2):
            response = reader.get(url, follow=True)
            assert response.status_code == 200, url
            assert response.get("X-Page-Cache") != "hit", url
    assert "Hội nghị Ban công tác Mặt trận thôn Đông Alphaxa" in reader.get("/").content.decode()


def test_with_redis_stopped_staff_sign_in_through_the_login_form(sites, people, redis_stopped, settings):
    settings.AXES_ENABLED = True
    staff = Client(HTTP_HOST=HOSTS["a"])
    response = staff.post(
        "/quan-tri/login/?next=/quan-tri/", {"username": "editor.a", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert "<title>Bảng điều khiển | Quản trị MTTQ</title>" in response.content.decode()
    assert staff.get("/quan-tri/news/post/").status_code == 200


def test_a_stopped_redis_answers_as_an_empty_cache_and_is_not_asked_again_at_once(settings):
    cache = TolerantRedisCache(dead_url("redis"), {"OPTIONS": {"socket_connect_timeout": 0.5}})
    assert cache.get("a", "nothing") == "nothing"
    assert cache.add("a", 1) is False
    assert cache.set("a", 1) is None and cache.get_many(["a", "b"]) == {}
    with pytest.raises(ValueError):
        cache.incr("a")
    assert not cache.available  # a few seconds without trying: no timeout per call
