"""Small builders for congresses tests: people, committees, terms with members, conferences."""

import datetime
import itertools

from django.utils import timezone

from congresses import services
from congresses.models import Conference, Person, Position

_numbers = itertools.count(1)


def position(name):
    return Position.objects.get(name=name)


def person(commune, full_name=None, **extra):
    n = next(_numbers)
    extra.setdefault("gender", Person.Gender.MALE)
    extra.setdefault("birth_year", 1970)
    return Person.objects.create(commune=commune, full_name=full_name or f"Nguyễn Văn Số {n}", **extra)


def term_with_members(committee, start, end, members):
    """`members`: list of (Person, position name). Returns the term."""
    term = committee.terms.create(start_date=start, end_date=end)
    for who, name in members:
        services.appoint(term, who, position(name))
    return term


def village_committee(area, start=datetime.date(2021, 1, 10), end=datetime.date(2024, 1, 31), size=3):
    """An area's Ban CTMT with one term: a head, a deputy and members."""
    committee = services.committee_for_area(area)
    names = ["Trưởng ban", "Phó Trưởng ban"] + ["Thành viên"] * (size - 2)
    members = [(person(area.commune), name) for name in names]
    return committee, term_with_members(committee, start, end, members)


def conference(committee, kind=Conference.Kind.TERM, day=datetime.date(2024, 1, 7), **extra):
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))
    return Conference.objects.create(committee=committee, kind=kind, starts_at=starts_at, **extra)


def today():
    return timezone.localdate()


def running_village(area, size=3, **person_extra):
    """An area's Ban CTMT whose current term runs today, and a finished term before it."""
    now = today()
    committee, past = village_committee(
        area,
        now.replace(year=now.year - 4),
        now.replace(year=now.year - 1) - datetime.timedelta(days=1),
        size=size,
    )
    names = ["Trưởng ban", "Phó Trưởng ban"] + ["Thành viên"] * (size - 2)
    members = [(person(area.commune, **person_extra), name) for name in names]
    current = term_with_members(
        committee, now.replace(year=now.year - 1), now.replace(year=now.year + 1), members
    )
    return committee, past, current
