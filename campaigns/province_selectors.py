"""Read models of the province's campaigns: the province's figures are the sums of its communes'
entries (each entered once, in the commune), the communes ranked by the share they reached.

Four queries whatever the number of communes or entries: campaigns, their indicators, the sums
of the communes' copies (from the running totals the contribution services keep, a few hundred
rows rather than every entry), the shares. Other apps call `province_results(campaigns)`.
"""

from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.text import capfirst

from congresses.models import Commune
from lib.vietnamese import format_number, format_percent

from .models import CommuneShare, Progress
from .selectors import AreaRow
from .totals import province_sums


@dataclass
class ProvinceIndicatorResult:
    indicator: object
    progress: Progress
    sentence: str
    rows: list = field(default_factory=list)  # AreaRow per commune, ranked
    shares_total: int = 0
    communes_reporting: int = 0


class _ProvinceTarget:
    report_phrase = "chỉ tiêu"


def province_results(campaigns, communes=None):
    """`campaigns` (ProvinceCampaign rows) each with `.results`: a ProvinceIndicatorResult per
    indicator. `communes`: [(pk, name)] of the province when the caller has them (else read)."""
    campaigns = list(campaigns)
    if not campaigns:
        return campaigns
    prefetch_related_objects(campaigns, "indicators")
    indicators = [indicator for campaign in campaigns for indicator in campaign.indicators.all()]
    ids = [indicator.pk for indicator in indicators]
    sums = province_sums(ids)
    shares = {
        (indicator_id, commune_id): amount
        for indicator_id, commune_id, amount in CommuneShare.objects.filter(indicator_id__in=ids).values_list(
            "indicator_id", "commune_id", "amount"
        )
    }
    if communes is None:
        province_ids = {campaign.province_id for campaign in campaigns}
        communes = commune_names(
            Commune.objects.filter(province_id__in=province_ids, merged_into__isnull=True).order_by("name")
        )
    summed_at = timezone.now()
    for campaign in campaigns:
        campaign.results = [
            _result(indicator, sums, shares, communes) for indicator in campaign.indicators.all()
        ]
        campaign.summed_at = summed_at
    return campaigns


def commune_names(communes):
    """[(pk, `Xã Hòa Phú`)] as the rankings name them."""
    return [(commune.pk, capfirst(commune.full_name)) for commune in communes]


def _result(indicator, sums, shares, communes):
    rows, total_amount, total_quantity, reporting = [], 0, 0, 0
    for commune_id, name in communes:
        amount, quantity, entries = sums.get((indicator.pk, commune_id), (0, 0, 0))
        share = shares.get((indicator.pk, commune_id))
        total_amount += amount
        total_quantity += quantity
        reporting += 1 if entries else 0
        if not entries and share is None:
            continue
        measure = amount if indicator.is_money else quantity
        rows.append(AreaRow(commune_id, name, Progress(indicator, measure, share, amount)))
    rows.sort(
        key=lambda row: (row.progress.percent is None, -(row.progress.percent or 0), -row.progress.achieved)
    )
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    shares_total = sum(
        amount for (indicator_id, _c), amount in shares.items() if indicator_id == indicator.pk
    )
    target = indicator.target or shares_total or None
    measure = total_amount if indicator.is_money else total_quantity
    progress = Progress(indicator, measure, target, total_amount)
    return ProvinceIndicatorResult(
        indicator=indicator,
        progress=progress,
        sentence=province_sentence(indicator, progress, reporting, len(communes)),
        rows=rows,
        shares_total=shares_total,
        communes_reporting=reporting,
    )


def province_sentence(indicator, progress, reporting, communes):
    """As a provincial report writes it: `Toàn tỉnh vận động Quỹ “Vì người nghèo” được hơn
    5,2 tỷ đồng, đạt 87% chỉ tiêu (38/40 xã, phường có kết quả)`. The rounded figure is hedged
    (`hơn`) whenever rounding dropped something, so it never claims more than was raised."""
    subject = indicator.report_phrase or indicator.name
    figure = (
        rounded_money(progress.achieved)
        if indicator.is_money
        else f"{format_number(progress.achieved)} {indicator.unit_long}"
    )
    sentence = f"Toàn tỉnh: {subject} được {figure}"
    if progress.percent is not None:
        sentence += f", đạt {format_percent(progress.percent)} {_ProvinceTarget.report_phrase}"
    return f"{sentence} ({reporting}/{communes} xã, phường có kết quả)"


def rounded_money(value):
    """`hơn 5,2 tỷ đồng`, `350 triệu đồng`, `hơn 1,5 triệu đồng`: one decimal of tỷ or triệu,
    rounded down, `hơn` when anything was dropped; below a million the exact figure."""
    value = int(value or 0)
    for size, word in ((1_000_000_000, "tỷ"), (1_000_000, "triệu")):
        if value >= size:
            tenths = value * 10 // size
            whole, decimal = divmod(tenths, 10)
            text = format_number(whole) + (f",{decimal}" if decimal else "")
            hedge = "hơn " if tenths * size // 10 != value else ""
            return f"{hedge}{text} {word} đồng"
    return f"{format_number(value)} đồng"
