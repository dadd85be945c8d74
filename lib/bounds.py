"""The domain bounds of every figure an officer types: one place for models, forms and the import.

Why these numbers:
- One entry of money is at most 1.000 tỷ đồng (10^12). A commune's whole yearly budget is a
  few tens of tỷ; a single gift of a thousand tỷ is a typing slip, not a donation. With that
  bound, even nine million entries at the maximum sum below 2^63 - 1 (9,22 × 10^18), so the
  totals the pages compute cannot overflow a 64-bit integer on SQLite or PostgreSQL.
- One count (a quantity of one entry, a target, households helped, people at a congress,
  votes) is at most 10.000.000. A commune holds some ten to thirty thousand people; ten
  million is far above any honest figure (kilograms of rice, units of blood, households)
  and far below what a sum of many such entries could overflow.

Model fields carry these as validators (`AmountLimit`, `CountLimit`, and the floors); the
form fields of `lib.money` are chosen from them, and CheckConstraints repeat them in the
database so no path (raw SQL included) stores a figure outside them.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MAX_AMOUNT = 10**12
MAX_COUNT = 10_000_000
# Residential areas of one commune: even the merged communes of 2025 count them in the
# hundreds. Also keeps a small-integer column the same on SQLite (which stores any size)
# and PostgreSQL (which refuses past 32.767 with an error).
MAX_AREAS = 1000

AMOUNT_TOO_LARGE = _("Số tiền tối đa cho một lần nhập là 1.000 tỷ đồng.")
AMOUNT_NEGATIVE = _("Số tiền không được âm. Viết như 750.000 hoặc 1,5 triệu.")
COUNT_TOO_LARGE = _("Số lượng tối đa cho một lần nhập là 10.000.000.")
AREAS_TOO_MANY = _("Số khu dân cư tối đa là 1.000.")
COUNT_NEGATIVE = _("Số lượng không được âm. Viết số nguyên như 54 hoặc 2.288.")


@deconstructible
class AmountLimit(MaxValueValidator):
    """At most 1.000 tỷ đồng. On a model field it also makes the form field a `MoneyField`."""

    def __init__(self):
        super().__init__(MAX_AMOUNT, AMOUNT_TOO_LARGE)


@deconstructible
class AmountFloor(MinValueValidator):
    """At least -1.000 tỷ đồng: the floor of a column that also holds reversing entries."""

    def __init__(self):
        super().__init__(-MAX_AMOUNT, AMOUNT_TOO_LARGE)


@deconstructible
class CountLimit(MaxValueValidator):
    """At most 10.000.000. On a model field it also makes the form field a `CountField`."""

    def __init__(self):
        super().__init__(MAX_COUNT, COUNT_TOO_LARGE)


@deconstructible
class CountFloor(MinValueValidator):
    """At least -10.000.000: the floor of a count column that also holds reversing entries."""

    def __init__(self):
        super().__init__(-MAX_COUNT, COUNT_TOO_LARGE)


def amount_validators(positive=False):
    """Validators for a money form field: 0 (1 when `positive`) to 1.000 tỷ đồng."""
    low = (
        MinValueValidator(1, _("Số tiền phải lớn hơn 0."))
        if positive
        else MinValueValidator(0, AMOUNT_NEGATIVE)
    )
    return [low, MaxValueValidator(MAX_AMOUNT, AMOUNT_TOO_LARGE)]


def count_validators(positive=False):
    """Validators for a count form field: 0 (1 when `positive`) to 10.000.000."""
    low = (
        MinValueValidator(1, _("Số lượng phải lớn hơn 0."))
        if positive
        else MinValueValidator(0, COUNT_NEGATIVE)
    )
    return [low, MaxValueValidator(MAX_COUNT, COUNT_TOO_LARGE)]


def within(field, limit, signed=False):
    """A Q for a CheckConstraint or a filter: `field` between 0 (or -limit) and limit.

    In a CHECK, SQL lets NULL pass, so the same Q serves nullable columns."""
    return Q(**{f"{field}__gte": -limit if signed else 0, f"{field}__lte": limit})
