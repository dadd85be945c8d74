"""Image renditions made once, on upload: thumbnail, medium and large, each as WebP and JPEG.

Any app can reuse it: store an upload with `store_normalized()` and keep the dict returned by
`make_renditions()` in a JSONField; templates render it with `{% include "news/_picture.html" %}`.
A public GET never resizes anything, and lists never show the original.
"""

import io
import os
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from lib.uploads import decode_image, open_normalized

# Longest side in pixels of each rendition. Small sources are never enlarged.
SIZES = {"thumb": 480, "medium": 960, "large": 1600}
# The stored "original" is upright, stripped of EXIF/GPS, and at most this large.
ORIGINAL_MAX_SIDE = 2560
JPEG_QUALITY = 85
WEBP_QUALITY = 80


@dataclass(frozen=True)
class Rendition:
    """One size of an image, ready for `<picture>`: WebP source, JPEG fallback, its pixel size."""

    webp_url: str
    jpeg_url: str
    width: int
    height: int


def _flatten(image):
    """JPEG has no transparency: put transparent images on white."""
    if image.mode == "RGB":
        return image
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
    return background


def _encode(image, fmt, **options):
    """Encode without any metadata: no EXIF, comment, XMP or ICC profile reaches a rendition."""
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, fmt, exif=b"", **options)
    return buffer.getvalue()


@dataclass
class PreparedImage:
    """An upload decoded once and encoded into every file it needs, nothing written yet.

    `add_photos` and `set_cover` prepare every file of a batch first and write only when
    all are good, so a rejected file leaves nothing on disk.
    """

    original: bytes
    renditions: dict
    original_name: str


def _rendition_bytes(image):
    """{size: {"webp": bytes, "jpeg": bytes, "width", "height"}}, largest first, each from the previous."""
    result = {}
    for size, longest in sorted(SIZES.items(), key=lambda item: -item[1]):
        image = image.copy()
        image.thumbnail((longest, longest), reducing_gap=3.0)
        result[size] = {
            "webp": _encode(image, "WEBP", quality=WEBP_QUALITY, method=3),
            "jpeg": _encode(image, "JPEG", quality=JPEG_QUALITY, progressive=True),
            "width": image.width,
            "height": image.height,
        }
    return result


def prepare_image(uploaded):
    """Decode an upload once (checked: raises a Vietnamese ValidationError) and encode its files.

    Returns a PreparedImage: the upright original without metadata (at most
    ORIGINAL_MAX_SIDE) and every rendition, as bytes; `save_renditions` writes them.
    """
    image = _flatten(decode_image(uploaded, max_side=ORIGINAL_MAX_SIDE))
    image.thumbnail((ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE), reducing_gap=3.0)
    return PreparedImage(
        original=_encode(image, "JPEG", quality=90),
        renditions=_rendition_bytes(image),
        original_name=os.path.basename(getattr(uploaded, "name", "") or "")[:255],
    )


def save_renditions(encoded, folder="renditions"):
    """Write encoded renditions (from `prepare_image`) under random names; returns the JSONField dict."""
    now = timezone.now()
    stem = f"{folder}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}"
    result = {}
    try:
        for size, entry in encoded.items():
            result[size] = {"width": entry["width"], "height": entry["height"]}
            result[size]["webp"] = default_storage.save(f"{stem}-{size}.webp", ContentFile(entry["webp"]))
            result[size]["jpeg"] = default_storage.save(f"{stem}-{size}.jpg", ContentFile(entry["jpeg"]))
    except Exception:
        delete_renditions(result)
        raise
    return result


def store_normalized(uploaded):
    """Re-encode an upload as an upright JPEG without metadata, at most ORIGINAL_MAX_SIDE.

    Returns (ContentFile, image): the caller saves the ContentFile into its ImageField (whose
    `upload_to` gives it a random name) and passes the Pillow image to `make_renditions`, so
    the photo is decoded once. Call `validate_image_upload` first.
    """
    uploaded.seek(0)
    image = _flatten(open_normalized(uploaded))
    image.thumbnail((ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE), reducing_gap=3.0)
    data = _encode(image.copy(), "JPEG", quality=90)
    return ContentFile(data, name="anh.jpg"), image


def make_renditions(source, folder="renditions"):
    """Make every size of `source` (a Pillow image, a file or a path) as WebP and JPEG.

    The result is a plain dict, e.g. {"thumb": {"webp": name, "jpeg": name, "width": 480,
    "height": 320}, ...}, meant for a JSONField; `rendition()` turns an entry into URLs.
    """
    if isinstance(source, Image.Image):
        image = _flatten(source)
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        image = _flatten(open_normalized(source))
    return save_renditions(_rendition_bytes(image), folder)


def rendition(renditions, size):
    """The `Rendition` of one size from a stored dict, or None when there is none."""
    entry = (renditions or {}).get(size)
    if not entry:
        return None
    return Rendition(
        webp_url=default_storage.url(entry["webp"]),
        jpeg_url=default_storage.url(entry["jpeg"]),
        width=entry["width"],
        height=entry["height"],
    )


def delete_renditions(renditions):
    """Remove the files of a renditions dict (when an image is replaced or deleted)."""
    for entry in (renditions or {}).values():
        for key in ("webp", "jpeg"):
            if entry.get(key):
                default_storage.delete(entry[key])
