"""Seed-style report sentences for any indicator and period, for the campaign page and staff:
`Vận động Quỹ “Vì người nghèo” được 8.000.000/21.000.000 đồng, đạt 38% kế hoạch`."""

from django.utils.formats import date_format

from lib.vietnamese import format_number

from . import wording
from .models import Progress
from .target_shapes import Shape


def summary_sentence(indicator, start=None, end=None, area=None, round=None):
    """The report sentence for `indicator`, optionally for a period (dates inclusive), one
    area, or one round (`campaigns.rounds.Round`: its dates, its own target, the running total).

    The target is the commune's (or the area's, or the round's) target; its source names it:
    `kế hoạch`, `KH huyện giao`, `chỉ tiêu tỉnh giao`, `chỉ tiêu đợt`. Hedged entries keep
    their word (`trên 234.000.000 đồng`); percentages are honest beyond 100%.
    """
    from .hedges import hedges_for
    from .rates import rate_results

    if indicator.is_rate:
        sentence = rate_results([indicator], area=area)[indicator.pk].sentence
        return f"{area.full_name}: {_lower_first(sentence)}" if area is not None else sentence
    if round is not None:
        return _round_summary(indicator, round)
    totals = indicator.totals(start=start, end=end, area=area)
    target = indicator.targets.filter(area=area).first() if area is not None else indicator.commune_target()
    word, value_word = hedges_for([indicator.pk]).words(
        indicator, area_id=area.pk if area is not None else None, start=start, end=end
    )
    progress = Progress(
        indicator,
        totals["measure"],
        value=totals["amount"],
        shape=target,
        hedge=word,
        value_hedge=value_word,
        people=(totals["registered"], totals["participants"]),
    )
    if start is None and end is None and area is None:
        from .inkind import items_text, totals_by_indicator

        progress.in_kind = items_text(totals_by_indicator([indicator.pk]).get(indicator.pk, []))
    sentence = sentence_from_progress(progress, target)
    if area is not None:
        sentence = f"{area.full_name}: {_lower_first(sentence)}"
    return _with_period(sentence, start, end)


def _round_summary(indicator, round_):
    from .hedges import hedges_for
    from .rounds import round_results

    commune_target = indicator.commune_target()
    results = round_results(
        round_.campaign,
        [indicator],
        {indicator.pk: commune_target} if commune_target else {},
        hedges_for([indicator.pk]),
    )
    for result in results:
        if result.round.pk == round_.pk:
            return result.sentence
    return f"{round_.name} ({round_.period_text}): {_lower_first(indicator.report_phrase or indicator.name)} chưa có kết quả"


def sentence_from_progress(progress, target=None, phrase=None):
    """The sentence from figures already summed (the campaign page has them, no more queries).

    `phrase` names the target (`chỉ tiêu đợt`); by default the target's source does.
    """
    indicator = progress.indicator
    subject = indicator.report_phrase or indicator.name
    unit = indicator.unit_long
    shape = progress.shape
    phrase = phrase or (target.report_phrase if target is not None else "kế hoạch")
    if progress.plain_number:
        figure = f"{progress.achieved_figure}/{format_number(progress.target)} {unit}"
    else:
        figure = progress.achieved_figure.with_unit(unit)
    sentence = f"{subject} {wording.counted(indicator, figure, progress.people)}"
    if getattr(progress, "in_kind", ""):
        sentence += f", hiến {progress.in_kind}"
    if not indicator.is_money and progress.value:
        sentence += f", trị giá {progress.value_figure} đồng"
    kind = shape.shape if shape is not None else Shape.NUMBER
    met = progress.met
    if kind == Shape.RANGE:
        if shape.excess(progress.achieved_figure) is not None:
            sentence += f", vượt {phrase} ({progress.target_text})"
        elif met is not None:
            sentence += f", {'đạt' if met else 'chưa đạt'} {phrase} ({progress.target_text})"
        else:
            sentence += f"; {phrase}: {progress.target_text}"
    elif progress.percent is not None:
        sentence += f", đạt {progress.percent_text} {phrase}"
        if kind == Shape.FLOOR:
            sentence += f" ({progress.target_text})"
    elif kind == Shape.PERCENT:
        if met is not None:
            sentence += f", {wording.met_text(met)}"
        sentence += f" ({phrase}: {progress.target_text})"
    elif kind == Shape.MET_ONLY and met is not None:
        sentence += f", {wording.met_text(met)}"
    if progress.excess_text:
        sentence += f", {progress.excess_text}"
    return sentence


def round_sentence(result, campaign_target=None):
    """`Đợt 2 (từ 01/03/2026 đến 31/03/2026): vận động hiến máu được 120/100 đơn vị máu, đạt
    120% chỉ tiêu đợt; lũy kế được 250/400 đơn vị máu, đạt 62,5% kế hoạch`."""
    round_ = result.round
    sentence = sentence_from_progress(result.progress, result.target, phrase=round_.target_phrase)
    running = result.running
    unit = result.indicator.unit_long
    if running.plain_number:
        total = f"{running.achieved_figure}/{format_number(running.target)} {unit}"
    else:
        total = running.achieved_figure.with_unit(unit)
    tail = f"lũy kế {wording.counted(result.indicator, total, running.people)}"
    if running.percent is not None:
        phrase = campaign_target.report_phrase if campaign_target is not None else "kế hoạch"
        tail += f", đạt {running.percent_text} {phrase}"
    return f"{round_.name} ({round_.period_text}): {_lower_first(sentence)}; {tail}"


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
