"""The forms a target takes in real plans, shared by a campaign's targets and its rounds' targets.

A plan gives a number (`21 triệu đồng`), a floor (`không dưới 40 đơn vị máu`), a range
(`từ 3 đến 4 căn`), a share of something it does not publish (`90% số hộ gia đình`), only
"đạt / không đạt chỉ tiêu", or no target at all. Only the first three carry a number the
portal can divide by; for the others the standing board's assessment (`met`) is what the
card and the sentence say, so a target that was met but never numbered never reads
"Chưa giao chỉ tiêu".
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib import bounds
from lib.figures import AT_LEAST, AT_MOST, Figure, Qualifier
from lib.vietnamese import format_number


class Shape(models.TextChoices):
    NUMBER = "so", _("Một con số")
    FLOOR = "toi_thieu", _("Không dưới (mức tối thiểu)")
    RANGE = "khoang", _("Từ … đến …")
    PERCENT = "ty_le", _("Tỷ lệ phần trăm của một số không công bố")
    MET_ONLY = "dat", _("Chỉ đánh giá đạt / không đạt")
    NONE = "khong", _("Không giao chỉ tiêu")


# Shapes whose `amount` is the number the portal divides by.
NUMBERED = {Shape.NUMBER, Shape.FLOOR, Shape.RANGE}


class TargetShape(models.Model):
    """The shape columns; the concrete model has `amount` (nullable) and an `indicator`."""

    shape = models.CharField(_("dạng chỉ tiêu"), max_length=10, choices=Shape.choices, default=Shape.NUMBER)
    amount_max = models.BigIntegerField(
        _("đến mức"),
        null=True,
        blank=True,
        help_text=_("Chỉ với dạng “Từ … đến …”: mức trên."),
        validators=[bounds.AmountLimit()],
    )
    percent = models.DecimalField(
        _("tỷ lệ (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("100"))],
        help_text=_("Chỉ với dạng tỷ lệ: ví dụ 90 hoặc 87,5."),
    )
    percent_of = models.CharField(
        _("tỷ lệ của"),
        max_length=120,
        blank=True,
        help_text=_("Chỉ với dạng tỷ lệ, ví dụ: số hộ gia đình trên địa bàn."),
    )
    met = models.BooleanField(
        _("đánh giá"),
        null=True,
        blank=True,
        choices=[(True, _("Đạt chỉ tiêu")), (False, _("Không đạt chỉ tiêu"))],
        help_text=_("Đánh giá của Ban Thường trực; bắt buộc biết khi chỉ tiêu không có con số."),
    )

    class Meta:
        abstract = True

    @property
    def number(self):
        """What a percentage divides by (the lower end of a range), or None when not numbered."""
        return self.amount if self.shape in NUMBERED and self.amount else None

    def clean_shape(self):
        """Raise ValidationError (Vietnamese, per field) when the columns do not fit the shape."""
        errors = {}
        shape = self.shape or Shape.NUMBER
        if shape in NUMBERED and not self.amount:
            errors["amount"] = _("Hãy nhập mức chỉ tiêu.")
        if shape not in NUMBERED and self.amount:
            errors["amount"] = _("Dạng chỉ tiêu này không có con số: để trống mức chỉ tiêu.")
        if shape == Shape.RANGE:
            if not self.amount_max:
                errors["amount_max"] = _("Hãy nhập mức trên của khoảng, ví dụ: từ 3 đến 4 căn.")
            elif self.amount and self.amount_max <= self.amount:
                errors["amount_max"] = _("Mức trên phải lớn hơn mức dưới.")
        elif self.amount_max:
            errors["amount_max"] = _("Chỉ dạng “Từ … đến …” có mức trên: để trống ô này.")
        if shape == Shape.PERCENT:
            if self.percent is None:
                errors["percent"] = _("Hãy nhập tỷ lệ, ví dụ 90.")
            if not self.percent_of.strip():
                errors["percent_of"] = _("Tỷ lệ của cái gì? Ví dụ: số hộ gia đình trên địa bàn.")
        elif self.percent is not None:
            errors["percent"] = _("Chỉ dạng tỷ lệ có tỷ lệ phần trăm: để trống ô này.")
        if errors:
            raise ValidationError(errors)

    def text(self, indicator):
        """The target as a plan writes it: `không dưới 40 đơn vị máu`, `từ 3 đến 4 căn`,
        `90% số hộ gia đình`; "" for a target without a number or a share."""
        unit = indicator.unit_long
        if self.shape == Shape.FLOOR:
            return f"không dưới {format_number(self.amount)} {unit}"
        if self.shape == Shape.RANGE:
            return f"từ {format_number(self.amount)} đến {format_number(self.amount_max)} {unit}"
        if self.shape == Shape.PERCENT:
            return f"{format_share(self.percent)} {self.percent_of}".strip()
        if self.shape == Shape.NUMBER and self.amount:
            return f"{format_number(self.amount)} {unit}"
        return ""

    def is_met(self, achieved):
        """True / False when it is known whether `achieved` (a Figure) meets the target, else None.

        The board's assessment wins when given. A hedged figure decides only when its word
        makes it certain: `trên 40` meets 40, `gần 40` does not, `khoảng 40` leaves it open.
        """
        if self.met is not None:
            return self.met
        return meets(achieved, self.number)

    def excess(self, achieved):
        """How far `achieved` goes past the target (past the top of a range), as a Figure with
        the achieved figure's word, or None when it does not certainly go past."""
        top = self.amount_max if self.shape == Shape.RANGE else self.number
        if top is None or achieved is None or achieved.value <= top or achieved.qualifier in AT_MOST:
            return None
        if achieved.qualifier == Qualifier.ABOUT:
            return None
        return Figure(achieved.value - top, achieved.qualifier)


def meets(achieved, low):
    """Whether the Figure `achieved` certainly meets `low` (True / False), or None when its word
    leaves it open or there is no number."""
    if low is None or achieved is None:
        return None
    if achieved.qualifier in AT_LEAST:
        return True if achieved.value >= low else None
    if achieved.qualifier in AT_MOST:
        return False if achieved.value <= low else None
    if achieved.qualifier == Qualifier.ABOUT:
        return None
    return achieved.value >= low


def format_share(value):
    """87.5 → `87,5%`, 90.0 → `90%`."""
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{text}%"
