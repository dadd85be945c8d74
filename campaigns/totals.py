"""Running totals of the contributions, one row per indicator and hamlet (a row with no hamlet
for entries of the commune as a whole), kept by the services that write contributions in the
same transaction, so the province's roll-up sums a few hundred rows instead of a million entries.

Entries are never erased (a correction is a new, opposite entry), so a total only ever has
figures added to it; a change to a stored entry moves its figures from the old key to the new.
`rebuild_totals` makes them again from the entries (the migration that adds the table, the
`rebuild_contribution_totals` command, a merger that moves entries between indicators).
"""

from collections import defaultdict

from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from congresses.models import CommuneScopedQuerySet

FIGURES = ("amount", "quantity", "registered", "participants")


class ContributionTotalQuerySet(CommuneScopedQuerySet):
    # The indicator's campaign says whose it is, so a merger that moves the campaign moves these.
    commune_lookup = "indicator__campaign__commune"


class ContributionTotal(models.Model):
    indicator = models.ForeignKey(
        "campaigns.Indicator",
        on_delete=models.CASCADE,
        related_name="running_totals",
        verbose_name=_("chỉ tiêu"),
    )
    # None: entries of the commune as a whole, not of one hamlet.
    area = models.ForeignKey(
        "congresses.ResidentialArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("khu dân cư"),
    )
    amount = models.BigIntegerField(_("số tiền (đồng)"), default=0)
    quantity = models.BigIntegerField(_("số lượng"), default=0)
    registered = models.BigIntegerField(_("số người đăng ký"), default=0)
    participants = models.BigIntegerField(_("số người tham gia"), default=0)
    entries = models.BigIntegerField(_("số bút toán"), default=0)

    objects = ContributionTotalQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổng cộng dồn kết quả")
        verbose_name_plural = _("tổng cộng dồn kết quả")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area"],
                condition=models.Q(area__isnull=False),
                name="one_total_per_indicator_area",
            ),
            models.UniqueConstraint(
                fields=["indicator"],
                condition=models.Q(area__isnull=True),
                name="one_commune_total_per_indicator",
            ),
        ]

    def __str__(self):
        return f"{self.indicator_id}/{self.area_id or '-'}: {self.amount} đ, {self.quantity}"


def _key(entry):
    return entry.indicator_id, getattr(entry, "area_id", None)


def _figures(entry, sign):
    return [sign * (getattr(entry, name, 0) or 0) for name in FIGURES] + [sign]


def add_entries(entries, sign=1):
    """Add the figures of saved `entries` (sign -1: take them away) to their totals; one UPDATE
    per indicator and hamlet touched (an INSERT the first time). Call inside the write's
    transaction."""
    deltas = defaultdict(lambda: [0] * (len(FIGURES) + 1))
    for entry in entries:
        for position, value in enumerate(_figures(entry, sign)):
            deltas[_key(entry)][position] += value
    for (indicator_id, area_id), delta in deltas.items():
        _apply(indicator_id, area_id, delta)


def move_entry(stored, entry):
    """A stored entry changed into `entry`: its old figures leave the old key, the new arrive."""
    if _key(stored) == _key(entry) and _figures(stored, 1) == _figures(entry, 1):
        return
    add_entries([stored], sign=-1)
    add_entries([entry])


def _apply(indicator_id, area_id, delta):
    changes = dict(zip((*FIGURES, "entries"), delta, strict=True))
    # F() additions: two writers of one hamlet at once each add their own figures.
    update = {name: F(name) + value for name, value in changes.items()}
    rows = ContributionTotal.objects.filter(indicator_id=indicator_id, area_id=area_id)
    if rows.update(**update):
        return
    try:
        with transaction.atomic():
            ContributionTotal.objects.create(indicator_id=indicator_id, area_id=area_id, **changes)
    except IntegrityError:  # another writer made the row first
        rows.update(**update)


def rebuild_totals(indicator_ids=None):
    """Make the totals again from the entries (of `indicator_ids`, or every indicator): what the
    public pages count (`countable()`), summed in one grouped query. Returns the rows made."""
    from .models import Contribution

    with transaction.atomic():
        stale = ContributionTotal.objects.all()
        entries = Contribution.objects.countable()
        if indicator_ids is not None:
            stale = stale.filter(indicator_id__in=indicator_ids)
            entries = entries.filter(indicator_id__in=indicator_ids)
        stale.delete()
        rows = (
            entries.values("indicator_id", "area_id")
            .annotate(**{name: Coalesce(Sum(name), 0) for name in FIGURES}, entries=Count("*"))
            .order_by()
        )
        made = ContributionTotal.objects.bulk_create(
            (ContributionTotal(**row) for row in rows.iterator(chunk_size=2000)), batch_size=2000
        )
    return len(made)


def province_sums(province_indicator_ids):
    """{(province indicator id, commune id): (amount, quantity, entries)}: every commune's copy of
    the province's indicators summed from the running totals. One query."""
    rows = (
        ContributionTotal.objects.filter(indicator__province_indicator_id__in=province_indicator_ids)
        .values("indicator__province_indicator_id", "indicator__campaign__commune_id")
        .annotate(amount=Sum("amount"), quantity=Sum("quantity"), n=Sum("entries"))
        .order_by()
    )
    return {
        (row["indicator__province_indicator_id"], row["indicator__campaign__commune_id"]): (
            row["amount"] or 0,
            row["quantity"] or 0,
            row["n"] or 0,
        )
        for row in rows
    }
