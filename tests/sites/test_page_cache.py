"""Anonymous readers get public pages from the shared cache; every change shows at once.

Each test turns the page cache on (the suite runs with it off) and reads as a reader would:
the page's text, its status and headers. A change is made the way the portal makes it (a
save, a service, the admin) inside a transaction whose commit callbacks run, as in production.
"""

import datetime
import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns import services as campaign_services
from congresses import services as congress_services
from congresses.models import Person, Position, Term
from lib import pagecache
from news.counters import view_counter
from news.models import Post

from .conftest import HOSTS, PASSWORD
from .test_public_sites import public_urls

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)


pytestmark = pytest.mark.usefixtures("fresh_page_cache")


def reader(host="a"):
    return Client(HTTP_HOST=HOSTS[host])


def get(client, url):
    response = client.get(url)
    return response, response.content.decode()


def test_the_second_reader_gets_the_page_from_the_cache_without_a_query(sites):
    url = sites["a"]["posts"][0].get_absolute_url()
    first, text = get(reader(), url)
    assert first["X-Page-Cache"] == "miss" and sites["a"]["posts"][0].title in text
    with CaptureQueriesContext(connection) as queries:
        second, again = get(reader(), url)
    assert second["X-Page-Cache"] == "hit"
    assert again == text
    assert queries.captured_queries == []


def cached_urls(site):
    """Every public page but the poll's: it holds a form (a CSRF token) and depends on the reader's
    cookie, so it is never cached (tests/news/test_polls.py)."""
    return [url for url in public_urls(site) if url != site["poll"].get_absolute_url()]


def test_every_public_page_is_cached_and_a_get_writes_nothing(sites):
    client = reader()
    for url in cached_urls(sites["a"]):
        for state in ("miss", "hit"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            # /mat-tran/uy-ban/ sends to the committee's page, an area split away to its successor.
            if response.status_code in (301, 302):
                break
            assert response.status_code == 200, url
            assert response["X-Page-Cache"] == state, url
            assert [q["sql"] for q in queries.captured_queries if WRITE.match(q["sql"])] == [], url


def test_one_communes_cached_page_is_never_served_at_the_others_host(sites):
    for url in ["/", "/tin-tuc/", "/van-dong/", "/rss/", "/sitemap.xml", "/tim-kiem/?q=hoi+nghi"]:
        _, at_a = get(reader("a"), url)
        response, at_b = get(reader("b"), url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Alphaxa" not in at_b and HOSTS["a"] not in at_b and "Hòa Phú" not in at_b, url
        assert "Betaxa" not in at_a and HOSTS["b"] not in at_a and "Hòa An" not in at_a, url
    _, province = get(reader("province"), "/")
    assert "Alphaxa" not in province and "Ủy ban MTTQ Việt Nam xã Hòa An" in province


def test_an_edited_title_shows_at_once_on_every_page_that_lists_the_post(sites, commits):
    post = sites["a"]["posts"][0]
    urls = ["/", "/tin-tuc/", post.category.get_absolute_url(), post.get_absolute_url(), "/rss/"]
    for url in urls:
        get(reader(), url)
        assert get(reader(), url)[0]["X-Page-Cache"] == "hit"
    with commits():
        post.title = "Hội nghị đã sửa tiêu đề Alphaxa"
        post.save()
    for url in urls:
        response, text = get(reader(), url)
        assert "Hội nghị đã sửa tiêu đề Alphaxa" in text, url
    # The other commune's pages stay cached: its generation did not change.
    get(reader("b"), "/tin-tuc/")
    assert get(reader("b"), "/tin-tuc/")[0]["X-Page-Cache"] == "hit"


def test_a_draft_published_in_the_admin_then_unpublished_shows_and_leaves_at_once(sites, people, commits):
    post = sites["a"]["posts"][1]
    with commits():
        post.status = Post.Status.DRAFT
        post.save()
    assert post.title not in get(reader(), "/tin-tuc/")[1]
    assert get(reader(), post.get_absolute_url())[0].status_code == 404
    editor = Client(HTTP_HOST=HOSTS["a"])
    assert editor.login(username="editor.a", password=PASSWORD)
    with commits():
        response = editor.post(
            "/quan-tri/news/post/", {"action": "publish_now", "_selected_action": [post.pk]}, follow=True
        )
    assert "Đã đăng 1 bài." in response.content.decode()
    assert post.title in get(reader(), "/tin-tuc/")[1]
    assert get(reader(), post.get_absolute_url())[0].status_code == 200
    post.refresh_from_db()
    with commits():
        post.status = Post.Status.DRAFT
        post.save()
    assert post.title not in get(reader(), "/tin-tuc/")[1]
    assert post.title not in get(reader(), "/")[1]
    assert get(reader(), post.get_absolute_url())[0].status_code == 404


def test_a_new_post_and_a_scheduled_post_at_its_time_show_at_once(sites, commits, monkeypatch):
    category = sites["a"]["category"]
    get(reader(), "/tin-tuc/")
    with commits():
        Post.objects.create(
            category=category,
            title="Tin mới đăng Alphaxa",
            status=Post.Status.PUBLISHED,
            published_at=timezone.now(),
        )
    assert "Tin mới đăng Alphaxa" in get(reader(), "/tin-tuc/")[1]
    soon = timezone.now() + timedelta(seconds=30)
    with commits():
        Post.objects.create(
            category=category, title="Tin hẹn giờ Alphaxa", status=Post.Status.PUBLISHED, published_at=soon
        )
    assert "Tin hẹn giờ Alphaxa" not in get(reader(), "/tin-tuc/")[1]
    assert get(reader(), "/tin-tuc/")[0]["X-Page-Cache"] == "hit"
    # Nobody saves anything when its time comes; the cached list ends there.
    later = soon + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Tin hẹn giờ Alphaxa" in get(reader(), "/tin-tuc/")[1]


def test_a_new_contribution_shows_on_the_campaign_pages_at_once(sites, people, commits):
    site = sites["a"]
    donors = site["campaign"].get_absolute_url() + "nha-hao-tam/"
    get(reader(), donors)
    assert get(reader(), donors)[0]["X-Page-Cache"] == "hit"
    with commits():
        campaign_services.record_contribution(
            by=people["a"]["staff"],
            indicator=site["indicator"],
            area=site["area"],
            amount=750_000,
            donor_name="Bà Lê Thị Alphaxa Mới",
            date=datetime.date(2025, 2, 2),
        )
    assert "Bà Lê Thị Alphaxa Mới" in get(reader(), donors)[1]


def test_a_changed_committee_shows_on_the_area_page_at_once(sites, commits):
    site = sites["a"]
    url = site["area"].get_absolute_url()
    get(reader(), url)
    today = timezone.localdate()
    term = Term.objects.create(
        committee=site["committee"],
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=900),
    )
    person = Person.objects.create(
        commune=site["commune"], full_name="Trần Thị Alphaxa Trưởng", gender="female"
    )
    head = Position.objects.get(name="Trưởng ban")
    with commits():
        congress_services.appoint(term, person, head)
    assert "Trần Thị Alphaxa Trưởng" in get(reader(), url)[1]


def test_signed_in_staff_neither_get_nor_fill_the_anonymous_copy(sites, people):
    post = sites["a"]["posts"][0]
    url = post.get_absolute_url()
    get(reader(), url)
    # A change that sends no signal: the cached copy keeps the old title for readers …
    Post.objects.filter(pk=post.pk).update(title="Tiêu đề chỉ cán bộ thấy Alphaxa")
    assert "Tiêu đề chỉ cán bộ thấy Alphaxa" not in get(reader(), url)[1]
    staff = Client(HTTP_HOST=HOSTS["a"])
    assert staff.login(username="editor.a", password=PASSWORD)
    response, text = get(staff, url)
    # … the signed-in editor gets the page rendered for them, kept by nobody.
    assert "Tiêu đề chỉ cán bộ thấy Alphaxa" in text
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"
    caches["default"].clear()
    get(staff, "/tin-tuc/")
    assert get(reader(), "/tin-tuc/")[0]["X-Page-Cache"] == "miss"


def test_a_reader_with_a_message_waiting_gets_the_page_rendered(sites):
    client = reader()
    get(client, "/")
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in get(client, "/")[0]


def test_the_opinion_form_keeps_a_working_csrf_token(sites, settings):
    settings.AXES_ENABLED = False
    client = Client(HTTP_HOST=HOSTS["a"], enforce_csrf_checks=True)
    tokens = []
    for _ in range(2):
        response, text = get(client, "/y-kien/gui/")
        assert "X-Page-Cache" not in response
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1))
    assert tokens[0] != tokens[1]  # masked anew for each page: nothing of it was kept
    response = client.post(
        "/y-kien/gui/",
        {
            "csrfmiddlewaretoken": tokens[1],
            "text": "Đèn đường thôn Đông bị hỏng Alphaxa",
            "field": "other",
            "area": sites["a"]["area"].pk,
        },
    )
    assert response.status_code != 403


def _request(path="/thu/"):
    request = RequestFactory().get(path, HTTP_HOST=HOSTS["a"])
    request.commune = request.province = None
    return request


def test_a_page_that_used_the_csrf_token_or_the_csp_nonce_is_not_kept(db):
    def with_form(request):
        return HttpResponse(
            f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}">'
        )

    def with_inline_script(request):
        request._csp_nonce = "abc"
        return HttpResponse('<script nonce="abc">1</script>')

    def plain(request):
        return HttpResponse("<p>Trang tĩnh</p>")

    for view, kept in [(with_form, False), (with_inline_script, False), (plain, True)]:
        cached = pagecache.public_page(view)
        cached(_request(f"/{view.__name__}/"))
        assert cached(_request(f"/{view.__name__}/")).get("X-Page-Cache") == ("hit" if kept else None), view


def test_cached_public_pages_need_no_inline_script_and_carry_no_nonce(sites):
    client = reader()
    for url in cached_urls(sites["a"]):
        client.get(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        assert response["X-Page-Cache"] == "hit", url
        text = response.content.decode()
        assert "nonce" not in text, url
        # The post's JSON-LD is data, not a script a browser runs; nothing else is inline.
        assert all('type="application/ld+json"' in tag for tag in INLINE_SCRIPT.findall(text)), url
        assert "<style" not in text and " style=" not in text, url
        assert "nonce-" not in response.get("Content-Security-Policy", ""), url
        assert "'unsafe-inline'" not in response.get("Content-Security-Policy", ""), url


def test_a_cached_page_answers_if_none_match_with_304(sites):
    client = reader()
    first = client.get("/tin-tuc/")
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=1"
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    again = client.get("/tin-tuc/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get("/tin-tuc/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get("/tin-tuc/", HTTP_IF_NONE_MATCH='"khac"').status_code == 200


def test_a_reading_served_from_the_cache_is_still_counted(sites):
    post = sites["a"]["posts"][0]
    for _ in range(3):
        reader().get(post.get_absolute_url())
    assert view_counter.pending([post.pk]) == {post.pk: 3}
