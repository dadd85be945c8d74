"""Rounds (đợt), fund years and peak months of a campaign, each with its own targets, and
their figures with the running total (lũy kế).

An entry belongs to a round by its date: rounds of one kind do not overlap, so no entry is
counted twice in a round's figures, and a fund year that runs from October to September
(`fund_year_dates`) holds the peak month that ends on 18/11. The running total of a round
is every entry of the campaign dated up to the round's last day, against the campaign's
own target; the round's figure is divided by the round's target, never the campaign's.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from congresses.models import CommuneScopedQuerySet
from lib import bounds

from .models import Campaign, CampaignPartQuerySet, Contribution, Indicator, Progress
from .target_shapes import TargetShape

FUND_YEAR_FIRST_MONTH = 10  # the Quỹ “Vì người nghèo” year: 01/10 to 30/09


def fund_year_dates(first_year, first_month=FUND_YEAR_FIRST_MONTH):
    """(first day, last day) of the fund year starting in `first_month` of `first_year`:
    2025 → 01/10/2025 – 30/09/2026."""
    start = datetime.date(first_year, first_month, 1)
    return start, datetime.date(first_year + 1, first_month, 1) - datetime.timedelta(days=1)


class Round(models.Model):
    class Kind(models.TextChoices):
        ROUND = "dot", _("Đợt")
        YEAR = "nam", _("Năm (năm quỹ)")
        PEAK = "cao_diem", _("Tháng cao điểm")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("cuộc vận động")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.ROUND)
    name = models.CharField(_("tên"), max_length=120, help_text=_("Ví dụ: Đợt 1, Năm 2025–2026."))
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))

    objects = CampaignPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt, năm của cuộc vận động")
        verbose_name_plural = _("đợt, năm của cuộc vận động")
        ordering = ["campaign", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="round_dates"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.period_text})"

    @property
    def period_text(self):
        return f"từ {date_format(self.start_date, 'd/m/Y')} đến {date_format(self.end_date, 'd/m/Y')}"

    @property
    def target_phrase(self):
        """How the sentence names this round's target: `chỉ tiêu đợt`, `chỉ tiêu năm`."""
        return {
            self.Kind.YEAR: "chỉ tiêu năm",
            self.Kind.PEAK: "chỉ tiêu tháng cao điểm",
        }.get(self.kind, "chỉ tiêu đợt")

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})
        if not (self.campaign_id and self.start_date and self.end_date):
            return
        overlapping = (
            Round.objects.filter(campaign_id=self.campaign_id, kind=self.kind)
            .exclude(pk=self.pk)
            .filter(start_date__lte=self.end_date, end_date__gte=self.start_date)
            .first()
        )
        if overlapping:
            raise ValidationError(
                _("Trùng thời gian với %(other)s: mỗi ngày chỉ thuộc một %(kind)s.")
                % {"other": overlapping, "kind": self.get_kind_display().lower()}
            )


class RoundTargetQuerySet(CommuneScopedQuerySet):
    commune_lookup = "round__campaign__commune"


class RoundTarget(TargetShape):
    """A round's own target for one indicator, in any of the target shapes."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="targets", verbose_name=_("đợt"))
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="round_targets", verbose_name=_("chỉ tiêu")
    )
    amount = models.BigIntegerField(
        _("mức chỉ tiêu"), null=True, blank=True, validators=[bounds.AmountLimit()]
    )

    objects = RoundTargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu của đợt")
        verbose_name_plural = _("chỉ tiêu của đợt")
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="one_target_per_round_indicator"),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0) | models.Q(amount__isnull=True), name="round_target_positive"
            ),
        ]

    def __str__(self):
        return f"{self.round.name} — {self.indicator.name}: {self.text(self.indicator) or self.get_shape_display()}"

    @property
    def report_phrase(self):
        return self.round.target_phrase

    def clean(self):
        if self.round_id and self.indicator_id and self.round.campaign_id != self.indicator.campaign_id:
            raise ValidationError({"indicator": _("Chỉ tiêu không thuộc cuộc vận động của đợt này.")})
        self.clean_shape()


@dataclass
class RoundResult:
    round: Round
    indicator: Indicator
    progress: Progress  # the round's entries against the round's own target
    running: Progress  # every entry up to the round's last day against the campaign's target
    target: RoundTarget | None
    sentence: str = ""


def round_results(campaign, indicators, commune_targets, hedges):
    """[RoundResult] for every round of `campaign` (oldest first) and indicator: one query
    when the campaign has no rounds, three when it has (rounds, their targets, daily sums).

    `commune_targets` maps an indicator id to its campaign target (for the running total),
    `hedges` is the campaign's `campaigns.hedges.Hedges`.
    """
    from .reports import round_sentence

    rounds = list(Round.objects.filter(campaign=campaign).order_by("start_date", "id"))
    if not rounds or not indicators:
        return []
    ids = [indicator.pk for indicator in indicators]
    targets = {
        (target.round_id, target.indicator_id): target
        for target in RoundTarget.objects.filter(round__in=rounds, indicator_id__in=ids)
    }
    days = (
        Contribution.objects.countable()
        .filter(indicator_id__in=ids, date__lte=max(r.end_date for r in rounds))
        .values("indicator_id", "date")
        .annotate(total_amount=Coalesce(Sum("amount"), 0), total_quantity=Coalesce(Sum("quantity"), 0))
        .order_by()
    )
    daily = [(row["indicator_id"], row["date"], row["total_amount"], row["total_quantity"]) for row in days]
    people = _daily_people(indicators, max(r.end_date for r in rounds))
    results = []
    for round_ in rounds:
        for indicator in indicators:
            inside = [0, 0]
            running = [0, 0]
            for indicator_id, day, amount, quantity in daily:
                if indicator_id != indicator.pk or day > round_.end_date:
                    continue
                running[0] += amount
                running[1] += quantity
                if day >= round_.start_date:
                    inside[0] += amount
                    inside[1] += quantity
            target = targets.get((round_.pk, indicator.pk))
            if not any(inside) and target is None:
                continue
            people_inside, people_running = [0, 0], [0, 0]
            for indicator_id, day, registered, participants in people:
                if indicator_id != indicator.pk or day > round_.end_date:
                    continue
                people_running[0] += registered
                people_running[1] += participants
                if day >= round_.start_date:
                    people_inside[0] += registered
                    people_inside[1] += participants
            word, value_word = hedges.words(indicator, start=round_.start_date, end=round_.end_date)
            progress = Progress(
                indicator,
                inside[0] if indicator.is_money else inside[1],
                value=inside[0],
                shape=target,
                hedge=word,
                value_hedge=value_word,
                people=people_inside,
            )
            word, value_word = hedges.words(indicator, end=round_.end_date)
            total = Progress(
                indicator,
                running[0] if indicator.is_money else running[1],
                value=running[0],
                shape=commune_targets.get(indicator.pk),
                hedge=word,
                value_hedge=value_word,
                people=people_running,
            )
            result = RoundResult(round_, indicator, progress, total, target)
            result.sentence = round_sentence(result, commune_targets.get(indicator.pk))
            results.append(result)
    return results


def _daily_people(indicators, last_day):
    """[(indicator id, day, registered, participants)] of the indicators that count people, up
    to `last_day`; no query when none does. Read from the partial index of entries with people."""
    ids = [indicator.pk for indicator in indicators if indicator.counts_people]
    if not ids:
        return []
    rows = (
        Contribution.objects.countable()
        .filter(~models.Q(registered=0) | ~models.Q(participants=0), indicator_id__in=ids, date__lte=last_day)
        .values("indicator_id", "date")
        .annotate(
            registered_sum=Coalesce(Sum("registered"), 0), participants_sum=Coalesce(Sum("participants"), 0)
        )
        .order_by()
    )
    return [(r["indicator_id"], r["date"], r["registered_sum"], r["participants_sum"]) for r in rows]
