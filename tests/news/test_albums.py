"""Photo albums apart from posts: an editor uploads and orders photos, picks a cover; readers
get a list, an album page with the viewer, and a page per photo."""

import datetime
import re

import pytest
from django.urls import reverse

from news import services
from news.models import Album, AlbumPhoto

from .conftest import jpeg_upload


@pytest.fixture
def album(commune):
    album = Album.objects.create(
        commune=commune,
        title="Ngày hội Đại đoàn kết thôn Đông 2026",
        description="Bà con thôn Đông vui ngày hội.",
        taken_on=datetime.date(2026, 11, 18),
    )
    services.add_album_photos(album, [jpeg_upload(color=c) for c in ("red", "green", "blue")])
    album.photos.filter(position=3).update(caption="Văn nghệ của chi hội phụ nữ")
    return album


def test_an_album_gets_a_slug_that_keeps_d(album):
    assert album.slug == "ngay-hoi-dai-doan-ket-thon-dong-2026"


def test_the_album_list_shows_each_album_with_its_cover_and_count(client, album, commune):
    Album.objects.create(
        commune=commune, title="Album ẩn", taken_on=datetime.date(2026, 1, 1), is_published=False
    )
    page = client.get(reverse("news:album_list")).content.decode()
    assert "Ngày hội Đại đoàn kết thôn Đông 2026" in page and "3 ảnh" in page and "18/11/2026" in page
    assert album.photos.get(position=1).thumb.jpeg_url in page
    assert "Album ẩn" not in page


def test_a_chosen_cover_is_the_albums_card(client, album):
    album.cover = album.photos.get(position=2)
    album.save()
    page = client.get(reverse("news:album_list")).content.decode()
    assert album.cover.thumb.jpeg_url in page
    assert album.photos.get(position=1).thumb.jpeg_url not in page


def test_the_album_page_has_the_viewer_and_open_graph(client, album):
    page = client.get(album.get_absolute_url()).content.decode()
    links = re.findall(r'<a href="([^"]+)" data-jpeg=', page)
    assert links == [f"{album.get_absolute_url()}anh/{n}/" for n in (1, 2, 3)]
    assert "js/gallery" in page
    assert '<meta property="og:title" content="Ngày hội Đại đoàn kết thôn Đông 2026">' in page
    assert album.photos.get(position=1).large.jpeg_url in page  # og:image: the first photo


def test_an_album_photo_page_has_caption_position_and_a_way_back(client, album):
    page = client.get(f"{album.get_absolute_url()}anh/3/").content.decode()
    assert "Ảnh 3/3" in page and "Văn nghệ của chi hội phụ nữ" in page
    assert "Về album" in page and 'rel="prev"' in page and 'rel="next"' not in page


def test_a_hidden_album_is_a_404(client, album):
    album.is_published = False
    album.save()
    assert client.get(album.get_absolute_url()).status_code == 404
    assert client.get(f"{album.get_absolute_url()}anh/1/").status_code == 404


def test_the_album_pages_cost_a_bounded_number_of_queries(
    client, album, commune, django_assert_max_num_queries
):
    for number in range(15):
        other = Album.objects.create(
            commune=commune, title=f"Album {number}", taken_on=datetime.date(2025, 1, 1)
        )
        services.add_album_photos(other, [jpeg_upload()])
    client.get(reverse("news:album_list"))
    with django_assert_max_num_queries(8):
        client.get(reverse("news:album_list") + "?trang=1")
    with django_assert_max_num_queries(8):
        client.get(album.get_absolute_url() + "?lan=2")


def test_the_sitemap_lists_public_albums(client, album):
    assert album.get_absolute_url() in client.get("/sitemap.xml").content.decode()


def test_an_editor_creates_an_album_with_photos_in_the_admin(editor_client, commune):
    response = editor_client.post(
        reverse("admin:news_album_add"),
        {
            "title": "Trao quà Tết 2027",
            "taken_on": "20/01/2027",
            "description": "",
            "is_published": "on",
            "new_photos": [jpeg_upload(name="a.jpg"), jpeg_upload(name="b.jpg")],
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    album = Album.objects.get(title="Trao quà Tết 2027")
    assert album.commune == commune
    assert [photo.original_name for photo in album.photos.all()] == ["a.jpg", "b.jpg"]
    assert all(photo.large for photo in album.photos.all())


def test_a_bad_file_in_the_batch_saves_no_photo(editor_client, album):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("hong.jpg", b"not an image", content_type="image/jpeg")
    response = editor_client.post(
        reverse("admin:news_album_change", args=[album.pk]),
        {
            "title": album.title,
            "taken_on": "18/11/2026",
            "is_published": "on",
            "new_photos": [jpeg_upload(name="tot.jpg"), bad],
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Chưa lưu ảnh nào" in response.content.decode()
    assert AlbumPhoto.objects.filter(album=album).count() == 3
