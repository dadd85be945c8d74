"""How public pages reach a phone (Lighthouse's findings): one stylesheet to wait for, the
HTML compressed for readers but never for signed-in staff, photos kept in the browser's
cache, the first picture of a list fetched at once, a menu button named as it reads."""

import gzip
import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from mttq_portal import bundle
from news import services

from .conftest import jpeg_upload

BLOCKING_SHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"(?![^>]*media="print")[^>]*>')


@pytest.fixture
def post_with_photos(make_post):
    post = make_post(title="Trao quà Tết cho hộ nghèo")
    services.set_cover(post, jpeg_upload(width=1000, height=600))
    services.add_photos(post, [jpeg_upload(color="red"), jpeg_upload(color="blue")])
    return post


def blocking_sheets(response):
    return BLOCKING_SHEET.findall(response.content.decode())


@pytest.mark.parametrize(
    "path",
    ["/", "/tin-tuc/", "/van-ban/", "/thong-bao/", "/lich-cong-tac/", "/khao-sat/", "/mat-tran/hoi-nghi/",
     "/van-dong/", "/gioi-thieu/", "/en/", "/tim-kiem/?q=hoi", "/kha-nang-tiep-can/", "/trang-khong-co/"],
)  # fmt: skip
def test_a_public_page_waits_for_one_stylesheet_only(client, commune, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    sheets = blocking_sheets(response)
    assert len(sheets) == 1, sheets
    assert re.search(r"/static/css/public(\.[0-9a-f]+)?\.css$", sheets[0])


def test_a_post_with_a_gallery_waits_for_one_stylesheet_only(client, post_with_photos):
    response = client.get(post_with_photos.get_absolute_url())
    assert response.status_code == 200
    assert len(blocking_sheets(response)) == 1


def test_the_bundle_holds_bootstrap_and_every_public_stylesheet_in_order(settings):
    text = Path(finders.find(bundle.BUNDLE)).read_text(encoding="utf-8")
    # Bootstrap's menu button, the site's header, a news card, a campaign's ranking, a conference.
    positions = [
        text.index(rule) for rule in (".navbar-toggler{", ".site-nav", ".news-card", ".ranking-rank")
    ]
    assert positions == sorted(positions)
    assert ".conference-list" in text
    # Source map comments would point next to files the bundle is not beside.
    assert "sourceMappingURL" not in text


def test_a_changed_source_is_in_the_bundle_at_the_next_look(settings, tmp_path):
    source = tmp_path / "css" / "site.css"
    source.parent.mkdir()
    source.write_text(".only-in-this-test { color: red; }", encoding="utf-8")
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    finders.get_finder.cache_clear()
    try:
        text = Path(finders.find(bundle.BUNDLE)).read_text(encoding="utf-8")
    finally:
        finders.get_finder.cache_clear()
    assert ".only-in-this-test" in text
    source.unlink()
    settings.STATICFILES_DIRS = settings.STATICFILES_DIRS[1:]
    assert ".only-in-this-test" not in Path(finders.find(bundle.BUNDLE)).read_text(encoding="utf-8")


def test_a_reader_gets_the_page_compressed(client, commune):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "<!DOCTYPE html>" in gzip.decompress(response.content).decode()


def test_a_form_page_is_compressed_with_its_token_masked_afresh(client, commune):
    first = client.get("/y-kien/gui/", HTTP_ACCEPT_ENCODING="gzip")
    second = client.get("/y-kien/gui/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', gzip.decompress(r.content).decode()).group(1)
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1]


def test_signed_in_staff_get_pages_uncompressed(client, staff, commune):
    client.force_login(staff)
    for path in ("/quan-tri/", "/"):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, path
        assert not response.has_header("Content-Encoding"), path


def test_a_photo_is_cached_by_the_browser(client, post_with_photos, settings):
    settings.SERVE_MEDIA = True
    settings.MEDIA_ACCEL_REDIRECT = ""
    post_with_photos.refresh_from_db()
    response = client.get(post_with_photos.photos.first().thumb.jpeg_url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=2592000"
    # A JPEG is compressed already: sent as it is.
    assert not response.has_header("Content-Encoding")


def test_an_album_photo_served_by_the_demo_is_cached_for_thirty_days(client, settings, db):
    settings.SERVE_MEDIA = True
    photo = Path(settings.MEDIA_ROOT) / "albums" / "anh.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(jpeg_upload().read())
    response = client.get("/media/albums/anh.jpg")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=2592000"


def _images(html):
    return re.findall(r"<img [^>]*>", html)


def test_the_first_picture_of_the_news_list_is_fetched_at_once_the_others_lazily(client, make_post):
    for title in ("Tin thứ nhất", "Tin thứ hai", "Tin thứ ba"):
        services.set_cover(make_post(title=title), jpeg_upload(width=800, height=500))
    images = _images(client.get("/tin-tuc/").content.decode())
    assert len(images) == 3
    assert 'fetchpriority="high"' in images[0] and 'loading="lazy"' not in images[0]
    assert all('loading="lazy"' in image and "fetchpriority" not in image for image in images[1:])


def test_the_first_photo_of_an_album_is_fetched_at_once(client, commune):
    from news.albums import Album

    album = Album.objects.create(commune=commune, title="Ngày hội Đại đoàn kết", taken_on=date(2026, 11, 18))
    services.add_album_photos(album, [jpeg_upload(color="red"), jpeg_upload(color="blue")])
    images = _images(client.get(album.get_absolute_url()).content.decode())
    gallery = [image for image in images if "fetchpriority" in image or "lazy" in image]
    assert 'fetchpriority="high"' in gallery[0]
    assert 'loading="lazy"' in gallery[1]


def test_the_menu_button_is_named_by_the_word_it_shows(client, commune):
    html = client.get("/").content.decode()
    button = re.search(r'<button class="navbar-toggler".*?</button>', html, re.S).group(0)
    assert "aria-label" not in button
    visible = re.sub(r"<[^>]+>", "", button).strip()
    assert visible == "Danh mục"
