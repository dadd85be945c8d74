"""Videos of a commune: a YouTube video played in privacy-enhanced mode, or an uploaded MP4 with
a poster. A video has its own page, may belong to a post or an album, and is listed on the
video page and the home page.

No script or frame of a third party is loaded with the page: a YouTube video shows our own
poster (or a plain box) and a link; only when the reader taps it does static/js/video.js put
the youtube-nocookie.com player in its place (the CSP's frame-src allows that origin alone).
Without JavaScript the link opens the video on YouTube.
"""

import re
import struct
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congresses.models import CommuneScopedQuerySet
from lib.slugs import unique_slug
from lib.uploads import RandomName

from .images import rendition

VIDEO_MAX_BYTES = 200 * 1024 * 1024
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
# Brands of the ISO base media files a browser's <video> plays as MP4.
_MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"dash",
    b"MSNV",
}
_MP4_TOP_BOXES = {
    b"ftyp",
    b"moov",
    b"mdat",
    b"free",
    b"skip",
    b"wide",
    b"uuid",
    b"meta",
    b"moof",
    b"mfra",
    b"styp",
    b"sidx",
    b"pdin",
}


def _bad_youtube():
    return ValidationError(
        _(
            "Địa chỉ này không phải là một video YouTube. Hãy dán địa chỉ dạng "
            "https://www.youtube.com/watch?v=… hoặc https://youtu.be/…"
        ),
        code="bad_youtube_url",
    )


def parse_youtube(url):
    """The 11-character id of a YouTube video from its address (watch, youtu.be, embed, shorts,
    live); a Vietnamese ValidationError for anything else (another site, a playlist, javascript:)."""
    text = (url or "").strip()
    if not text or len(text) > 500:
        raise _bad_youtube()
    if "://" not in text and not text.startswith("//"):
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        raise _bad_youtube() from None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https"):
        raise _bad_youtube()
    candidate = ""
    if host in ("youtu.be", "www.youtu.be"):
        candidate = parts.path.strip("/").split("/")[0]
    elif host in _YOUTUBE_HOSTS:
        segments = [segment for segment in parts.path.split("/") if segment]
        if segments == ["watch"]:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
    if not _YOUTUBE_ID.fullmatch(candidate):
        raise _bad_youtube()
    return candidate


def _not_mp4(name):
    return ValidationError(
        _(
            "Tệp “%(name)s” không phải là video MP4 hợp lệ. Hãy chọn tệp .mp4 quay từ điện thoại hoặc máy quay."
        ),
        code="not_mp4",
        params={"name": name},
    )


def validate_mp4(uploaded):
    """Check an uploaded video by its content: a name ending .mp4, at most VIDEO_MAX_BYTES, an
    ISO media file (`ftyp` box first, with an MP4 brand) whose top-level boxes chain to the end
    of the file and hold a `moov`. Reads box headers only (bounded work whatever the size)."""
    import os

    name = os.path.basename(getattr(uploaded, "name", "") or "") or gettext("video")
    size = getattr(uploaded, "size", None) or 0
    if size > VIDEO_MAX_BYTES:
        raise ValidationError(
            _("Video “%(name)s” nặng %(size)s MB, quá giới hạn %(limit)s MB."),
            code="video_too_large",
            params={"name": name, "size": size // (1024 * 1024), "limit": VIDEO_MAX_BYTES // (1024 * 1024)},
        )
    if not name.lower().endswith(".mp4"):
        raise _not_mp4(name)
    uploaded.seek(0)
    offset, boxes = 0, []
    try:
        while offset < size and len(boxes) < 1000:
            uploaded.seek(offset)
            header = uploaded.read(16)
            if len(header) < 8:
                raise _not_mp4(name)
            length, kind = struct.unpack(">I4s", header[:8])
            if length == 1:
                if len(header) < 16:
                    raise _not_mp4(name)
                length = struct.unpack(">Q", header[8:16])[0]
            elif length == 0:
                length = size - offset
            if length < 8 or kind not in _MP4_TOP_BOXES:
                raise _not_mp4(name)
            if not boxes:
                if kind != b"ftyp":
                    raise _not_mp4(name)
                uploaded.seek(offset + 8)
                brands = uploaded.read(min(length - 8, 64))
                listed = {brands[0:4]} | {brands[i : i + 4] for i in range(8, len(brands) - 3, 4)}
                if not listed & _MP4_BRANDS:
                    raise _not_mp4(name)
            boxes.append(kind)
            offset += length
    finally:
        uploaded.seek(0)
    if offset != size or b"moov" not in boxes:
        raise _not_mp4(name)
    return uploaded


@deconstructible
class VideoFileName(RandomName):
    """`videos/<yyyy>/<mm>/<random hex>.mp4`: never the name the user gave."""

    def __call__(self, instance, filename):
        return super().__call__(instance, "video.mp4")


class VideoQuerySet(CommuneScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_listing(self):
        return self.published().order_by("-recorded_on", "-pk")


class Video(models.Model):
    class Source(models.TextChoices):
        YOUTUBE = "youtube", _("YouTube")
        FILE = "file", _("Tệp MP4 tải lên")

    commune = models.ForeignKey(
        "congresses.Commune", on_delete=models.PROTECT, related_name="videos", verbose_name=_("xã, phường")
    )
    title = models.CharField(_("tên video"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, editable=False)
    description = models.TextField(_("giới thiệu"), blank=True)
    recorded_on = models.DateField(_("ngày"), default=timezone.localdate)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices, editable=False)
    youtube_id = models.CharField(_("mã video YouTube"), max_length=11, blank=True, editable=False)
    file = models.FileField(_("tệp video"), upload_to=VideoFileName("videos"), blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng"), default=0, editable=False)
    poster_renditions = models.JSONField(default=dict, blank=True, editable=False)
    post = models.ForeignKey(
        "news.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="videos",
        verbose_name=_("thuộc bài viết"),
    )
    album = models.ForeignKey(
        "news.Album",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="videos",
        verbose_name=_("thuộc album ảnh"),
    )
    is_published = models.BooleanField(_("hiện trên trang"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = VideoQuerySet.as_manager()

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("video")
        ordering = ["-recorded_on", "-pk"]
        indexes = [
            models.Index(fields=["commune", "is_published", "recorded_on"], name="news_video_list_idx")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:video_detail", args=[self.slug])

    def clean(self):
        errors = {}
        for field in ("post", "album"):
            owner = getattr(self, field)
            if (
                owner is not None
                and self.commune_id
                and not type(owner).objects.for_commune(self.commune).filter(pk=owner.pk).exists()
            ):
                errors[field] = _("Chỉ gắn được vào bài viết, album của chính xã, phường mình.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Video.objects.all(), self.title, 160, "video", exclude_pk=self.pk)
        super().save(*args, **kwargs)

    @property
    def is_youtube(self):
        return self.source == self.Source.YOUTUBE

    @property
    def embed_url(self):
        """The privacy-enhanced player (no cookie until the reader plays), started by the tap."""
        return f"https://www.youtube-nocookie.com/embed/{self.youtube_id}?autoplay=1&rel=0"

    @property
    def watch_url(self):
        return f"https://www.youtube.com/watch?v={self.youtube_id}"

    @property
    def poster(self):
        return rendition(self.poster_renditions, "large") or rendition(self.poster_renditions, "medium")

    @property
    def poster_thumb(self):
        return rendition(self.poster_renditions, "medium") or self.poster


def _delete_video_files(sender, instance, **kwargs):
    from django.core.files.storage import default_storage
    from django.db import transaction

    from .images import delete_renditions

    name, renditions = instance.file.name if instance.file else "", dict(instance.poster_renditions or {})

    def remove():
        if name:
            default_storage.delete(name)
        delete_renditions(renditions)

    transaction.on_commit(remove)


models.signals.post_delete.connect(_delete_video_files, sender=Video, dispatch_uid="video-files")
