"""A post's gallery: every photo link opens a page of its own (caption, "3/9", previous and
next), which the viewer script replaces by a dialog when JavaScript runs."""

import re

import pytest

from news import services

from .conftest import jpeg_upload


@pytest.fixture
def gallery_post(make_post):
    post = make_post("Ngày hội Đại đoàn kết thôn Đông")
    services.add_photos(post, [jpeg_upload(color=c) for c in ("red", "green", "blue")])
    post.photos.filter(position=2).update(caption="Bà con thôn Đông dự ngày hội")
    return post


def test_each_gallery_link_goes_to_a_photo_page_not_the_image_file(client, gallery_post):
    page = client.get(gallery_post.get_absolute_url()).content.decode()
    links = re.findall(r'<a href="([^"]+)" data-jpeg=', page)
    base = gallery_post.get_absolute_url()
    assert links == [f"{base}anh/1/", f"{base}anh/2/", f"{base}anh/3/"]
    assert 'src="/static/js/gallery.js' in page or "js/gallery" in page
    assert 'data-caption="Bà con thôn Đông dự ngày hội"' in page


def test_a_photo_page_shows_caption_position_neighbours_and_a_real_title(client, gallery_post):
    response = client.get(f"{gallery_post.get_absolute_url()}anh/2/")
    page = response.content.decode()
    assert response.status_code == 200
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith("Ảnh 2/3: Bà con thôn Đông dự ngày hội — Ngày hội Đại đoàn kết thôn Đông")
    assert "Ảnh 2/3" in page and "Bà con thôn Đông dự ngày hội" in page
    base = gallery_post.get_absolute_url()
    assert f'rel="prev" href="{base}anh/1/"' in page
    assert f'rel="next" href="{base}anh/3/"' in page
    assert f'href="{base}"' in page and "Về bài viết" in page
    photo = gallery_post.photos.get(position=2)
    assert photo.large.jpeg_url in page and photo.image.url not in page


def test_the_first_photo_has_no_previous_and_the_last_no_next(client, gallery_post):
    first = client.get(f"{gallery_post.get_absolute_url()}anh/1/").content.decode()
    last = client.get(f"{gallery_post.get_absolute_url()}anh/3/").content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


@pytest.mark.parametrize("number", [0, 4, 99])
def test_a_photo_number_outside_the_gallery_is_a_404(client, gallery_post, number):
    assert client.get(f"{gallery_post.get_absolute_url()}anh/{number}/").status_code == 404


def test_a_drafts_photo_pages_are_a_404(client, gallery_post):
    gallery_post.status = gallery_post.Status.DRAFT
    gallery_post.save()
    assert client.get(f"{gallery_post.get_absolute_url()}anh/1/").status_code == 404


def test_a_photo_page_costs_a_bounded_number_of_queries(client, make_post, django_assert_max_num_queries):
    post = make_post("Trao quà Tết")
    services.add_photos(post, [jpeg_upload() for _ in range(9)])
    url = f"{post.get_absolute_url()}anh/5/"
    client.get(url)
    with django_assert_max_num_queries(6):
        assert "Ảnh 5/9" in client.get(url + "?lan=2").content.decode()
