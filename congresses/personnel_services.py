"""Writes of personnel between congresses, congress outcomes and areas' yearly profiles and
splits. Each function is one transaction; the admin, the demo and the tests all call them.
Nothing here deletes a row: a membership that ends is dated, an area that splits is ended."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .area_profiles import AreaSuccession
from .festivals import may_enter_for_area
from .models import Membership, ResidentialArea
from .personnel import CandidateRound, SupplementaryConsultation


def _user(by):
    return by if by is not None and getattr(by, "pk", None) else None


# --- areas ------------------------------------------------------------------------------------


@transaction.atomic
def save_area_profile(profile, by=None):
    """Enter or correct one area's figures for a year. An officer only for their own area."""
    if by is not None and not may_enter_for_area(by, profile.area):
        raise PermissionDenied(_("Bạn chỉ nhập số liệu cho khu dân cư mình phụ trách."))
    if profile.pk is None:
        profile.entered_by = _user(by)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def split_area(area, parts, on, by=None):
    """End `area` on `on` and record where it went: `parts` is a list of (successor,
    households moved or None, is_principal). At least one part; at most one principal."""
    area = ResidentialArea.objects.select_for_update().get(pk=area.pk)
    if not parts:
        raise ValidationError(_("Hãy chọn ít nhất một khu dân cư tiếp nhận."))
    if sum(1 for _s, _h, principal in parts if principal) > 1:
        raise ValidationError(_("Chỉ một khu dân cư tiếp nhận phần chính."))
    if area.merged_into_id or (area.valid_until and area.valid_until <= on):
        raise ValidationError(_("%(area)s đã kết thúc từ trước.") % {"area": area.full_name})
    made = []
    for successor, households, principal in parts:
        succession = AreaSuccession(
            predecessor=area, successor=successor, on=on, households=households, is_principal=principal
        )
        succession.full_clean()
        succession.save()
        made.append(succession)
    area.valid_until = on
    area.save(update_fields=["valid_until"])
    return made


@transaction.atomic
def record_succession(succession, by=None):
    """Add one part of a split or re-drawn area; the predecessor ends on that day if it has not."""
    succession.full_clean()
    succession.save()
    area = ResidentialArea.objects.select_for_update().get(pk=succession.predecessor_id)
    if area.valid_until is None or area.valid_until > succession.on:
        area.valid_until = succession.on
        area.save(update_fields=["valid_until"])
    return succession


# --- personnel ---------------------------------------------------------------------------------


@transaction.atomic
def confirm_supplementary(consultation, by=None):
    """Confirm a hiệp thương bổ sung: the membership it replaces (if any) ends the day before,
    and the new one opens on `since`. Refused twice. Returns the new membership."""
    consultation = SupplementaryConsultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.is_confirmed:
        raise ValidationError(_("Kết quả hiệp thương bổ sung này đã được xác nhận."))
    consultation.full_clean()
    if consultation.replaces_id:
        old = Membership.objects.select_for_update().get(pk=consultation.replaces_id)
        old.until = consultation.since - datetime.timedelta(days=1)
        if old.until < old.since:
            raise ValidationError(_("Ngày giữ chức mới phải sau ngày bắt đầu của chức danh cũ."))
        old.full_clean()
        old.save(update_fields=["until"])
    membership = Membership(
        term=consultation.term,
        person=consultation.person,
        position=consultation.position,
        organisation=consultation.organisation,
        since=consultation.since,
        note=_("Hiệp thương bổ sung tại %(conference)s") % {"conference": consultation.conference.title},
    )
    membership.full_clean()
    membership.save()
    consultation.membership = membership
    consultation.status = SupplementaryConsultation.Status.CONFIRMED
    consultation.confirmed_by = _user(by)
    consultation.confirmed_at = timezone.now()
    consultation.save(update_fields=["membership", "status", "confirmed_by", "confirmed_at"])
    return membership


@transaction.atomic
def record_candidate_round(candidate_round, by=None):
    """Record one round of the hamlet-head candidates' consultation (the second only after an
    agreeing first)."""
    candidate_round.full_clean()
    candidate_round.save()
    return candidate_round


def candidate_rounds_of(committee, year):
    """The rounds of a year for one Ban CTMT, by person: [(person, [round 1, round 2])]."""
    rows = CandidateRound.objects.filter(committee=committee, year=year).select_related("person")
    by_person = {}
    for row in rows.order_by("person__full_name", "stage"):
        by_person.setdefault(row.person, []).append(row)
    return list(by_person.items())


def save_outcome(row):
    """Save a congress outcome line (an approval, a term total, an award), checked."""
    row.full_clean()
    row.save()
    return row
