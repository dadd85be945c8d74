"""Stand-in for lib.money (MoneyField, CountField) until it is on main; same names, same use.

Replaced by `from lib.money import CountField, MoneyField` once that module lands.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_UNITS = {"tỷ": 10**9, "tỉ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3}
_WHOLE = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d+$")
_WITH_UNIT = re.compile(r"^(\d+)(?:,(\d+))? ?(tỷ|tỉ|triệu|nghìn|ngàn)$")


class MoneyField(forms.Field):
    def to_python(self, value):
        text = " ".join(str(value or "").lower().split()).removesuffix("đồng").removesuffix("đ").strip()
        if not text:
            return None
        if _WHOLE.match(text):
            return int(text.replace(".", ""))
        match = _WITH_UNIT.match(text)
        if match:
            unit = _UNITS[match[3]]
            fraction = match[2] or ""
            whole, rest = divmod(int(fraction or 0) * unit, 10 ** len(fraction))
            if not rest:
                return int(match[1]) * unit + whole
        raise ValidationError(_("Số tiền chưa đúng. Viết như 750.000 hoặc 1,5 triệu."), code="invalid")


class CountField(forms.Field):
    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        if _WHOLE.match(text):
            return int(text.replace(".", ""))
        raise ValidationError(_("Số lượng phải là số nguyên. Viết như 54 hoặc 2.288."), code="invalid")
