"""Reads that feed the public pages: each a fixed number of queries whatever the data size."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from .models import (
    Composition,
    Conference,
    Delegate,
    FrontCommittee,
    Membership,
    Position,
    ResidentialArea,
    SlateEntry,
    Term,
)


@dataclass
class AreaRow:
    area: ResidentialArea
    head: Membership | None = None
    deputies: list = field(default_factory=list)


def directory(commune=None, on=None):
    """Every current area with the head and deputies of its Ban CTMT today. Two queries."""
    on = on or timezone.localdate()
    areas = (
        ResidentialArea.objects.current(on)
        .select_related("commune")
        .order_by("commune__name", "position", "name")
    )
    if commune is not None:
        areas = areas.filter(commune=commune)
    rows = {area.pk: AreaRow(area) for area in areas}
    leaders = (
        Membership.objects.on(on)
        .filter(
            term__committee__area__in=list(rows),
            position__kind__in=[Position.Kind.HEAD, Position.Kind.DEPUTY],
        )
        .select_related("person", "position", "term__committee")
        .order_by("position__rank", "person__full_name")
    )
    for membership in leaders:
        row = rows[membership.term.committee.area_id]
        if membership.position.kind == Position.Kind.HEAD:
            row.head = membership
        else:
            row.deputies.append(membership)
    return list(rows.values())


def _terms_with_members(terms):
    return terms.select_related("committee__area", "committee__commune").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.for_display())
    )


@dataclass
class CommitteeView:
    """A committee's page: the running term and its members today, its composition, past terms."""

    committee: FrontCommittee | None
    current_term: Term | None
    members: list
    composition: Composition | None
    past_terms: list
    conferences: list

    @property
    def standing_board(self):
        return [m for m in self.members if m.position.on_standing_board]

    @property
    def other_members(self):
        return [m for m in self.members if not m.position.on_standing_board]

    @property
    def leaders(self):
        return [m for m in self.members if m.position.is_leading]


def _committee_view(terms, conferences, committee, on):
    terms = list(terms)
    current = next(
        (t for t in terms if t.committee_id == getattr(committee, "pk", None) and t.is_current_on(on)), None
    )
    members = (
        [m for m in current.memberships.all() if m.since <= on and (m.until is None or m.until >= on)]
        if current
        else []
    )
    composition = Composition.of(members, on=on) if current else None
    past = [t for t in terms if t is not current and t.start_date <= on]
    return CommitteeView(committee, current, members, composition, past, list(conferences))


def area_page(area, on=None, conferences_shown=20):
    """The area's Ban CTMT, with the terms of the areas merged into it. Four queries."""
    on = on or timezone.localdate()
    here = Q(committee__area=area) | Q(committee__area__merged_into=area)
    terms = _terms_with_members(Term.objects.filter(here)).order_by("-start_date")
    terms = list(terms)
    committee = next((t.committee for t in terms if t.committee.area_id == area.pk), None)
    conferences = Conference.objects.filter(here).for_listing()[:conferences_shown]
    return _committee_view(terms, conferences, committee, on)


def commune_page(commune, on=None, conferences_shown=20):
    """The commune's Ủy ban MTTQ: standing board and members of the running term. Three queries."""
    on = on or timezone.localdate()
    here = Q(committee__commune=commune, committee__level=FrontCommittee.Level.COMMUNE)
    terms = list(_terms_with_members(Term.objects.filter(here)).order_by("-start_date"))
    committee = terms[0].committee if terms else None
    conferences = Conference.objects.filter(here).for_listing()[:conferences_shown]
    return _committee_view(terms, conferences, committee, on)


def conference_page(slug):
    """A conference with its documents, consultation, slate and delegates. Four queries."""
    return (
        Conference.objects.select_related(
            "committee__commune", "committee__area__commune", "term", "consultation__new_term"
        )
        .prefetch_related(
            "documents",
            Prefetch("consultation__slate", queryset=_slate_queryset()),
            Prefetch(
                "consultation__delegates",
                queryset=_delegate_queryset(),
            ),
        )
        .get(slug=slug)
    )


def _slate_queryset():
    return SlateEntry.objects.select_related("person", "position").order_by("position__rank", "pk")


def _delegate_queryset():
    return Delegate.objects.select_related("person", "congress_term__committee__commune").order_by("pk")
