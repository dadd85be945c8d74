"""Read models for the public pages: figures, rankings and charts of campaigns, each built
from a fixed handful of grouped SQL queries whatever the number of entries.

Functions other apps may call (home page, area page):
`listing(campaigns)` and `area_results(area)`.
"""

from dataclasses import dataclass, field

from django.db.models import Q, Sum, prefetch_related_objects
from django.db.models.functions import Coalesce, TruncMonth

from congresses.models import ResidentialArea

from .charts import progress_chart
from .funds import FundStatement, FundTransfer, transfer_totals
from .hedges import hedges_for
from .inkind import items_text, totals_by_indicator
from .models import Campaign, Contribution, Disbursement, Indicator, Progress, Target, fund_balance_moves
from .rates import area_rates, rate_results
from .reports import sentence_from_progress
from .rounds import round_results

DONORS_ON_PAGE = 30
DISBURSEMENTS_ON_PAGE = 30


def _sums_by(indicator_ids, *group, **filters):
    """{(group values…): (amount, quantity)} of contributions, summed in SQL."""
    rows = (
        Contribution.objects.countable()
        .filter(indicator_id__in=indicator_ids, **filters)
        .values(*group)
        .annotate(total_amount=Coalesce(Sum("amount"), 0), total_quantity=Coalesce(Sum("quantity"), 0))
        .order_by()
    )
    return {tuple(row[name] for name in group): (row["total_amount"], row["total_quantity"]) for row in rows}


# The entries that carry people: the condition of the partial index `contrib_people`.
PEOPLE = ~Q(registered=0) | ~Q(participants=0)


def _people_by(indicators, **filters):
    """{indicator_id: (registered, participants)} for the indicators that count people; no
    query when none does. Read from the partial index of the entries that carry people."""
    ids = [indicator.pk for indicator in indicators if indicator.counts_people]
    if not ids:
        return {}
    rows = (
        Contribution.objects.countable()
        .filter(PEOPLE, indicator_id__in=ids, **filters)
        .values("indicator_id")
        .annotate(
            registered_sum=Coalesce(Sum("registered"), 0), participants_sum=Coalesce(Sum("participants"), 0)
        )
        .order_by()
    )
    return {row["indicator_id"]: (row["registered_sum"], row["participants_sum"]) for row in rows}


def _measure(indicator, sums):
    amount, quantity = sums or (0, 0)
    return (amount if indicator.is_money else quantity), amount


@dataclass
class AreaRow:
    area_id: int
    area_name: str
    progress: Progress
    rank: int = 0


@dataclass
class IndicatorResult:
    indicator: Indicator
    progress: Progress
    commune_target: Target | None
    sentence: str
    rows: list = field(default_factory=list)
    split_total: int = 0
    chart: dict | None = None
    rate: object = None  # campaigns.rates.RateResult, for a rate indicator
    area_rates: list = field(default_factory=list)
    # What the commune raised as a whole (entries of no area): shown after the ranked
    # hamlets as a "Toàn xã" line, never ranked against a hamlet's target.
    commune_wide: Progress | None = None

    @property
    def split_differs(self):
        """True when the areas' targets do not add up to the commune's target (allowed, but said)."""
        return bool(
            self.commune_target
            and self.commune_target.amount
            and self.split_total
            and self.split_total != self.commune_target.amount
        )

    @property
    def split_gap(self):
        return abs(self.commune_target.amount - self.split_total) if self.split_differs else 0

    @property
    def split_over(self):
        return self.split_differs and self.split_total > self.commune_target.amount


def listing(campaigns):
    """Campaigns for a list, each with `.results` (the commune-level progress of every indicator).

    Five queries whatever the size: campaigns, indicators, totals, hedges, targets. The sums read
    every entry of the listed campaigns, so lists are paginated.
    """
    campaigns = list(campaigns)
    prefetch_related_objects(campaigns, "indicators")
    indicators = [indicator for campaign in campaigns for indicator in campaign.indicators.all()]
    ids = [indicator.pk for indicator in indicators]
    totals = _sums_by(ids, "indicator_id") if ids else {}
    hedges = hedges_for(ids)
    people = _people_by(indicators)
    rates = rate_results(indicators)
    targets = (
        {t.indicator_id: t for t in Target.objects.filter(indicator_id__in=ids, area__isnull=True)}
        if ids
        else {}
    )
    for campaign in campaigns:
        campaign.results = []
        for indicator in campaign.indicators.all():
            if indicator.is_rate:
                progress = Progress(indicator, 0)
                progress.rate = rates[indicator.pk]
                campaign.results.append(progress)
                continue
            measure, value = _measure(indicator, totals.get((indicator.pk,)))
            word, value_word = hedges.words(indicator)
            campaign.results.append(
                Progress(
                    indicator,
                    measure,
                    value=value,
                    shape=targets.get(indicator.pk),
                    hedge=word,
                    value_hedge=value_word,
                    people=people.get(indicator.pk),
                )
            )
    return campaigns


def campaign_page(campaign):
    """Everything the campaign page shows, in a bounded number of queries (asserted in tests/perf)."""
    indicators = list(campaign.indicators.all())
    ids = [indicator.pk for indicator in indicators]
    by_area = _sums_by(ids, "indicator_id", "area_id")
    by_month = _monthly(ids)
    hedges = hedges_for(ids)
    # Plain values, not model instances: a commune may rank hundreds of areas per indicator.
    targets = list(
        Target.objects.filter(indicator_id__in=ids).values_list(
            "indicator_id", "area_id", "amount", "assigned_by", *SHAPE_COLUMNS
        )
    )
    area_ids = {area_id for (_, area_id) in by_area if area_id} | {row[1] for row in targets if row[1]}
    kinds = {value: str(label) for value, label in ResidentialArea.Kind.choices}
    areas = [
        (pk, f"{kinds.get(kind, '')} {name}".strip())
        for pk, kind, name in ResidentialArea.objects.filter(commune_id=campaign.commune_id)
        .filter(Q(pk__in=area_ids) | Q(pk__in=ResidentialArea.objects.current().values("pk")))
        .order_by("position", "name")
        .values_list("pk", "kind", "name")
    ]
    people = _people_by(indicators)
    rates = rate_results(indicators)
    in_kind = {pk: items_text(rows) for pk, rows in totals_by_indicator(ids).items()}
    results = [
        _rate_result(rates[indicator.pk])
        if indicator.is_rate
        else _indicator_result(
            indicator,
            by_area,
            by_month,
            targets,
            areas,
            hedges,
            people.get(indicator.pk),
            in_kind.get(indicator.pk),
        )
        for indicator in indicators
    ]
    rounds = round_results(
        campaign,
        indicators,
        {result.indicator.pk: result.commune_target for result in results if result.commune_target},
        hedges,
    )
    donors = list(
        Contribution.objects.filter(indicator_id__in=ids)
        .public_donors()
        .select_related("indicator", "area")
        .order_by("-date", "-id")[:DONORS_ON_PAGE]
    )
    disbursements = list(
        Disbursement.objects.filter(campaign=campaign)
        .select_related("area")
        .order_by("-date", "-id")[:DISBURSEMENTS_ON_PAGE]
    )
    money_ids = {indicator.pk for indicator in indicators if indicator.is_money}
    raised = sum(amount for (indicator_id, _), (amount, _q) in by_area.items() if indicator_id in money_ids)
    disbursed = (
        Disbursement.objects.countable()
        .filter(campaign=campaign)
        .aggregate(total=Coalesce(Sum("amount"), 0))["total"]
    )
    funds = fund_figures(campaign, [i for i in indicators if i.is_money], by_area, disbursed)
    balance = raised - disbursed + funds["moved"]
    return {
        **funds,
        "results": results,
        "rounds": rounds,
        "donors": donors,
        "disbursements": disbursements,
        "raised": raised,
        "disbursed": disbursed,
        "balance": max(balance, 0),
        # Spending beyond what was raised is shown with where the money came from, never as
        # a bare negative balance; the sources are what staff wrote when they overspent.
        "overspent": max(-balance, 0),
        "advance_sources": _advance_sources(campaign) if balance < 0 else [],
        "has_money": any(indicator.is_money for indicator in indicators),
    }


def fund_figures(campaign, money, by_area, disbursed):
    """What the page says of the funds beside what was raised: the opening balance carried over,
    money from and to the upper level (in the balance, never in "raised"), each fund's balance
    when the campaign keeps several, and the published công khai thu – chi tables."""
    kinds = FundTransfer.Kind
    moves = transfer_totals([fund.pk for fund in money]) if money else {}
    total = {kind: sum(m.get(kind, 0) for m in moves.values()) for kind in kinds}
    rows = []
    if len(money) > 1:
        paid = dict(
            Disbursement.objects.countable()
            .filter(campaign=campaign)
            .values_list("indicator_id")
            .annotate(total=Coalesce(Sum("amount"), 0))
            .order_by()
        )
        paid[money[0].pk] = paid.get(money[0].pk, 0) + paid.pop(None, 0)  # blank: the main fund
        for fund in money:
            own = moves.get(fund.pk, {})
            fund_raised = sum(a for (ind, _), (a, _q) in by_area.items() if ind == fund.pk)
            rows.append(
                {
                    "fund": fund,
                    "raised": fund_raised,
                    "opening": own.get(kinds.OPENING, 0),
                    "received": own.get(kinds.FROM_UPPER, 0),
                    "passed_up": own.get(kinds.TO_UPPER, 0),
                    "paid": paid.get(fund.pk, 0),
                    "balance": fund_raised + fund_balance_moves(own) - paid.get(fund.pk, 0),
                }
            )
    statements = list(
        FundStatement.objects.published()
        .filter(indicator__campaign=campaign)
        .select_related("indicator__campaign")
        .order_by("-end_date", "indicator__position", "-id")
    )
    return {
        "opening": total[kinds.OPENING],
        "received": total[kinds.FROM_UPPER],
        "passed_up": total[kinds.TO_UPPER],
        "moved": total[kinds.OPENING] + total[kinds.FROM_UPPER] - total[kinds.TO_UPPER],
        "fund_rows": rows,
        "statements": statements,
    }


def _advance_sources(campaign):
    """The distinct funding sources written on the campaign's disbursements, oldest first."""
    sources = (
        Disbursement.objects.filter(campaign=campaign, reverses__isnull=True)
        .exclude(funding_source="")
        .exclude(reversed_by__isnull=False)
        .order_by("date", "id")
        .values_list("funding_source", flat=True)
    )
    return list(dict.fromkeys(sources))


def _monthly(ids):
    rows = (
        Contribution.objects.countable()
        .filter(indicator_id__in=ids)
        .annotate(month=TruncMonth("date"))
        .values("indicator_id", "month")
        .annotate(total_amount=Coalesce(Sum("amount"), 0), total_quantity=Coalesce(Sum("quantity"), 0))
        .order_by("month")
    )
    return [(row["indicator_id"], row["month"], row["total_amount"], row["total_quantity"]) for row in rows]


SHAPE_COLUMNS = ("shape", "amount_max", "percent", "percent_of", "met")


def _target_of(indicator, row):
    _indicator_id, area_id, amount, assigned_by, *shape = row
    return Target(
        indicator=indicator,
        area_id=area_id,
        amount=amount,
        assigned_by=assigned_by,
        **dict(zip(SHAPE_COLUMNS, shape, strict=True)),
    )


def _rate_result(rate):
    """A rate indicator's part of the campaign page: the latest year, its hamlets, its sentence."""
    progress = Progress(rate.indicator, 0)
    progress.rate = rate
    return IndicatorResult(
        indicator=rate.indicator,
        progress=progress,
        commune_target=None,
        sentence=rate.sentence,
        rate=rate,
        area_rates=area_rates(rate.indicator, rate.year) if rate.year else [],
    )


def _indicator_result(indicator, by_area, by_month, targets, areas, hedges, people=None, in_kind=""):
    own_targets = [_target_of(indicator, row) for row in targets if row[0] == indicator.pk]
    commune_target = next((target for target in own_targets if not target.area_id), None)
    area_targets = {target.area_id: target for target in own_targets if target.area_id}
    pk = indicator.pk
    amount = sum(a for (ind, _), (a, _q) in by_area.items() if ind == pk)
    quantity = sum(q for (ind, _), (_a, q) in by_area.items() if ind == pk)
    measure = amount if indicator.is_money else quantity
    word, value_word = hedges.words(indicator)
    progress = Progress(
        indicator,
        measure,
        value=amount,
        shape=commune_target,
        hedge=word,
        value_hedge=value_word,
        people=people,
    )
    progress.in_kind = in_kind or ""
    rows = []
    for area_id, area_name in areas:
        sums = by_area.get((indicator.pk, area_id))
        if sums is None and area_id not in area_targets:
            continue
        area_measure, area_value = _measure(indicator, sums)
        word, value_word = hedges.words(indicator, area_id=area_id)
        area_progress = Progress(
            indicator,
            area_measure,
            value=area_value,
            shape=area_targets.get(area_id),
            hedge=word,
            value_hedge=value_word,
        )
        rows.append(AreaRow(area_id, area_name, area_progress))
    rows.sort(
        key=lambda row: (row.progress.percent is None, -(row.progress.percent or 0), -row.progress.achieved)
    )
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    commune_wide = None
    if (pk, None) in by_area:
        wide_measure, wide_value = _measure(indicator, by_area[(pk, None)])
        word, value_word = hedges.words(indicator, commune_wide=True)
        commune_wide = Progress(indicator, wide_measure, value=wide_value, hedge=word, value_hedge=value_word)
    months = [(month, a, q) for (ind, month, a, q) in by_month if ind == indicator.pk]
    points, running = [], 0
    for month, month_amount, month_quantity in months:
        running += month_amount if indicator.is_money else month_quantity
        points.append((month, running))
    return IndicatorResult(
        indicator=indicator,
        progress=progress,
        commune_target=commune_target,
        sentence=sentence_from_progress(progress, commune_target),
        rows=rows,
        split_total=sum(target.amount or 0 for target in area_targets.values()),
        chart=progress_chart(indicator, points, progress.target) if points else None,
        commune_wide=commune_wide,
    )


def area_results(area):
    """Progress of `area` against its own targets in the commune's current campaigns.

    For the area page (congresses) and anything else showing one hamlet; four queries.
    """
    indicators = list(
        Indicator.objects.filter(campaign__in=Campaign.objects.current().filter(commune_id=area.commune_id))
        .select_related("campaign")
        .order_by("-campaign__start_date", "campaign_id", "position", "id")
    )
    ids = [indicator.pk for indicator in indicators]
    if not ids:
        return []
    totals = _sums_by(ids, "indicator_id", area_id=area.pk)
    hedges = hedges_for(ids, area_id=area.pk)
    targets = {
        target.indicator_id: target for target in Target.objects.filter(indicator_id__in=ids, area=area)
    }
    results = []
    for indicator in indicators:
        if indicator.is_rate:  # a hamlet's yearly rate is on the campaign page, not summed here
            continue
        measure, value = _measure(indicator, totals.get((indicator.pk,)))
        if not measure and indicator.pk not in targets:
            continue
        word, value_word = hedges.words(indicator)
        results.append(
            Progress(
                indicator,
                measure,
                value=value,
                shape=targets.get(indicator.pk),
                hedge=word,
                value_hedge=value_word,
            )
        )
    return results
