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
    photo.refresh_from_db()  # made by the photo job, run at once in the suite
    assert photo.renditions["large"]["width"] == 300


def test_exif_rotation_is_applied_and_gps_is_dropped(make_post):
    exif = Image.Exif()
    exif[0x0112] = 6  # the phone was held upright: rotate 90° to display
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 0.0)}
    upload = jpeg_upload(width=1200, height=800, exif=exif.tobytes())
    [photo] = services.add_photos(make_post(), [upload])
    photo.refresh_from_db()  # made by the photo job, run at once in the suite
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
    photo.refresh_from_db()  # made by the photo job, run at once in the suite
    assert "nha" not in photo.image.name and photo.image.name.startswith(f"news/{photo.post_id}/photos/")
    assert photo.original_name == "Ảnh GPS nhà tôi.jpg"


def test_set_cover_makes_renditions_for_the_post(make_post):
    post = services.set_cover(make_post(), jpeg_upload(width=1000, height=500))
    post.refresh_from_db()
    assert post.cover_medium.width == 960
    assert post.cover_thumb.height == 240


def test_deleting_a_photo_removes_its_files(make_post, django_capture_on_commit_callbacks):
    [photo] = services.add_photos(make_post(), [jpeg_upload()])
    photo.refresh_from_db()  # made by the photo job, run at once in the suite
    names = [photo.image.name, photo.renditions["thumb"]["webp"], photo.renditions["large"]["jpeg"]]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not any(default_storage.exists(name) for name in names)


def _jpeg_with_comment_and_exif():
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh của tôi"  # camera make
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "blue").save(
        buffer, "JPEG", exif=exif.tobytes(), comment=b"toa do nha ong An", icc_profile=b""
    )
    return buffer.getvalue()


def test_renditions_and_the_stored_original_carry_no_comment_or_exif(make_post):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("anh.jpg", _jpeg_with_comment_and_exif(), content_type="image/jpeg")
    assert Image.open(io.BytesIO(upload.read())).info.get("comment")  # the upload has one
    [photo] = services.add_photos(make_post(), [upload])
    photo.refresh_from_db()  # made by the photo job, run at once in the suite
    names = [photo.image.name] + [
        entry[key] for entry in photo.renditions.values() for key in ("webp", "jpeg")
    ]
    for name in names:
        with default_storage.open(name) as stored, Image.open(stored) as image:
            assert not {"comment", "exif", "xmp", "icc_profile"} & set(image.info), name


def test_the_cover_keeps_the_original_upload_name_and_replacing_it_removes_the_old_files(make_post):
    post = services.set_cover(make_post(), jpeg_upload("Ảnh bìa hội nghị.jpg"))
    post.refresh_from_db()
    assert post.cover_original_name == "Ảnh bìa hội nghị.jpg"
    assert "hoi" not in post.cover.name and post.cover.name.startswith(f"news/{post.pk}/covers/")
    old = [post.cover.name, post.cover_renditions["thumb"]["webp"]]
    services.set_cover(post, jpeg_upload("bia-moi.jpg"))
    assert not any(default_storage.exists(name) for name in old)
    assert default_storage.exists(post.cover.name)


def test_a_batch_with_a_truncated_photo_saves_nothing_and_leaves_no_file(make_post, media_in_tmp):
    import pytest
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 64).convert("RGB").save(buffer, "JPEG")
    cut = SimpleUploadedFile("IMG_3.jpg", buffer.getvalue()[:9000])
    post = make_post()
    before = sorted(media_in_tmp.rglob("*")) if media_in_tmp.exists() else []
    with pytest.raises(ValidationError) as error:
        services.add_photos(post, [jpeg_upload("IMG_1.jpg"), jpeg_upload("IMG_2.jpg"), cut])
    assert "“IMG_3.jpg”: tệp bị hỏng hoặc chưa tải lên hết" in error.value.messages[0]
    assert not post.photos.exists()
    after = sorted(p for p in media_in_tmp.rglob("*") if p.is_file()) if media_in_tmp.exists() else []
    assert after == [p for p in before if p.is_file()]
