"""Files of a draft or scheduled post are not served to the public until the post is public."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from lib.roles import EDITOR, role_groups
from news import services
from news.models import Post

from .conftest import jpeg_upload


@pytest.fixture
def django_serves_media(settings):
    settings.SERVE_MEDIA = True  # demo: Django serves every upload
    settings.MEDIA_ACCEL_REDIRECT = ""  # and sends a post's files itself


@pytest.fixture
def role_editor(db):
    user = get_user_model().objects.create_user("bientap.vien", password="x", is_staff=True)
    user.groups.add(role_groups()[EDITOR])
    return user


def urls_of(post):
    post.refresh_from_db()
    photo = post.photos.get()
    return [
        post.cover.url,
        post.cover_thumb.jpeg_url,
        post.cover_large.webp_url,
        photo.image.url,
        photo.thumb.jpeg_url,
        photo.medium.webp_url,
    ]


def with_files(post):
    services.set_cover(post, jpeg_upload(width=1000, height=600))
    services.add_photos(post, [jpeg_upload()])
    return urls_of(post)


@pytest.mark.parametrize("when", ["draft", "scheduled"])
def test_anonymous_visitors_get_404_for_files_of_a_post_not_yet_public(
    client, make_post, django_serves_media, when
):
    if when == "draft":
        post = make_post(status=Post.Status.DRAFT)
    else:
        post = make_post(published_at=timezone.now() + timedelta(days=1))
    for url in with_files(post):
        assert client.get(url).status_code == 404, url


def test_the_files_are_served_once_the_post_is_published(client, make_post, django_serves_media):
    post = make_post(status=Post.Status.DRAFT)
    urls = with_files(post)
    services.publish([post])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, max-age=2592000"
        assert b"".join(response.streaming_content)[:2] in (b"\xff\xd8", b"RI")


def test_a_scheduled_posts_files_appear_at_its_time(client, make_post, clock, django_serves_media):
    post = make_post(published_at=timezone.now() + timedelta(hours=2))
    url = with_files(post)[1]
    assert client.get(url).status_code == 404
    clock.move(hours=3)
    assert client.get(url).status_code == 200


def test_the_editor_sees_a_drafts_files_in_the_admin(client, make_post, role_editor, django_serves_media):
    post = make_post(status=Post.Status.DRAFT)
    urls = with_files(post)
    client.force_login(role_editor)
    page = client.get(f"/quan-tri/news/post/{post.pk}/change/").content.decode()
    assert urls[1] in page  # the cover's thumbnail in the change form
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store"


def test_a_hamlet_officer_is_not_an_editor(client, make_post, django_serves_media):
    from lib.roles import HAMLET_OFFICER

    officer = get_user_model().objects.create_user("truongban", password="x", is_staff=True)
    officer.groups.add(role_groups()[HAMLET_OFFICER])
    post = make_post(status=Post.Status.DRAFT)
    urls = with_files(post)
    client.force_login(officer)
    assert client.get(urls[0]).status_code == 404


def test_in_production_nginx_sends_the_file_after_django_checked(client, make_post, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/_protected_media/"
    post = make_post()
    url = with_files(post)[1]
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected_media/" + url.removeprefix("/media/")
    assert response.content == b""
    draft = make_post("Bản nháp", status=Post.Status.DRAFT)
    assert client.get(with_files(draft)[1]).status_code == 404


def test_a_public_file_costs_one_query(client, make_post, django_serves_media, django_assert_num_queries):
    url = with_files(make_post())[1]
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


def test_files_of_a_post_cannot_be_reached_by_another_path(client, make_post, django_serves_media):
    post = make_post(status=Post.Status.DRAFT)
    name = with_files(post)[1].removeprefix("/media/")
    from django.core.exceptions import SuspiciousFileOperation
    from django.http import Http404

    from mttq_portal import views

    with pytest.raises(Http404):
        views.media(None, name)
    assert client.get("/media/" + name.replace(f"news/{post.pk}/", "news/", 1)).status_code == 404
    public = make_post("Đã đăng")
    traversal = f"/media/news/{public.pk}/../{post.pk}/" + name.split("/", 2)[2]
    try:
        status = client.get(traversal).status_code
    except SuspiciousFileOperation:
        status = 400
    assert status in (400, 404)
