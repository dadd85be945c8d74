"""Website links (liên kết website: the province's portal, the Front of Việt Nam …) and banners
with a schedule, both of one commune.

A banner shows from its start until its end, asked of the clock by every query (`live(now)`),
never a flag a job must flip. Cached pages follow it: `next_banner_change` tells the page cache
when the site's banners next change by themselves (lib.pagecache.scheduled_changes), and the
banner strips are shared fragments kept no longer than that.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congresses.models import CommuneScopedQuerySet

from .images import rendition


def validate_link_url(value, allow_local=False):
    """Only http:// and https:// addresses (or, where allowed, a path of this site starting
    with one "/"): `javascript:`, `data:` and the like never reach a page."""
    text = (value or "").strip()
    if allow_local and text.startswith("/") and not text.startswith("//") and "\\" not in text:
        return
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(char.isspace() or ord(char) < 32 for char in text)
    ):
        raise ValidationError(
            _("Địa chỉ liên kết phải bắt đầu bằng http:// hoặc https:// (ví dụ https://mattran.org.vn)."),
            code="bad_link_url",
        )


def validate_banner_url(value):
    validate_link_url(value, allow_local=True)


class WebLinkQuerySet(CommuneScopedQuerySet):
    def published(self):
        return self.filter(is_published=True).order_by("position", "title", "pk")


class WebLink(models.Model):
    commune = models.ForeignKey(
        "congresses.Commune", on_delete=models.PROTECT, related_name="web_links", verbose_name=_("xã, phường")
    )
    title = models.CharField(
        _("tên trang"), max_length=150, help_text=_("Ví dụ: Cổng Thông tin điện tử tỉnh.")
    )
    url = models.CharField(_("địa chỉ"), max_length=500, validators=[validate_link_url])
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_published = models.BooleanField(_("hiện trên trang"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = WebLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("liên kết website")
        verbose_name_plural = _("liên kết website")
        ordering = ["position", "title", "pk"]

    def __str__(self):
        return self.title


class BannerQuerySet(CommuneScopedQuerySet):
    def live(self, now=None):
        """Banners showing at `now`: published, started, not yet ended; in their order."""
        now = now or timezone.now()
        return (
            self.filter(is_published=True, starts_at__lte=now)
            .filter(models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now))
            .order_by("position", "pk")
        )

    def not_ended(self, now=None):
        """Published banners not yet ended (live, or waiting for their start); in their order."""
        now = now or timezone.now()
        return (
            self.filter(is_published=True)
            .filter(models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now))
            .order_by("position", "pk")
        )

    def next_change(self, now=None):
        """The next time after `now` a published banner starts or ends (None: nothing waits)."""
        now = now or timezone.now()
        found = self.filter(is_published=True).aggregate(
            starts=models.Min("starts_at", filter=models.Q(starts_at__gt=now)),
            ends=models.Min("ends_at", filter=models.Q(ends_at__gt=now)),
        )
        times = [moment for moment in found.values() if moment is not None]
        return min(times) if times else None


class Banner(models.Model):
    class Place(models.TextChoices):
        SIDE = "side", _("Cột bên trang chủ")
        FOOTER = "footer", _("Cuối trang chủ")

    commune = models.ForeignKey(
        "congresses.Commune", on_delete=models.PROTECT, related_name="banners", verbose_name=_("xã, phường")
    )
    title = models.CharField(
        _("nội dung băng rôn"),
        max_length=200,
        help_text=_("Chữ trên băng rôn, đọc cho người khiếm thị (bắt buộc)."),
    )
    url = models.CharField(
        _("liên kết tới"),
        max_length=500,
        blank=True,
        validators=[validate_banner_url],
        help_text=_("Để trống nếu băng rôn không dẫn đi đâu. Trang trong cổng ghi dạng /thong-bao/…"),
    )
    place = models.CharField(_("vị trí"), max_length=10, choices=Place.choices, default=Place.SIDE)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    starts_at = models.DateTimeField(_("hiện từ"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("hết hạn lúc"), null=True, blank=True, help_text=_("Sau thời điểm này băng rôn tự rời trang.")
    )
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    is_published = models.BooleanField(_("hiện trên trang"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = BannerQuerySet.as_manager()

    class Meta:
        verbose_name = _("băng rôn (banner)")
        verbose_name_plural = _("băng rôn (banner)")
        ordering = ["place", "position", "pk"]
        indexes = [models.Index(fields=["commune", "is_published", "starts_at"], name="news_banner_live_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Thời điểm hết hạn phải sau thời điểm bắt đầu hiện.")})

    def is_live(self, now=None):
        now = now or timezone.now()
        return self.is_published and self.starts_at <= now and (self.ends_at is None or self.ends_at > now)

    @property
    def image(self):
        return rendition(self.image_renditions, "medium")

    @property
    def image_large(self):
        return rendition(self.image_renditions, "large") or self.image


def _delete_banner_files(sender, instance, **kwargs):
    from django.db import transaction

    from .images import delete_renditions

    renditions = dict(instance.image_renditions or {})
    transaction.on_commit(lambda: delete_renditions(renditions))


models.signals.post_delete.connect(_delete_banner_files, sender=Banner, dispatch_uid="banner-files")


def next_banner_change(commune, province, now):
    """When the site's banners next change by themselves (a page-cache scheduled change)."""
    if commune is None:
        return None
    return Banner.objects.for_commune(commune).next_change(now)
