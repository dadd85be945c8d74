"""Reads that feed the public pages: each a fixed number of queries whatever the data size,
and the read models they return (a committee's page, its composition)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.vietnamese import percent

from .models import (
    ConcurrentRole,
    Conference,
    Delegate,
    FrontCommittee,
    Membership,
    Opinion,
    Person,
    Position,
    ResidentialArea,
    SlateEntry,
    Term,
    VoterMeeting,
)


@dataclass
class Composition:
    """Who a committee is made of, in whole-number percentages of its members."""

    total: int
    women: int
    young: int
    minorities: int
    religious: int
    party: int
    average_age: int | None
    # True when the figures are the decision's, not counted from entered names.
    is_stated: bool = False

    YOUNG_UNDER = 35

    @classmethod
    def stated(cls, term):
        """The make-up the decision gives (None for a part it does not), while no names are
        entered; None when the term states no number of members or no part of it."""
        parts = [getattr(term, name) for name in term.STATED_PARTS]
        if term.stated_members is None or all(part is None for part in parts):
            return None
        return cls(
            total=term.stated_members,
            women=term.stated_women,
            young=term.stated_young,
            minorities=term.stated_minorities,
            religious=term.stated_religious,
            party=term.stated_party,
            average_age=None,
            is_stated=True,
        )

    @classmethod
    def of(cls, memberships, on):
        """Count distinct people among already-loaded memberships (no query per member)."""
        people = {m.person_id: m.person for m in memberships}.values()
        ages = [p.age_in(on.year) for p in people if p.birth_year]
        return cls(
            total=len(people),
            women=sum(p.gender == Person.Gender.FEMALE for p in people),
            young=sum(age < cls.YOUNG_UNDER for age in ages),
            minorities=sum(p.is_ethnic_minority for p in people),
            religious=sum(bool(p.religion) for p in people),
            party=sum(p.party_member for p in people),
            average_age=round(sum(ages) / len(ages)) if ages else None,
        )

    def rows(self):
        """(label, count, percent) for display; a part the decision does not give is left out."""
        rows = [
            (_("Nữ"), self.women),
            (_("Trẻ (dưới 35 tuổi)"), self.young),
            (_("Người dân tộc thiểu số"), self.minorities),
            (_("Người theo tôn giáo"), self.religious),
            (_("Đảng viên"), self.party),
        ]
        return [(label, count, percent(count, self.total)) for label, count in rows if count is not None]


def term_composition(term, on=None):
    """Composition of a term's committee, from memberships (prefetch `memberships__person`)."""
    return Composition.of(term.memberships.all(), on=on or min(timezone.localdate(), term.effective_end))


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


def _terms_with_members(terms, roles=True):
    """Terms with their memberships; with `roles`, each member's public concurrent roles
    (Chủ tịch Hội Nông dân xã) shown beside the name: one query more."""
    members = Membership.objects.for_display()
    if roles:
        shown = ConcurrentRole.objects.shown()
        members = members.prefetch_related(
            Prefetch("person__concurrent_roles", queryset=shown, to_attr="public_roles")
        )
    return terms.select_related("committee__area", "committee__commune").prefetch_related(
        Prefetch("memberships", queryset=members)
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
    def upcoming(self):
        """Announced meetings still to come, soonest first; never among the recent ones."""
        today = timezone.localdate()
        rows = [c for c in self.conferences if c.is_announced and timezone.localdate(c.starts_at) >= today]
        return sorted(rows, key=lambda c: c.starts_at)

    @property
    def held_conferences(self):
        return [c for c in self.conferences if not c.is_announced]

    @property
    def members_count(self):
        """(count, stated count when it differs) of the running term: from the names, else stated."""
        if self.current_term is None:
            return None, None
        return self.current_term.members_count(self.members)

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
    if current is None:
        composition = None
    elif members:
        composition = Composition.of(members, on=on)
    else:
        composition = Composition.stated(current)
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


def commune_page(commune, on=None, conferences_shown=20, roles=False):
    """The commune's Ủy ban MTTQ: standing board and members of the running term. Three queries;
    four with `roles` (each member's public concurrent roles, which the committee page shows)."""
    on = on or timezone.localdate()
    here = Q(committee__commune=commune, committee__level=FrontCommittee.Level.COMMUNE)
    terms = list(_terms_with_members(Term.objects.filter(here), roles=roles).order_by("-start_date"))
    committee = terms[0].committee if terms else None
    conferences = Conference.objects.filter(here).for_listing()[:conferences_shown]
    return _committee_view(terms, conferences, committee, on)


def conference_page(slug, commune):
    """A conference of `commune` with its documents, consultation, slate and delegates. Four queries."""
    return (
        Conference.objects.for_commune(commune)
        .select_related("committee__commune", "committee__area__commune", "term", "consultation__new_term")
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


# --- voters' opinions ------------------------------------------------------------------------


def public_voter_meetings(commune):
    """Published voter meetings of a commune, newest first. One query (paginated: two)."""
    return VoterMeeting.objects.of(commune).published().for_listing()


@dataclass
class FieldGroup:
    label: str
    opinions: list


def voter_meeting_page(commune, slug):
    """A published voter meeting, its hamlets and its public opinions grouped by field.
    Three queries. Raises VoterMeeting.DoesNotExist."""
    public = Opinion.objects.public().select_related("area").order_by("field", "pk")
    meeting = (
        VoterMeeting.objects.of(commune)
        .published()
        .prefetch_related(
            Prefetch("areas", queryset=ResidentialArea.objects.order_by("position", "name")),
            Prefetch("opinions", queryset=public, to_attr="public_opinions"),
        )
        .get(slug=slug)
    )
    labels = dict(Opinion.Field.choices)
    groups = {}
    for opinion in meeting.public_opinions:
        groups.setdefault(opinion.field, []).append(opinion)
    order = list(Opinion.Field.values)
    meeting.field_groups = [
        FieldGroup(str(labels[key]), groups[key]) for key in sorted(groups, key=order.index)
    ]
    return meeting
