"""A reader on a 360 px phone opens a gallery photo in the viewer, moves through it with the
arrow keys and a swipe, reads "3/9", closes it with Esc and lands back on the photo."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.news.conftest import jpeg_upload

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", "shots"))
COLORS = ("red", "orange", "gold", "green", "teal", "blue", "navy", "purple", "gray")


@pytest.fixture
def nine_photo_post(commune):
    from news import services
    from news.models import Category, Post

    category = Category.objects.create(commune=commune, name="Hoạt động Mặt trận")
    post = Post.objects.create(
        category=category,
        title="Ngày hội Đại đoàn kết toàn dân tộc thôn Đông",
        lead="Bà con thôn Đông vui ngày hội.",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
    )
    services.add_photos(post, [jpeg_upload(width=900, height=600, color=c) for c in COLORS])
    for photo in post.photos.all():
        photo.caption = f"Ảnh màu {COLORS[photo.position - 1]}"
        photo.save()
    return post


def test_the_viewer_opens_moves_by_key_and_swipe_and_closes_with_esc(page, live_server, nine_photo_post):
    ARTIFACTS.mkdir(exist_ok=True)
    context = page.context.browser.new_context(
        locale="vi-VN", viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    tab = context.new_page()
    errors = []
    tab.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    tab.goto(live_server.url + nine_photo_post.get_absolute_url())
    links = tab.locator("[data-gallery] a")
    assert links.count() == 9
    links.nth(1).scroll_into_view_if_needed()
    links.nth(1).click()
    dialog = tab.locator("dialog.viewer")
    assert dialog.is_visible()
    assert dialog.locator(".viewer-position").inner_text() == "2/9"
    assert dialog.locator(".viewer-caption").inner_text() == "Ảnh màu orange"
    # Focus is inside the dialog (on its close button), so the keys reach it.
    assert tab.evaluate("document.activeElement.className") == "viewer-close"
    tab.keyboard.press("ArrowRight")
    assert dialog.locator(".viewer-position").inner_text() == "3/9"
    assert dialog.locator(".viewer-caption").inner_text() == "Ảnh màu gold"
    # The next photo is fetched when the key moves to it: wait for it to arrive (it must).
    tab.wait_for_function(
        "img => img.complete && img.naturalWidth > 0",
        arg=dialog.locator("img").element_handle(),
        timeout=15000,
    )
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.screenshot(path=str(ARTIFACTS / "e2e-phone-viewer.png"))
    # A swipe to the left shows the next photo, to the right the previous one.
    swipe(tab, ".viewer-stage", -150)
    assert dialog.locator(".viewer-position").inner_text() == "4/9"
    swipe(tab, ".viewer-stage", 150)
    assert dialog.locator(".viewer-position").inner_text() == "3/9"
    tab.keyboard.press("ArrowLeft")
    tab.keyboard.press("ArrowLeft")
    tab.keyboard.press("ArrowLeft")
    assert dialog.locator(".viewer-position").inner_text() == "9/9"
    tab.keyboard.press("Escape")
    assert not dialog.is_visible()
    # Focus returns to the photo the reader opened.
    assert tab.evaluate("document.activeElement.getAttribute('href')").endswith("/anh/2/")
    assert errors == []
    context.close()


def test_without_javascript_a_photo_link_opens_its_own_page(chromium_browser, live_server, nine_photo_post):
    context = chromium_browser.new_context(
        locale="vi-VN", viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    tab = context.new_page()
    tab.goto(live_server.url + nine_photo_post.get_absolute_url())
    tab.locator("[data-gallery] a").nth(2).click()
    tab.wait_for_url("**/anh/3/")
    assert "Ảnh 3/9" in tab.title()
    assert "Ảnh màu gold" in tab.locator("figcaption").inner_text()
    tab.get_by_role("link", name="Ảnh sau").click()
    tab.wait_for_url("**/anh/4/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.screenshot(path=str(ARTIFACTS / "e2e-phone-photo-page.png"), full_page=True)
    context.close()


def swipe(tab, selector, dx):
    """A one-finger horizontal swipe of `dx` pixels across the element's middle."""
    tab.locator(selector).evaluate(
        """(el, dx) => {
            const box = el.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            const touch = (cx) => new Touch({identifier: 1, target: el, clientX: cx, clientY: y});
            el.dispatchEvent(new TouchEvent("touchstart", {touches: [touch(x)], changedTouches: [touch(x)], bubbles: true}));
            el.dispatchEvent(new TouchEvent("touchend", {touches: [], changedTouches: [touch(x + dx)], bubbles: true}));
        }""",
        dx,
    )
