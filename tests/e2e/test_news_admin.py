"""An editor writes a post in the real admin, with the prose editor and two photos, and publishes it."""

import os
from pathlib import Path

import pytest

from tests.news.conftest import jpeg_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", "shots"))


@pytest.fixture
def editor_account(django_user_model, commune):
    from django.contrib.auth.models import Group, Permission

    from lib.roles import EDITOR, GROUP_NAMES
    from news.models import Category

    Category.objects.create(commune=commune, name="Hoạt động Mặt trận")
    editors, _ = Group.objects.get_or_create(name=GROUP_NAMES[EDITOR])
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="news").exclude(codename__endswith="_category")
    )
    editors.permissions.add(Permission.objects.get(codename="view_category"))
    user = django_user_model.objects.create_user("bientap", password="Mat-khau-bien-tap-2026", is_staff=True)
    user.groups.add(editors)
    return user


def test_an_editor_publishes_a_post_with_two_photos_and_sees_it_on_the_home_page(
    page, live_server, admin_login, editor_account, tmp_path
):
    ARTIFACTS.mkdir(exist_ok=True)
    photos = []
    for number, color in enumerate(["orange", "teal"], start=1):
        path = tmp_path / f"IMG_000{number}.jpg"
        path.write_bytes(jpeg_bytes(1200, 800, color))
        photos.append(str(path))

    admin_login("bientap", "Mat-khau-bien-tap-2026")
    page.goto(f"{live_server.url}/quan-tri/news/post/add/")
    page.fill("#id_title", "Ngày hội Đại đoàn kết thôn Đồng Tâm")
    page.select_option("#id_category", label="Hoạt động Mặt trận")
    page.fill("#id_lead", "Bà con thôn Đồng Tâm vui ngày hội Đại đoàn kết toàn dân tộc.")
    editor = page.locator(".field-body .ProseMirror[contenteditable=true]:visible")
    editor.click()
    page.keyboard.type("Hơn 300 người dân dự ngày hội ở nhà văn hóa thôn.")
    page.set_input_files("#id_new_photos", photos)
    page.select_option("#id_status", "published")
    page.screenshot(path=str(ARTIFACTS / "e2e-admin-post-form.png"), full_page=True)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "Đã nhận 2 ảnh." in page.inner_text(".messagelist")

    from news.models import Post

    post = Post.objects.get()
    assert post.is_public
    assert "Hơn 300 người dân dự ngày hội" in post.body
    assert post.photos.count() == 2

    page.goto(live_server.url + "/")
    link = page.get_by_role("link", name="Ngày hội Đại đoàn kết thôn Đồng Tâm").first
    assert link.is_visible()
    link.click()
    assert page.locator(".news-gallery img").count() == 2
    assert "Hơn 300 người dân dự ngày hội" in page.inner_text(".news-body")
    page.screenshot(path=str(ARTIFACTS / "e2e-admin-published-post.png"), full_page=True)
