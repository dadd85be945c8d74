"""Videos, website links and banners: what editors and staff enter in the admin, what readers
see, and hostile input refused in Vietnamese with nothing saved."""

import datetime
import struct
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news import services
from news.links import Banner, WebLink
from news.models import Album
from news.videos import Video, parse_youtube

from .conftest import jpeg_bytes, jpeg_upload

VIDEO_ADD = reverse("admin:news_video_add")
LINK_ADD = reverse("admin:news_weblink_add")
BANNER_ADD = reverse("admin:news_banner_add")


def box(kind, payload=b""):
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mp4_bytes():
    """The smallest file our check takes as an MP4: an `ftyp` with an MP4 brand, a `moov`, an
    `mdat` (a real file's boxes, without real frames)."""
    return (
        box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41")
        + box(b"moov", b"\x00" * 16)
        + box(b"mdat", b"\x00" * 64)
    )


def mp4_upload(name="ra-quan.mp4", data=None):
    return SimpleUploadedFile(name, mp4_bytes() if data is None else data, content_type="video/mp4")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def video_form(**fields):
    data = {
        "title": "Ngày hội Đại đoàn kết thôn Đông",
        "recorded_on": "18/11/2026",
        "youtube_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "description": "Bà con thôn Đông vui ngày hội.",
        "post": "",
        "album": "",
        "is_published": "on",
    }
    data.update(fields)
    return data


def banner_form(**fields):
    now = timezone.localtime()
    data = {
        "title": "Hưởng ứng Tháng cao điểm Vì người nghèo",
        "url": "/van-dong/",
        "place": Banner.Place.SIDE,
        "position": "1",
        "starts_at_0": (now - timedelta(days=1)).strftime("%d/%m/%Y"),
        "starts_at_1": "07:00",
        "ends_at_0": (now + timedelta(days=5)).strftime("%d/%m/%Y"),
        "ends_at_1": "17:00",
        "is_published": "on",
    }
    data.update(fields)
    return data


def youtube_video(commune, title="Ngày hội Đại đoàn kết thôn Đông", **fields):
    return services.save_video(
        Video(commune=commune, title=title, **fields), youtube_url="https://youtu.be/aqz-KE-bpKQ"
    )


def live_banner(commune, title="Tháng cao điểm Vì người nghèo", **fields):
    now = timezone.now()
    fields.setdefault("starts_at", now - timedelta(hours=1))
    fields.setdefault("ends_at", now + timedelta(days=3))
    return services.save_banner(Banner(commune=commune, title=title, **fields), jpeg_upload())


# --- addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "https://youtu.be/aqz-KE-bpKQ?t=30",
        "youtube.com/watch?v=aqz-KE-bpKQ&list=PL1",
        "https://m.youtube.com/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com/shorts/aqz-KE-bpKQ",
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
    ],
)
def test_the_usual_youtube_addresses_give_the_videos_id(url):
    assert parse_youtube(url) == "aqz-KE-bpKQ"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)//youtube.com/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
        "https://vimeo.com/123456",
        "https://www.youtube.com/playlist?list=PL123",
        "https://www.youtube.com/watch?v=short",
        'https://www.youtube.com/watch?v=aqz-KE-bpKQ"><script>',
        "",
    ],
)
def test_anything_else_is_refused_in_vietnamese(url):
    with pytest.raises(ValidationError) as error:
        parse_youtube(url)
    assert "không phải là một video YouTube" in error.value.messages[0]


# --- the admin ------------------------------------------------------------------------------


def test_an_editor_adds_a_youtube_video_and_readers_get_its_page_without_a_third_party_frame(
    editor_client, commune
):
    response = editor_client.post(VIDEO_ADD, video_form(poster_upload=jpeg_upload()))
    assert response.status_code == 302, response.context["adminform"].form.errors
    video = Video.objects.get()
    assert (video.commune, video.source, video.youtube_id) == (commune, Video.Source.YOUTUBE, "aqz-KE-bpKQ")
    assert video.poster is not None
    reader = Client()
    page = reader.get(video.get_absolute_url())
    text = page.content.decode()
    assert "Ngày hội Đại đoàn kết thôn Đông" in text
    # A poster and a link until the reader taps: no frame, no script of YouTube with the page.
    assert "<iframe" not in text and "youtube.com/iframe_api" not in text
    assert 'href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"' in text
    assert 'data-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&amp;rel=0"' in text
    assert '<meta property="og:video" content="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ' in text
    directives = [part.strip() for part in page["Content-Security-Policy"].split(";")]
    assert "frame-src https://www.youtube-nocookie.com" in directives
    assert "youtube.com " not in page["Content-Security-Policy"].replace("youtube-nocookie.com", "")


def test_a_bad_youtube_address_is_a_vietnamese_message_and_nothing_is_saved(editor_client):
    response = editor_client.post(VIDEO_ADD, video_form(youtube_url="https://vimeo.com/123"))
    assert response.status_code == 200
    assert "không phải là một video YouTube" in response.content.decode()
    assert not Video.objects.exists()


def test_staff_upload_an_mp4_stored_under_a_random_name(staff_client, commune):
    response = staff_client.post(
        VIDEO_ADD, video_form(youtube_url="", video_file=mp4_upload("Video ngày hội của tôi.mp4"))
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    video = Video.objects.get()
    assert video.source == Video.Source.FILE and video.file_size == len(mp4_bytes())
    assert video.file.name.startswith("videos/") and video.file.name.endswith(".mp4")
    assert "ngay" not in video.file.name.lower() and "tôi" not in video.file.name
    page = Client().get(video.get_absolute_url()).content.decode()
    assert f'<source src="{video.file.url}" type="video/mp4">' in page


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ra-quan.mp4", jpeg_bytes()),  # a photo renamed .mp4
        ("ra-quan.mp4", b"<html><script>alert(1)</script></html>"),
        ("ra-quan.mp4", mp4_bytes()[:-10]),  # cut short: the boxes do not reach the end
        ("ra-quan.mp4", box(b"ftyp", b"qt  \x00\x00\x00\x00qt  ") + box(b"moov") + box(b"mdat")),
        ("ra-quan.avi", mp4_bytes()),
    ],
)
def test_a_file_that_is_not_an_mp4_is_refused_and_nothing_is_saved(editor_client, settings, name, data):
    response = editor_client.post(VIDEO_ADD, video_form(youtube_url="", video_file=mp4_upload(name, data)))
    assert response.status_code == 200
    assert "không phải là video MP4 hợp lệ" in response.content.decode()
    assert not Video.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).glob("videos/**/*.mp4"))


def test_a_video_larger_than_the_limit_is_refused(monkeypatch, commune):
    monkeypatch.setattr("news.videos.VIDEO_MAX_BYTES", 100)
    with pytest.raises(ValidationError) as error:
        services.save_video(Video(commune=commune, title="Dài quá"), file=mp4_upload())
    assert "quá giới hạn" in " ".join(error.value.messages)
    assert not Video.objects.exists()


def test_a_poster_that_is_not_an_image_saves_nothing(editor_client):
    fake = SimpleUploadedFile("anh.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    response = editor_client.post(VIDEO_ADD, video_form(poster_upload=fake))
    assert response.status_code == 200 and "không phải là ảnh hợp lệ" in response.content.decode()
    assert not Video.objects.exists()


def test_a_video_goes_with_a_post_and_an_album_of_its_own_commune(editor_client, commune, make_post):
    post = make_post()
    album = Album.objects.create(commune=commune, title="Ngày hội", taken_on=datetime.date(2026, 11, 18))
    response = editor_client.post(VIDEO_ADD, video_form(post=post.pk, album=album.pk))
    assert response.status_code == 302
    for url in (post.get_absolute_url(), album.get_absolute_url()):
        page = Client().get(url).content.decode()
        assert "Ngày hội Đại đoàn kết thôn Đông" in page and "youtube-nocookie.com/embed/aqz-KE-bpKQ" in page
        assert "js/video" in page


def test_an_unpublished_video_is_not_shown_anywhere(commune, make_post, client):
    post = make_post()
    video = youtube_video(commune, post=post, is_published=False)
    assert client.get(video.get_absolute_url()).status_code == 404
    assert video.title not in client.get(reverse("news:video_list")).content.decode()
    assert "aqz-KE-bpKQ" not in client.get(post.get_absolute_url()).content.decode()


def test_a_javascript_link_is_refused_in_vietnamese_and_nothing_saved(editor_client):
    for url in ("javascript:alert(1)", "data:text/html,<script>", "mattran.org.vn", "https://a b.vn"):
        response = editor_client.post(
            LINK_ADD, {"title": "MTTQ Việt Nam", "url": url, "position": "0", "is_published": "on"}
        )
        assert response.status_code == 200, url
        assert "phải bắt đầu bằng http:// hoặc https://" in response.content.decode()
    assert not WebLink.objects.exists()


def test_links_show_in_the_home_pages_side_column(editor_client, commune):
    response = editor_client.post(
        LINK_ADD,
        {
            "title": "Ủy ban Trung ương MTTQ Việt Nam",
            "url": "https://mattran.org.vn",
            "position": "0",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    assert WebLink.objects.get().commune == commune
    page = Client().get("/").content.decode()
    assert '<a href="https://mattran.org.vn" rel="noopener">Ủy ban Trung ương MTTQ Việt Nam</a>' in page


def test_an_editor_adds_a_banner_shown_on_the_home_page(editor_client, commune):
    response = editor_client.post(BANNER_ADD, banner_form(image_upload=jpeg_upload()))
    assert response.status_code == 302, response.context["adminform"].form.errors
    banner = Banner.objects.get()
    assert banner.commune == commune and banner.image is not None
    page = Client().get("/").content.decode()
    assert 'alt="Hưởng ứng Tháng cao điểm Vì người nghèo"' in page and 'href="/van-dong/"' in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Hãy chọn ảnh cho băng rôn."),
        (
            {"image_upload": SimpleUploadedFile("a.png", b"GIF89a<script>", content_type="image/png")},
            "không phải là ảnh hợp lệ",
        ),
        (
            {"image_upload": jpeg_upload(), "url": "javascript:alert(1)"},
            "phải bắt đầu bằng http:// hoặc https://",
        ),
        (
            {"image_upload": jpeg_upload(), "ends_at_0": "01/01/2020", "ends_at_1": "07:00"},
            "Thời điểm hết hạn phải sau thời điểm bắt đầu hiện.",
        ),
    ],
)
def test_a_bad_banner_is_refused_in_vietnamese_and_nothing_saved(editor_client, commune, fields, message):
    response = editor_client.post(BANNER_ADD, banner_form(**fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Banner.objects.exists()


def test_a_banner_leaves_by_itself_at_its_end_and_comes_at_its_start(commune, clock):
    ending = live_banner(commune, "Băng rôn sắp hết hạn", ends_at=clock.now + timedelta(hours=1))
    waiting = live_banner(
        commune,
        "Băng rôn chưa đến lúc",
        starts_at=clock.now + timedelta(hours=2),
        ends_at=clock.now + timedelta(days=2),
    )
    page = Client().get("/").content.decode()
    assert ending.title in page and waiting.title not in page
    clock.move(hours=3)
    page = Client().get("/").content.decode()
    assert ending.title not in page and waiting.title in page


def test_a_cached_home_page_changes_when_a_banner_starts_or_ends(commune, settings):
    """Nobody saves anything at a banner's start or end: cached pages and the banner strips are
    kept no longer than that time (the real clock: the cache expires entries by it)."""
    settings.PAGE_CACHE_SECONDS = 3600
    caches["default"].clear()
    ending = live_banner(commune, "Băng rôn sắp hết hạn")
    footer = live_banner(commune, "Băng rôn cuối trang", place=Banner.Place.FOOTER)
    # Timed once the images are made (that takes a while on a busy machine).
    now = timezone.now()
    Banner.objects.filter(pk=ending.pk).update(ends_at=now + timedelta(seconds=3))
    Banner.objects.filter(pk=footer.pk).update(starts_at=now + timedelta(seconds=3))
    ending.refresh_from_db()
    first = Client().get("/")
    assert first["X-Page-Cache"] == "miss"
    assert ending.title in first.content.decode() and footer.title not in first.content.decode()
    assert Client().get("/")["X-Page-Cache"] == "hit"
    time.sleep(max(0, (ending.ends_at - timezone.now()).total_seconds()) + 0.2)
    again = Client().get("/")
    assert again["X-Page-Cache"] == "miss"
    assert ending.title not in again.content.decode() and footer.title in again.content.decode()
    caches["default"].clear()


# --- lists, home, sitemap, feeds ------------------------------------------------------------


def test_the_video_list_and_the_home_page_show_the_newest_videos(commune):
    for number in range(3):
        youtube_video(commune, f"Video số {number}", recorded_on=datetime.date(2026, 11, 1 + number))
    listing = Client().get(reverse("news:video_list")).content.decode()
    assert all(f"Video số {number}" in listing for number in range(3))
    home = Client().get("/").content.decode()
    assert "Video số 2" in home and "Video số 1" in home and "Video số 0" not in home
    assert "<iframe" not in home and "js/video" not in home


def test_sitemap_and_feeds_list_videos_albums_and_the_list_pages(commune):
    video = youtube_video(commune)
    Album.objects.create(commune=commune, title="Album ngày hội", taken_on=datetime.date(2026, 11, 18))
    sitemap = Client().get("/sitemap.xml").content.decode()
    for url in (
        video.get_absolute_url(),
        "/video/",
        "/thu-vien-anh/",
        "/van-ban/",
        "/thong-bao/",
        "/khao-sat/",
    ):
        assert f"{url}</loc>" in sitemap, url
    assert video.title in Client().get(reverse("news:videos_feed")).content.decode()
    assert "Album ngày hội" in Client().get(reverse("news:albums_feed")).content.decode()


def test_the_calendar_has_open_graph_tags(commune):
    page = Client().get(reverse("calendar:week")).content.decode()
    assert '<meta property="og:title" content="Lịch công tác' in page
