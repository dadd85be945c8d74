"""The home page's columns, a news list's cards and a post's article are kept in the shared cache
per site, as the menu is: a page rendered for a signed-in editor (the page cache steps aside)
takes them from there, and an edit shows in them at once; what moves by itself (the visit
statistics, a post's view count) is never frozen in them, and they are kept no longer than a
whole page would be (the next scheduled post).
"""

import datetime
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lib import pagecache
from news.models import Post

from .conftest import staff_like

pytestmark = pytest.mark.usefixtures("fresh_page_cache")


def rendered(url, host="a"):
    with CaptureQueriesContext(connection) as queries:
        response = staff_like(host).get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # rendered, not the page cache's copy
    return response.content.decode(), [
        q["sql"] for q in queries.captured_queries if '"news_post"' in q["sql"]
    ]


def test_the_home_page_reads_its_posts_once_then_shows_an_edit_at_once(sites, commits):
    post = sites["a"]["posts"][0]
    first, first_queries = rendered("/")
    again, again_queries = rendered("/")
    assert post.title in first and first == again
    assert first_queries and again_queries == []
    with commits():
        post.title = "Tiêu đề mới của bài nổi bật"
        post.save()
    text, _ = rendered("/")
    assert "Tiêu đề mới của bài nổi bật" in text and post.title in text
    assert "Tiêu đề mới của bài nổi bật" not in rendered("/", host="b")[0]


def test_the_home_page_shows_a_post_published_at_once(sites, commits, make_site_post):
    rendered("/")
    with commits():
        make_site_post(sites["a"], "Bài vừa đăng trên trang chủ")
    assert "Bài vừa đăng trên trang chủ" in rendered("/")[0]


def test_the_visit_statistics_are_read_on_every_rendered_home_page(sites, monkeypatch):
    from mttq_portal import views

    numbers = {"online": 1, "today": 11, "yesterday": 7, "month": 123, "total": 4567}
    monkeypatch.setattr(views, "statistics", lambda commune: dict(numbers))
    assert "4.567" in rendered("/")[0]
    numbers["total"] = 4999
    assert "4.999" in rendered("/")[0]


def test_a_news_list_keeps_each_page_apart_and_shows_an_edit_at_once(sites, commits, make_site_post):
    for number in range(14):  # two pages of twelve
        make_site_post(sites["a"], f"Tin số {number:02d} của thôn")
    first, first_queries = rendered("/tin-tuc/")
    second, _ = rendered("/tin-tuc/?trang=2")
    again, again_queries = rendered("/tin-tuc/")
    assert first == again and again_queries == [] and first_queries
    assert "Tin số 13 của thôn" in first and "Tin số 13 của thôn" not in second
    assert 'name="robots" content="noindex' in second and 'name="robots" content="noindex' not in first
    # The pagination's links keep the rest of the query string: it is part of the key.
    assert "utm_source=zalo" in rendered("/tin-tuc/?utm_source=zalo")[0]
    post = Post.objects.get(title="Tin số 13 của thôn")
    with commits():
        post.title = "Tin số 13 đã sửa"
        post.save()
    assert "Tin số 13 đã sửa" in rendered("/tin-tuc/")[0]


def test_a_post_page_shows_an_edit_of_its_body_at_once_and_its_view_count_moves(sites, commits):
    post = sites["a"]["posts"][0]
    url = post.get_absolute_url()
    first, _ = rendered(url)
    again, again_queries = rendered(url)
    assert "Hội nghị dân chủ." in first
    # Only the post itself is read: its gallery, tags and related posts come from the cache.
    assert len(again_queries) == 1
    assert "1 lượt xem" in first and "2 lượt xem" in again
    with commits():
        post.body = "<p>Nội dung đã được biên tập lại.</p>"
        post.save()
    text, _ = rendered(url)
    assert "Nội dung đã được biên tập lại." in text and "Hội nghị dân chủ." not in text


def test_a_fragment_is_kept_no_longer_than_until_the_next_scheduled_post(sites, make_site_post, monkeypatch):
    names, kept = {}, {}
    key_of, set_ = pagecache.fragment_key, caches["default"].set

    def fragment_key(request, name, vary=()):
        key = key_of(request, name, vary)
        names[key] = name
        return key

    def set_and_note(key, value, timeout=None):
        kept[names.get(key)] = timeout
        return set_(key, value, timeout)

    monkeypatch.setattr(pagecache, "fragment_key", fragment_key)
    monkeypatch.setattr(caches["default"], "set", set_and_note)
    make_site_post(
        sites["a"],
        "Bài hẹn giờ",
        status=Post.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(seconds=20),
    )
    rendered("/")
    assert 0 < kept["home"] <= 20 and 0 < kept["header"] <= 20


@pytest.fixture
def make_site_post():
    def make(site, title, **fields):
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - timedelta(minutes=1))
        return Post.objects.create(category=site["category"], title=title, lead="Tin ngắn.", **fields)

    return make


@pytest.mark.parametrize("url", ["/", "/tin-tuc/", "post"])
def test_a_rendered_page_reads_all_its_fragments_in_one_round_trip(sites, monkeypatch, url):
    """The header, the footer and the page's own fragments, kept by a first reader, come back to
    the next one from a single read of the shared cache, not one read each."""
    url = sites["a"]["posts"][0].get_absolute_url() if url == "post" else url
    rendered(url)
    cache, reads, inside = caches["default"], [], []
    get, get_many = cache.get, cache.get_many

    def counted_get(key, *args, **kwargs):
        if not inside:  # the test cache's get_many asks get for each key: one read all the same
            reads.append(("get", key))
        return get(key, *args, **kwargs)

    def counted_get_many(keys, *args, **kwargs):
        reads.append(("get_many", tuple(keys)))
        inside.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(cache, "get", counted_get)
    monkeypatch.setattr(cache, "get_many", counted_get_many)
    again, _ = rendered(url)
    keys = {"get": lambda key: [key], "get_many": list}
    fragment_reads = [(how, what) for how, what in reads if any(":frag:" in k for k in keys[how](what))]
    assert len(fragment_reads) == 1 and fragment_reads[0][0] == "get_many"
    assert len(fragment_reads[0][1]) >= 2  # the header and the footer at least, with the page's
    assert 'class="site-footer' in again or "<footer" in again


def rendered_text(url, host="a", table=None):
    """The page rendered for a signed-in reader, and whether it read `table`."""
    with CaptureQueriesContext(connection) as queries:
        response = staff_like(host).get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    return response.content.decode(), any(f'"{table}"' in q["sql"] for q in queries.captured_queries)


def read_once(url, table):
    """The page twice: the first reader's rendering reads `table`, the next one's does not."""
    first, first_read = rendered_text(url, table=table)
    again, again_read = rendered_text(url, table=table)
    assert first == again and first_read and not again_read
    return first


def test_a_campaign_page_reads_its_figures_once_then_shows_a_new_gift_at_once(sites, commits):
    from campaigns.models import Contribution

    url = sites["a"]["campaign"].get_absolute_url()
    assert "800.000" in read_once(url, "campaigns_contribution")
    with commits():
        Contribution.objects.create(
            indicator=sites["a"]["indicator"], area=sites["a"]["area"], amount=750_000,
            donor_name="Hộ bà Lê Thị Hoa", date=datetime.date(2025, 3, 1),
        )  # fmt: skip
    text, _ = rendered_text(url)
    assert "1.550.000" in text and "Hộ bà Lê Thị Hoa" in text
    assert "1.550.000" not in rendered_text(sites["b"]["campaign"].get_absolute_url(), host="b")[0]


def test_an_area_page_reads_its_committee_once_then_shows_an_edit_at_once(sites, commits):
    area = sites["a"]["area"]
    url = area.get_absolute_url()
    assert "Ban công tác Mặt trận thôn Đông" in read_once(url, "congresses_term")
    with commits():
        area.name = "Đông Hòa"
        area.save()
    assert "Ban công tác Mặt trận thôn Đông Hòa" in rendered_text(url)[0]
