"""Read money and counts the way Vietnamese officers type them, and the form fields that do it.

`750.000` is seven hundred and fifty thousand đồng: the dot groups thousands and the comma
is the decimal mark (`1,5 triệu`). Anything that could be read two ways (`1.5`, `1,5`
without a unit word, `1 triệu 5`) is refused with a message showing how to write it,
because a money figure silently read wrong is worse than one typed twice.

Accepted: `750000`, `750.000`, `750 000`, `1.500.000 đ`, `1.500.000đ`, `2,5 triệu đồng`,
`1,2 tỷ` / `1,2 tỉ`, `80 triệu`, `500 nghìn` / `500 ngàn`, `1 tỷ 200 triệu`, with any spaces
(non-breaking ones included) and with or without accents on the unit words.
"""

import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from lib import bounds
from lib.vietnamese import format_number

AMOUNT_INVALID = _("Số tiền chưa đúng. Viết như 750.000 hoặc 1,5 triệu.")
AMOUNT_FRACTION = _(
    "Số tiền phải là một số đồng tròn, không lẻ phần đồng. Viết như 1.234.567 hoặc 1,5 triệu."
)
AMOUNT_HINT = _("Ví dụ: 750.000 hoặc 1,5 triệu.")
COUNT_INVALID = _("Số lượng phải là số nguyên. Viết như 54 hoặc 2.288.")

# Past this many characters nothing is a figure; refusing early keeps the regexes cheap.
_MAX_LENGTH = 60

UNITS = {
    "tỷ": 10**9,
    "tỉ": 10**9,
    "ty": 10**9,
    "triệu": 10**6,
    "trieu": 10**6,
    "nghìn": 10**3,
    "ngàn": 10**3,
    "nghin": 10**3,
    "ngan": 10**3,
}
_CURRENCY = re.compile(r"\s*(?:đồng|dong|vnđ|vnd|đ|₫)$")
_MINUS = re.compile(r"^[-−–]\s*(?=\d)")
# A whole number: plain digits, or groups of three after the first one to three digits,
# joined by dots or by single spaces (never mixed).
_INTEGER = r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+"
_WHOLE = re.compile(rf"(?:{_INTEGER})")
_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
# One "number unit" group: `1,2 tỷ`, `80 triệu`, `200triệu`.
_GROUP = re.compile(rf"\s*(?P<whole>{_INTEGER})(?:,(?P<fraction>\d+))? ?(?P<unit>{_UNIT_WORDS})(?![^\W\d_])")


def _normalise(text):
    """NFC, lower case, every kind of space (NBSP, thin, narrow) as one plain space, trimmed."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return " ".join(text.replace("\u200b", "").split())


def _whole(text):
    return int(text.replace(".", "").replace(" ", ""))


def parse_money(value):
    """The number of đồng meant by `value` (text typed by a person, or a spreadsheet cell).

    Raises ValidationError with a Vietnamese message showing how to write it when `value`
    is empty, negative, not money, ambiguous, or leaves a fraction of a đồng. Bounds are
    not checked here: the fields and models do it with `lib.bounds`.
    """
    if isinstance(value, bool):
        raise ValidationError(AMOUNT_INVALID, code="invalid")
    if isinstance(value, int):
        return _not_negative(value, bounds.AMOUNT_NEGATIVE)
    if isinstance(value, float | Decimal):
        return _from_number(value, AMOUNT_FRACTION, bounds.AMOUNT_NEGATIVE)
    text = _normalise(value)
    if not text or len(text) > _MAX_LENGTH:
        raise ValidationError(AMOUNT_INVALID, code="invalid")
    text = _CURRENCY.sub("", text)
    if _MINUS.match(text):
        raise ValidationError(bounds.AMOUNT_NEGATIVE, code="min_value")
    if _WHOLE.fullmatch(text):
        return _whole(text)
    return _parse_with_units(text)


def _parse_with_units(text):
    """`1,2 tỷ`, `2,5 triệu`, `1 tỷ 200 triệu 500 nghìn`: units descending, exact to the đồng."""
    groups, position = [], 0
    while position < len(text):
        match = _GROUP.match(text, position)
        if not match:
            raise ValidationError(AMOUNT_INVALID, code="invalid")
        groups.append(match)
        position = match.end()
    if not groups:
        raise ValidationError(AMOUNT_INVALID, code="invalid")
    total, previous_unit = 0, None
    for group in groups:
        unit = UNITS[group["unit"]]
        whole, fraction = _whole(group["whole"]), group["fraction"] or ""
        if previous_unit is not None:
            # `1 tỷ 200 triệu`: each later group is a whole number below the unit before it.
            if unit >= previous_unit or fraction or whole * unit >= previous_unit:
                raise ValidationError(AMOUNT_INVALID, code="invalid")
        elif fraction and len(groups) > 1:
            raise ValidationError(AMOUNT_INVALID, code="invalid")
        previous_unit = unit
        # Integers only: a Decimal product would round past 28 digits and hide a fraction.
        part, remainder = divmod(int(fraction or 0) * unit, 10 ** len(fraction))
        if remainder:
            raise ValidationError(AMOUNT_FRACTION, code="fraction")
        total += whole * unit + part
    return total


def parse_count(value):
    """A whole count (people, households, units, votes): `54`, `2288`, `2.288`, `2 288`.

    Raises ValidationError with a Vietnamese message for decimals, negatives and anything
    else. Bounds are the caller's, through `lib.bounds`.
    """
    if isinstance(value, bool):
        raise ValidationError(COUNT_INVALID, code="invalid")
    if isinstance(value, int):
        return _not_negative(value, bounds.COUNT_NEGATIVE)
    if isinstance(value, float | Decimal):
        return _from_number(value, COUNT_INVALID, bounds.COUNT_NEGATIVE)
    text = _normalise(value)
    if not text or len(text) > _MAX_LENGTH:
        raise ValidationError(COUNT_INVALID, code="invalid")
    if _MINUS.match(text):
        raise ValidationError(bounds.COUNT_NEGATIVE, code="min_value")
    if not _WHOLE.fullmatch(text):
        raise ValidationError(COUNT_INVALID, code="invalid")
    return _whole(text)


def _not_negative(number, message):
    if number < 0:
        raise ValidationError(message, code="min_value")
    return number


def _from_number(number, fraction_message, negative_message):
    """A spreadsheet cell holding a number: 1500000.0 is fine, 1500000.5 and NaN are not."""
    try:
        exact = Decimal(number)
        whole = exact == exact.to_integral_value()
    except (ArithmeticError, ValueError):
        raise ValidationError(fraction_message, code="invalid") from None
    if not exact.is_finite() or not whole:
        raise ValidationError(fraction_message, code="fraction")
    return _not_negative(int(exact), negative_message)


def grouped(value):
    """How an amount or count is written back into a form: 750000 → `750.000`."""
    return format_number(value)


# --- form fields ----------------------------------------------------------------------------


class GroupedNumberInput(forms.TextInput):
    """A text input, never `type="number"`: Chromium reads `750.000` there as 750.

    Shows what the server understood: an integer or any text it can read comes back
    grouped (`1,5 triệu` → `1.500.000`), text it cannot read comes back as typed so the
    officer can correct it.
    """

    parser = staticmethod(parse_money)

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        try:
            return grouped(self.parser(value))
        except ValidationError:
            return str(value)


class MoneyInput(GroupedNumberInput):
    parser = staticmethod(parse_money)


class CountInput(GroupedNumberInput):
    parser = staticmethod(parse_count)

    def __init__(self, attrs=None):
        # Digits only on a phone's keyboard: counts have no unit words.
        super().__init__({"inputmode": "numeric", **(attrs or {})})


class _BoundedIntegerField(forms.Field):
    parser = None
    validators_for = None

    def __init__(self, *, positive=False, max_value=None, max_message=None, **kwargs):
        super().__init__(**kwargs)
        low, high = self.validators_for(positive)
        if max_value is not None:
            message = max_message or format_lazy(_("Tối đa là {limit}."), limit=format_number(max_value))
            high = MaxValueValidator(max_value, message)
        self.min_value, self.max_value = low.limit_value, high.limit_value
        self.validators.extend([low, high])

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return type(self).parser(value)


class MoneyField(_BoundedIntegerField):
    """An amount of đồng as officers type it (`750.000`, `1,2 tỷ`), cleaned to an int within
    `lib.bounds` (0 to 1.000 tỷ đồng or as `positive`/`max_value` say)."""

    widget = MoneyInput
    parser = staticmethod(parse_money)
    validators_for = staticmethod(bounds.amount_validators)


class CountField(_BoundedIntegerField):
    """A whole count (`54`, `2.288`) cleaned to an int within `lib.bounds` (0 to 10.000.000)."""

    widget = CountInput
    parser = staticmethod(parse_count)
    validators_for = staticmethod(bounds.count_validators)


# --- model forms: the field follows the model field's bound -----------------------------


def figure_formfield(db_field, **kwargs):
    """The form field for a model field bounded by `lib.bounds`, or None for any other field.

    A column with `AmountLimit` among its validators gets a `MoneyField`, one with
    `CountLimit` a `CountField`; a tighter limit of the column (a small integer's 32.767)
    becomes the field's maximum. Forms never enter negative figures: reversing entries
    are made by the services.
    """
    kinds = {type(v) for v in db_field.validators}
    if bounds.AmountLimit in kinds:
        form_class, ceiling = MoneyField, bounds.MAX_AMOUNT
    elif bounds.CountLimit in kinds:
        form_class, ceiling = CountField, bounds.MAX_COUNT
    else:
        return None
    tightest = min(
        (v for v in db_field.validators if isinstance(v, MaxValueValidator)), key=lambda v: v.limit_value
    )
    defaults = {
        "required": not db_field.blank,
        "label": capfirst(db_field.verbose_name),
        "help_text": db_field.help_text or (AMOUNT_HINT if form_class is MoneyField else ""),
    }
    if tightest.limit_value < ceiling:
        defaults["max_value"] = tightest.limit_value
        if tightest.message != MaxValueValidator.message:  # the model's own words, not Django's
            defaults["max_message"] = tightest.message
    if db_field.has_default():
        defaults["initial"] = db_field.get_default()
    kwargs.pop("widget", None)  # the admin would pass its type="number" widget
    return form_class(**{**defaults, **kwargs})


class FiguresFormMetaclass(forms.models.ModelFormMetaclass):
    """Swaps the generated field of every bounded figure for a MoneyField or CountField.

    Done after Django builds the fields, so it holds for every form made from this one:
    the admin's `modelform_factory`, its inlines and its history-revert form included.
    """

    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        model = getattr(new_class._meta, "model", None)
        if model is None:
            return new_class
        for field_name in list(new_class.base_fields):
            if field_name in new_class.declared_fields:
                continue
            try:
                db_field = model._meta.get_field(field_name)
            except FieldDoesNotExist:
                continue
            figure = figure_formfield(db_field)
            if figure is not None:
                new_class.base_fields[field_name] = figure
        return new_class


class FiguresModelForm(forms.ModelForm, metaclass=FiguresFormMetaclass):
    """Base of every ModelForm holding money or counts: `form = FiguresModelForm` in an admin."""
