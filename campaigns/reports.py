"""Seed-style report sentences for any indicator and period, for the campaign page and staff:
`Vận động Quỹ “Vì người nghèo” được 8.000.000/21.000.000 đồng, đạt 38% kế hoạch`."""

from django.utils.formats import date_format

from lib.vietnamese import format_number, format_percent

from .models import Progress


def summary_sentence(indicator, start=None, end=None, area=None):
    """The report sentence for `indicator`, optionally for a period (dates inclusive) or one area.

    The target is the commune's (or the area's) target; its source names it: `kế hoạch`,
    `KH huyện giao`, `chỉ tiêu tỉnh giao`. Percentages are honest beyond 100%.
    """
    totals = indicator.totals(start=start, end=end, area=area)
    target = indicator.targets.filter(area=area).first() if area is not None else indicator.commune_target()
    progress = Progress(indicator, totals["measure"], target.amount if target else None, totals["amount"])
    sentence = sentence_from_progress(progress, target)
    if area is not None:
        sentence = f"{area.full_name}: {_lower_first(sentence)}"
    return _with_period(sentence, start, end)


def sentence_from_progress(progress, target):
    """The sentence from figures already summed (the campaign page has them, no more queries)."""
    indicator = progress.indicator
    subject = indicator.report_phrase or indicator.name
    unit = indicator.unit_long
    if progress.target:
        figure = f"{format_number(progress.achieved)}/{format_number(progress.target)} {unit}"
    else:
        figure = f"{format_number(progress.achieved)} {unit}"
    sentence = f"{subject} được {figure}"
    if not indicator.is_money and progress.value:
        sentence += f", trị giá {format_number(progress.value)} đồng"
    if progress.percent is not None:
        sentence += f", đạt {format_percent(progress.percent)} {target.report_phrase}"
    return sentence


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _with_period(sentence, start, end):
    if start and end:
        prefix = f"Từ ngày {date_format(start, 'd/m/Y')} đến ngày {date_format(end, 'd/m/Y')}"
    elif start:
        prefix = f"Từ ngày {date_format(start, 'd/m/Y')}"
    elif end:
        prefix = f"Tính đến ngày {date_format(end, 'd/m/Y')}"
    else:
        return sentence
    return f"{prefix}, {_lower_first(sentence)}"
