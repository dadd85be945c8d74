"""Rate indicators: a share reported once a year (`tỷ lệ hộ gia đình đạt chuẩn văn hóa đạt
87,5%`), for the commune and optionally for each hamlet, compared with a target rate.

A rate is never summed: the year's figure is what the commune (or the hamlet) reports, and
the page and the sentence give the latest year with its year (`năm 2025 đạt 87,5%`). The
target is the indicator's target in the share shape (`campaigns.target_shapes`, `90%`). A
year's rate restated later replaces the figure, and its history keeps the old one. Writes go
through `campaigns.services.record_rate`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib.fields import recorded_by
from lib.vietnamese import format_number

from .models import AreaScopedQuerySet, Indicator


class RateQuerySet(AreaScopedQuerySet):
    commune_lookup = "indicator__campaign__commune"

    def commune_wide(self):
        return self.filter(area__isnull=True)


class RateFigure(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="rates", verbose_name=_("chỉ tiêu")
    )
    area = models.ForeignKey(
        "congresses.ResidentialArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rates",
        verbose_name=_("khu dân cư"),
        help_text=_("Để trống là tỷ lệ của cả xã."),
    )
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    percent = models.DecimalField(
        _("tỷ lệ đạt (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    entered_by = recorded_by(_("người nhập"))
    entered_at = models.DateTimeField(_("nhập lúc"), auto_now=True)

    objects = RateQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử tỷ lệ"))

    class Meta:
        verbose_name = _("tỷ lệ theo năm")
        verbose_name_plural = _("tỷ lệ theo năm")
        ordering = ["indicator", "-year", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], condition=Q(area__isnull=True), name="rate_commune_year"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "area"], condition=Q(area__isnull=False), name="rate_area_year"
            ),
        ]

    def __str__(self):
        where = self.area.full_name if self.area_id else _("cả xã")
        return f"{self.indicator.name} — {where} — {self.year}: {format_rate(self.percent)}"

    def clean(self):
        errors = {}
        if self.indicator_id and not self.indicator.is_rate:
            errors["indicator"] = _("Chỉ tiêu này không tính bằng tỷ lệ theo năm.")
        if self.indicator_id and self.area_id and self.area.commune_id != self.indicator.campaign.commune_id:
            errors["area"] = _("Khu dân cư không thuộc xã của cuộc vận động.")
        if self.indicator_id and self.year:
            taken = RateFigure.objects.filter(
                indicator=self.indicator, year=self.year, area=self.area
            ).exclude(pk=self.pk)
            if taken.exists():
                errors["year"] = _("Năm %(year)s đã có tỷ lệ; hãy sửa tỷ lệ đã nhập.") % {"year": self.year}
        if errors:
            raise ValidationError(errors)


def format_rate(value):
    """`87,5%`, `90%` (a zero decimal is dropped)."""
    value = Decimal(value)
    whole = int(value)
    if value == whole:
        return f"{format_number(whole)}%"
    return f"{format_number(whole)},{str(value.quantize(Decimal('0.1'))).split('.')[1]}%"


@dataclass
class RateResult:
    """The latest year's rate of an indicator (commune or one hamlet) against its target rate."""

    indicator: Indicator
    year: int | None
    percent: Decimal | None
    target: Decimal | None
    history: list  # [(year, percent)] newest first

    @property
    def text(self):
        return format_rate(self.percent) if self.percent is not None else ""

    @property
    def target_text(self):
        return format_rate(self.target) if self.target is not None else ""

    @property
    def met(self):
        if self.percent is None or self.target is None:
            return None
        return self.percent >= self.target

    @property
    def status(self):
        if self.percent is None:
            return str(_("Chưa có tỷ lệ năm nào"))
        if self.met is None:
            return ""
        return str(_("Đạt chỉ tiêu") if self.met else _("Chưa đạt chỉ tiêu"))

    @property
    def sentence(self):
        subject = self.indicator.report_phrase or self.indicator.name
        if self.percent is None:
            return f"{subject}: chưa có tỷ lệ năm nào"
        sentence = f"{subject} năm {self.year} đạt {self.text}"
        if self.met is not None:
            gap = abs(self.percent - self.target)
            if self.met and gap:
                sentence += f", vượt chỉ tiêu {format_rate(gap)} (chỉ tiêu {self.target_text})"
            elif self.met:
                sentence += f", đạt chỉ tiêu ({self.target_text})"
            else:
                sentence += f", chưa đạt chỉ tiêu {self.target_text} (còn thiếu {format_rate(gap)})"
        if len(self.history) > 1:
            earlier = self.history[1]
            sentence += f"; năm {earlier[0]} là {format_rate(earlier[1])}"
        return sentence


def rate_results(indicators, area=None):
    """{indicator_id: RateResult} for the rate indicators among `indicators` (two queries; none
    without one): the commune's rates, or `area`'s when given."""
    from .models import Target

    rate_ids = [indicator.pk for indicator in indicators if indicator.is_rate]
    if not rate_ids:
        return {}
    rows = RateFigure.objects.filter(indicator_id__in=rate_ids, area=area).order_by("-year")
    targets = dict(
        Target.objects.filter(indicator_id__in=rate_ids, area=area).values_list("indicator_id", "percent")
    )
    history = {}
    for indicator_id, year, value in rows.values_list("indicator_id", "year", "percent"):
        history.setdefault(indicator_id, []).append((year, value))
    results = {}
    for indicator in indicators:
        if not indicator.is_rate:
            continue
        years = history.get(indicator.pk, [])
        latest = years[0] if years else (None, None)
        results[indicator.pk] = RateResult(indicator, latest[0], latest[1], targets.get(indicator.pk), years)
    return results


def area_rates(indicator, year):
    """[(area name, percent text)] of the hamlets' rates for `year`, in the areas' order."""
    rows = (
        RateFigure.objects.filter(indicator=indicator, year=year, area__isnull=False)
        .select_related("area")
        .order_by("area__position", "area__name")
    )
    return [(row.area.full_name, format_rate(row.percent)) for row in rows]
