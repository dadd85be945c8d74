"""Writes that touch files and several rows: adding photos, setting a cover, publishing.

The admin, the demo loader and the tests all call these, so an upload is checked,
normalised and given its renditions the same way whatever path it comes by.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.uploads import validate_image_upload

from .images import delete_renditions, make_renditions, store_normalized
from .models import Photo, Post


def check_images(files):
    """Check every file; raise one ValidationError listing every rejected file in Vietnamese."""
    errors = []
    for uploaded in files:
        try:
            validate_image_upload(uploaded)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)


def default_alt_text(post, number):
    """`<tiêu đề bài> – ảnh 3`: a sensible alt text the editor can refine later."""
    return _("%(title)s – ảnh %(number)s") % {"title": post.title[:200], "number": number}


def add_photos(post, files, caption=""):
    """Add uploaded photos to the end of a post's gallery, all or nothing.

    Every file is checked first; if any is rejected, nothing is saved and the ValidationError
    lists each rejected file. Each photo is stored upright without GPS metadata, with its
    thumbnail, medium and large renditions, and an alt text made from the post title.
    """
    files = list(files)
    check_images(files)
    written = []
    try:
        with transaction.atomic():
            start = (post.photos.aggregate(last=Max("position"))["last"] or 0) + 1
            photos = []
            for offset, uploaded in enumerate(files):
                content, image = store_normalized(uploaded)
                renditions = make_renditions(image)
                written.append(renditions)
                photo = Photo(
                    post=post,
                    alt_text=default_alt_text(post, start + offset),
                    caption=caption,
                    position=start + offset,
                    original_name=(uploaded.name or "")[:255],
                    renditions=renditions,
                )
                photo.image.save("anh.jpg", content, save=False)
                photo.save()
                photos.append(photo)
    except Exception:
        for renditions in written:
            delete_renditions(renditions)
        raise
    return photos


def set_cover(post, uploaded):
    """Replace a post's cover image with a checked, normalised upload and its renditions."""
    validate_image_upload(uploaded)
    content, image = store_normalized(uploaded)
    old = post.cover_renditions
    post.cover_renditions = make_renditions(image)
    post.cover.save("anh.jpg", content, save=False)
    post.save()
    delete_renditions(old)
    return post


def publish(posts, now=None):
    """Publish the given posts now ("Đăng ngay"): drafts and posts scheduled later become public.

    A publish time already in the past is kept. Returns how many posts changed.
    """
    now = now or timezone.now()
    changed = 0
    with transaction.atomic():
        for post in posts:
            if post.is_public:
                continue
            post.status = Post.Status.PUBLISHED
            if not post.published_at or post.published_at > now:
                post.published_at = now
            post.save()
            changed += 1
    return changed


def set_featured(posts, featured=True):
    """Mark posts as featured on the home page (or not); returns how many rows changed."""
    changed = 0
    for post in posts:
        if post.is_featured != featured:
            post.is_featured = featured
            post.save(update_fields=["is_featured", "updated_at"])
            changed += 1
    return changed
