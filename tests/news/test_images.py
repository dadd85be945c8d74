"""Renditions are made once, on upload: three sizes, WebP and JPEG, upright, with their size."""

import io

from django.core.files.storage import default_storage
from PIL import Image

from news import services
from news.images import SIZES

from .conftest import jpeg_upload


def test_adding_photos_makes_every_rendition_with_its_width_and_height(make_post):
    post = make_post()
    [photo] = services.add_photos(post, [jpeg_upload(width=2000, height=1000)])
    photo.refresh_from_db()
    assert set(photo.renditions) == set(SIZES)
    for size, longest in SIZES.items():
        entry = photo.renditions[size]
        assert (entry["width"], entry["height"]) == (longest, longest // 2)
        with default_storage.open(entry["webp"]) as webp, default_storage.open(entry["jpeg"]) as jpeg:
            assert Image.open(webp).format == "WEBP"
            assert Image.open(jpeg).size == (longest, longest // 2)
    assert photo.large.width == 1600
    assert photo.thumb.webp_url.endswith("-thumb.webp")


def test_small_photos_are_never_enlarged(make_post):
    [photo] = services.add_photos(make_post(), [jpeg_upload(width=300, height=200)])
    assert photo.renditions["large"]["width"] == 300


def test_exif_rotation_is_applied_and_gps_is_dropped(make_post):
    exif = Image.Exif()
    exif[0x0112] = 6  # the phone was held upright: rotate 90° to display
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 0.0)}
    upload = jpeg_upload(width=1200, height=800, exif=exif.tobytes())
    [photo] = services.add_photos(make_post(), [upload])
    assert (photo.width, photo.height) == (800, 1200)
    assert (photo.renditions["medium"]["width"], photo.renditions["medium"]["height"]) == (640, 960)
    with photo.image.open() as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert 0x8825 not in image.getexif()
        assert image.size == (800, 1200)


def test_photos_get_a_default_alt_text_and_follow_the_gallery_order(make_post):
    post = make_post("Trao quà Tết thôn Tây")
    services.add_photos(post, [jpeg_upload(), jpeg_upload()])
    services.add_photos(post, [jpeg_upload()])
    photos = list(post.photos.order_by("position"))
    assert [p.position for p in photos] == [1, 2, 3]
    assert photos[2].alt_text == "Trao quà Tết thôn Tây – ảnh 3"


def test_the_stored_original_never_keeps_the_uploaded_name(make_post):
    [photo] = services.add_photos(make_post(), [jpeg_upload("Ảnh GPS nhà tôi.jpg")])
    assert "nha" not in photo.image.name and photo.image.name.startswith(f"news/{photo.post_id}/photos/")
    assert photo.original_name == "Ảnh GPS nhà tôi.jpg"


def test_set_cover_makes_renditions_for_the_post(make_post):
    post = services.set_cover(make_post(), jpeg_upload(width=1000, height=500))
    post.refresh_from_db()
    assert post.cover_medium.width == 960
    assert post.cover_thumb.height == 240


def test_deleting_a_photo_removes_its_files(make_post, django_capture_on_commit_callbacks):
    [photo] = services.add_photos(make_post(), [jpeg_upload()])
    names = [photo.image.name, photo.renditions["thumb"]["webp"], photo.renditions["large"]["jpeg"]]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not any(default_storage.exists(name) for name in names)
