"""In-kind gifts on one entry: several quantities, each with its unit (350 m² đất, 120 ngày
công, 2,5 tấn xi măng), beside the entry's own figure and its optional money value.

Officers and staff type them one a line (`350 m² đất`); `parse_items` reads the Vietnamese
number formats (`1.250`, `2,5`). Sums are SQL sums per (unit, thing) of countable entries, so a
reversal (which copies the items with opposite quantities) cancels them.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from congresses.models import CommuneScopedQuerySet
from lib.vietnamese import format_number

# Units written before the thing, longest first: `350 m² đất`, `120 ngày công`, `2,5 tấn xi măng`.
UNITS = (
    "ngày công",
    "công",
    "m²",
    "m2",
    "m³",
    "m3",
    "mét",
    "m",
    "km",
    "tấn",
    "tạ",
    "kg",
    "bao",
    "khối",
    "cây",
    "con",
    "bộ",
    "chiếc",
    "cái",
    "thùng",
    "lít",
)
_CANONICAL = {"m2": "m²", "m3": "m³"}
# Units that are the thing itself: `120 ngày công` has no other word.
SELF_NAMED = {"ngày công", "công"}
MAX_ITEMS = 10
MAX_QUANTITY = Decimal("1000000000")
_LINE = re.compile(r"^\s*(?P<number>\d[\d.]*(?:,\d+)?)\s*(?P<rest>.*)$")


class InKindItemQuerySet(CommuneScopedQuerySet):
    commune_lookup = "contribution__indicator__campaign__commune"


class InKindItem(models.Model):
    contribution = models.ForeignKey(
        "campaigns.Contribution",
        on_delete=models.CASCADE,
        related_name="in_kind_items",
        verbose_name=_lazy("kết quả đóng góp"),
    )
    # Signed like the entry's figures: a reversal holds the negative.
    quantity = models.DecimalField(_lazy("số lượng"), max_digits=14, decimal_places=2)
    unit = models.CharField(_lazy("đơn vị"), max_length=20)
    thing = models.CharField(
        _lazy("hiện vật"), max_length=80, blank=True, help_text=_lazy("đất, xi măng, gạch …")
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = InKindItemQuerySet.as_manager()

    class Meta:
        verbose_name = _lazy("hiện vật")
        verbose_name_plural = _lazy("hiện vật")
        ordering = ["contribution", "position", "id"]

    def __str__(self):
        return item_text(self.quantity, self.unit, self.thing)


def format_quantity(value):
    """`1.250`, `2,5` (Vietnamese grouping and decimal comma, no trailing zeros)."""
    value = Decimal(value)
    whole = int(value)
    fraction = abs(value - whole)
    text = format_number(whole) if whole or not fraction else ("-0" if value < 0 else "0")
    if fraction:
        text += "," + f"{fraction.normalize():f}".split(".")[1]
    return text


def item_text(quantity, unit, thing):
    """`350 m² đất`, `120 ngày công`."""
    return " ".join(part for part in (format_quantity(quantity), unit, thing) if part)


def items_text(rows):
    """`350 m² đất, 120 ngày công` from [(quantity, unit, thing)], zero sums left out."""
    return ", ".join(item_text(q, u, t) for q, u, t in rows if q)


def parse_quantity(text):
    """`1.250` → 1250, `2,5` → 2.5; dots group thousands, the comma is the decimal mark."""
    text = text.strip()
    if "." in text and not re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text):
        raise ValueError
    return Decimal(text.replace(".", "").replace(",", "."))


def parse_items(text):
    """[(quantity, unit, thing)] from lines like `350 m² đất` (or separated by `;`). Raises
    ValidationError with a Vietnamese message naming the line that cannot be read."""
    rows = []
    lines = [line.strip() for line in re.split(r"[\n;]", text or "") if line.strip()]
    if len(lines) > MAX_ITEMS:
        raise ValidationError(_("Tối đa %(n)s hiện vật cho một lần nhập.") % {"n": MAX_ITEMS})
    for line in lines:
        match = _LINE.match(line)
        problem = _(
            "Không đọc được “%(line)s”: ghi số trước rồi đơn vị và hiện vật, ví dụ 350 m² đất, "
            "120 ngày công, 2,5 tấn xi măng."
        ) % {"line": line}
        if not match:
            raise ValidationError(problem)
        try:
            quantity = parse_quantity(match["number"])
        except (ValueError, InvalidOperation):
            raise ValidationError(problem) from None
        if quantity <= 0 or quantity >= MAX_QUANTITY or quantity != quantity.quantize(Decimal("0.01")):
            raise ValidationError(
                _("Số lượng “%(line)s” phải lớn hơn 0, nhỏ hơn 1 tỷ và có tối đa 2 chữ số thập phân.")
                % {"line": line}
            )
        rest = " ".join(match["rest"].split())
        unit = next((u for u in UNITS if rest.casefold() == u or rest.casefold().startswith(u + " ")), None)
        if unit is None:
            raise ValidationError(
                _("“%(line)s” thiếu đơn vị (m², ngày công, tấn, kg, bao …) ngay sau số.") % {"line": line}
            )
        thing = rest[len(unit) :].strip()
        if not thing and unit not in SELF_NAMED:
            raise ValidationError(
                _("“%(line)s”: ghi cả hiện vật sau đơn vị, ví dụ 350 m² đất.") % {"line": line}
            )
        rows.append((quantity, _CANONICAL.get(unit, unit), thing[:80]))
    return rows


def lines_of(entry):
    """The entry's items as the text box shows them again, one a line."""
    return "\n".join(str(item) for item in entry.in_kind_items.all())


def totals_by_indicator(indicator_ids):
    """{indicator id: [(quantity, unit, thing)]} summed over countable entries; one query."""
    from .models import Contribution

    if not indicator_ids:
        return {}
    countable = Contribution.objects.countable().filter(indicator_id__in=list(indicator_ids))
    rows = (
        InKindItem.objects.filter(contribution__in=countable)
        .values("contribution__indicator_id", "unit", "thing")
        .annotate(total=Sum("quantity"), first=models.Min("id"))
        .order_by("first")
    )
    result = {}
    for row in rows:
        if row["total"]:
            result.setdefault(row["contribution__indicator_id"], []).append(
                (row["total"], row["unit"], row["thing"])
            )
    return result
