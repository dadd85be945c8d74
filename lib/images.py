"""Pillow work on an upload, beside the checks in `lib/uploads.py`: a photo made ready to store.

Decoding within the pixel budget (`decode_image`) stays in `lib/uploads.py`; news renditions
are in `news/images.py`.
"""

import io
import os

from django.core.files.base import ContentFile

from lib.uploads import decode_image

PORTRAIT_SIZE = (600, 800)


def normalized_photo(uploaded, max_size=PORTRAIT_SIZE):
    """A portrait ready to store: checked, upright, without EXIF/GPS, at most 600 × 800 pixels.

    The upload is decoded once; an unreadable or truncated file raises a Vietnamese
    ValidationError. The returned file carries `original_name` (the name the user gave it).
    """
    image = decode_image(uploaded, max_side=max(max_size))
    image.thumbnail(max_size)
    buffer = io.BytesIO()
    if image.mode == "RGBA":
        image.save(buffer, "PNG", optimize=True)
        ext = "png"
    else:
        image.save(buffer, "JPEG", quality=85, optimize=True, exif=b"")
        ext = "jpg"
    content = ContentFile(buffer.getvalue(), name=f"anh.{ext}")
    content.normalized = True
    content.original_name = os.path.basename(getattr(uploaded, "name", "") or "")[:255]
    return content
