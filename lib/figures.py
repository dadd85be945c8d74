"""Hedged figures as the reports write them: `trên 300 lượt người`, `gần 40 ý kiến`.

A bounded figure is a whole number and a qualifier: exact, at least (`hơn`, `trên`), at most
(`gần`) or about (`khoảng`). It is stored as two columns (the value and the qualifier's code),
read from what an officer types (`trên 300`, `2.288`), written back with its word, and summed
honestly: adding `trên 300` and `120` is `trên 420`, never `420`; adding a floor and a ceiling
tells nothing better than `khoảng`.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib import bounds
from lib.money import parse_count, parse_money
from lib.vietnamese import fold, format_number


class Qualifier(models.TextChoices):
    EXACT = "", _("đúng bằng")
    MORE_THAN = "hon", _("hơn")
    OVER = "tren", _("trên")
    NEARLY = "gan", _("gần")
    ABOUT = "khoang", _("khoảng")


# The word written before the number; EXACT writes none.
WORDS = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "hơn",
    Qualifier.OVER: "trên",
    Qualifier.NEARLY: "gần",
    Qualifier.ABOUT: "khoảng",
}
AT_LEAST = {Qualifier.MORE_THAN, Qualifier.OVER}
AT_MOST = {Qualifier.NEARLY}

# What an officer may type before the number, folded (no accents, lower case).
_TYPED = {
    "hon": Qualifier.MORE_THAN,
    "tren": Qualifier.OVER,
    "gan": Qualifier.NEARLY,
    "khoang": Qualifier.ABOUT,
    "chung": Qualifier.ABOUT,  # "chừng 200"
}

FIGURE_INVALID = _("Số liệu chưa đúng. Viết như 300, 2.288, trên 300, hơn 20, gần 40 hoặc khoảng 150.")


@dataclass(frozen=True)
class Figure:
    value: int
    qualifier: str = Qualifier.EXACT

    @classmethod
    def of(cls, value, qualifier=""):
        """The figure stored in two columns, or None when the value is empty."""
        if value is None:
            return None
        return cls(int(value), Qualifier(qualifier or ""))

    @property
    def word(self):
        return WORDS[Qualifier(self.qualifier)]

    @property
    def is_exact(self):
        return self.qualifier == Qualifier.EXACT

    def __str__(self):
        return f"{self.word} {format_number(self.value)}".strip()

    def with_unit(self, unit):
        """`trên 300 lượt người`."""
        return f"{self} {unit}".strip()

    def __add__(self, other):
        if other is None:
            return self
        if isinstance(other, int):
            other = Figure(other)
        total = self.value + other.value
        kinds = {_kind(self.qualifier), _kind(other.qualifier)} - {"exact"}
        if not kinds:
            return Figure(total)
        if kinds == {"floor"}:
            # Keep the stronger word only when both say it; `hơn` and `trên` mean the same.
            word = self.qualifier if self.qualifier in AT_LEAST else other.qualifier
            return Figure(total, word)
        if kinds == {"ceiling"}:
            return Figure(total, Qualifier.NEARLY)
        return Figure(total, Qualifier.ABOUT)

    __radd__ = __add__


def _kind(qualifier):
    if qualifier in AT_LEAST:
        return "floor"
    if qualifier in AT_MOST:
        return "ceiling"
    if qualifier == Qualifier.ABOUT:
        return "about"
    return "exact"


def total(figures):
    """The honest sum of figures (None entries skipped), or None when there are none."""
    result = None
    for figure in figures:
        if figure is None:
            continue
        result = figure if result is None else result + figure
    return result


def word_of(qualifiers):
    """The one word an honest sum of figures with these qualifiers carries (see `Figure.__add__`)."""
    return total(Figure(0, qualifier) for qualifier in qualifiers or [""]).qualifier


def split_word(text):
    """`trên 214 triệu` → (OVER, `214 triệu`); text without a hedge word → (EXACT, text)."""
    text = " ".join(str(text or "").split())
    head, _space, rest = text.partition(" ")
    qualifier = _TYPED.get(fold(head))
    if qualifier is None or not rest:
        return Qualifier.EXACT, text
    return qualifier, rest


def parse_figure(value):
    """`trên 300` → Figure(300, OVER); `2.288` → Figure(2288). Vietnamese ValidationError otherwise."""
    if isinstance(value, Figure):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Figure(parse_count(value))
    text = " ".join(str(value or "").split())
    if not text or len(text) > 60:
        raise ValidationError(FIGURE_INVALID, code="invalid")
    qualifier, rest = split_word(text)
    try:
        number = parse_count(rest)
    except ValidationError:
        raise ValidationError(FIGURE_INVALID, code="invalid") from None
    if number > bounds.MAX_COUNT:
        raise ValidationError(bounds.COUNT_TOO_LARGE, code="max_value")
    return Figure(number, qualifier)


def parse_amount_figure(value):
    """`trên 214 triệu` → Figure(214.000.000, OVER); `1,5 triệu` → Figure(1.500.000).

    The number is read by `lib.money.parse_money` (its Vietnamese messages pass through);
    bounds are the caller's, as for `parse_money`."""
    if isinstance(value, Figure):
        return value
    if isinstance(value, str):
        qualifier, rest = split_word(value)
        return Figure(parse_money(rest), qualifier)
    return Figure(parse_money(value))


def parse_count_figure(value):
    """`hơn 3.000` → Figure(3000, MORE_THAN), read by `lib.money.parse_count` (its messages)."""
    if isinstance(value, Figure):
        return value
    if isinstance(value, str):
        qualifier, rest = split_word(value)
        return Figure(parse_count(rest), qualifier)
    return Figure(parse_count(value))


class FigureInput(forms.TextInput):
    """A text input that shows a stored figure back with its word (`trên 300`)."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, Figure):
            return str(value)
        try:
            return str(parse_figure(value))
        except ValidationError:
            return str(value)


class FigureField(forms.Field):
    """A form field for a bounded figure; cleans to a Figure or None."""

    widget = FigureInput
    default_error_messages = {"invalid": FIGURE_INVALID}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_figure(value)
