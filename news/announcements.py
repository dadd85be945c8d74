"""Announcements (thông báo): a short sanitised notice shown from its start until its expiry.

What is current is a question of time, asked by every query (`current(now)`), never a flag a
job must flip: an expired announcement leaves the home page by itself and stays in the archive.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from congresses.models import CommuneScopedQuerySet
from lib.slugs import unique_slug
from lib.vietnamese import fold

from .sanitize import EDITOR_EXTENSIONS, clean_body

_PUNCTUATION = re.compile(r"[^\w\s]+|_")
PINNED_ON_HOME = 3


class AnnouncementQuerySet(CommuneScopedQuerySet):
    def public(self, now=None):
        """Announcements the public may see: published and started (current or expired alike)."""
        return self.filter(is_published=True, starts_at__lte=now or timezone.now())

    def current(self, now=None):
        """Public announcements not yet expired (no expiry: current until taken down)."""
        now = now or timezone.now()
        return self.public(now).filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))

    def expired(self, now=None):
        now = now or timezone.now()
        return self.public(now).filter(expires_at__lte=now)

    def for_listing(self):
        return self.defer("body", "search_text").order_by("-starts_at", "-pk")

    def pinned_on_home(self, now=None):
        """The current pinned announcements for the top of the home page, newest first."""
        return self.current(now).filter(is_pinned=True).for_listing()

    def search(self, query):
        words = fold(_PUNCTUATION.sub(" ", query or "")).split()[:8]
        if not words or any(len(word) > 100 for word in words):
            return self.none()
        result = self
        for word in words:
            result = result.filter(search_text__contains=" " + word)
        return result


class Announcement(models.Model):
    commune = models.ForeignKey(
        "congresses.Commune",
        on_delete=models.PROTECT,
        related_name="announcements",
        verbose_name=_("xã, phường"),
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, editable=False)
    body = ProseEditorField(
        _("nội dung"), config={"extensions": EDITOR_EXTENSIONS}, sanitize=True, blank=True
    )
    starts_at = models.DateTimeField(
        _("hiện từ"), default=timezone.now, help_text=_("Thông báo hiện trên trang từ thời điểm này.")
    )
    expires_at = models.DateTimeField(
        _("hết hạn lúc"),
        null=True,
        blank=True,
        help_text=_("Sau thời điểm này thông báo tự rời trang chủ và chỉ còn trong mục lưu trữ."),
    )
    is_pinned = models.BooleanField(
        _("ghim lên đầu trang chủ"), default=False, help_text=_("Chỉ khi còn hạn.")
    )
    is_published = models.BooleanField(_("công khai trên trang"), default=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = AnnouncementQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["commune", "is_published", "starts_at"], name="news_ann_public_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:announcement_detail", args=[self.slug])

    def clean(self):
        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": _("Thời điểm hết hạn phải sau thời điểm bắt đầu hiện.")})

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        if not self.slug:
            self.slug = unique_slug(
                Announcement.objects.all(), self.title, 160, "thong-bao", exclude_pk=self.pk
            )
        self.search_text = " " + fold(_PUNCTUATION.sub(" ", strip_tags(f"{self.title} {self.body}")))
        super().save(*args, **kwargs)

    def is_current(self, now=None):
        now = now or timezone.now()
        return (
            self.is_published and self.starts_at <= now and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()
