"""What editors and readers get around an article: a preview of drafts for staff, share links,
a print button, the monthly archive."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Post
from tests.conftest import PASSWORD


@pytest.fixture
def draft(make_post):
    return make_post("Kế hoạch ngày hội thôn Bắc", status=Post.Status.DRAFT, lead="Chưa được đăng.")


def preview_url(post):
    return reverse("news:post_preview", args=[post.pk])


def test_an_editor_previews_a_draft_as_the_public_will_see_it(editor_client, draft):
    response = editor_client.get(preview_url(draft))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bản xem trước" in page and "Bản nháp" in page
    assert '<h1 class="news-title">Kế hoạch ngày hội thôn Bắc</h1>' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_scheduled_post_preview_says_when_it_goes_public(editor_client, make_post):
    post = make_post("Thông báo hiến máu đợt hai", published_at=timezone.now() + timedelta(days=2))
    page = editor_client.get(preview_url(post)).content.decode()
    assert "Bản xem trước" in page and "Hẹn giờ" in page


def test_a_preview_is_never_counted_as_a_reading(editor_client, draft):
    editor_client.get(preview_url(draft))
    draft.refresh_from_db()
    assert draft.view_count == 0


@pytest.mark.parametrize("who", ["anonymous", "officer_a"])
def test_a_preview_is_a_404_for_the_public_and_for_hamlet_officers(client, draft, who, request):
    if who != "anonymous":
        client.login(username=request.getfixturevalue(who).username, password=PASSWORD)
    assert client.get(preview_url(draft)).status_code == 404


def test_the_admin_change_page_links_to_the_preview(editor_client, draft):
    page = editor_client.get(reverse("admin:news_post_change", args=[draft.pk])).content.decode()
    assert preview_url(draft) in page and "Xem trước bài như bạn đọc sẽ thấy" in page


def test_a_post_offers_zalo_and_facebook_share_links_and_print(client, make_post):
    post = make_post("Ngày hội Đại đoàn kết")
    page = client.get(post.get_absolute_url()).content.decode()
    shared = "http%3A%2F%2Ftestserver%2Ftin%2Fngay-hoi-ai-oan-ket%2F".replace("ai-oan", "dai-doan")
    assert f"https://sp.zalo.me/share?url={shared}" in page
    assert f"https://www.facebook.com/sharer/sharer.php?u={shared}" in page
    assert "data-print" in page and "In bài" in page
    # Plain links: no script of either network is loaded.
    assert "connect.facebook.net" not in page and "sp.zalo.me/plugins" not in page


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 9, 0))


def test_the_monthly_archive_lists_the_months_posts_only(client, make_post):
    make_post("Tin tháng mười một", published_at=at(2026, 11, 3))
    make_post("Tin cuối tháng mười một", published_at=at(2026, 11, 30))
    make_post("Tin tháng mười", published_at=at(2026, 10, 15))
    make_post("Bản nháp tháng mười một", status=Post.Status.DRAFT, published_at=at(2026, 11, 5))
    page = client.get("/tin-tuc/2026/11/").content.decode()
    assert "Tin tháng Mười một năm 2026 (11/2026)" in page
    assert "Tin tháng mười một" in page and "Tin cuối tháng mười một" in page
    assert "Tin tháng mười</a>" not in page and "Bản nháp tháng mười một" not in page
    assert 'href="/tin-tuc/2026/10/"' in page and 'aria-current="page">11/2026' in page


def test_a_post_links_to_its_months_archive(client, make_post):
    post = make_post("Tin tháng mười một", published_at=at(2026, 11, 3))
    assert 'href="/tin-tuc/2026/11/"' in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.parametrize("path", ["/tin-tuc/2026/13/", "/tin-tuc/2026/0/", "/tin-tuc/1850/5/"])
def test_an_impossible_month_is_a_404(client, db, path):
    assert client.get(path).status_code == 404


def test_a_month_without_posts_says_so(client, db):
    assert "Tháng này chưa có bài viết." in client.get("/tin-tuc/2026/02/").content.decode()
