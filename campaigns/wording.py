"""Campaign figures in the words reports use: `đạt trên 117%`, `đạt 112,5%, vượt 12,5%`,
`không dưới 40 đơn vị máu`, `đạt chỉ tiêu`.

Rules, so every page and sentence says the same:
- A percentage is computed from integers (Decimal, never float) and written with the
  indicator's number of decimals and the Vietnamese comma (`112,5%`); a decimal that is
  zero is dropped (`107%`, not `107,0%`).
- A hedged figure keeps its word through the division, and the rounding never breaks the
  word: `trên` (a floor) rounds down, `gần` (nearly, a ceiling) rounds up, `khoảng` and
  exact figures round half up. So `trên 214 triệu` of 200 triệu is `đạt trên 107%`.
- The excess (`vượt`) is said only when the figure certainly goes past the target (past
  the top of a range), with the same word as the figure: `vượt trên 7%`.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from lib.figures import AT_LEAST, AT_MOST, Figure
from lib.vietnamese import MAX_SHOWN_PERCENT, format_number

EXCESS_PERCENT = "phan_tram"
EXCESS_UNITS = "don_vi"


def _rounding(qualifier):
    if qualifier in AT_LEAST:
        return ROUND_DOWN
    if qualifier in AT_MOST:
        return ROUND_UP
    return ROUND_HALF_UP


def percent_figure(achieved, whole, decimals=0):
    """`achieved` (a Figure) as a percentage of `whole`: a Figure-like (Decimal, word) pair,
    or None without a whole."""
    if not whole or achieved is None:
        return None
    step = Decimal(1).scaleb(-decimals)
    ratio = (Decimal(int(achieved.value)) * 100 / Decimal(int(whole))).quantize(
        step, rounding=_rounding(achieved.qualifier)
    )
    return ratio, achieved.qualifier


def format_pct(value):
    """Decimal(112.5) → `112,5%`; Decimal(107.0) → `107%`; past 1.000% → `trên 1.000%`."""
    if value > MAX_SHOWN_PERCENT:
        return f"trên {format_number(MAX_SHOWN_PERCENT)}%"
    whole, _dot, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    text = format_number(int(whole))
    if whole.startswith("-") and text == "0":
        text = "-0"
    return f"{text},{fraction}%" if fraction else f"{text}%"


def pct_text(pair):
    """(Decimal, word) → `trên 107%`; "" for None."""
    if pair is None:
        return ""
    value, qualifier = pair
    word = Figure(0, qualifier).word
    return f"{word} {format_pct(value)}".strip()


def excess_text(indicator, achieved, shape, target_number, decimals=0):
    """`vượt 12,5%` or `vượt 5 đơn vị máu` in the indicator's chosen form ("" when not chosen
    or not certainly past the target)."""
    form = indicator.excess_form
    if not form:
        return ""
    excess = shape.excess(achieved) if shape is not None else _plain_excess(achieved, target_number)
    if excess is None:
        return ""
    if form == EXCESS_UNITS or (shape is not None and shape.shape == "khoang"):
        return f"vượt {indicator.figure_text(excess)}"
    pair = percent_figure(achieved, target_number, decimals)
    over = pair[0] - 100
    if over <= 0:
        return ""
    return f"vượt {pct_text((over, pair[1]))}"


def _plain_excess(achieved, number):
    if not number or achieved is None or achieved.value <= number or achieved.qualifier in AT_MOST:
        return None
    if achieved.qualifier and achieved.qualifier not in AT_LEAST:
        return None
    return Figure(achieved.value - number, achieved.qualifier)


SENTENCE_VERBS = {"tham_gia": "tham gia", "dang_ky": "đăng ký"}


def counted(indicator, figure, people=None):
    """The figure with the verb that fits the indicator: `được 8.000.000 đồng` for what was
    raised, `có 200 tình nguyện viên tham gia` for people, `có 250 người đăng ký`; with the
    people counted beside the units, `có 120 người đăng ký, 98 người hiến 98 đơn vị máu`."""
    said = indicator.people_text(*people) if people and hasattr(indicator, "people_text") else ""
    if said:
        return f"có {said} {figure}" if (people[1] or 0) else f"có {said}, được {figure}"
    verb = SENTENCE_VERBS.get(indicator.sentence_form)
    return f"có {figure} {verb}" if verb else f"được {figure}"


def met_text(met):
    """`đạt chỉ tiêu` / `không đạt chỉ tiêu` / "" (not assessed)."""
    if met is None:
        return ""
    return "đạt chỉ tiêu" if met else "không đạt chỉ tiêu"
