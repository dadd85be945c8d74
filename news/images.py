"""Image renditions made once, on upload: thumbnail, medium and large, each as WebP and JPEG.

Any app can reuse it: store an upload with `store_normalized()` and keep the dict returned by
`make_renditions()` in a JSONField; templates render it with `{% include "news/_picture.html" %}`.
A public GET never resizes anything, and lists never show the original.
"""

import io
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from lib.uploads import open_normalized

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
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def store_normalized(uploaded):
    """Re-encode an upload as an upright JPEG without metadata, at most ORIGINAL_MAX_SIDE.

    Returns (ContentFile, image): the caller saves the ContentFile into its ImageField (whose
    `upload_to` gives it a random name) and passes the Pillow image to `make_renditions`, so
    the photo is decoded once. Call `validate_image_upload` first.
    """
    uploaded.seek(0)
    image = _flatten(open_normalized(uploaded))
    image.thumbnail((ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE), reducing_gap=3.0)
    data = _encode(image, "JPEG", quality=90)
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
    now = timezone.now()
    stem = f"{folder}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}"
    result = {}
    # Largest first, each size made from the previous one: a phone photo is shrunk once, not three times.
    for size, longest in sorted(SIZES.items(), key=lambda item: -item[1]):
        image = image.copy()
        image.thumbnail((longest, longest), reducing_gap=3.0)
        webp = default_storage.save(
            f"{stem}-{size}.webp", ContentFile(_encode(image, "WEBP", quality=WEBP_QUALITY, method=3))
        )
        jpeg = default_storage.save(
            f"{stem}-{size}.jpg", ContentFile(_encode(image, "JPEG", quality=JPEG_QUALITY, progressive=True))
        )
        result[size] = {"webp": webp, "jpeg": jpeg, "width": image.width, "height": image.height}
    return result


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
