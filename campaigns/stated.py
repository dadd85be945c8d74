"""Stated figures: what a report, an article or the upper level says about a campaign
(`đạt 123%`, `1.250 phần quà`, `607 phần quà trị giá trên 214 triệu đồng`), kept beside the
recorded data with its source and date, and checked against itself and against the ledger.

The checks are arithmetic, shown with their working, so staff see what to correct before a
figure is published:
- a stated percentage against the stated numerator and target;
- a stated total against its stated parts;
- a stated unit value × count against the stated total;
- each stated figure against the ledger (entries, gift batches, houses, payouts).

A hedged figure is a range: `trên 214 triệu` is 214 to 235,4 triệu (up to HEDGE_BAND above),
`gần 5.000` is 4.500 to 5.000, `khoảng 150` is 135 to 165; an exact figure is itself, and a
percentage written with one decimal is good to half of its last digit. Two figures agree when
their ranges meet. Writes go through `campaigns.services.save_stated_figure`.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congresses.models import CommuneScopedQuerySet
from lib import bounds
from lib.fields import recorded_by
from lib.figures import WORDS, Figure, Qualifier
from lib.vietnamese import format_number

from .models import Campaign, Indicator

# How far a hedge reaches: reports write `trên 214 triệu` for 214 to about 235 triệu; past
# that they would write a larger round figure.
HEDGE_BAND = Fraction(1, 10)


# --- ranges -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Range:
    low: Fraction
    high: Fraction

    @classmethod
    def exact(cls, value):
        value = Fraction(value)
        return cls(value, value)

    @classmethod
    def of(cls, value, qualifier=""):
        """The range a stated figure covers (see the module's note)."""
        value = Fraction(value)
        qualifier = Qualifier(qualifier or "")
        if qualifier in (Qualifier.MORE_THAN, Qualifier.OVER):
            return cls(value, value * (1 + HEDGE_BAND))
        if qualifier == Qualifier.NEARLY:
            return cls(value * (1 - HEDGE_BAND), value)
        if qualifier == Qualifier.ABOUT:
            return cls(value * (1 - HEDGE_BAND), value * (1 + HEDGE_BAND))
        return cls(value, value)

    @classmethod
    def of_percent(cls, value):
        """`123` is 122,5 to 123,5; `112,5` is 112,45 to 112,55 (half of the last digit written)."""
        value = Decimal(value)
        half = Fraction(1, 2) * Fraction(10) ** value.as_tuple().exponent
        return cls(Fraction(value) - half, Fraction(value) + half)

    @property
    def is_exact(self):
        return self.low == self.high

    def meets(self, other):
        return self.low <= other.high and other.low <= self.high

    def __add__(self, other):
        return Range(self.low + other.low, self.high + other.high)

    def __mul__(self, other):
        return Range(self.low * other.low, self.high * other.high)

    def percent_of(self, whole):
        """This range as a percentage of `whole` (both positive)."""
        if not whole.low:
            return None
        return Range(self.low * 100 / whole.high, self.high * 100 / whole.low)


def number_text(value):
    """A whole or one-decimal number the Vietnamese way: `126,3`, `2.400.000.000`."""
    value = Fraction(value)
    rounded = round(value * 10) / 10
    whole = int(rounded)
    if rounded == whole:
        return format_number(whole)
    return f"{format_number(whole)},{int(round((rounded - whole) * 10))}"


def range_text(value_range, unit=""):
    unit = f" {unit}" if unit else ""
    if value_range.is_exact:
        return f"{number_text(value_range.low)}{unit}"
    return _("từ %(low)s đến %(high)s") % {
        "low": number_text(value_range.low),
        "high": f"{number_text(value_range.high)}{unit}",
    }


def percent_text(value_range):
    if value_range.is_exact or round(value_range.low, 1) == round(value_range.high, 1):
        return f"{number_text(value_range.low)}%"
    return _("từ %(low)s%% đến %(high)s%%") % {
        "low": number_text(value_range.low),
        "high": number_text(value_range.high),
    }


@dataclass(frozen=True)
class Check:
    """One comparison: what was compared, whether it agrees, and the working."""

    kind: str
    ok: bool
    text: str


# --- the model ----------------------------------------------------------------------------------


class StatedFigureQuerySet(CommuneScopedQuerySet):
    commune_lookup = "campaign__commune"

    def for_listing(self):
        return self.select_related("campaign", "indicator", "entered_by").prefetch_related("parts")


class StatedFigure(models.Model):
    class Subject(models.TextChoices):
        INDICATOR = "chi_tieu", gettext_lazy("Kết quả một chỉ tiêu")
        GIFTS = "qua", gettext_lazy("Quà đã trao")
        HOUSES = "nha", gettext_lazy("Nhà Đại đoàn kết, nhà tình nghĩa")
        DISBURSED = "da_chi", gettext_lazy("Số tiền đã chi hỗ trợ")

    class SourceKind(models.TextChoices):
        REPORT = "bao_cao", gettext_lazy("Báo cáo của xã")
        ARTICLE = "bai_bao", gettext_lazy("Bài báo, bài viết")
        UPPER = "cap_tren", gettext_lazy("Văn bản của cấp trên")
        POST = "tin_cong", gettext_lazy("Tin đăng trên cổng")
        OTHER = "khac", gettext_lazy("Khác")

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="stated_figures",
        verbose_name=gettext_lazy("cuộc vận động"),
    )
    subject = models.CharField(
        gettext_lazy("nói về"), max_length=12, choices=Subject.choices, default=Subject.INDICATOR
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stated_figures",
        verbose_name=gettext_lazy("chỉ tiêu"),
        help_text=gettext_lazy("Bắt buộc khi nói về kết quả một chỉ tiêu."),
    )
    quote = models.CharField(
        gettext_lazy("câu được nêu"),
        max_length=500,
        help_text=gettext_lazy(
            "Chép đúng câu trong văn bản, ví dụ: trao 607 phần quà trị giá trên 214 triệu đồng"
        ),
    )
    source_kind = models.CharField(
        gettext_lazy("loại nguồn"), max_length=12, choices=SourceKind.choices, default=SourceKind.REPORT
    )
    source = models.CharField(
        gettext_lazy("nguồn"),
        max_length=255,
        help_text=gettext_lazy("Ví dụ: Báo cáo sơ kết 6 tháng đầu năm 2026 của Ban Thường trực"),
    )
    source_date = models.DateField(gettext_lazy("ngày của nguồn"))
    source_url = models.URLField(gettext_lazy("đường dẫn"), blank=True)
    percent = models.DecimalField(
        gettext_lazy("tỷ lệ nêu (%)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    amount = models.PositiveBigIntegerField(
        gettext_lazy("số tiền nêu (đồng)"), null=True, blank=True, validators=[bounds.AmountLimit()]
    )
    amount_qualifier = models.CharField(
        gettext_lazy("cách nêu số tiền"), max_length=8, choices=Qualifier.choices, blank=True, default=""
    )
    count = models.PositiveIntegerField(
        gettext_lazy("số lượng nêu"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    count_qualifier = models.CharField(
        gettext_lazy("cách nêu số lượng"), max_length=8, choices=Qualifier.choices, blank=True, default=""
    )
    unit_value = models.PositiveBigIntegerField(
        gettext_lazy("trị giá mỗi suất nêu (đồng)"), null=True, blank=True, validators=[bounds.AmountLimit()]
    )
    target = models.PositiveBigIntegerField(
        gettext_lazy("chỉ tiêu nêu"),
        null=True,
        blank=True,
        validators=[bounds.AmountLimit()],
        help_text=gettext_lazy("Số đồng hoặc số lượng của chỉ tiêu mà văn bản nêu (KH giao)."),
    )
    entered_by = recorded_by(gettext_lazy("người nhập"))
    entered_at = models.DateTimeField(gettext_lazy("nhập lúc"), auto_now_add=True)

    objects = StatedFigureQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("số liệu được nêu")
        verbose_name_plural = gettext_lazy("số liệu được nêu (đối chiếu)")
        ordering = ["-source_date", "-pk"]

    def __str__(self):
        return self.quote

    def clean(self):
        errors = {}
        self.quote = " ".join((self.quote or "").split())
        if self.subject == self.Subject.INDICATOR and not self.indicator_id:
            errors["indicator"] = _("Hãy chọn chỉ tiêu mà con số này nói về.")
        if self.indicator_id and self.campaign_id and self.indicator.campaign_id != self.campaign_id:
            errors["indicator"] = _("Chỉ tiêu không thuộc cuộc vận động này.")
        if self.percent is None and self.amount is None and self.count is None and self.unit_value is None:
            errors["percent"] = _(
                "Hãy ghi ít nhất một con số được nêu: tỷ lệ, số tiền, số lượng hoặc trị giá mỗi suất."
            )
        if self.percent is not None and self.percent < 0:
            errors["percent"] = _("Tỷ lệ không được âm.")
        if self.amount is None and self.amount_qualifier:
            errors["amount_qualifier"] = _("Chưa có số tiền để nêu “%(word)s”.") % {
                "word": WORDS[Qualifier(self.amount_qualifier)]
            }
        if self.count is None and self.count_qualifier:
            errors["count_qualifier"] = _("Chưa có số lượng để nêu “%(word)s”.") % {
                "word": WORDS[Qualifier(self.count_qualifier)]
            }
        from .models import future_date_error

        if future_date_error(self.source_date):
            errors["source_date"] = future_date_error(self.source_date)
        if errors:
            raise ValidationError(errors)

    # --- what was stated ------------------------------------------------------------------------
    @property
    def counts_money(self):
        """Whether the figure's measure (numerator, target, parts) is money."""
        if self.subject == self.Subject.INDICATOR and self.indicator_id:
            return self.indicator.is_money
        if self.subject == self.Subject.DISBURSED:
            return True
        return self.count is None

    def unit(self, money=None):
        money = self.counts_money if money is None else money
        if money:
            return "đồng"
        if self.subject == self.Subject.INDICATOR and self.indicator_id:
            return self.indicator.unit_label
        return {self.Subject.GIFTS: "phần quà", self.Subject.HOUSES: "căn nhà"}.get(self.subject, "")

    def _stated(self, money):
        value, qualifier = (
            (self.amount, self.amount_qualifier) if money else (self.count, self.count_qualifier)
        )
        return None if value is None else Figure.of(value, qualifier)

    @property
    def amount_figure(self):
        return self._stated(True)

    @property
    def count_figure(self):
        return self._stated(False)

    @property
    def measure_figure(self):
        return self._stated(self.counts_money)

    def figure_text(self, figure, money):
        return figure.with_unit(self.unit(money))

    # --- the checks --------------------------------------------------------------------------
    def checks(self, parts=None, ledger=None):
        """Every comparison that can be made with what was stated, each a `Check`."""
        parts = list(self.parts.all() if parts is None else parts)
        ledger = self.ledger() if ledger is None else ledger
        found = [self._check_percent(), self._check_parts(parts), self._check_unit_value()]
        found += self._check_ledger(ledger)
        return [check for check in found if check is not None]

    def disagreements(self, **kwargs):
        return [check for check in self.checks(**kwargs) if not check.ok]

    def _check_percent(self):
        figure = self.measure_figure
        if self.percent is None or figure is None or not self.target:
            return None
        computed = Range.of(figure.value, figure.qualifier).percent_of(Range.exact(self.target))
        stated = Range.of_percent(self.percent)
        working = _("%(num)s / %(target)s = %(computed)s") % {
            "num": self.figure_text(figure, self.counts_money),
            "target": f"{format_number(self.target)} {self.unit()}",
            "computed": percent_text(computed),
        }
        if stated.meets(computed):
            return Check(
                "percent",
                True,
                _("Tỷ lệ nêu %(p)s khớp: %(working)s.") % {"p": self.percent_display, "working": working},
            )
        return Check(
            "percent",
            False,
            _("Tỷ lệ nêu %(p)s không khớp: %(working)s.") % {"p": self.percent_display, "working": working},
        )

    def _check_parts(self, parts):
        figure = self.measure_figure
        if figure is None or not parts:
            return None
        total = Range.exact(0)
        for part in parts:
            total = total + Range.of(part.value, part.qualifier)
        working = " + ".join(str(part.figure_value) for part in parts)
        values = {
            "total": self.figure_text(figure, self.counts_money),
            "working": working,
            "sum": range_text(total, self.unit()),
        }
        if Range.of(figure.value, figure.qualifier).meets(total):
            return Check(
                "parts", True, _("Tổng nêu %(total)s khớp với các phần: %(working)s = %(sum)s.") % values
            )
        return Check(
            "parts", False, _("Tổng nêu %(total)s không khớp với các phần: %(working)s = %(sum)s.") % values
        )

    def _check_unit_value(self):
        count, amount = self.count_figure, self.amount_figure
        if self.unit_value is None or count is None or amount is None:
            return None
        product = Range.of(count.value, count.qualifier) * Range.exact(self.unit_value)
        values = {
            "count": self.figure_text(count, False),
            "each": format_number(self.unit_value),
            "product": range_text(product, "đồng"),
            "total": self.figure_text(amount, True),
        }
        if product.meets(Range.of(amount.value, amount.qualifier)):
            return Check(
                "unit", True, _("%(count)s × %(each)s đồng = %(product)s, khớp với %(total)s.") % values
            )
        return Check(
            "unit",
            False,
            _("%(count)s × %(each)s đồng = %(product)s, không khớp với tổng nêu %(total)s.") % values,
        )

    def _check_ledger(self, ledger):
        found = []
        labels = {"amount": True, "count": False}
        for name, money in labels.items():
            figure = self._stated(money)
            recorded = ledger.get(name)
            if figure is None or recorded is None:
                continue
            found.append(self._against_ledger(name, figure, recorded, money))
        if self.target and ledger.get("target") is not None:
            recorded, stated = ledger["target"], Range.exact(self.target)
            ok = stated.meets(Range.exact(recorded))
            values = {
                "stated": f"{format_number(self.target)} {self.unit()}",
                "recorded": f"{format_number(recorded)} {self.unit()}",
            }
            text = (
                _("Chỉ tiêu nêu %(stated)s khớp với chỉ tiêu trong sổ.") % values
                if ok
                else _("Chỉ tiêu nêu %(stated)s, trong sổ là %(recorded)s.") % values
            )
            found.append(Check("ledger_target", ok, text))
        if self.percent is not None and ledger.get("target"):
            measure = ledger.get("amount" if self.counts_money else "count")
            if measure is not None:
                computed = Range.exact(measure).percent_of(Range.exact(ledger["target"]))
                ok = Range.of_percent(self.percent).meets(computed)
                values = {
                    "p": self.percent_display,
                    "working": _("%(num)s / %(target)s = %(computed)s")
                    % {
                        "num": f"{format_number(measure)} {self.unit()}",
                        "target": f"{format_number(ledger['target'])} {self.unit()}",
                        "computed": percent_text(computed),
                    },
                }
                text = (
                    _("Tỷ lệ nêu %(p)s khớp với sổ: %(working)s.") % values
                    if ok
                    else _("Tỷ lệ nêu %(p)s, theo sổ: %(working)s.") % values
                )
                found.append(Check("ledger_percent", ok, text))
        return found

    def _against_ledger(self, name, figure, recorded, money):
        unit = self.unit(money)
        stated = Range.of(figure.value, figure.qualifier)
        values = {"stated": self.figure_text(figure, money), "recorded": f"{format_number(recorded)} {unit}"}
        if stated.meets(Range.exact(recorded)):
            return Check(f"ledger_{name}", True, _("Nêu %(stated)s, khớp với sổ (%(recorded)s).") % values)
        gap = Fraction(recorded) - (stated.high if recorded > stated.high else stated.low)
        values["gap"] = f"{'thiếu' if gap > 0 else 'thừa'} {number_text(abs(gap))} {unit}"
        return Check(
            f"ledger_{name}",
            False,
            _("Nêu %(stated)s nhưng sổ ghi %(recorded)s (văn bản nêu %(gap)s so với sổ).") % values,
        )

    @property
    def percent_display(self):
        return f"{number_text(self.percent)}%" if self.percent is not None else ""

    def ledger(self):
        """What the books say about the subject: {"amount", "count", "target"} (None where silent)."""
        from .models import Disbursement

        campaign = self.campaign
        if self.subject == self.Subject.INDICATOR and self.indicator_id:
            sums = self.indicator.totals()
            target = self.indicator.commune_target()
            money = self.indicator.is_money
            return {
                "amount": sums["amount"] if money or sums["amount"] else None,
                "count": None if money else sums["quantity"],
                "target": target.amount if target else None,
            }
        if self.subject == self.Subject.GIFTS:
            sums = campaign.gift_batches.summary()
            return {"amount": sums["value"], "count": sums["gifts"]}
        if self.subject == self.Subject.HOUSES:
            sums = campaign.houses.counted().totals()
            return {"amount": sums["value"], "count": sums["count"]}
        if self.subject == self.Subject.DISBURSED:
            from django.db.models import Sum
            from django.db.models.functions import Coalesce

            paid = Disbursement.objects.countable().filter(campaign=campaign)
            return {"amount": paid.aggregate(total=Coalesce(Sum("amount"), 0))["total"]}
        return {}


class StatedPartQuerySet(CommuneScopedQuerySet):
    commune_lookup = "figure__campaign__commune"


class StatedPart(models.Model):
    """One part of a stated total, as the text lists it (`cấp xã 150 triệu`, `các thôn 60 triệu`)."""

    figure = models.ForeignKey(
        StatedFigure, on_delete=models.CASCADE, related_name="parts", verbose_name=gettext_lazy("số liệu")
    )
    label = models.CharField(gettext_lazy("phần"), max_length=200)
    value = models.PositiveBigIntegerField(gettext_lazy("số nêu"), validators=[bounds.AmountLimit()])
    qualifier = models.CharField(
        gettext_lazy("cách nêu"), max_length=8, choices=Qualifier.choices, blank=True, default=""
    )

    objects = StatedPartQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("phần của tổng")
        verbose_name_plural = gettext_lazy("các phần của tổng nêu")
        ordering = ["figure", "pk"]

    def __str__(self):
        return f"{self.label}: {self.figure_value}"

    @property
    def figure_value(self):
        return Figure.of(self.value, self.qualifier)
