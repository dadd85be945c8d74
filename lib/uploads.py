"""Checks and storage rules for every uploaded file: photos, receipts, documents.

Uploads never keep the name the user gave them on disk (random names, the original kept
as data by the model if wanted), and only real images or real PDF/DOCX files get in.
Every check does bounded work: sizes are read from headers and zip directories before
anything is decoded or unpacked, and an image is decoded once, within a pixel budget.
"""

import io
import logging
import os
import re
import uuid
import warnings
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

log = logging.getLogger(__name__)

IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif", "MPO": ".jpg"}
# The only decoders Pillow may try on an upload (an MPO is opened by the JPEG one).
_OPEN_FORMATS = ["JPEG", "PNG", "WEBP", "GIF"]
DOCUMENT_EXTENSIONS = {".pdf", ".docx", ".doc", ".xlsx"}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# Office files are zip archives: what they unpack to is bounded as well as what they weigh.
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_TOTAL_BYTES = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200
# Markup inside an image or a document's body is how a file becomes a page or a script
# (a GIF/JavaScript polyglot, an SVG renamed .png). Random image data never spells these.
_MARKUP_WORDS = ("script", "html", "body", "svg", "iframe", "object", "embed", "?php")


def _any_case(word):
    return b"".join(
        b"[" + c.lower().encode() + c.upper().encode() + b"]" if c.isalpha() else re.escape(c.encode())
        for c in word
    )


# Spelled case by case rather than with (?i): a pattern that starts with the literal `<` is
# scanned for that byte at C speed, twenty times faster on a camera's 5 MB JPEG; same matches
# (a bytes pattern's (?i) folds ASCII only, as bytes.lower() does).
_MARKUP_TAG = re.compile(rb"<\s*(?:" + b"|".join(_any_case(word) for word in _MARKUP_WORDS) + rb")\b")


def has_markup(data):
    """True when HTML or script hides in a file's bytes (`<script`, `<svg`, `javascript:` …)."""
    return _MARKUP_TAG.search(data) is not None or b"javascript:" in data.lower()


_DECODED = "_mttq_normalized_image"
Image.init()  # registers every plugin, so `formats=` below can name WebP


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


def _name(uploaded):
    return os.path.basename(getattr(uploaded, "name", "") or "") or _("ảnh")


def _read_all(source):
    """The bytes of an upload, a file object or a path (callers bound the size first)."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return handle.read()
    source.seek(0)
    data = source.read()
    source.seek(0)
    return data


def _not_an_image(name):
    return ValidationError(
        _("Tệp “%(name)s” không phải là ảnh hợp lệ (chấp nhận JPEG, PNG, WebP, GIF)."),
        code="not_an_image",
        params={"name": name},
    )


def _too_many_pixels(name, width, height):
    return ValidationError(
        _("Ảnh “%(name)s” có kích thước %(width)s × %(height)s điểm ảnh, quá lớn để xử lý."),
        code="image_too_many_pixels",
        params={"name": name, "width": width, "height": height},
    )


def inspect_image(data, name):
    """Check an image's bytes without decoding its pixels; returns (format, width, height).

    Reads only the header: the format must be one we accept (Pillow tries no other
    decoder), the pixel count within `IMAGE_MAX_PIXELS`, and no markup may hide in the file.
    """
    try:
        with Image.open(io.BytesIO(data), formats=_OPEN_FORMATS) as image:
            width, height = image.size
            image_format = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise _not_an_image(name) from error
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("Ảnh “%(name)s” quá lớn để xử lý."), code="image_too_many_pixels", params={"name": name}
        ) from error
    if width * height > settings.IMAGE_MAX_PIXELS or width <= 0 or height <= 0:
        raise _too_many_pixels(name, width, height)
    if has_markup(data):
        raise ValidationError(
            _("Tệp “%(name)s” có chứa mã (HTML, script) lẫn trong ảnh nên không được nhận."),
            code="image_markup",
            params={"name": name},
        )
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Ảnh “%(name)s” có định dạng %(format)s không được hỗ trợ (chấp nhận JPEG, PNG, WebP, GIF)."),
            code="image_format",
            params={"name": name, "format": image_format},
        )
    return image_format, width, height


def _to_srgb(image):
    """Colours of a photo with an ICC profile (iPhone's Display P3) kept when the profile is dropped."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _checked_bytes(source):
    """(name, bytes) of an upload, a file object or a path whose size is within IMAGE_MAX_BYTES."""
    name = _name(source)
    size = getattr(source, "size", None)
    if size is None and isinstance(source, str | os.PathLike):
        size = os.path.getsize(source)
    max_bytes = settings.IMAGE_MAX_BYTES
    if size and size > max_bytes:
        raise ValidationError(
            _("Ảnh “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s. Hãy chọn ảnh nhỏ hơn."),
            code="image_too_large",
            params={"name": name, "size": _megabytes(size), "limit": _megabytes(max_bytes)},
        )
    data = _read_all(source)
    if len(data) > max_bytes:
        raise ValidationError(
            _("Ảnh “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s. Hãy chọn ảnh nhỏ hơn."),
            code="image_too_large",
            params={"name": name, "size": _megabytes(len(data)), "limit": _megabytes(max_bytes)},
        )
    return name, data


def _broken(name, error):
    log.info("image %r refused: %s", name, error)
    return ValidationError(
        _("Không đọc được ảnh “%(name)s”: tệp bị hỏng hoặc chưa tải lên hết. Hãy chụp hoặc chép lại ảnh."),
        code="image_broken",
        params={"name": name},
    )


# The smallest scale a JPEG is decoded at to prove it whole: every byte of it is still read.
_VERIFY_SIDE = 320


def verify_image(source):
    """Every check of `decode_image` at a fraction of its cost; returns (format, width, height).

    For an upload whose pixels are made later (the photo queue): size, header, pixel budget and
    markup as in `decode_image`, and the whole file decoded once at a small scale (a JPEG at
    1/8, read to its last byte), so a truncated or corrupt file is refused now, in Vietnamese.
    """
    name, data = _checked_bytes(source)
    image_format, width, height = inspect_image(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=_OPEN_FORMATS) as image:
                if image.format in ("JPEG", "MPO"):
                    ratio = _VERIFY_SIDE / max(width, height)
                    image.draft(None, (max(1, int(width * ratio)), max(1, int(height * ratio))))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(name, width, height) from error
    except Exception as error:  # Pillow raises many kinds on hostile input; none may be a 500
        raise _broken(name, error) from error
    return image_format, width, height


def decode_image(source, *, max_side=None):
    """Decode an image once, checked, upright and without metadata; raise a Vietnamese error.

    `source` is an upload, a file object or a path. The size, the header (format, pixel
    count) and embedded markup are checked before the pixels are decoded; the decode runs
    with Pillow's own bomb limit as an error; a truncated or corrupt file becomes a
    ValidationError, never an exception a page turns into a 500. With `max_side`, a JPEG is
    decoded directly at the smallest scale still at least that large (less memory and time).
    Returns a new RGB or RGBA image whose `info` is empty: no EXIF, GPS, comment, XMP or ICC.
    """
    name, data = _checked_bytes(source)
    image_format, width, height = inspect_image(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=_OPEN_FORMATS) as image:
                if max_side and image.format in ("JPEG", "MPO") and max(width, height) > max_side:
                    ratio = max_side / max(width, height)
                    image.draft(None, (max(1, int(width * ratio)), max(1, int(height * ratio))))
                image.load()
                image = ImageOps.exif_transpose(image)
                has_alpha = image.mode in ("RGBA", "LA", "PA") or (
                    image.mode == "P" and "transparency" in image.info
                )
                clean = _to_srgb(image.convert("RGBA" if has_alpha else "RGB"))
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(name, width, height) from error
    except Exception as error:  # Pillow raises many kinds on hostile input; none may be a 500
        raise _broken(name, error) from error
    clean.info = {}
    clean.source_format = image_format
    return clean


def validate_image_upload(uploaded):
    """Reject anything that is not a real, reasonably sized, readable photo. Returns the format.

    A field validator: the image is decoded here, once (a truncated file is a form error,
    not a 500), and kept on the upload for `open_normalized`, so normalising it afterwards
    costs no second decode.
    """
    if getattr(uploaded, _DECODED, None) is not None:
        return getattr(uploaded, "_mttq_format", "JPEG")
    image = decode_image(uploaded)
    setattr(uploaded, _DECODED, image)
    uploaded._mttq_format = image.source_format
    return image.source_format


def open_normalized(source):
    """Open an image upright (EXIF rotation applied) and without its metadata (GPS, camera).

    Returns a new Pillow image in RGB or RGBA; the caller saves it, so nothing of the
    original's metadata survives. Raises a Vietnamese ValidationError for a file that is
    not a readable image. An upload already checked by `validate_image_upload` is not
    decoded again.
    """
    cached = getattr(source, _DECODED, None)
    if cached is not None:
        setattr(source, _DECODED, None)
        return cached
    return decode_image(source)


def _zip_refused(name, reason):
    return ValidationError(
        _("Tệp “%(name)s” bị từ chối: %(reason)s. Tệp có thể bị hỏng hoặc được tạo ra để gây hại."),
        code="zip_refused",
        params={"name": name, "reason": reason},
    )


def check_zip_archive(
    uploaded,
    *,
    max_members=ZIP_MAX_MEMBERS,
    max_total_bytes=ZIP_MAX_TOTAL_BYTES,
    max_member_bytes=None,
    member_limits=None,
    max_ratio=ZIP_MAX_RATIO,
):
    """Check a zip (DOCX, XLSX) by its directory alone, before any member is unpacked.

    Refuses too many members, a total or a member unpacking to more than allowed
    (`member_limits` maps a name prefix to its own limit), and a compression ratio no real
    office file reaches (a zip bomb). Returns the archive's names; raises ValidationError.
    """
    name = _name(uploaded)
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        refused = _zip_refused(name, _("không phải tệp nén hợp lệ"))
        refused.code = "not_zip"
        raise refused from error
    finally:
        uploaded.seek(0)
    if len(infos) > max_members:
        raise _zip_refused(name, _("có %(count)s tệp con, quá nhiều") % {"count": len(infos)})
    total = 0
    for info in infos:
        total += info.file_size
        limit = max_member_bytes
        for prefix, prefix_limit in (member_limits or {}).items():
            if info.filename.startswith(prefix):
                limit = prefix_limit
        if limit is not None and info.file_size > limit:
            raise _zip_refused(
                name,
                _("phần “%(part)s” giải nén ra %(size)s, vượt giới hạn %(limit)s")
                % {
                    "part": info.filename[:80],
                    "size": _megabytes(info.file_size),
                    "limit": _megabytes(limit),
                },
            )
        if (
            max_ratio
            and info.file_size > 1024 * 1024
            and info.file_size > max_ratio * max(info.compress_size, 1)
        ):
            raise _zip_refused(
                name,
                _("phần “%(part)s” nén quá mức bình thường (giải nén ra %(size)s)")
                % {"part": info.filename[:80], "size": _megabytes(info.file_size)},
            )
    if total > max_total_bytes:
        raise _zip_refused(
            name,
            _("giải nén ra %(size)s, vượt giới hạn %(limit)s")
            % {"size": _megabytes(total), "limit": _megabytes(max_total_bytes)},
        )
    return [info.filename for info in infos]


_MAGIC = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}
# PDF features that run or carry something besides the pages: scripts, launching programs,
# embedded files, Flash/3D media. Names may be written with #xx escapes (/J#61vaScript).
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_PDF_STREAM_START = re.compile(rb"stream\r?\n")
PDF_MAX_UNPACKED = 64 * 1024 * 1024


def _pdf_has_active_content(data):
    """True when a PDF carries JavaScript or other actions, also inside compressed object streams."""

    def active(chunk):
        return _PDF_ACTIVE.search(_PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), chunk))

    if active(data):
        return True
    budget = PDF_MAX_UNPACKED
    view = memoryview(data)
    for match in _PDF_OBJECT_STREAM.finditer(data):
        start = _PDF_STREAM_START.search(data, match.end())
        if not start:
            continue
        if budget <= 0:
            return True  # object streams this large are not a meeting's minutes
        decompressor = zlib.decompressobj()
        try:
            unpacked = decompressor.decompress(view[start.end() :], budget)
        except zlib.error:
            continue
        budget -= len(unpacked)
        if active(unpacked):
            return True
        if decompressor.unconsumed_tail:
            return True
    return False


def validate_document_upload(uploaded, allowed=DOCUMENT_EXTENSIONS, max_bytes=DOCUMENT_MAX_BYTES):
    """Accept only PDF and Office documents whose content matches their extension.

    PDFs with scripts or actions are refused, and Office zips are checked by their
    directory (no zip bomb) without being unpacked.
    """
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
            looks_right = "[Content_Types].xml" in check_zip_archive(uploaded)
        except ValidationError as error:
            if error.code != "not_zip":
                raise
            looks_right = False
    if not looks_right:
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không khớp với loại %(ext)s. Tệp có thể bị hỏng hoặc bị đổi tên."),
            code="document_content",
            params={"name": uploaded.name, "ext": ext.lstrip(".").upper()},
        )
    if ext == ".pdf":
        data = uploaded.read(max_bytes + 1)
        uploaded.seek(0)
        if _pdf_has_active_content(data):
            raise ValidationError(
                _(
                    "Tệp PDF “%(name)s” có chứa mã chạy tự động hoặc tệp đính kèm (JavaScript, lệnh mở chương trình) "
                    "nên không được nhận. Hãy in lại ra PDF thường (Print → PDF) rồi tải lên."
                ),
                code="document_active_content",
                params={"name": uploaded.name},
            )
