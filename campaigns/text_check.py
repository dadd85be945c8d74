"""Check the figures a text quotes about a campaign (`đạt 123%`, `1.250 phần quà`, `trên 214
triệu đồng`) against the campaign's books, with the working, before or after it is published.

The text is given, not read from the news app: campaigns may not import news (see DESIGN.md),
and a post's text pasted by staff is exactly what readers see. Each figure found is compared
with every figure of the books it could be about, so a text never has to say which indicator
it means; it agrees when one of them falls within the figure's range (see `campaigns.stated`:
`trên` reaches a tenth above, `gần` a tenth below, a figure written in triệu or tỷ is good to
half of its last digit, a percentage to half of its last decimal).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lib.figures import Qualifier
from lib.money import UNITS, parse_count, parse_money
from lib.vietnamese import fold

from .stated import Check, Range, number_text, percent_text, range_text

MAX_TEXT = 50_000

_HEDGES = {"hơn": Qualifier.MORE_THAN, "trên": Qualifier.OVER, "gần": Qualifier.NEARLY}
_HEDGES.update({"khoảng": Qualifier.ABOUT, "chừng": Qualifier.ABOUT})
_HEDGE = r"(?:(?P<hedge>hơn|trên|gần|khoảng|chừng)\s+)?"
_INT = r"\d{1,3}(?:\.\d{3})+|\d+"
_DEC = rf"(?:{_INT})(?:,\d+)?"
_UNIT_WORD = r"tỷ|tỉ|triệu|nghìn|ngàn"
_VERB = r"(?:(?P<verb>đạt|vượt)(?:\s+(?:chỉ tiêu|kế hoạch|KH))?\s+)?"

PERCENT_RE = re.compile(rf"{_VERB}{_HEDGE}(?P<number>{_DEC})\s?%", re.IGNORECASE)
# `214 triệu đồng`, `1,3 tỷ`, `1 tỷ 200 triệu`, `962.983.373 đồng`, `185.860.000đ`.
MONEY_RE = re.compile(
    rf"(?:(?P<verb>vượt)\s+)?{_HEDGE}(?P<money>(?:{_DEC})\s?(?:{_UNIT_WORD})(?:\s(?:{_INT})\s?(?:{_UNIT_WORD}))*(?:\s?(?:đồng|đ))?"
    rf"|(?:{_INT})\s?(?:đồng|đ))(?!\w)",
    re.IGNORECASE,
)


@dataclass
class Quoted:
    """One figure found in the text: its words, its range, what it measures."""

    quote: str
    stated: Range
    kind: str  # "percent", "money", "count", or one of them past the target: "excess_percent" …
    unit: str = ""


@dataclass
class Candidate:
    label: str
    value: Fraction
    unit: str


@dataclass
class TextReport:
    checks: list = field(default_factory=list)
    # Figures found that the books hold nothing to compare with (a count of villages, a year).
    unmatched: list = field(default_factory=list)

    @property
    def disagreements(self):
        return [check for check in self.checks if not check.ok]


def _qualifier(match):
    word = (match.group("hedge") or "").lower()
    return _HEDGES.get(word, Qualifier.EXACT)


def _decimal(text):
    return Decimal(text.replace(".", "").replace(",", "."))


def _money_range(text, qualifier):
    """The range of a money figure as written: exact digits are exact; `214 triệu` is good to
    half a triệu, `1,3 tỷ` to half of 0,1 tỷ."""
    value = parse_money(text)
    if qualifier:
        return Range.of(value, qualifier)
    words = re.findall(_UNIT_WORD, text.lower())
    if not words:
        return Range.exact(value)
    last_group = re.findall(rf"({_DEC})\s?(?:{_UNIT_WORD})", text.lower())[-1]
    decimals = len(last_group.partition(",")[2])
    half = Fraction(UNITS[words[-1]], 2 * 10**decimals)
    return Range(Fraction(value) - half, Fraction(value) + half)


def _unit_pattern(units):
    names = sorted({" ".join(u.split()) for u in units if u.strip()}, key=len, reverse=True)
    if not names:
        return None
    alternation = "|".join(re.escape(name) for name in names)
    return re.compile(
        rf"(?:(?P<verb>vượt)\s+)?{_HEDGE}(?P<number>{_INT})\s+(?P<unit>{alternation})(?!\w)", re.IGNORECASE
    )


def find_figures(text, units):
    """Every figure of `text` a report could quote: percentages, money, counts of `units`."""
    found, taken = [], []

    def free(span):
        return all(span[1] <= start or span[0] >= end for start, end in taken)

    for match in PERCENT_RE.finditer(text):
        qualifier = _qualifier(match)
        number = _decimal(match.group("number"))
        stated = Range.of(number, qualifier) if qualifier else Range.of_percent(number)
        kind = "excess_percent" if (match.group("verb") or "").lower() == "vượt" else "percent"
        found.append(Quoted(match.group(0).strip(), stated, kind))
        taken.append(match.span())
    for match in MONEY_RE.finditer(text):
        if not free(match.span()):
            continue
        try:
            stated = _money_range(match.group("money"), _qualifier(match))
        except ValidationError:
            continue
        kind = "excess_money" if match.group("verb") else "money"
        found.append(Quoted(match.group(0).strip(), stated, kind, "đồng"))
        taken.append(match.span())
    pattern = _unit_pattern(units)
    for match in pattern.finditer(text) if pattern else ():
        if not free(match.span()):
            continue
        try:
            number = parse_count(match.group("number"))
        except ValidationError:
            continue
        kind = "excess_count" if match.group("verb") else "count"
        unit = " ".join(match.group("unit").split())
        found.append(Quoted(match.group(0).strip(), Range.of(number, _qualifier(match)), kind, unit))
        taken.append(match.span())
    order = {id(q): text.find(q.quote) for q in found}
    return sorted(found, key=lambda q: order[id(q)])


# --- the books ---------------------------------------------------------------------------------


def _same_unit(a, b):
    return fold(a) == fold(b)


def campaign_candidates(campaign):
    """{kind: [Candidate]} — every figure of the campaign's books a text could be quoting."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce

    from .models import Disbursement

    found = {
        kind: [] for kind in ("money", "count", "percent", "excess_percent", "excess_money", "excess_count")
    }
    for indicator in campaign.indicators.all():
        sums = indicator.totals()
        target = indicator.commune_target()
        number = target.number if target is not None else None
        measure = sums["measure"]
        if indicator.is_money:
            found["money"].append(Candidate(indicator.name, Fraction(measure), "đồng"))
        else:
            found["count"].append(Candidate(indicator.name, Fraction(measure), indicator.unit_label))
            if sums["amount"]:
                found["money"].append(
                    Candidate(
                        _("trị giá %(name)s") % {"name": indicator.name}, Fraction(sums["amount"]), "đồng"
                    )
                )
            if sums["participants"]:
                found["count"].append(
                    Candidate(
                        _("số người %(verb)s") % {"verb": indicator.people_verb},
                        Fraction(sums["participants"]),
                        "người",
                    )
                )
        if number:
            share = Fraction(measure * 100, number)
            found["percent"].append(Candidate(indicator.name, share, "%"))
            if share > 100:
                found["excess_percent"].append(Candidate(indicator.name, share - 100, "%"))
            if measure > number and indicator.is_money:
                found["excess_money"].append(Candidate(indicator.name, Fraction(measure - number), "đồng"))
            elif measure > number:
                found["excess_count"].append(
                    Candidate(indicator.name, Fraction(measure - number), indicator.unit_text)
                )
    gifts = campaign.gift_batches.summary()
    if gifts["gifts"]:
        found["count"].append(Candidate(_("quà đã trao"), Fraction(gifts["gifts"]), "*quà"))
        found["money"].append(Candidate(_("trị giá quà đã trao"), Fraction(gifts["value"]), "đồng"))
        if gifts["top_up_value"]:
            found["money"].append(
                Candidate(
                    _("trị giá quà, không kể phần trao thêm"),
                    Fraction(gifts["value"] - gifts["top_up_value"]),
                    "đồng",
                )
            )
    houses = campaign.houses.counted().totals()
    if houses["count"]:
        found["count"].append(Candidate(_("nhà trong sổ"), Fraction(houses["count"]), "*nhà"))
        found["money"].append(Candidate(_("tổng trị giá các căn nhà"), Fraction(houses["value"]), "đồng"))
        found["money"].append(Candidate(_("phần Mặt trận hỗ trợ làm nhà"), Fraction(houses["front"]), "đồng"))
    paid = (
        Disbursement.objects.countable().filter(campaign=campaign).aggregate(total=Coalesce(Sum("amount"), 0))
    )
    if paid["total"]:
        found["money"].append(Candidate(_("số tiền đã chi"), Fraction(paid["total"]), "đồng"))
    return found


GIFT_WORDS = ("phần quà", "suất quà", "phần", "suất")
HOUSE_WORDS = ("căn nhà", "căn", "ngôi nhà", "nhà")


def _fits(quoted, candidate):
    if quoted.kind not in ("count", "excess_count"):
        return True
    if candidate.unit == "*quà":
        return any(_same_unit(quoted.unit, word) for word in GIFT_WORDS) or quoted.unit.endswith("quà")
    if candidate.unit == "*nhà":
        return any(_same_unit(quoted.unit, word) for word in HOUSE_WORDS)
    return _same_unit(quoted.unit, candidate.unit)


def _candidate_text(candidate, kind):
    if kind in ("percent", "excess_percent"):
        return f"{candidate.label}: {percent_text(Range.exact(candidate.value))}"
    unit = {"*quà": "phần quà", "*nhà": "căn"}.get(candidate.unit, candidate.unit)
    return f"{candidate.label}: {number_text(candidate.value)} {unit}"


def _stated_text(quoted):
    if quoted.kind in ("percent", "excess_percent"):
        return percent_text(quoted.stated)
    return range_text(quoted.stated, quoted.unit)


def check_text(text, campaign):
    """A `TextReport`: one `Check` per figure of `text` the campaign's books can speak to."""
    text = " ".join(str(text or "")[:MAX_TEXT].split())
    books = campaign_candidates(campaign)
    units = {c.unit for c in books["count"] + books["excess_count"] if not c.unit.startswith("*")}
    units.update(GIFT_WORDS if any(c.unit == "*quà" for c in books["count"]) else ())
    units.update(HOUSE_WORDS if any(c.unit == "*nhà" for c in books["count"]) else ())
    units.update(b.unit_label for b in campaign.gift_batches.all() if b.unit_label)
    report = TextReport()
    for quoted in find_figures(text, units):
        candidates = [c for c in books.get(quoted.kind, []) if _fits(quoted, c)]
        if not candidates:
            report.unmatched.append(quoted.quote)
            continue
        agreeing = [c for c in candidates if quoted.stated.meets(Range.exact(c.value))]
        values = {"quote": quoted.quote, "range": _stated_text(quoted)}
        if agreeing:
            values["books"] = _candidate_text(agreeing[0], quoted.kind)
            report.checks.append(
                Check(quoted.kind, True, _("Bài viết nêu “%(quote)s”, khớp với sổ (%(books)s).") % values)
            )
        else:
            values["books"] = "; ".join(_candidate_text(c, quoted.kind) for c in candidates)
            report.checks.append(
                Check(
                    quoted.kind,
                    False,
                    _("Bài viết nêu “%(quote)s” (tức %(range)s), nhưng sổ ghi %(books)s.") % values,
                )
            )
    return report
