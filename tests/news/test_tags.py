"""Tags: an editor tags a post; a reader follows the tag to the commune's posts with it."""

import pytest
from django.urls import reverse

from news.models import Post, Tag


@pytest.fixture
def tag(commune):
    return Tag.objects.create(commune=commune, name="Đại đoàn kết toàn dân tộc")


def test_a_tag_gets_a_vietnamese_slug(tag):
    assert tag.slug == "dai-doan-ket-toan-dan-toc"


def test_a_post_shows_its_tags_and_the_tag_page_lists_its_public_posts(client, make_post, tag):
    tagged = make_post("Ngày hội thôn Đông")
    tagged.tags.add(tag)
    draft = make_post("Bản nháp ngày hội", status=Post.Status.DRAFT)
    draft.tags.add(tag)
    make_post("Tin không gắn từ khóa")
    page = client.get(tagged.get_absolute_url()).content.decode()
    assert f'href="{tag.get_absolute_url()}">Đại đoàn kết toàn dân tộc</a>' in page
    listing = client.get(tag.get_absolute_url()).content.decode()
    assert "Từ khóa “Đại đoàn kết toàn dân tộc”" in listing
    assert "Ngày hội thôn Đông" in listing
    assert "Bản nháp ngày hội" not in listing and "Tin không gắn từ khóa" not in listing


def test_an_unknown_tag_is_a_404(client, db):
    assert client.get("/tin-tuc/tu-khoa/khong-co/").status_code == 404


def test_an_editor_creates_a_tag_in_the_admin_for_their_commune(editor_client, commune):
    response = editor_client.post(reverse("admin:news_tag_add"), {"name": "Hiến máu"})
    assert response.status_code == 302
    assert Tag.objects.get(name="Hiến máu").commune == commune


def test_an_editor_tags_a_post_in_the_admin(editor_client, make_post, tag, category):
    post = make_post("Ngày hội thôn Đông")
    data = {
        "title": post.title,
        "category": category.pk,
        "lead": post.lead,
        "body": post.body,
        "status": "published",
        "published_at_0": "07/01/2024",
        "published_at_1": "08:00",
        "tags": [tag.pk],
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    response = editor_client.post(reverse("admin:news_post_change", args=[post.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(post.tags.all()) == [tag]
