"""Move the files of existing posts under `news/<post id>/`, where the media view checks the post is public."""

from django.core.files.storage import default_storage
from django.db import migrations


def _move(name, folder):
    """The file's new name under `folder` (same base name); the file itself moved there."""
    if not name or name.startswith(folder + "/"):
        return name
    target = f"{folder}/{name}"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as handle:
            target = default_storage.save(target, handle)
        default_storage.delete(name)
    return target


def _move_renditions(renditions, folder):
    moved = {}
    for size, entry in (renditions or {}).items():
        entry = dict(entry)
        for key in ("webp", "jpeg"):
            if entry.get(key):
                entry[key] = _move(entry[key], folder)
        moved[size] = entry
    return moved


def forwards(apps, schema_editor):
    Post = apps.get_model("news", "Post")
    Photo = apps.get_model("news", "Photo")
    for post in Post.objects.all().iterator():
        folder = f"news/{post.pk}"
        cover = _move(post.cover.name, folder) if post.cover else ""
        renditions = _move_renditions(post.cover_renditions, folder)
        Post.objects.filter(pk=post.pk).update(cover=cover, cover_renditions=renditions)
    for photo in Photo.objects.all().iterator():
        folder = f"news/{photo.post_id}"
        image = _move(photo.image.name, folder) if photo.image else ""
        renditions = _move_renditions(photo.renditions, folder)
        Photo.objects.filter(pk=photo.pk).update(image=image, renditions=renditions)


class Migration(migrations.Migration):
    dependencies = [("news", "0003_post_files_under_post_folder_cover_original_name")]

    # Backwards: the files stay where they are; the older media view serves any path.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
