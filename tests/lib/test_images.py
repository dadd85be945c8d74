"""Portraits made ready to store: fitted in 600 × 800, JPEG unless they are transparent."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lib.images import normalized_photo


def upload(mode, size, fmt):
    buffer = io.BytesIO()
    Image.new(mode, size, "red").save(buffer, fmt)
    return SimpleUploadedFile(f"Ảnh gốc.{fmt.lower()}", buffer.getvalue())


def test_a_large_photo_is_fitted_in_600_by_800_as_jpeg():
    stored = normalized_photo(upload("RGB", (3000, 2000), "JPEG"))
    with Image.open(io.BytesIO(stored.read())) as image:
        assert image.format == "JPEG" and image.size == (600, 400)
    assert stored.name == "anh.jpg"


def test_a_transparent_photo_stays_png():
    stored = normalized_photo(upload("RGBA", (100, 100), "PNG"))
    with Image.open(io.BytesIO(stored.read())) as image:
        assert image.format == "PNG" and image.mode == "RGBA"
