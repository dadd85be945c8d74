"""Public news pages as a reader sees them: lists, a post, search, feed, sitemap; drafts never leak."""

import json
import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news import services
from news.models import Category, Post

from .conftest import jpeg_upload


@pytest.fixture
def draft(make_post):
    return make_post("Bản nháp bí mật thôn Tây", status=Post.Status.DRAFT, lead="Chưa được đăng.")


@pytest.fixture
def scheduled(make_post):
    return make_post(
        "Thông báo hiến máu đợt hai", published_at=timezone.now() + timedelta(days=2), lead="Hẹn giờ đăng."
    )


def test_home_shows_featured_and_latest_posts(client, make_post):
    make_post("Ngày hội hiến máu tình nguyện", is_featured=True)
    make_post("Trao quà Tết cho hộ nghèo")
    page = client.get("/").content.decode()
    featured, latest = page.split('id="tin-moi"', 1)
    assert "Tin nổi bật" in featured and "Ngày hội hiến máu tình nguyện" in featured
    assert "Trao quà Tết cho hộ nghèo" in latest
    assert "Ngày hội hiến máu tình nguyện" not in latest


def test_category_listing_paginates_newest_first(client, make_post, category):
    now = timezone.now()
    for number in range(1, 15):
        make_post(f"Tin số {number:02d}", published_at=now - timedelta(hours=number))
    first = client.get(category.get_absolute_url()).content.decode()
    second = client.get(category.get_absolute_url() + "?trang=2").content.decode()
    assert "Tin số 01" in first and "Tin số 12" in first and "Tin số 13" not in first
    assert "Tin số 13" in second and "Tin số 14" in second
    assert "Trang 1/2" in first
    assert first.index("Tin số 01") < first.index("Tin số 02")


def test_listing_shows_renditions_never_the_original(client, make_post):
    services.set_cover(make_post("Ảnh bìa cũ hơn"), jpeg_upload(width=1200, height=800))
    post = services.set_cover(make_post("Có ảnh bìa"), jpeg_upload(width=1200, height=800))
    page = client.get(reverse("news:index")).content.decode()
    assert post.cover.url not in page
    assert post.cover_thumb.webp_url in page and post.cover_thumb.jpeg_url in page
    assert 'width="480" height="320"' in page
    # The first card's image is the page's largest: fetched at once; the others wait.
    assert page.count('fetchpriority="high"') == 1 and 'loading="lazy"' in page
    assert 'type="image/webp"' in page


def test_unknown_category_is_a_404(client, db):
    assert client.get("/tin-tuc/khong-co/").status_code == 404


def test_post_detail_shows_everything_a_reader_expects(client, make_post, category):
    when = timezone.make_aware(datetime(2024, 1, 7, 8, 30))
    post = make_post(
        "Hội nghị Ban công tác Mặt trận thôn Đông",
        lead="Sáng 07/01/2024, 86 đại biểu dự hội nghị.",
        body="<h2>Kết quả</h2><p>Quỹ “Vì người nghèo” đạt <strong>123%</strong>.</p>",
        author="Thu Hà",
        published_at=when,
        view_count=41,
    )
    services.add_photos(post, [jpeg_upload(), jpeg_upload()])
    post.photos.filter(position=2).update(caption="Đại biểu biểu quyết")
    make_post("Tin cùng chuyên mục")
    page = client.get(post.get_absolute_url()).content.decode()
    assert '<h1 class="news-title">Hội nghị Ban công tác Mặt trận thôn Đông</h1>' in page
    assert "86 đại biểu dự hội nghị" in page
    assert "<strong>123%</strong>" in page
    assert "07/01/2024 08:30" in page
    assert "Thu Hà" in page
    assert "42 lượt xem" in page
    assert "Ảnh (2)" in page and "Đại biểu biểu quyết" in page
    assert 'alt="Hội nghị Ban công tác Mặt trận thôn Đông – ảnh 1"' in page
    assert "Tin liên quan" in page and "Tin cùng chuyên mục" in page
    assert '<meta property="og:title" content="Hội nghị Ban công tác Mặt trận thôn Đông">' in page
    assert 'media="print"' in page


def test_post_detail_counts_each_reading(client, make_post):
    post = make_post(view_count=5)
    client.get(post.get_absolute_url())
    page = client.get(post.get_absolute_url()).content.decode()
    assert "7 lượt xem" in page


def test_post_detail_carries_news_article_json_ld_that_cannot_break_out(client, make_post):
    post = make_post("Tin có </script><script>alert(1)</script> trong tiêu đề", author="Minh Quân")
    page = client.get(post.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Tin có </script>")
    assert data["author"]["name"] == "Minh Quân"
    assert "<script>alert(1)" not in page


def test_hostile_body_is_not_executable_on_the_page(client, make_post):
    post = make_post(body="<p>Chào</p><img src=x onerror=alert(1)><script>alert(2)</script>")
    page = client.get(post.get_absolute_url()).content.decode()
    assert "onerror" not in page and "alert(2)" not in page


def test_a_draft_is_a_404_and_appears_nowhere(client, draft, make_post):
    make_post("Tin đã đăng")
    assert client.get(draft.get_absolute_url()).status_code == 404
    pages = [
        client.get("/").content.decode(),
        client.get(reverse("news:index")).content.decode(),
        client.get(draft.category.get_absolute_url()).content.decode(),
        client.get(reverse("news:search"), {"q": "bí mật"}).content.decode(),
        client.get(reverse("news:feed")).content.decode(),
        client.get("/sitemap.xml").content.decode(),
    ]
    for page in pages:
        assert "Bản nháp bí mật" not in page
        assert draft.slug not in page
    assert "Tin đã đăng" in pages[0]


def test_a_scheduled_post_appears_by_itself_when_its_time_comes(client, scheduled, clock):
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert "Thông báo hiến máu đợt hai" not in client.get("/").content.decode()
    assert scheduled.slug not in client.get(reverse("news:feed")).content.decode()
    clock.move(days=2, minutes=1)
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert "Thông báo hiến máu đợt hai" in client.get("/").content.decode()
    assert scheduled.slug in client.get(reverse("news:feed")).content.decode()
    assert scheduled.slug in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "Đông",
        "đông",
        "dong",
        "DONG",
        "thôn Đông",
        "thon dong",
        "hoi nghi",
        "Hội Nghị",
        "ban cong tac mat tran",
    ],
)
def test_search_matches_with_or_without_diacritics(client, make_post, query):
    make_post("Hội nghị Ban công tác Mặt trận thôn Đông")
    make_post("Trao quà Tết thôn Tây", lead="Quà cho hộ nghèo.", body="<p>Thôn Tây.</p>")
    page = client.get(reverse("news:search"), {"q": query}).content.decode()
    assert "Hội nghị Ban công tác Mặt trận thôn Đông" in page
    assert "Trao quà Tết thôn Tây" not in page
    assert "Tìm thấy 1 bài" in page


def test_search_matches_the_start_of_words_not_their_middle(client, make_post):
    make_post("Ban công tác Mặt trận thôn Trung", lead="Hội nghị.", body="<p>Thôn Trung.</p>")
    make_post("Thôn An Bình ra quân", lead="Ngày Chủ nhật xanh.", body="<p>Ra quân.</p>")
    page = client.get(reverse("news:search"), {"q": "an"}).content.decode()
    assert "Thôn An Bình ra quân" in page
    assert "Ban công tác Mặt trận thôn Trung" not in page


def test_search_puts_titles_typed_exactly_first(client, make_post):
    now = timezone.now()
    make_post("Quyên góp ủng hộ", body="<p>Hiến máu cứu người.</p>", published_at=now - timedelta(minutes=1))
    make_post("Ngày hội hiến máu", body="<p>Nội dung.</p>", published_at=now - timedelta(days=5))
    page = client.get(reverse("news:search"), {"q": "hiến máu"}).content.decode()
    assert page.index("Ngày hội hiến máu") < page.index("Quyên góp ủng hộ")


def test_search_finds_words_in_the_body_too(client, make_post):
    make_post("Ngày hội", body="<p>Người hiến máu nhiều tuổi nhất ở <em>Phú Lộc</em>.</p>")
    assert "Ngày hội" in client.get(reverse("news:search"), {"q": "phu loc"}).content.decode()


def test_search_without_results_says_so_in_vietnamese(client, make_post):
    make_post()
    page = client.get(reverse("news:search"), {"q": "xyz không có"}).content.decode()
    assert "Không tìm thấy bài nào cho “xyz không có”" in page


def test_feed_lists_public_posts_with_their_lead(client, make_post):
    make_post("Trao học bổng Tiếp sức đến trường", lead="25 suất học bổng cho học sinh vượt khó.")
    response = client.get(reverse("news:feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "<title>Trao học bổng Tiếp sức đến trường</title>" in body
    assert "25 suất học bổng cho học sinh vượt khó." in body
    assert "/tin/trao-hoc-bong-tiep-suc-den-truong/" in body


def test_sitemap_lists_public_posts_and_categories(client, make_post, category):
    post = make_post("Ra quân Ngày Chủ nhật xanh")
    body = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{post.get_absolute_url()}" in body
    assert f"http://testserver{category.get_absolute_url()}" in body
    assert "<lastmod>" in body


def test_menu_lists_the_categories_and_the_search(client, commune):
    Category.objects.create(commune=commune, name="An sinh xã hội")
    page = client.get("/").content.decode()
    assert 'href="/tin-tuc/an-sinh-xa-hoi/"' in page
    assert 'action="/tim-kiem/"' in page


def test_home_without_posts_says_so_in_vietnamese(client, db):
    page = client.get("/").content.decode()
    assert "Chưa có tin nào được đăng." in page
    assert "Tin nổi bật" not in page


def test_search_ranks_words_side_by_side_before_scattered_ones(client, make_post):
    now = timezone.now()
    newer = {"lead": "Quà Tết.", "published_at": now - timedelta(minutes=1)}
    older = {"lead": "Tổng kết.", "published_at": now - timedelta(days=3)}
    make_post("Thôn Tây trao quà", body="<p>Bà con góp đông đủ.</p>", **newer)
    make_post("Hội nghị tổng kết", body="<p>Bà con thôn Đông dự họp.</p>", **older)
    page = client.get(reverse("news:search"), {"q": "thon dong"}).content.decode()
    assert page.index("Hội nghị tổng kết") < page.index("Thôn Tây trao quà")
