"""Writes that touch files and several rows: adding photos, setting a cover, publishing.

The admin, the demo loader and the tests all call these, so an upload is checked,
normalised and given its renditions the same way whatever path it comes by.
"""

import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.storage import private_storage
from lib.uploads import IMAGE_FORMATS, validate_image_upload, verify_image

from .images import PreparedImage, delete_renditions, prepare_image, save_renditions
from .models import Photo, Post, post_media_folder


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


def prepare_images(files):
    """Decode and encode every file of a batch before anything is written.

    Each upload is decoded once; a file that is not a readable image (truncated, a bomb,
    markup) is a Vietnamese message naming it. Raises one ValidationError listing every
    rejected file, else returns the PreparedImages in order. Nothing touches the disk.
    """
    prepared, errors = [], []
    for uploaded in files:
        if isinstance(uploaded, PreparedImage):
            prepared.append(uploaded)
            continue
        try:
            prepared.append(prepare_image(uploaded))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return prepared


def default_alt_text(post, number):
    """`<tiêu đề bài> – ảnh 3`: a sensible alt text the editor can refine later."""
    return _("%(title)s – ảnh %(number)s") % {"title": post.title[:200], "number": number}


def _delete_files(names):
    for name in names:
        if name:
            default_storage.delete(name)


_VERIFIED = "_mttq_verified_format"


def check_photo_uploads(files):
    """Check every photo of a batch the way the queue needs, before anything is written.

    Size, header, pixel budget and hidden markup, and each file read to its end at a small
    scale (lib.uploads.verify_image): a broken or hostile file is refused now, in Vietnamese,
    at a fraction of the cost of making its renditions (the worker's job). Raises one
    ValidationError listing every rejected file, else returns the files.
    """
    files, errors = list(files), []
    for uploaded in files:
        if isinstance(uploaded, PreparedImage) or getattr(uploaded, _VERIFIED, None):
            continue
        try:
            setattr(uploaded, _VERIFIED, verify_image(uploaded)[0])
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return files


def add_photos(post, files, caption=""):
    """Add uploaded photos to the end of a post's gallery, all or nothing; their renditions queued.

    Every file is checked before anything is written (`check_photo_uploads`); if any is
    rejected, nothing is saved, no file is left, and the ValidationError lists each rejected
    file. Each accepted file is kept as uploaded in private storage, gets a row "Đang chờ xử lý"
    with an alt text from the title, and a job on the queue that makes the upright original
    without metadata and its thumbnail, medium and large renditions (news/tasks.py). Returns
    the photos (not yet ready: public pages show them once they are).
    """
    return _add_gallery_photos(Photo, post, files, caption, lambda number: default_alt_text(post, number))


def _add_gallery_photos(model, owner, files, caption, alt_text):
    """`add_photos` for any gallery: `model` a news.models.GalleryPhoto, `owner` its post or
    album, `alt_text(number)` the alt text of the photo numbered `number`."""
    from .tasks import queue_photos

    files = check_photo_uploads(files)
    written = []
    try:
        with transaction.atomic():
            start = (owner.photos.aggregate(last=Max("position"))["last"] or 0) + 1
            photos = []
            for offset, uploaded in enumerate(files):
                if isinstance(uploaded, PreparedImage):
                    name, content = uploaded.original_name, ContentFile(uploaded.original)
                    ext = ".jpg"
                else:
                    name, content = getattr(uploaded, "name", "") or "", uploaded
                    ext = IMAGE_FORMATS.get(getattr(uploaded, _VERIFIED, ""), ".jpg")
                    uploaded.seek(0)
                photo = model(
                    **{model.owner_field: owner},
                    alt_text=alt_text(start + offset),
                    caption=caption,
                    position=start + offset,
                    original_name=os.path.basename(name)[:255],
                    render_status=model.RenderStatus.QUEUED,
                )
                # Through private_storage() at call time, which follows the settings (the field's
                # storage is fixed when the model loads).
                upload_to = model._meta.get_field("source").upload_to
                photo.source.name = private_storage().save(upload_to(photo, "anh" + ext), content)
                written.append(photo.source.name)
                photo.save()
                photos.append(photo)
            # Inside the transaction: with the database queue the jobs exist only if the photos do.
            queue_photos(photos)
    except Exception:
        for name in written:
            private_storage().delete(name)
        raise
    return photos


def set_cover(post, uploaded):
    """Replace a post's cover with a checked, normalised upload (or a PreparedImage) and its renditions.

    Raises a Vietnamese ValidationError for an unreadable image, before anything is written.
    The old cover's files are removed once the new one is saved.
    """
    image = uploaded if isinstance(uploaded, PreparedImage) else prepare_image(uploaded)
    old_renditions, old_name = post.cover_renditions, post.cover.name if post.cover else ""
    renditions = save_renditions(image.renditions, f"{post_media_folder(post.pk)}/renditions")
    try:
        post.cover.save("anh.jpg", ContentFile(image.original, name="anh.jpg"), save=False)
        post.cover_renditions = renditions
        post.cover_original_name = image.original_name
        post.save()
    except Exception:
        delete_renditions(renditions)
        if post.cover and post.cover.name != old_name:
            _delete_files([post.cover.name])
        raise
    delete_renditions(old_renditions)
    _delete_files([old_name])
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


# --- the document registry and announcements --------------------------------------------------


def check_document_files(files):
    """Check every file of a batch (PDF or DOCX, by content); raise one ValidationError listing
    each rejected file in Vietnamese, before anything is written."""
    from .documents import validate_document_file

    errors = []
    for uploaded in files:
        try:
            validate_document_file(uploaded)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)


def save_document(document, files=()):
    """Validate and save a document with any new files, all or nothing.

    Raises a Vietnamese ValidationError (bad dates, a number already used that year, a file
    that is not a real PDF/DOCX) and writes nothing then. Returns the document.
    """
    files = list(files)
    check_document_files(files)
    document.full_clean(exclude=["slug"])
    with transaction.atomic():
        document.save()
        add_document_files(document, files, checked=True)
    return document


def add_document_files(document, files, checked=False):
    """Attach uploaded files to the end of a document's list, all or nothing; returns the rows."""
    from .documents import DocumentFile

    files = list(files)
    if not checked:
        check_document_files(files)
    rows = []
    with transaction.atomic():
        start = (document.files.aggregate(last=Max("position"))["last"] or 0) + 1
        for offset, uploaded in enumerate(files):
            row = DocumentFile(document=document, file=uploaded, position=start + offset)
            row.save()
            rows.append(row)
    return rows


def set_documents_published(documents, published=True):
    """Show the given documents on the site (or keep them internal); returns how many changed."""
    changed = 0
    for document in documents:
        if document.is_published != published:
            document.is_published = published
            document.save(update_fields=["is_published", "updated_at"])
            changed += 1
    return changed


def save_announcement(announcement):
    """Validate and save an announcement (expiry after its start); a Vietnamese ValidationError else."""
    announcement.full_clean(exclude=["slug"])
    announcement.save()
    return announcement


def expire_announcements(announcements, now=None):
    """End the given announcements now: they leave the home page and stay in the archive.

    Those already expired keep their time. Returns how many changed.
    """
    now = now or timezone.now()
    changed = 0
    for announcement in announcements:
        if announcement.expires_at is None or announcement.expires_at > now:
            announcement.expires_at = max(now, announcement.starts_at)
            announcement.save()
            changed += 1
    return changed


def save_poll(poll):
    """Validate and save a poll (its end after its start); a Vietnamese ValidationError else."""
    poll.full_clean(exclude=["slug"])
    poll.save()
    return poll


class PollRefused(Exception):
    """A ballot the poll does not take; the message says why, in Vietnamese."""


def cast_ballot(poll, option_id, now=None):
    """Count one answer to a running poll; PollRefused (nothing saved) when the poll is not
    running or the option is not one of its own."""
    from .polls import Ballot

    now = now or timezone.now()
    if not poll.is_published or not poll.has_opened(now):
        raise PollRefused(_("Khảo sát này chưa mở, chưa nhận câu trả lời."))
    if poll.is_closed(now):
        raise PollRefused(_("Khảo sát này đã kết thúc, không nhận thêm câu trả lời."))
    text = str(option_id or "").strip()
    # Past nine digits no option exists, and the database would refuse the number itself.
    option = poll.options.filter(pk=int(text)).first() if text.isdigit() and len(text) <= 9 else None
    if option is None:
        raise PollRefused(
            _("Bạn chưa chọn phương án nào. Xin chọn một phương án rồi bấm “Gửi ý kiến”.")
        ) from None
    return Ballot.objects.create(poll=poll, option=option, cast_at=now)


def add_album_photos(album, files, caption=""):
    """Add uploaded photos to the end of an album, all or nothing, exactly as a post's photos
    are added (`add_photos`): checked in the request, made by the worker."""
    from .albums import AlbumPhoto

    def alt_text(number):
        return _("%(title)s – ảnh %(number)s") % {"title": album.title[:200], "number": number}

    return _add_gallery_photos(AlbumPhoto, album, files, caption, alt_text)


# --- videos, website links and banners --------------------------------------------------------


def _poster(uploaded, folder):
    """A poster or banner image checked and made into renditions (lib.uploads via
    news.images.prepare_image); returns the renditions' names. Raises a Vietnamese
    ValidationError, writing nothing, for a file that is not a readable image."""
    image = uploaded if isinstance(uploaded, PreparedImage) else prepare_image(uploaded)
    return save_renditions(image.renditions, folder)


def save_video(video, youtube_url=None, file=None, poster=None):
    """Validate and save a video: a YouTube address (`youtube_url`), or an uploaded MP4 (`file`,
    checked by its content), with an optional poster image. All or nothing: a bad address, a
    file that is not an MP4, an unreadable poster is a Vietnamese ValidationError and nothing
    is written. A video keeps its source when edited without a new address or file."""
    from .videos import Video, parse_youtube, validate_mp4

    errors = {}
    youtube_id = None
    if youtube_url:
        try:
            youtube_id = parse_youtube(youtube_url)
        except ValidationError as error:
            errors["youtube_url"] = error.messages
    if file is not None:
        try:
            validate_mp4(file)
        except ValidationError as error:
            errors["file"] = error.messages
    if youtube_url and file is not None:
        errors.setdefault("file", []).append(_("Chọn một nguồn: địa chỉ YouTube hoặc tệp MP4, không cả hai."))
    if not errors and not youtube_id and file is None and not video.source:
        errors["youtube_url"] = [_("Hãy dán địa chỉ video YouTube hoặc chọn tệp MP4 để tải lên.")]
    prepared = None
    if poster is not None and not errors:
        try:
            prepared = poster if isinstance(poster, PreparedImage) else prepare_image(poster)
        except ValidationError as error:
            errors["poster"] = error.messages
    if errors:
        raise ValidationError(errors)
    video.full_clean(exclude=["slug", "source", "youtube_id", "file", "file_size", "poster_renditions"])
    old_file = video.file.name if video.file else ""
    old_poster = dict(video.poster_renditions or {})
    written, new_file = [], ""
    try:
        with transaction.atomic():
            if youtube_id:
                video.source, video.youtube_id, video.file, video.file_size = (
                    Video.Source.YOUTUBE,
                    youtube_id,
                    None,
                    0,
                )
            elif file is not None:
                video.source, video.youtube_id, video.file_size = Video.Source.FILE, "", file.size
                video.file.save("video.mp4", file, save=False)
                new_file = video.file.name
            if prepared is not None:
                video.poster_renditions = save_renditions(prepared.renditions, "videos/posters")
                written.append(video.poster_renditions)
            video.save()
    except Exception:
        for renditions in written:
            delete_renditions(renditions)
        _delete_files([new_file])
        raise
    if old_file and (not video.file or video.file.name != old_file):
        _delete_files([old_file])
    if prepared is not None:
        delete_renditions(old_poster)
    return video


def save_web_link(link):
    """Validate and save a website link (http/https only); a Vietnamese ValidationError else."""
    link.url = (link.url or "").strip()
    link.full_clean()
    link.save()
    return link


def save_banner(banner, image=None):
    """Validate and save a banner with its image (checked, normalised, renditions made), all or
    nothing: a bad link, an end before the start, a file that is not an image is a Vietnamese
    ValidationError and nothing is written. A new banner needs an image."""
    banner.url = (banner.url or "").strip()
    errors = {}
    try:
        banner.full_clean(exclude=["image_renditions"])
    except ValidationError as error:
        errors.update(error.message_dict)
    prepared = None
    if image is None and not banner.image_renditions:
        errors.setdefault("image", []).append(_("Hãy chọn ảnh cho băng rôn."))
    elif image is not None:
        try:
            prepared = image if isinstance(image, PreparedImage) else prepare_image(image)
        except ValidationError as error:
            errors.setdefault("image", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    old = dict(banner.image_renditions or {})
    if prepared is not None:
        banner.image_renditions = save_renditions(prepared.renditions, "banners")
    try:
        banner.save()
    except Exception:
        if prepared is not None:
            delete_renditions(banner.image_renditions)
        raise
    if prepared is not None:
        delete_renditions(old)
    return banner
