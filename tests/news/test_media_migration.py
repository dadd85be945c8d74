"""Files stored before posts had their own folder are moved there, so the media view guards them."""

import importlib

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from news.models import Photo

move = importlib.import_module("news.migrations.0004_move_post_files_into_post_folders")


def test_old_files_move_under_their_posts_folder(make_post):
    post = make_post()
    cover = default_storage.save("news/covers/2026/11/abc.jpg", ContentFile(b"cover"))
    thumb = default_storage.save("renditions/2026/11/def-thumb.webp", ContentFile(b"thumb"))
    type(post).objects.filter(pk=post.pk).update(
        cover=cover, cover_renditions={"thumb": {"webp": thumb, "jpeg": "", "width": 1, "height": 1}}
    )
    image = default_storage.save("news/photos/2026/11/ghi.jpg", ContentFile(b"photo"))
    photo = Photo.objects.create(post=post, image=image, alt_text="ảnh")

    move.forwards(apps, None)

    post.refresh_from_db()
    photo.refresh_from_db()
    assert post.cover.name == f"news/{post.pk}/news/covers/2026/11/abc.jpg"
    assert post.cover_renditions["thumb"]["webp"] == f"news/{post.pk}/renditions/2026/11/def-thumb.webp"
    assert photo.image.name == f"news/{post.pk}/news/photos/2026/11/ghi.jpg"
    assert default_storage.open(photo.image.name).read() == b"photo"
    assert not default_storage.exists(cover) and not default_storage.exists(image)
    move.forwards(apps, None)  # a second run changes nothing
    post.refresh_from_db()
    assert post.cover.name == f"news/{post.pk}/news/covers/2026/11/abc.jpg"
