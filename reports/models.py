"""Period reports (báo cáo sơ kết, tổng kết, nhiệm kỳ) the commune sends to the upper level:
each report made is kept with its files, and each commune may replace the Word template."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from congresses.models import CommuneScopedQuerySet
from lib.fields import recorded_by
from lib.storage import private_storage
from lib.uploads import RandomName


class Kind(models.TextChoices):
    FIRST_HALF = "6_thang_dau", _("Sơ kết 6 tháng đầu năm")
    SECOND_HALF = "6_thang_cuoi", _("Sơ kết 6 tháng cuối năm")
    YEAR = "nam", _("Tổng kết năm")
    TERM = "nhiem_ky", _("Báo cáo nhiệm kỳ")
    CUSTOM = "tuy_chon", _("Báo cáo theo thời gian tùy chọn")


class ReportTemplateQuerySet(CommuneScopedQuerySet):
    def newest_first(self):
        return self.order_by("-uploaded_at", "-pk")


class ReportTemplate(models.Model):
    """A commune's own Word template (docxtpl), checked on upload by rendering it once."""

    commune = models.ForeignKey(
        "congresses.Commune",
        on_delete=models.PROTECT,
        related_name="report_templates",
        verbose_name=_("xã, phường"),
    )
    name = models.CharField(_("tên mẫu"), max_length=120, help_text=_("Ví dụ: Mẫu báo cáo sơ kết năm 2026"))
    file = models.FileField(
        _("tệp mẫu Word (.docx)"),
        upload_to=RandomName("mau-bao-cao"),
        storage=private_storage,
        max_length=200,
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    uploaded_by = recorded_by(_("người tải lên"))

    objects = ReportTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mẫu báo cáo Word")
        verbose_name_plural = _("mẫu báo cáo Word")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.name


class ReportRunQuerySet(CommuneScopedQuerySet):
    def latest_for(self, commune):
        """The last report made for `commune` (None when none): what the chair's dashboard shows."""
        return self.for_commune(commune).select_related("created_by").order_by("-created_at", "-pk").first()


class ReportRun(models.Model):
    """One report made: the period, its số ký hiệu, who made it and when, and both files."""

    # A commune merger leaves it with the old commune: it is what that commune sent, under its name.
    KEPT_BY_THE_OLD_COMMUNE = True

    commune = models.ForeignKey(
        "congresses.Commune",
        on_delete=models.PROTECT,
        related_name="report_runs",
        verbose_name=_("xã, phường"),
    )
    kind = models.CharField(_("loại báo cáo"), max_length=14, choices=Kind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    title = models.CharField(_("trích yếu"), max_length=255)
    number = models.CharField(
        _("số ký hiệu"), max_length=60, help_text=_("Ví dụ: 15/BC-MTTQ; để trống số để ghi tay khi ký")
    )
    issued_on = models.DateField(_("ngày ban hành"))
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    template_name = models.CharField(_("mẫu đã dùng"), max_length=160)
    docx = models.FileField(
        _("tệp Word"), upload_to=RandomName("bao-cao"), storage=private_storage, max_length=200
    )
    xlsx = models.FileField(
        _("tệp Excel phụ lục"), upload_to=RandomName("bao-cao"), storage=private_storage, max_length=200
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo đã lập")
        verbose_name_plural = _("báo cáo đã lập")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="report_run_dates"),
        ]

    def __str__(self):
        return f"{self.number} — {self.title}"

    @property
    def period_text(self):
        return f"{date_format(self.start, 'd/m/Y')} – {date_format(self.end, 'd/m/Y')}"

    def download_name(self, ext):
        """`bao-cao-so-ket-6-thang-dau-nam-2026.docx`: a name the upper level can file."""
        from lib.vietnamese import slugify_vi

        return f"{slugify_vi(self.title, max_length=90) or 'bao-cao'}.{ext}"

    def download_url(self, ext):
        return reverse("admin:reports_reportrun_download", args=[self.pk, ext])
