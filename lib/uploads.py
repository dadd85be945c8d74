"""Checks and storage rules for every uploaded file: photos, receipts, documents.

Uploads never keep the name the user gave them on disk (random names, the original kept
as data by the model if wanted), and only real images or real PDF/DOCX files get in.
"""

import os
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif", "MPO": ".jpg"}
DOCUMENT_EXTENSIONS = {".pdf", ".docx", ".doc", ".xlsx"}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


@deconstructible
class RandomName:
    """`upload_to` that stores a file as `<folder>/<yyyy>/<mm>/<random hex><ext>`.

    The user's file name never reaches the disk: no path from user input, nothing guessable.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        from django.utils import timezone

        ext = os.path.splitext(filename)[1].lower()
        if not ext or len(ext) > 6 or not ext[1:].isalnum():
            ext = ""
        now = timezone.now()
        return f"{self.folder}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def _megabytes(size):
    return f"{size / (1024 * 1024):.0f} MB"


def validate_image_upload(uploaded):
    """Reject anything that is not a real, reasonably sized photo. Returns the Pillow format.

    Checks the byte size, that Pillow can identify and verify it, and the pixel count
    before decoding (a decompression bomb is refused, not decoded).
    """
    max_bytes = settings.IMAGE_MAX_BYTES
    max_pixels = settings.IMAGE_MAX_PIXELS
    if uploaded.size and uploaded.size > max_bytes:
        raise ValidationError(
            _("Ảnh “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s. Hãy chọn ảnh nhỏ hơn."),
            code="image_too_large",
            params={"name": uploaded.name, "size": _megabytes(uploaded.size), "limit": _megabytes(max_bytes)},
        )
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("Ảnh “%(name)s” có kích thước %(width)s × %(height)s điểm ảnh, quá lớn để xử lý."),
                    code="image_too_many_pixels",
                    params={"name": uploaded.name, "width": width, "height": height},
                )
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        if isinstance(error, Image.DecompressionBombError):
            raise ValidationError(
                _("Ảnh “%(name)s” quá lớn để xử lý."),
                code="image_too_many_pixels",
                params={"name": uploaded.name},
            ) from error
        raise ValidationError(
            _("Tệp “%(name)s” không phải là ảnh hợp lệ (chấp nhận JPEG, PNG, WebP, GIF)."),
            code="not_an_image",
            params={"name": uploaded.name},
        ) from error
    finally:
        uploaded.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Ảnh “%(name)s” có định dạng %(format)s không được hỗ trợ (chấp nhận JPEG, PNG, WebP, GIF)."),
            code="image_format",
            params={"name": uploaded.name, "format": image_format},
        )
    return image_format


def open_normalized(source):
    """Open an image upright (EXIF rotation applied) and without its metadata (GPS, camera).

    Returns a new Pillow image in RGB or RGBA; the caller saves it, so nothing of the
    original's EXIF block survives.
    """
    with Image.open(source) as image:
        image = ImageOps.exif_transpose(image)
        has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
        clean = image.convert("RGBA" if has_alpha else "RGB")
    clean.info.pop("exif", None)
    return clean


_MAGIC = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}


def validate_document_upload(uploaded, allowed=DOCUMENT_EXTENSIONS, max_bytes=DOCUMENT_MAX_BYTES):
    """Accept only PDF and Office documents whose content matches their extension."""
    ext = os.path.splitext(uploaded.name or "")[1].lower()
    allowed_list = ", ".join(sorted(e.lstrip(".").upper() for e in allowed))
    if ext not in allowed:
        raise ValidationError(
            _("Tệp “%(name)s” không đúng loại. Chỉ nhận: %(allowed)s."),
            code="document_type",
            params={"name": uploaded.name, "allowed": allowed_list},
        )
    if uploaded.size and uploaded.size > max_bytes:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s."),
            code="document_too_large",
            params={"name": uploaded.name, "size": _megabytes(uploaded.size), "limit": _megabytes(max_bytes)},
        )
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    looks_right = any(head.startswith(magic) for magic in _MAGIC[ext])
    if looks_right and ext in (".docx", ".xlsx"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                looks_right = "[Content_Types].xml" in archive.namelist()
        except zipfile.BadZipFile:
            looks_right = False
        finally:
            uploaded.seek(0)
    if not looks_right:
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không khớp với loại %(ext)s. Tệp có thể bị hỏng hoặc bị đổi tên."),
            code="document_content",
            params={"name": uploaded.name, "ext": ext.lstrip(".").upper()},
        )
