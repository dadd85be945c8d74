"""The strict Content-Security-Policy in a real browser: an editor (the real "Biên tập viên"
role, permissions from mttq_portal/roles.py) logs in, writes a post with the rich-text editor
and two photos, publishes it, and reads it on the public site. Any CSP violation fails."""

import pytest

from lib.roles import EDITOR, role_group
from tests.news.conftest import jpeg_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Bien-tap@HoaPhu-2026"

# Chromium reports blocked resources as console errors ("Refused to execute inline script
# because it violates the following Content Security Policy directive…"); the listener below
# also reports every `securitypolicyviolation` event, including those Chromium is quiet about.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " blocked " + (event.blockedURI || "inline")
                + " at " + event.sourceFile + ":" + event.lineNumber);
});
"""


@pytest.fixture
def editor(django_user_model, commune):

    from news.models import Category

    Category.objects.create(commune=commune, name="Hoạt động Mặt trận")
    user = django_user_model.objects.create_user("bientap", password=PASSWORD, is_staff=True)
    user.groups.add(role_group(EDITOR))
    return user


def csp_problems(page):
    return [
        text for text in page.console_errors if "Content Security Policy" in text or "CSP violation" in text
    ]


def test_an_editor_publishes_a_post_with_photos_under_the_strict_policy_without_a_violation(
    page, live_server, admin_login, editor, tmp_path
):
    page.add_init_script(REPORT_VIOLATIONS)
    photos = []
    for number, color in enumerate(["orange", "teal"], start=1):
        path = tmp_path / f"IMG_000{number}.jpg"
        path.write_bytes(jpeg_bytes(800, 600, color))
        photos.append(str(path))

    response = page.goto(f"{live_server.url}/quan-tri/")
    assert (
        "'unsafe-inline'"
        not in response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    )
    admin_login("bientap", PASSWORD)

    page.goto(f"{live_server.url}/quan-tri/news/post/add/")
    page.fill("#id_title", "Hội nghị hiệp thương thôn Đồng Tâm")
    page.select_option("#id_category", label="Hoạt động Mặt trận")
    page.fill("#id_lead", "Hội nghị hiệp thương giới thiệu người ứng cử Trưởng ban công tác Mặt trận.")
    body = page.locator(".field-body .ProseMirror[contenteditable=true]:visible")
    body.click()
    page.keyboard.type("Hội nghị có 45 đại biểu dự, ")
    page.keyboard.press("Control+b")
    page.keyboard.type("thống nhất 100%")
    page.keyboard.press("Control+b")
    page.keyboard.type(" giới thiệu người ứng cử.")
    page.set_input_files("#id_new_photos", photos)
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")

    from news.models import Post

    post = Post.objects.get()
    assert post.is_public and post.photos.count() == 2
    assert "<strong>" in post.body and "thống nhất 100%" in post.body

    # The admin's list, the post's history, the public home, list, article and search.
    page.goto(f"{live_server.url}/quan-tri/news/post/")
    page.goto(f"{live_server.url}/quan-tri/news/post/{post.pk}/history/")
    for path in ("/", "/tin-tuc/", "/tim-kiem/?q=hiep+thuong", f"/tin/{post.slug}/"):
        assert page.goto(live_server.url + path).status == 200, path
    assert "thống nhất 100%" in page.inner_text(".news-body")

    assert csp_problems(page) == []


def test_a_blocked_inline_script_is_reported_so_the_test_above_can_fail(page, live_server, db):
    """The listener and the console both see a violation when there is one."""
    page.add_init_script(REPORT_VIOLATIONS)
    page.goto(f"{live_server.url}/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; "
        "document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.x") is None
    assert any("script-src" in text for text in csp_problems(page))


def test_the_admins_own_pages_run_under_the_strict_policy_without_a_violation(
    page, live_server, admin_login, django_user_model, commune
):
    django_user_model.objects.create_superuser("quantri", password=PASSWORD)
    page.add_init_script(REPORT_VIOLATIONS)
    admin_login("quantri", PASSWORD)
    for path in (
        "/quan-tri/auth/user/add/",
        "/quan-tri/auth/user/?is_staff__exact=1",
        "/quan-tri/auth/group/add/",
        "/quan-tri/congresses/residentialarea/add/",
        "/quan-tri/congresses/person/add/",
        "/quan-tri/congresses/conference/add/",
        "/quan-tri/congresses/consultation/add/",
        "/quan-tri/congresses/frontcommittee/",
        f"/quan-tri/congresses/commune/{commune.pk}/delete/",
        "/quan-tri/axes/accessattempt/",
        "/quan-tri/password_change/",
        "/khong-co-trang-nay/",
        "/mat-tran/",
        "/mat-tran/hoi-nghi/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == (404 if path == "/khong-co-trang-nay/" else 200), path
    # Widgets that run scripts: the group form's two-box permission picker and the sidebar filter.
    page.goto(f"{live_server.url}/quan-tri/auth/group/add/")
    page.wait_for_selector("#id_permissions_input")
    page.fill("#nav-filter", "khu")
    assert csp_problems(page) == []
