"""A citizen on a phone: opens the home page, follows a post, looks at its gallery."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.news.conftest import jpeg_upload

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", "shots"))


@pytest.fixture
def post_with_gallery(commune):
    from news import services
    from news.models import Category, Post

    category = Category.objects.create(commune=commune, name="An sinh xã hội")
    post = Post.objects.create(
        category=category,
        title="Trao 120 suất quà Tết cho hộ nghèo",
        lead="Mỗi suất quà trị giá 500.000 đồng.",
        body="<p>Những phần quà đã đến tận tay bà con.</p>",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
        is_featured=True,
    )
    services.set_cover(post, jpeg_upload(width=1200, height=800, color="red"))
    services.add_photos(
        post, [jpeg_upload(width=900, height=600, color=c) for c in ("gold", "green", "navy")]
    )
    return post


def test_a_reader_on_a_phone_follows_a_post_and_sees_its_gallery(page, live_server, post_with_gallery):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name="Tin nổi bật").is_visible()
    page.screenshot(path=str(ARTIFACTS / "e2e-phone-home.png"), full_page=True)
    page.get_by_role("link", name="Trao 120 suất quà Tết cho hộ nghèo").first.click()
    page.wait_for_url("**/tin/trao-120-suat-qua-tet-cho-ho-ngheo/")
    gallery = page.locator(".news-gallery img")
    assert gallery.count() == 3
    gallery.last.scroll_into_view_if_needed()
    # Lazy: fetched once scrolled into view; wait for it to arrive (it must).
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=gallery.last.element_handle(), timeout=15000
    )
    assert gallery.first.get_attribute("alt") == "Trao 120 suất quà Tết cho hộ nghèo – ảnh 1"
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "e2e-phone-post.png"), full_page=True)
    assert page.console_errors == []
