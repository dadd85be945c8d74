"""Announcements as citizens see them: pinned current ones at the top of the home page, gone by
themselves once expired (no job runs), kept in the archive with their own pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .registry import make_announcement

ARCHIVE = reverse("news:announcements")


@pytest.fixture
def pinned(commune):
    now = timezone.now()
    return make_announcement(
        commune,
        title="Tiếp nhận đăng ký hỗ trợ hộ nghèo dịp Tết",
        is_pinned=True,
        starts_at=now - timedelta(hours=1),
        expires_at=now + timedelta(hours=2),
    )


def home_text(client):
    return client.get("/").content.decode()


def test_a_pinned_current_announcement_is_at_the_top_of_the_home_page(anonymous, pinned, make_post):
    make_post("Hội nghị thôn Đông", is_featured=True)
    page = home_text(anonymous)
    assert pinned.title in page
    assert page.index(pinned.title) < page.index("Tin nổi bật") < page.index("Hội nghị thôn Đông")


def test_an_expired_announcement_leaves_the_home_page_by_itself_and_stays_in_the_archive(
    anonymous, pinned, clock
):
    assert pinned.title in home_text(anonymous)
    clock.move(hours=3)
    assert pinned.title not in home_text(anonymous)
    archive = anonymous.get(ARCHIVE).content.decode()
    assert pinned.title in archive
    assert "Đã hết hạn" in archive
    detail = anonymous.get(pinned.get_absolute_url())
    assert detail.status_code == 200
    assert "Đã hết hạn" in detail.content.decode()


def test_an_unpinned_or_not_yet_started_or_unpublished_one_is_not_on_the_home_page(anonymous, commune):
    now = timezone.now()
    quiet = make_announcement(commune, title="Thông báo không ghim")
    later = make_announcement(
        commune, title="Thông báo tuần sau", is_pinned=True, starts_at=now + timedelta(days=7)
    )
    hidden = make_announcement(commune, title="Thông báo nội bộ", is_pinned=True, is_published=False)
    page = home_text(anonymous)
    for announcement in (quiet, later, hidden):
        assert announcement.title not in page
    archive = anonymous.get(ARCHIVE).content.decode()
    assert quiet.title in archive
    assert later.title not in archive
    assert hidden.title not in archive
    assert anonymous.get(later.get_absolute_url()).status_code == 404
    assert anonymous.get(hidden.get_absolute_url()).status_code == 404


def test_a_scheduled_announcement_appears_at_its_start_with_nobody_acting(anonymous, commune, clock):
    announcement = make_announcement(
        commune, title="Lịch tiếp công dân tháng 12", is_pinned=True, starts_at=clock.now + timedelta(hours=1)
    )
    assert announcement.title not in home_text(anonymous)
    clock.move(hours=2)
    assert announcement.title in home_text(anonymous)


def test_the_archive_marks_current_ones_and_the_page_shows_the_sanitised_body(anonymous, commune):
    announcement = make_announcement(
        commune,
        body='<p onclick="x()">Liên hệ <strong>Ban công tác Mặt trận</strong></p><script>alert(1)</script>',
    )
    assert "Còn hiệu lực" in anonymous.get(ARCHIVE).content.decode()
    page = anonymous.get(announcement.get_absolute_url()).content.decode()
    assert "<strong>Ban công tác Mặt trận</strong>" in page
    assert "alert(1)" not in page
    assert "onclick" not in page


def test_the_feed_has_current_announcements_and_the_sitemap_every_public_one(anonymous, pinned, commune):
    now = timezone.now()
    old = make_announcement(
        commune,
        title="Thông báo đã cũ",
        starts_at=now - timedelta(days=9),
        expires_at=now - timedelta(days=2),
    )
    feed = anonymous.get(reverse("news:announcements_feed")).content.decode()
    assert pinned.title in feed
    assert old.title not in feed
    sitemap = anonymous.get("/sitemap.xml").content.decode()
    assert pinned.get_absolute_url() in sitemap
    assert old.get_absolute_url() in sitemap


def test_a_page_number_that_is_no_number_still_answers(anonymous, pinned):
    for value in ("abc", "99999999999999999999999", "-3"):
        assert anonymous.get(ARCHIVE, {"trang": value}).status_code == 200


def test_a_cached_home_page_drops_a_pinned_announcement_at_its_expiry(commune, settings):
    """Nobody saves anything when an announcement expires: a cached home page is kept no longer
    than that moment (the real clock: the cache expires entries by it)."""
    import time

    from django.core.cache import caches
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 3600
    caches["default"].clear()
    now = timezone.now()
    notice = make_announcement(
        commune,
        title="Thông báo sắp hết hạn",
        is_pinned=True,
        starts_at=now - timedelta(hours=1),
        expires_at=now + timedelta(seconds=3),
    )
    first = Client().get("/")
    assert first["X-Page-Cache"] == "miss" and notice.title in first.content.decode()
    assert Client().get("/")["X-Page-Cache"] == "hit"
    time.sleep(max(0, (notice.expires_at - timezone.now()).total_seconds()) + 0.2)
    again = Client().get("/")
    assert again["X-Page-Cache"] == "miss" and notice.title not in again.content.decode()
    caches["default"].clear()
