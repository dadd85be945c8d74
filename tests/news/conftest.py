"""Small factories for news tests: categories, posts, real image files, a clock we can move."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image


def jpeg_bytes(width=64, height=48, color="orange", exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", exif=exif or b"")
    return buffer.getvalue()


def jpeg_upload(name="anh.jpg", **kwargs):
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


@pytest.fixture
def category(commune):
    from news.models import Category

    return Category.objects.create(commune=commune, name="Hoạt động Mặt trận")


@pytest.fixture
def make_post(category):
    """`make_post(title=..., status=..., published_at=...)`: a public post unless told otherwise."""
    from news.models import Post

    def make(title="Hội nghị Ban công tác Mặt trận thôn Đông", **fields):
        fields.setdefault("category", category)
        fields.setdefault("lead", "Sáng 07/01/2024, thôn Đông tổ chức hội nghị.")
        fields.setdefault("body", "<p>Hội nghị diễn ra <strong>dân chủ</strong>.</p>")
        fields.setdefault("status", Post.Status.PUBLISHED)
        if fields["status"] != Post.Status.DRAFT:
            fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
        return Post.objects.create(title=title, **fields)

    return make


class Clock:
    """A clock the test moves forward; `timezone.now()` everywhere returns its time."""

    def __init__(self, monkeypatch):
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def move(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)
