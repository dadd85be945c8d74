"""Vietnamese text helpers shared by every app: slugs, search folding, money, numbers in words.

`Đ/đ` is a letter of its own with no Unicode decomposition, so Django's `slugify` and
NFD-based accent stripping both lose it; every function here maps it to `d` first.
"""

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify as django_slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
# Punctuation that separates words or numbers in titles: Django's slugify deletes it, which
# glues "2025–2027" into "20252027" and "tổ dân phố 1/2" into "to-dan-pho-12".
_SEPARATORS = re.compile(r"[\u2010-\u2015\u2212/\\|:;,.+&()\[\]]+")


def strip_marks(text):
    """Remove Vietnamese diacritics, keeping letter case: `Đông Hòa` → `Dong Hoa`."""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify_vi(text, max_length=None):
    """A URL slug that keeps the meaning of a Vietnamese title.

    `Hội nghị thôn Đông` → `hoi-nghi-thon-dong` (Django's own slugify gives `…-thon-ong`);
    separators keep a dash: `Nhiệm kỳ 2025–2027` → `nhiem-ky-2025-2027`.
    """
    slug = django_slugify(_SEPARATORS.sub(" ", strip_marks(text)))
    if max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def fold(text):
    """Fold text for accent-insensitive search: `Hội Nghị ĐÔNG` → `hoi nghi dong`.

    Stored in `search_text` columns and applied to queries, so SQLite and PostgreSQL
    match alike.
    """
    return " ".join(strip_marks(text or "").casefold().split())


def format_number(value):
    """Group thousands with dots: 8000000 → `8.000.000`."""
    value = int(value)
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


def format_money(value, unit="đ"):
    """Money in đồng as the portals write it: 8000000 → `8.000.000 đ`."""
    if value is None:
        return ""
    return f"{format_number(value)} {unit}"


def percent(part, whole):
    """Whole-number percentage of `part` in `whole`, rounded half up; None when there is no whole.

    Computed from integers, never floats: 8.000.000 of 21.000.000 → 38, 54 of 44 → 123.
    """
    if not whole:
        return None
    ratio = Decimal(int(part)) * 100 / Decimal(int(whole))
    return int(ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# Beyond this a percentage is a data problem to look at, not an achievement to print with
# thirteen digits (`đạt 8571428571513%`): it is shown as `trên 1.000%`.
MAX_SHOWN_PERCENT = 1000


def format_percent(value):
    """`161%`, `trên 1.000%` past MAX_SHOWN_PERCENT; an empty string for no value."""
    if value is None:
        return ""
    if value > MAX_SHOWN_PERCENT:
        return f"trên {format_number(MAX_SHOWN_PERCENT)}%"
    return f"{format_number(value)}%" if isinstance(value, int) else f"{value}%"


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ"]


def _read_hundreds(number, full):
    """Read 0–999. `full` means a higher group precedes, so `không trăm` and `linh` are said."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if hundreds or full:
                words.append("linh")
            words.append(_DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def number_in_words(value):
    """Read a whole number aloud in Vietnamese: 214000000 → `hai trăm mười bốn triệu`."""
    value = int(value)
    if value == 0:
        return "không"
    if value < 0:
        return "âm " + number_in_words(-value)
    # Split into groups of three digits; above "tỷ" the cycle repeats (nghìn tỷ, triệu tỷ).
    groups = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        group = groups[index]
        if group == 0:
            # "tỷ" is still said when a group of billions is empty (1.000.000.000.000 → "một nghìn tỷ").
            if index % 3 == 0 and index and words and words[-1] not in ("tỷ",):
                words.append("tỷ")
            continue
        words += _read_hundreds(group, full=index != top)
        name = _GROUPS[index % 3] if index % 3 else ("tỷ" if index else "")
        if name:
            words.append(name)
    return " ".join(words)


def money_in_words(value):
    """Amount in words as on a receipt: 8000000 → `Tám triệu đồng`."""
    text = number_in_words(value) + " đồng"
    return text[0].upper() + text[1:]


def tel_uri(phone):
    """`0235 3812 345` → `+842353812345`; `1900.1234` → `19001234`; "" when nothing is left.

    Spaces, dots and dashes are dropped (a `tel:` link with spaces is invalid markup); a
    national number starting with 0 becomes international (+84), short service numbers stay.
    """
    text = str(phone or "").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return ""
    if text.startswith("+"):
        return f"+{digits}"
    if digits.startswith("84") and len(digits) >= 11:
        return f"+{digits}"
    if digits.startswith("0") and len(digits) >= 10:
        return f"+84{digits[1:]}"
    return digits


def date_line(place, day):
    """The place and date line of an administrative document (Nghị định 30/2020/NĐ-CP):
    `Hòa Phú, ngày 05 tháng 7 năm 2026`; days below 10 and the months 1 and 2 take a leading 0."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


# Months as Vietnamese names them in writing ("tháng Mười một"), January first.
MONTH_NAMES = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười một", "Mười hai")


def month_name(month):
    """`11` → `tháng Mười một` (the month's name, lower-case "tháng")."""
    return f"tháng {MONTH_NAMES[month - 1]}"
