"""Site-wide public pages of the reader's rights: accessibility, privacy; markup a checker accepts."""

import re

from django.urls import reverse


def test_the_footer_links_the_accessibility_statement_and_the_privacy_notice(client, commune):
    home = client.get("/").content.decode()
    assert reverse("accessibility") in home and reverse("privacy") in home
    statement = client.get(reverse("accessibility")).content.decode()
    assert "Tuyên bố về khả năng tiếp cận" in statement
    assert "WCAG" in statement and "Thông tư 26/2020/TT-BTTTT" in statement
    privacy = client.get(reverse("privacy")).content.decode()
    assert "Nghị định 13/2023/NĐ-CP" in privacy
    for subject in (
        "Thông tin liên hệ",
        "Ý kiến, kiến nghị",
        "Khảo sát ý kiến",
        "Nhật ký máy chủ",
        "khaosat",
    ):
        assert subject in privacy


def test_times_are_given_without_microseconds(client, commune):
    from datetime import timedelta

    from django.utils import timezone

    from news.models import Category, Post

    category = Category.objects.create(commune=commune, name="Hoạt động")
    Post.objects.create(
        category=category,
        title="Hội nghị thôn Đông",
        lead="Thôn Đông họp.",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(minutes=3, microseconds=123456),
    )
    home = client.get("/").content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', home)
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}([+-]\d{4})?)?", stamp), stamp


def test_the_menu_button_is_named_by_its_visible_label(client, commune):
    home = client.get("/").content.decode()
    button = re.search(r'<button class="navbar-toggler".*?</button>', home, re.S).group(0)
    assert "aria-label" not in button
    assert "Danh mục" in button
