"""Read models of the province's campaigns: the province's figures are the sums of its communes'
entries (each entered once, in the commune), the communes ranked by the share they reached.

Five queries whatever the number of communes or entries: campaigns, their indicators, the
communes' copies, the sums per copy (kept a few minutes in the cache), the shares. Other apps
call `province_results(campaigns)`.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Sum, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst

from congresses.models import Commune
from lib.vietnamese import format_number, format_percent

from .models import CommuneShare, Contribution, Indicator, Progress
from .selectors import AreaRow

SUMS_SECONDS = 300


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
    # Which commune each copy belongs to; the sums then read literal copy ids from the
    # (indicator, area, amount, quantity) index without joining the campaigns.
    copies = {
        pk: (province_indicator_id, commune_id)
        for pk, province_indicator_id, commune_id in Indicator.objects.filter(
            province_indicator_id__in=ids
        ).values_list("pk", "province_indicator_id", "campaign__commune_id")
    }
    summed_at, by_copy = _copy_sums(campaigns, list(copies))
    sums = {copies[pk]: figures for pk, figures in by_copy.items() if pk in copies}
    shares = {
        (indicator_id, commune_id): amount
        for indicator_id, commune_id, amount in CommuneShare.objects.filter(indicator_id__in=ids).values_list(
            "indicator_id", "commune_id", "amount"
        )
    }
    if communes is None:
        province_ids = {campaign.province_id for campaign in campaigns}
        communes = commune_names(Commune.objects.filter(province_id__in=province_ids).order_by("name"))
    for campaign in campaigns:
        campaign.results = [
            _result(indicator, sums, shares, communes) for indicator in campaign.indicators.all()
        ]
        campaign.summed_at = summed_at
    return campaigns


def _copy_sums(campaigns, copy_ids):
    """(when summed, {copy id: (amount, quantity, entries)}): the communes' entries summed in SQL,
    kept SUMS_SECONDS in the shared cache. A province's fund may gather a million entries; summing
    them costs about a second, and the province reports at that pace anyway. The page says when
    the figures were summed; each commune's own page stays live."""
    if not copy_ids:
        return timezone.now(), {}
    # Created-at in the key: a campaign's id may come back (a restored backup, a test database).
    key = "province-sums:" + ",".join(f"{c.pk}.{c.created_at.timestamp()}" for c in campaigns)
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = (
        Contribution.objects.countable()
        .filter(indicator_id__in=copy_ids)
        .values("indicator_id")
        # COUNT(*), not COUNT(id): the (indicator, area, amount, quantity) index answers it alone.
        .annotate(amount=Coalesce(Sum("amount"), 0), quantity=Coalesce(Sum("quantity"), 0), n=Count("*"))
        .order_by()
    )
    value = (
        timezone.now(),
        {row["indicator_id"]: (row["amount"], row["quantity"], row["n"]) for row in rows},
    )
    cache.set(key, value, SUMS_SECONDS)
    return value


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
