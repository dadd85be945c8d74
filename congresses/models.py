"""The organisation of the Front in a commune: communes and their residential areas.

Areas are merged and renamed but never deleted: `valid_until` and `merged_into` keep
their history and let old URLs resolve to the successor.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mttq_portal.vietnamese import slugify_vi


class Commune(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "xa", _("Xã")
        WARD = "phuong", _("Phường")
        SPECIAL_ZONE = "dac_khu", _("Đặc khu")

    name = models.CharField(_("tên"), max_length=120, help_text=_("Không kèm cấp, ví dụ: Hòa Phú"))
    kind = models.CharField(_("cấp"), max_length=10, choices=Kind.choices, default=Kind.COMMUNE)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True, blank=True)
    province = models.CharField(_("tỉnh, thành phố"), max_length=120, blank=True)
    address = models.CharField(_("địa chỉ trụ sở"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        verbose_name = _("xã, phường")
        verbose_name_plural = _("xã, phường")
        ordering = ["name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """`xã Hòa Phú`: the kind in lower case, as the portals write it inside a sentence."""
        return f"{self.get_kind_display().lower()} {self.name}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.full_name, max_length=140)
        super().save(*args, **kwargs)


class ResidentialAreaQuerySet(models.QuerySet):
    def current(self, on=None):
        """Areas that exist today (or on a given date): not merged away, not ended."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=on),
        )


class ResidentialArea(models.Model):
    class Kind(models.TextChoices):
        VILLAGE = "thon", _("Thôn")
        HAMLET = "ap", _("Ấp")
        BAN = "ban", _("Bản")
        BUON = "buon", _("Buôn")
        QUARTER = "khu_pho", _("Khu phố")
        CIVIL_GROUP = "to_dan_pho", _("Tổ dân phố")
        AREA = "khu_dan_cu", _("Khu dân cư")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="areas", verbose_name=_("xã, phường")
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.VILLAGE)
    name = models.CharField(_("tên"), max_length=120, help_text=_("Không kèm loại, ví dụ: Đông"))
    slug = models.SlugField(_("đường dẫn"), max_length=140, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("có từ ngày"), null=True, blank=True)
    valid_until = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Ngày sáp nhập hoặc giải thể")
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("sáp nhập vào"),
    )

    objects = ResidentialAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("khu dân cư")
        verbose_name_plural = _("khu dân cư")
        ordering = ["commune", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "slug"], name="unique_area_slug_per_commune"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """`Thôn Đông`."""
        return f"{self.get_kind_display()} {self.name}"

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.merged_into_id is None and (self.valid_until is None or self.valid_until > today)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.full_name, max_length=140)
        super().save(*args, **kwargs)
