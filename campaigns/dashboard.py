"""What campaigns tells the chair's dashboard (lib.dashboard): the running campaigns against
their targets and the same time last year, hamlets behind the commune, entries awaiting the
chair's confirmation, and stated figures that disagree with the books.

Each function runs a fixed number of queries whatever the number of campaigns, entries or
figures (asserted in tests/perf/test_dashboard_queries.py), and reads only what
`visible_to(board.user)` lets the user see of `board.commune`.
"""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from congresses.models import ResidentialArea
from lib.dashboard import Item, Section
from lib.vietnamese import format_number, percent

from . import selectors
from .gifts import GiftBatch
from .houses import House
from .models import Campaign, Contribution, Disbursement, Indicator, ProvinceCampaign, Target
from .permissions import is_chair
from .stated import StatedFigure

# A hamlet is behind when its share of its own target is this many percentage points (or
# more) below the commune's share of the commune's target, and it has not met its target.
BEHIND_MARGIN = 10
# How far from a year before this campaign's start last year's edition may have started.
EDITION_WINDOW = datetime.timedelta(days=92)
SHOWN = 8


def admin_list(name, **filters):
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def a_year_before(day):
    """The same day of the year a year earlier (29/02 → 28/02)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _running(board):
    """The running campaigns with their commune-level progress, read once for the page."""
    return board.once(
        "campaigns.running",
        lambda: selectors.listing(
            Campaign.objects.current().visible_to(board.user).for_commune(board.commune).for_listing()
        ),
    )


# --- running campaigns ----------------------------------------------------------------------


def last_year_figures(indicators, today):
    """{indicator id: (figure a year ago, cut-off day, where it comes from)} for the indicators
    of running campaigns. Last year's edition is an indicator of the same name and unit in
    another (not draft) campaign of the commune that started about a year before this one
    (within EDITION_WINDOW); its entries dated up to the same day last year are summed. A
    campaign running for more than a year with no edition is compared with its own running
    total on that day. Parts of province campaigns are compared only with such parts. Two queries."""
    cutoff = a_year_before(today)
    if not indicators:
        return {}
    communes = {indicator.campaign.commune_id for indicator in indicators}
    own_campaigns = {indicator.campaign_id for indicator in indicators}
    candidates = list(
        Indicator.objects.filter(
            campaign__commune_id__in=communes, name__in={indicator.name for indicator in indicators}
        )
        .exclude(campaign_id__in=own_campaigns)
        .exclude(campaign__status=Campaign.Status.DRAFT)
        .values_list(
            "pk",
            "name",
            "unit",
            "campaign__commune_id",
            "campaign__start_date",
            "campaign__name",
            "campaign__province_campaign_id",
        )
    )
    chosen = {}
    for indicator in indicators:
        expected = a_year_before(indicator.campaign.start_date)
        matches = [
            row
            for row in candidates
            if row[1] == indicator.name
            and row[2] == indicator.unit
            and row[3] == indicator.campaign.commune_id
            and abs(row[4] - expected) <= EDITION_WINDOW
            # A commune's part of a province campaign follows last year's part, not its own fund.
            and (row[6] is None) == (indicator.campaign.province_campaign_id is None)
        ]
        if matches:
            best = min(matches, key=lambda row: abs(row[4] - expected))
            chosen[indicator.pk] = (best[0], best[5])
        elif indicator.campaign.start_date <= cutoff:
            chosen[indicator.pk] = (indicator.pk, "")
    if not chosen:
        return {}
    sums = {
        row["indicator_id"]: (row["amount"], row["quantity"])
        for row in Contribution.objects.countable()
        .filter(indicator_id__in={pk for pk, _name in chosen.values()}, date__lte=cutoff)
        .values("indicator_id")
        .annotate(amount=Coalesce(Sum("amount"), 0), quantity=Coalesce(Sum("quantity"), 0))
        .order_by()
    }
    found = {}
    for indicator in indicators:
        if indicator.pk not in chosen:
            continue
        source_pk, edition = chosen[indicator.pk]
        amount, quantity = sums.get(source_pk, (0, 0))
        found[indicator.pk] = (amount if indicator.is_money else quantity, cutoff, edition)
    return found


def _indicator_url(user, indicator):
    """The chair sets targets on the indicator's grid; others read the indicator's entries."""
    if is_chair(user) and user.has_perms(["campaigns.add_target", "campaigns.change_target"]):
        return reverse("admin:campaigns_indicator_targets", args=[indicator.pk])
    return admin_list("campaigns_contribution", indicator__campaign__id__exact=indicator.campaign_id)


def _compare_text(indicator, now, then, cutoff, edition):
    said = indicator.format_value(then)
    where = (
        _("%(campaign)s, đến %(day)s") % {"campaign": edition, "day": date_format(cutoff, "d/m/Y")}
        if edition
        else _("lũy kế đến %(day)s") % {"day": date_format(cutoff, "d/m/Y")}
    )
    text = _("Cùng kỳ năm trước: %(figure)s (%(where)s)") % {"figure": said, "where": where}
    if then:
        ratio = percent(now, then)
        if ratio > 100:
            return text + " — " + _("nay cao hơn %(p)s%%") % {"p": format_number(ratio - 100)}, ""
        if ratio < 100:
            return text + " — " + _("nay thấp hơn %(p)s%%") % {"p": format_number(100 - ratio)}, "warn"
        return text + " — " + _("nay bằng cùng kỳ"), ""
    return text, ""


def running_campaigns(board):
    """Each running campaign, each indicator's progress (as the public page shows it) and the
    same time last year: the shared listing and two queries."""
    campaigns = _running(board)
    if not campaigns:
        return None
    indicators = [progress.indicator for campaign in campaigns for progress in campaign.results]
    last_year = last_year_figures(indicators, board.today)
    items = []
    for campaign in campaigns:
        rows = []
        for progress in campaign.results:
            indicator = progress.indicator
            detail, tone = "", ""
            if indicator.pk in last_year:
                then, cutoff, edition = last_year[indicator.pk]
                detail, tone = _compare_text(indicator, progress.achieved, then, cutoff, edition)
            else:
                detail = _("Chưa có số cùng kỳ năm trước.")
            rows.append(
                Item(
                    text=indicator.name,
                    url=_indicator_url(board.user, indicator),
                    figure=progress.label
                    if progress.percent is not None
                    else progress.status or progress.figure,
                    progress=progress,
                    detail=detail,
                    tone=tone,
                )
            )
        items.append(
            Item(
                text=campaign.name,
                url=admin_list("campaigns_contribution", indicator__campaign__id__exact=campaign.pk),
                detail=campaign.period_label,
                rows=rows,
                links=[
                    (
                        _("Thông tin cuộc vận động"),
                        reverse("admin:campaigns_campaign_change", args=[campaign.pk]),
                    ),
                    (_("Trang công khai"), campaign.get_absolute_url()),
                ],
            )
        )
    return Section(
        key="campaigns",
        title=_("Các cuộc vận động đang diễn ra"),
        items=items,
        perm="campaigns.view_contribution",
        more_url=admin_list("campaigns_campaign", status__exact=Campaign.Status.ACTIVE),
        more_label=_("Mọi cuộc vận động đang diễn ra"),
        rule=_(
            "Cùng kỳ năm trước: cuộc vận động cùng tên chỉ tiêu của năm trước, cộng đến cùng ngày năm "
            "trước; cuộc vận động kéo dài nhiều năm thì so với lũy kế của chính nó đến ngày đó."
        ),
        order=10,
        template="admin/dashboard/_campaigns.html",
    )


# --- hamlets behind -------------------------------------------------------------------------


def hamlets_behind(board):
    """Hamlets whose share of their own target is BEHIND_MARGIN points or more below the
    commune's share, in the running campaigns, the furthest behind first: the shared listing
    and three queries."""
    campaigns = _running(board)
    progress_of = {
        progress.indicator.pk: (campaign, progress) for campaign in campaigns for progress in campaign.results
    }
    ids = [pk for pk, (_c, progress) in progress_of.items() if progress.percent is not None]
    if not ids:
        return None
    targets = list(
        Target.objects.filter(indicator_id__in=ids, area__isnull=False, amount__gt=0).values_list(
            "indicator_id", "area_id", "amount"
        )
    )
    if not targets:
        return None
    sums = selectors._sums_by(ids, "indicator_id", "area_id")
    behind = []
    for indicator_id, area_id, target in targets:
        campaign, commune_progress = progress_of[indicator_id]
        indicator = commune_progress.indicator
        amount, quantity = sums.get((indicator_id, area_id), (0, 0))
        achieved = amount if indicator.is_money else quantity
        share = percent(achieved, target)
        if achieved < target and share <= commune_progress.percent - BEHIND_MARGIN:
            behind.append(
                (commune_progress.percent - share, campaign, indicator, area_id, achieved, target, share)
            )
    if not behind:
        return None
    behind.sort(key=lambda row: (-row[0], row[3]))
    names = {
        area.pk: area.full_name
        for area in ResidentialArea.objects.filter(pk__in={row[3] for row in behind[:SHOWN]})
    }
    items = [
        Item(
            text=f"{names.get(area_id, '')} — {indicator.name}",
            url=admin_list("campaigns_contribution", indicator__campaign__id__exact=campaign.pk, khu=area_id),
            figure=_("đạt %(share)s%% chỉ tiêu của mình (cả xã %(commune)s%%)")
            % {"share": format_number(share), "commune": format_number(progress_of[indicator.pk][1].percent)},
            detail=f"{indicator.format_value(achieved)} / {indicator.format_value(target)} — {campaign.name}",
            tone="warn",
        )
        for _gap, campaign, indicator, area_id, achieved, target, share in behind[:SHOWN]
    ]
    return Section(
        key="behind",
        title=_("Khu dân cư chậm so với cả xã"),
        items=items,
        perm="campaigns.view_contribution",
        count=len(behind),
        rule=_(
            "Khu dân cư có chỉ tiêu riêng, chưa đạt, và tỷ lệ đạt thấp hơn tỷ lệ chung của xã từ "
            "%(margin)s điểm phần trăm trở lên."
        )
        % {"margin": BEHIND_MARGIN},
        order=20,
    )


# --- entries awaiting confirmation ----------------------------------------------------------


def unverified_entries(board):
    """Entries not yet confirmed by the chair, counted per campaign. One query."""
    rows = list(
        Contribution.objects.visible_to(board.user)
        .filter(indicator__campaign__commune=board.commune, verified_at__isnull=True)
        .values("indicator__campaign_id", "indicator__campaign__name")
        .annotate(entries=Count("id"))
        .order_by("-entries", "indicator__campaign_id")
    )
    if not rows:
        return None
    items = [
        Item(
            text=row["indicator__campaign__name"],
            url=admin_list(
                "campaigns_contribution",
                **{"indicator__campaign__id__exact": row["indicator__campaign_id"], "xac-nhan": "chua"},
            ),
            figure=_("%(n)s bút toán chưa xác nhận") % {"n": format_number(row["entries"])},
            tone="warn",
        )
        for row in rows[:SHOWN]
    ]
    return Section(
        key="unverified",
        title=_("Kết quả chờ xác nhận"),
        items=items,
        perm="campaigns.view_contribution",
        count=sum(row["entries"] for row in rows),
        more_url=admin_list("campaigns_contribution", **{"xac-nhan": "chua"}),
        more_label=_("Mọi kết quả chưa xác nhận"),
        rule=_("Chủ tịch đối chiếu với biên nhận rồi chọn “Xác nhận các kết quả đã chọn”."),
        order=30,
    )


# --- stated figures that disagree --------------------------------------------------------------


def stated_ledgers(figures):
    """{figure pk: ledger} for `figures`, the same dicts `StatedFigure.ledger()` gives, read
    with five grouped queries instead of one or two per figure."""
    indicator_ids = {
        f.indicator_id for f in figures if f.subject == StatedFigure.Subject.INDICATOR and f.indicator_id
    }
    campaign_ids = {f.campaign_id for f in figures}
    totals = selectors._sums_by(indicator_ids, "indicator_id") if indicator_ids else {}
    targets = dict(
        Target.objects.filter(indicator_id__in=indicator_ids, area__isnull=True).values_list(
            "indicator_id", "amount"
        )
    )
    cash, kind = F("count") * F("cash_per_gift"), F("count") * F("kind_value_per_gift")
    gifts = {
        row["campaign_id"]: row
        for row in GiftBatch.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(
            gifts=Coalesce(Sum("count", filter=Q(tops_up__isnull=True)), 0),
            value=Coalesce(Sum(cash), 0) + Coalesce(Sum(kind), 0),
        )
        .order_by()
    }
    houses = {
        row["campaign_id"]: row
        for row in House.objects.filter(campaign_id__in=campaign_ids)
        .counted()
        .values("campaign_id")
        .annotate(count=Count("pk"), value=Coalesce(Sum("total_value"), 0))
        .order_by()
    }
    paid = dict(
        Disbursement.objects.countable()
        .filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(total=Coalesce(Sum("amount"), 0))
        .order_by()
        .values_list("campaign_id", "total")
    )
    ledgers = {}
    for figure in figures:
        subject = figure.subject
        if subject == StatedFigure.Subject.INDICATOR and figure.indicator_id:
            amount, quantity = totals.get((figure.indicator_id,), (0, 0))
            money = figure.indicator.is_money
            ledgers[figure.pk] = {
                "amount": amount if money or amount else None,
                "count": None if money else quantity,
                "target": targets.get(figure.indicator_id),
            }
        elif subject == StatedFigure.Subject.GIFTS:
            row = gifts.get(figure.campaign_id, {"gifts": 0, "value": 0})
            ledgers[figure.pk] = {"amount": row["value"], "count": row["gifts"]}
        elif subject == StatedFigure.Subject.HOUSES:
            row = houses.get(figure.campaign_id, {"count": 0, "value": 0})
            ledgers[figure.pk] = {"amount": row["value"], "count": row["count"]}
        elif subject == StatedFigure.Subject.DISBURSED:
            ledgers[figure.pk] = {"amount": paid.get(figure.campaign_id, 0)}
        else:
            ledgers[figure.pk] = {}
    return ledgers


def stated_mismatches(board):
    """Stated figures of the commune whose checks disagree (with the first disagreement's
    working), newest source first. Eight queries whatever the number of figures."""
    figures = list(
        StatedFigure.objects.visible_to(board.user)
        .filter(campaign__commune=board.commune)
        .for_listing()
        .order_by("-source_date", "-pk")
    )
    if not figures:
        return None
    ledgers = stated_ledgers(figures)
    flagged = []
    for figure in figures:
        wrong = figure.disagreements(parts=list(figure.parts.all()), ledger=ledgers[figure.pk])
        if wrong:
            flagged.append((figure, wrong))
    if not flagged:
        return None
    items = [
        Item(
            text=f"“{figure.quote}”",
            url=reverse("admin:campaigns_statedfigure_change", args=[figure.pk]),
            figure=wrong[0].text,
            detail=f"{figure.source} ({date_format(figure.source_date, 'd/m/Y')})",
            tone="late",
        )
        for figure, wrong in flagged[:SHOWN]
    ]
    return Section(
        key="stated",
        title=_("Số liệu được nêu không khớp với sổ"),
        items=items,
        perm="campaigns.view_statedfigure",
        count=len(flagged),
        more_url=admin_list("campaigns_statedfigure", doi_chieu="khong_khop"),
        more_label=_("Mọi số liệu không khớp"),
        rule=_("Đối chiếu tỷ lệ, các phần của tổng, trị giá mỗi suất và sổ kết quả, như trang đối chiếu."),
        order=40,
    )


# --- the province's page --------------------------------------------------------------------


def communes_behind(board):
    """Communes whose share of their part of a running province campaign is BEHIND_MARGIN
    points or more below the province's, the furthest behind first, each linked to its
    commune's campaign in the admin. The province read model's queries and one more."""
    from .province_selectors import province_results

    campaigns = (
        ProvinceCampaign.objects.visible_to(board.user)
        .for_province(board.province)
        .filter(status=Campaign.Status.ACTIVE)
    )
    campaigns = province_results(campaigns)
    behind = []
    for campaign in campaigns:
        for result in campaign.results:
            overall = result.progress.percent
            if overall is None:
                continue
            for row in result.rows:
                share = row.progress.percent
                if share is not None and not row.progress.met and share <= overall - BEHIND_MARGIN:
                    behind.append((overall - share, campaign, result, row))
    if not behind:
        return None
    behind.sort(key=lambda found: (-found[0], found[3].area_name))
    parts = {
        (province_campaign_id, commune_id): pk
        for pk, province_campaign_id, commune_id in Campaign.objects.filter(
            province_campaign_id__in={found[1].pk for found in behind},
            commune_id__in={found[3].area_id for found in behind},
        ).values_list("pk", "province_campaign_id", "commune_id")
    }
    items = []
    for _gap, campaign, result, row in behind[:SHOWN]:
        part = parts.get((campaign.pk, row.area_id))
        items.append(
            Item(
                text=f"{row.area_name} — {result.indicator.name}",
                url=reverse("admin:campaigns_campaign_change", args=[part])
                if part
                else admin_list("campaigns_campaign", commune__id__exact=row.area_id),
                figure=_("đạt %(share)s%% phần được giao (toàn tỉnh %(all)s%%)")
                % {
                    "share": format_number(row.progress.percent),
                    "all": format_number(result.progress.percent),
                },
                detail=campaign.name,
                tone="warn",
            )
        )
    return Section(
        key="communes-behind",
        title=_("Xã, phường chậm so với toàn tỉnh"),
        items=items,
        perm="campaigns.view_campaign",
        count=len(behind),
        rule=_(
            "Xã, phường chưa đạt phần được giao và có tỷ lệ đạt thấp hơn tỷ lệ chung của tỉnh từ "
            "%(margin)s điểm phần trăm trở lên."
        )
        % {"margin": BEHIND_MARGIN},
        order=20,
    )
