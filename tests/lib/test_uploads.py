"""Upload checks shared by every app: real images only, no bombs, real documents only."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lib.uploads import RandomName, open_normalized, validate_document_upload, validate_image_upload


def make_jpeg(width=40, height=30, exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(buffer, "JPEG", exif=exif or b"")
    return buffer.getvalue()


def test_a_real_jpeg_is_accepted():
    assert validate_image_upload(SimpleUploadedFile("anh.jpg", make_jpeg())) == "JPEG"


def test_a_text_file_named_jpg_is_rejected_in_vietnamese():
    with pytest.raises(ValidationError) as error:
        validate_image_upload(SimpleUploadedFile("anh.jpg", b"<script>alert(1)</script>"))
    assert "không phải là ảnh hợp lệ" in error.value.messages[0]


def test_an_oversized_file_is_rejected_before_decoding(settings):
    settings.IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_image_upload(SimpleUploadedFile("anh.jpg", make_jpeg()))
    assert "vượt giới hạn" in error.value.messages[0]


def test_a_decompression_bomb_is_rejected(settings):
    # A 1-colour PNG of 20 000 × 20 000 pixels compresses to a few hundred kB.
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
    with pytest.raises(ValidationError) as error:
        validate_image_upload(SimpleUploadedFile("bom.png", buffer.getvalue()))
    assert "quá lớn để xử lý" in error.value.messages[0]


def test_normalizing_rotates_by_exif_and_drops_gps():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 0.0)}  # GPS block
    image = open_normalized(io.BytesIO(make_jpeg(40, 30, exif=exif.tobytes())))
    assert image.size == (30, 40)
    out = io.BytesIO()
    image.save(out, "JPEG")
    assert 0x8825 not in Image.open(io.BytesIO(out.getvalue())).getexif()


def test_random_name_never_keeps_the_users_file_name():
    name = RandomName("photos")(None, "../../etc/Ảnh của tôi.JPG")
    assert name.startswith("photos/")
    assert name.endswith(".jpg")
    assert "etc" not in name and "tôi" not in name


def make_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("bao-cao.pdf", b"%PDF-1.7\n...", True),
        ("nghi-quyet.docx", make_docx(), True),
        ("bao-cao.pdf", b"<html><script>alert(1)</script>", False),
        ("nghi-quyet.docx", b"PK\x03\x04not really a zip", False),
        ("trang.html", b"<html></html>", False),
        ("anh.svg", b"<svg onload=alert(1)>", False),
        ("chay.exe", b"MZ\x90\x00", False),
    ],
)
def test_documents_must_be_what_their_extension_says(name, content, accepted):
    upload = SimpleUploadedFile(name, content)
    if accepted:
        validate_document_upload(upload)
    else:
        with pytest.raises(ValidationError):
            validate_document_upload(upload)


def test_an_oversized_document_is_rejected():
    with pytest.raises(ValidationError) as error:
        validate_document_upload(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 2000), max_bytes=1000)
    assert "vượt giới hạn" in error.value.messages[0]
