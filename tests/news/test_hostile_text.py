"""Text that feeds, search and databases cannot take: NUL, Word's vertical tab, NFD, bidi marks."""

import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lib.roles import EDITOR, role_groups
from news.models import Post

from .test_admin import post_form

NFD_TITLE = unicodedata.normalize("NFD", "Hội nghị thôn Đông tổng kết năm")


@pytest.fixture
def desk(client, db):
    """A signed-in editor (the role, not a superuser)."""
    user = get_user_model().objects.create_user("bientap.vien", password="x", is_staff=True)
    user.groups.add(role_groups()[EDITOR])
    client.force_login(user)
    return client


def test_search_with_a_nul_answers_and_finds_the_post(client, make_post):
    make_post(title="Hội nghị thôn Đông")
    response = client.get(reverse("news:search"), {"q": "dong\x00"})
    assert response.status_code == 200
    assert "Hội nghị thôn Đông" in response.content.decode()


def test_a_title_pasted_from_word_keeps_the_feed_working(desk, category):
    response = desk.post(
        reverse("admin:news_post_add"),
        post_form(category, title="Hội nghị\x0bthôn Đông", lead="Dòng một\x0bdòng hai\x00"),
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.title == "Hội nghị thôn Đông"
    assert post.lead == "Dòng một\ndòng hai"
    feed = desk.get(reverse("news:feed"))
    assert feed.status_code == 200
    assert "Hội nghị thôn Đông" in feed.content.decode()


def test_a_post_stored_raw_with_control_characters_does_not_break_the_feed(client, make_post):
    post = make_post(title="Tin ngắn")
    # As an older version or a shell session could have left it: straight into the table.
    Post.objects.filter(pk=post.pk).update(title="Tin\x0bngắn\x1b", lead="Sa pô\x0c", author="Thu\x07 Hà")
    response = client.get(reverse("news:feed"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tin ngắn" in body and "Thu Hà" in body


def test_a_title_typed_in_nfd_is_stored_nfc_and_found(desk, category, client):
    response = desk.post(reverse("admin:news_post_add"), post_form(category, title=NFD_TITLE))
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.title == unicodedata.normalize("NFC", NFD_TITLE)
    assert post.slug == "hoi-nghi-thon-dong-tong-ket-nam"
    found = client.get(reverse("news:search"), {"q": "Hội nghị thôn Đông"})
    assert post.title in found.content.decode()


def test_bidi_override_marks_are_dropped_from_a_title(desk, category):
    desk.post(reverse("admin:news_post_add"), post_form(category, title="Thông báo \u202egnàuq\u202c mới"))
    assert Post.objects.get().title == "Thông báo gnàuq mới"
