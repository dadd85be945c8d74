"""Receipt photos are evidence and are handled like photos of people.

Every receipt, whichever screen or command saves it, goes through `ReceiptField`: turned
upright, stripped of EXIF/GPS, at most RECEIPT_MAX_SIDE pixels, re-encoded as JPEG under a
random name, with a thumbnail beside it, in the private storage (lib/storage.py) that no
public URL reaches. `receipt_response` streams one to a user the view has already checked.

A form that comes back with errors keeps the photo: `keep_pending` stores it as a pending
upload and returns a signed token for a hidden field; `pending_upload` gives it back on the
next submit, so the officer does not take the picture again.
"""

import io
import os
import time
import uuid

from django import forms
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import ImageField, ImageFieldFile
from django.http import FileResponse, Http404, HttpResponseRedirect
from PIL import Image

from lib.storage import private_storage
from lib.uploads import open_normalized

RECEIPT_MAX_SIDE = 2000
THUMB_MAX_SIDE = 320
JPEG_QUALITY = 85
PENDING_FOLDER = "bien-nhan-tam"
PENDING_MAX_AGE = 24 * 60 * 60
_TOKEN_SALT = "campaigns.receipts.pending"
# Nothing in a receipt response may load or run anything, whatever the bytes are.
RESPONSE_CSP = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def _flatten(image):
    """JPEG has no transparency: a transparent PNG goes on white paper."""
    if image.mode == "RGB":
        return image
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
    return background


def _jpeg(image, max_side):
    image = image.copy()
    image.thumbnail((max_side, max_side), reducing_gap=3.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


class NormalizedReceipt(ContentFile):
    """Bytes already made upright and clean: saving them again does not re-encode them."""

    normalized_receipt = True


def normalize(source):
    """An upright JPEG without metadata, within RECEIPT_MAX_SIDE, from an upload or a file.

    Call `lib.uploads.validate_image_upload` first (the model field's validator does).
    """
    if getattr(source, "normalized_receipt", False):
        return source
    source.seek(0)
    image = _flatten(open_normalized(source))
    return NormalizedReceipt(_jpeg(image, RECEIPT_MAX_SIDE), name="bien-nhan.jpg")


def thumbnail_name(name):
    stem, _ext = os.path.splitext(name)
    return f"{stem}-nho.jpg"


def _save_thumbnail(storage, name, data):
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        thumb = _jpeg(image, THUMB_MAX_SIDE)
    storage.save(thumbnail_name(name), ContentFile(thumb))


class ReceiptFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        clean = normalize(content)
        super().save("bien-nhan.jpg", clean, save=save)
        clean.seek(0)
        _save_thumbnail(self.storage, self.name, clean.read())


class ReceiptField(ImageField):
    """An ImageField whose files are always normalised and thumbnailed before they are stored."""

    attr_class = ReceiptFieldFile


class ReceiptInput(forms.FileInput):
    """The file input of a receipt, showing the stored one as a thumbnail that opens it.

    Not the ClearableFileInput: its link is the storage's public URL, which receipts have not,
    and evidence is replaced by a new photo, never cleared.
    """

    template_name = "campaigns/widgets/receipt_input.html"

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        entry = getattr(value, "instance", None)
        context["widget"]["entry"] = entry if entry is not None and entry.pk and value else None
        return context


def receipt_response(storage_name, *, thumbnail=False, download_name="bien-nhan.jpg"):
    """The stored receipt (or its thumbnail) as a private, uncacheable image response.

    The caller has checked the user may see the entry; a missing file is a 404. Old receipts
    without a thumbnail fall back to the full image.
    """
    storage = private_storage()
    name = thumbnail_name(storage_name) if thumbnail else storage_name
    if thumbnail and not storage.exists(name):
        name = storage_name
    if not storage_name or not storage.exists(name):
        raise Http404
    signer = getattr(storage, "signed_url", None)
    if signer is not None:
        # In the object store: a redirect to a URL that dies in SIGNED_URL_SECONDS (lib/storage.py).
        url = signer(
            name,
            ResponseContentType="image/jpeg",
            ResponseContentDisposition=f'inline; filename="{download_name}"',
            ResponseCacheControl="private, no-store",
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
        return response
    response = FileResponse(storage.open(name, "rb"), content_type="image/jpeg")
    response["Content-Disposition"] = f'inline; filename="{download_name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = RESPONSE_CSP
    return response


# --- receipts kept across a form that came back with errors ---------------------------------


def keep_pending(upload, user):
    """Store a validated upload as a pending receipt of `user`; returns its signed token."""
    storage = private_storage()
    _sweep_stale(storage)
    clean = normalize(upload)
    name = storage.save(f"{PENDING_FOLDER}/{uuid.uuid4().hex}.jpg", clean)
    return signing.dumps({"name": name, "user": user.pk}, salt=_TOKEN_SALT)


def pending_name(token, user):
    """The stored name behind `token` when it is genuine, fresh, `user`'s, and still there."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=_TOKEN_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        return None
    name = data.get("name", "")
    if data.get("user") != user.pk or not name.startswith(PENDING_FOLDER + "/") or ".." in name:
        return None
    return name if private_storage().exists(name) else None


def pending_upload(name):
    """The pending receipt as an upload a form or model field takes, not re-encoded again."""
    with private_storage().open(name, "rb") as handle:
        upload = SimpleUploadedFile("bien-nhan.jpg", handle.read(), content_type="image/jpeg")
    upload.normalized_receipt = True
    return upload


def discard_pending(name):
    if name:
        private_storage().delete(name)


def _sweep_stale(storage):
    """Pending receipts nobody came back for are removed after a day (the token is dead by then)."""
    try:
        _dirs, files = storage.listdir(PENDING_FOLDER)
    except FileNotFoundError:
        return
    cutoff = time.time() - PENDING_MAX_AGE
    for filename in files:
        name = f"{PENDING_FOLDER}/{filename}"
        if storage.get_modified_time(name).timestamp() < cutoff:
            storage.delete(name)
