"""The province's roll-ups of its communes' Front records: conferences held, voters' opinions by
field. Each one grouped query whatever the number of communes; the province page calls them."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from lib.vietnamese import format_percent, percent

from .models import Conference
from .opinions import Opinion


@dataclass
class ConferencesHeld:
    kind_label: str
    term_label: str
    communes_held: int
    communes_total: int
    conferences: int

    @property
    def sentence(self):
        """`12/40 xã, phường đã tổ chức Đại hội đại biểu, nhiệm kỳ 2024–2029`."""
        text = f"{self.communes_held}/{self.communes_total} xã, phường đã tổ chức {self.kind_label}"
        return f"{text}, {self.term_label}" if self.term_label else text

    @property
    def percent(self):
        return percent(self.communes_held, self.communes_total) if self.communes_total else None


def conferences_held(province, communes_total, on=None):
    """Per kind of conference and term: how many of the province's communes held one (up to
    `on`, now by default). One query."""
    on = on or timezone.now()
    rows = (
        Conference.objects.filter(committee__commune__province=province, starts_at__lte=on)
        .values("kind", "term__start_date__year", "term__end_date__year")
        .annotate(communes=Count("committee__commune", distinct=True), conferences=Count("id"))
        .order_by()
    )
    kinds = dict(Conference.Kind.choices)
    # The congress first, then the hamlets' term conferences, then the rest; the newest term first.
    first = dict.fromkeys([Conference.Kind.CONGRESS, Conference.Kind.TERM, *kinds])
    order = {kind: number for number, kind in enumerate(first)}
    rows = sorted(rows, key=lambda row: (order[row["kind"]], -(row["term__start_date__year"] or 0)))
    result = []
    for row in rows:
        start, end = row["term__start_date__year"], row["term__end_date__year"]
        result.append(
            ConferencesHeld(
                kind_label=str(kinds.get(row["kind"], row["kind"])),
                term_label=f"nhiệm kỳ {start}–{end}" if start else "",
                communes_held=row["communes"],
                communes_total=communes_total,
                conferences=row["conferences"],
            )
        )
    return result


@dataclass
class OpinionsByField:
    field_label: str
    total: int
    answered: int
    communes: int

    @property
    def answered_percent(self):
        return format_percent(percent(self.answered, self.total)) if self.total else ""


ANSWERED = [Opinion.Status.ANSWERED, Opinion.Status.CLOSED]


def voter_opinions_by_field(province):
    """Voters' opinions (from voter meetings) of the province's communes, by field: how many,
    how many answered, from how many communes. One query; most opinions first."""
    rows = (
        Opinion.objects.kept()
        .filter(commune__province=province, source=Opinion.Source.VOTER_MEETING)
        .values("field")
        .annotate(
            total=Count("id"),
            answered=Count("id", filter=Q(status__in=ANSWERED)),
            communes=Count("commune", distinct=True),
        )
        .order_by("-total", "field")
    )
    fields = dict(Opinion.Field.choices)
    return [
        OpinionsByField(
            str(fields.get(row["field"], row["field"])), row["total"], row["answered"], row["communes"]
        )
        for row in rows
    ]
