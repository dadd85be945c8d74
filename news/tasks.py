"""Gallery photos made in the background: upright original and renditions, by the worker.

A post's photos and an album's (news.models.GalleryPhoto) go the same way. The upload request
only checks each file (lib.uploads.verify_image), keeps it as received in private storage
(`source`) and queues `render_photo` (news.services.add_photos, add_album_photos). The
worker then decodes it once, writes the upright original without metadata and every rendition,
and marks the photo ready; public pages show only ready photos (`Photo.objects.ready()`), so
a reader never meets a broken image, and a post may be published while its photos are made.

A job is safe to run twice and to die half-way: every file of a photo has a name fixed by the
photo (the random name of its upload), so a second run writes the same names again, never a
second set; a job that fails deletes what it wrote; a photo deleted meanwhile loses the files
the job wrote. Failures other than a broken file are retried `TASK_MAX_ATTEMPTS` times in all,
waiting `TASK_RETRY_DELAY` seconds, then twice that; then the photo is "Lỗi" with a Vietnamese
message in the admin. A worker killed mid-job leaves its photo "Đang xử lý": the next worker
takes it up again (lib.tasks recovery: at once on the same machine, after the lease elsewhere).
"""

import logging
import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lib import pagecache, tasks
from lib.storage import StorageUnavailable, private_storage
from lib.uploads import decode_image

from .albums import AlbumPhoto
from .images import ORIGINAL_MAX_SIDE, SIZES, _encode, _flatten, _rendition_bytes
from .models import GalleryPhoto, Photo

log = logging.getLogger(__name__)

Status = GalleryPhoto.RenderStatus

# The models a job may name, by `gallery_kind`; a job queued without one is a post's photo.
GALLERIES = {model.gallery_kind: model for model in (Photo, AlbumPhoto)}


def photo_file_names(photo):
    """Every file the worker writes for `photo`, by role: fixed by its upload's random name."""
    folder, stem = posixpath.split(photo.source.name)
    stem = posixpath.splitext(stem)[0]
    month = "/".join(folder.split("/")[-2:])  # the upload's yyyy/mm
    base = photo.media_folder()
    names = {"original": f"{base}/photos/{month}/{stem}.jpg"}
    for size in SIZES:
        names[f"{size}.webp"] = f"{base}/renditions/{month}/{stem}-{size}.webp"
        names[f"{size}.jpeg"] = f"{base}/renditions/{month}/{stem}-{size}.jpg"
    return names


def _put(name, data):
    """Write `data` at exactly `name`, replacing what a previous run may have left there."""
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:  # another job wrote it between the two calls: keep one copy
        default_storage.delete(saved)
    return name


def _remove(names):
    for name in names:
        default_storage.delete(name)


def _abandoned(photo):
    return tasks.is_dead(photo.render_worker) or (
        photo.render_started_at is not None and photo.render_started_at < tasks.lease_expired_before()
    )


def _claim(model, photo_id):
    """Mark the photo as being made by this worker; None when there is nothing to do."""
    with transaction.atomic():
        photo = model.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None or photo.render_status in (Status.READY, Status.FAILED) or not photo.source:
            return None
        if photo.render_status == Status.PROCESSING and not _abandoned(photo):
            return None  # another worker is at it
        photo.render_status = Status.PROCESSING
        photo.render_attempts += 1
        photo.render_worker = tasks.worker_id()
        photo.render_started_at = timezone.now()
        model.objects.filter(pk=photo.pk).update(
            render_status=photo.render_status,
            render_attempts=photo.render_attempts,
            render_worker=photo.render_worker,
            render_started_at=photo.render_started_at,
        )
        return photo


def _make_files(photo):
    """Decode the upload once, write the original and every rendition; returns the fields."""
    names = photo_file_names(photo)
    with private_storage().open(photo.source.name, "rb") as handle:
        data = handle.read()
    upload = ContentFile(data, name=photo.original_name or "anh")
    image = _flatten(decode_image(upload, max_side=ORIGINAL_MAX_SIDE))
    image.thumbnail((ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE), reducing_gap=3.0)
    width, height = image.size
    original = _encode(image.copy(), "JPEG", quality=90)
    encoded = _rendition_bytes(image)
    _put(names["original"], original)
    renditions = {}
    for size, entry in encoded.items():
        renditions[size] = {
            "width": entry["width"],
            "height": entry["height"],
            "webp": _put(names[f"{size}.webp"], entry["webp"]),
            "jpeg": _put(names[f"{size}.jpeg"], entry["jpeg"]),
        }
    return {"image": names["original"], "width": width, "height": height, "renditions": renditions}


def _finish(photo, fields):
    """Record the files on the photo (if it still exists); the upload as received is removed."""
    with transaction.atomic():
        model = type(photo)
        current = model.objects.select_for_update().filter(pk=photo.pk).first()
        if current is None:
            transaction.on_commit(lambda: _remove(photo_file_names(photo).values()))
            return False
        if current.render_status == Status.READY:
            return True  # another run finished first, with the same file names
        model.objects.filter(pk=photo.pk).update(
            **fields, render_status=Status.READY, render_error="", source="", render_worker=""
        )
        source = current.source.name
        transaction.on_commit(lambda: private_storage().delete(source))
        pagecache.records_changed([current])
    return True


def _message(error):
    if isinstance(error, ValidationError):
        return error.messages[0]
    return _("Không tạo được các cỡ ảnh (%(reason)s).") % {"reason": type(error).__name__}


def _failed(photo, error):
    """One attempt failed: its files go; retry later, or report the photo as failed."""
    _remove(photo_file_names(photo).values())
    broken = isinstance(error, ValidationError) and not isinstance(error, StorageUnavailable)
    final = broken or photo.render_attempts >= settings.TASK_MAX_ATTEMPTS
    message = _message(error)
    model = type(photo)
    if final:
        if not broken:
            message = _("%(message)s Đã thử %(count)d lần.") % {
                "message": message,
                "count": photo.render_attempts,
            }
        model.objects.filter(pk=photo.pk, render_status=Status.PROCESSING).update(
            render_status=Status.FAILED, render_error=message[:300], render_worker=""
        )
        return
    model.objects.filter(pk=photo.pk, render_status=Status.PROCESSING).update(
        render_status=Status.QUEUED,
        render_error=(_("%(message)s Sẽ thử lại.") % {"message": message})[:300],
        render_worker="",
    )
    delay = settings.TASK_RETRY_DELAY * 2 ** (photo.render_attempts - 1)
    _enqueue(photo, delay=delay)


@tasks.task()
def render_photo(photo_id, kind="post"):
    """Make one photo's original and renditions (idempotent); returns what became of it.
    `kind` names the gallery (`post`, `album`: GALLERIES)."""
    photo = _claim(GALLERIES[kind], photo_id)
    if photo is None:
        return "skipped"
    try:
        fields = _make_files(photo)
    except Exception as error:  # a failed photo is reported, never a crashed worker
        log.warning("photo %s: attempt %s failed", photo_id, photo.render_attempts, exc_info=True)
        _failed(photo, error)
        return "failed"
    return "ready" if _finish(photo, fields) else "deleted"


def _enqueue(photo, delay=None):
    tasks.enqueue(render_photo, photo.pk, photo.gallery_kind, delay=delay)


def queue_photos(photos):
    """Queue the renditions of `photos` (inside the caller's transaction: the jobs commit with them)."""
    for photo in photos:
        _enqueue(photo)


def retry_failed(photos):
    """Try the failed ones among `photos` again from the start; returns how many were queued."""
    again = [photo for photo in photos if photo.render_status == Status.FAILED and photo.source]
    with transaction.atomic():
        for photo in again:
            type(photo).objects.filter(pk=photo.pk).update(
                render_status=Status.QUEUED, render_attempts=0, render_error=""
            )
        queue_photos(again)
    return len(again)


@tasks.register_recovery
def recover_photos(is_dead):
    """Photos left "Đang xử lý" by a dead worker: queued again, or failed after the last attempt."""
    taken = 0
    expired = tasks.lease_expired_before()
    for model in GALLERIES.values():
        for photo in model.objects.filter(render_status=Status.PROCESSING).only(
            "pk", f"{model.owner_field}_id", "source", "render_worker", "render_started_at", "render_attempts"
        ):
            if not (is_dead(photo.render_worker) or (photo.render_started_at or expired) < expired):
                continue
            taken += _recover(photo)
    return taken


def _recover(photo):
    with transaction.atomic():
        claimed = type(photo).objects.filter(
            pk=photo.pk, render_status=Status.PROCESSING, render_worker=photo.render_worker
        )
        if photo.render_attempts >= settings.TASK_MAX_ATTEMPTS:
            message = _("Máy xử lý ảnh dừng giữa chừng; đã thử %(count)d lần.") % {
                "count": photo.render_attempts
            }
            if claimed.update(render_status=Status.FAILED, render_error=message, render_worker=""):
                transaction.on_commit(lambda: _remove(photo_file_names(photo).values()))
                return 1
            return 0
        if claimed.update(render_status=Status.QUEUED, render_worker=""):
            _enqueue(photo)
            return 1
    return 0
