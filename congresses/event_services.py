"""Writes of meetings as they are announced and reported: a conference announced (when, where,
who is invited, what to bring) and later recorded as held, and the rounds of meetings the areas
hold. Each function is one transaction; the admin, the demo and the tests call them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Conference, ConferenceStatus


@transaction.atomic
def announce_conference(conference, by=None):
    """Store a conference that is still to be held. Refused for a day already past: a meeting
    that has happened is recorded as held."""
    if conference.starts_at and conference.starts_at < timezone.now() and not conference.part_of_day:
        raise ValidationError({"starts_at": _("Thời gian đã qua: hãy ghi hội nghị là đã tổ chức.")})
    if conference.part_of_day and timezone.localtime(conference.starts_at).date() < timezone.localdate():
        raise ValidationError({"starts_at": _("Ngày đã qua: hãy ghi hội nghị là đã tổ chức.")})
    conference.status = ConferenceStatus.ANNOUNCED
    conference.full_clean(exclude=["slug"])
    conference.save()
    return conference


@transaction.atomic
def save_conference(conference, by=None):
    """Create or update a conference from the admin. A new one set in the future is an
    announcement; one that has happened is held."""
    if conference.pk is None and conference.starts_at and conference.starts_at > timezone.now():
        conference.status = ConferenceStatus.ANNOUNCED
    if conference.status == ConferenceStatus.HELD and conference.starts_at > timezone.now():
        raise ValidationError({"starts_at": _("Hội nghị đã tổ chức không thể có thời gian trong tương lai.")})
    conference.full_clean(exclude=["slug"])
    conference.save()
    return conference


@transaction.atomic
def record_held(conference, by=None, **figures):
    """An announced conference took place: it is held from now on, with what it reported
    (`attendees_count`, `summary` and the other figures of a conference). Refused before its day."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    if conference.status == ConferenceStatus.HELD:
        raise ValidationError(_("Hội nghị này đã được ghi nhận là đã tổ chức."))
    local = timezone.localtime(conference.starts_at)
    if local.date() > timezone.localdate():
        raise ValidationError(
            _("Hội nghị dự kiến ngày %(day)s, chưa diễn ra: chưa thể ghi nhận đã tổ chức.")
            % {"day": local.strftime("%d/%m/%Y")}
        )
    unknown = set(figures) - _RESULT_FIELDS
    if unknown:
        raise ValidationError(_("Không ghi được trường: %s") % ", ".join(sorted(unknown)))
    for name, value in figures.items():
        setattr(conference, name, value)
    conference.status = ConferenceStatus.HELD
    conference.full_clean(exclude=["slug"])
    conference.save()
    return conference


_RESULT_FIELDS = {
    "attendees_count",
    "sessions_count",
    "areas_taking_part",
    "areas_total",
    "speakers_count",
    "opinions_count",
    "delegates_convened",
    "delegates_present",
    "guests",
    "summary",
}


@transaction.atomic
def save_meeting_round(meeting_round, by=None):
    meeting_round.full_clean()
    meeting_round.save()
    return meeting_round
