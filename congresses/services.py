"""Writes that touch several congresses models, each in one transaction.

The admin, the demo loader and the tests all call these; nothing here deletes a row.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Consultation,
    FrontCommittee,
    Membership,
    Position,
    SlateEntry,
    Term,
)


def _stamp(instance, by):
    """Tell django-simple-history who made the change when there is no request."""
    if by is not None:
        instance._history_user = by
    return instance


def _vn(day):
    return day.strftime("%d/%m/%Y")


@transaction.atomic
def merge_areas(old_areas, into, on, by=None):
    """Merge `old_areas` into `into` from the date `on` (a rename is a merge of one area).

    The old areas stay, with `valid_until = on` and `merged_into = into`; their public URLs
    redirect to the successor. Their committees' running terms end the day before with the
    merger as the reason, and open memberships close on that day. Returns `into`.
    """
    old_areas = list(old_areas)
    if not old_areas:
        raise ValidationError(_("Hãy chọn ít nhất một khu dân cư để sáp nhập."))
    if into.merged_into_id:
        raise ValidationError(_("“%(name)s” đã sáp nhập vào nơi khác, không thể nhận thêm.") % {"name": into})
    last_day = on - datetime.timedelta(days=1)
    for area in old_areas:
        if area.pk == into.pk:
            raise ValidationError(_("Không thể sáp nhập “%(name)s” vào chính nó.") % {"name": area})
        if area.commune_id != into.commune_id:
            raise ValidationError(_("“%(name)s” thuộc xã, phường khác.") % {"name": area})
        if area.merged_into_id:
            raise ValidationError(
                _("“%(name)s” đã sáp nhập vào “%(into)s” từ trước.")
                % {"name": area, "into": area.merged_into}
            )
    reason = _("Sáp nhập vào %(name)s từ ngày %(day)s") % {"name": into.in_sentence, "day": _vn(on)}
    for area in old_areas:
        area.valid_until = on
        area.merged_into = into
        area.save(update_fields=["valid_until", "merged_into"])
        for term in Term.objects.filter(committee__area=area).running(last_day):
            _end_term(term, last_day, reason, by)
    if into.valid_from is None or into.valid_from > on:
        into.valid_from = on
        into.save(update_fields=["valid_from"])
    return into


def _end_term(term, last_day, reason, by):
    for membership in term.memberships.filter(until__isnull=True):
        membership.until = max(last_day, membership.since)
        _stamp(membership, by).save(update_fields=["until"])
    if term.effective_end > last_day:
        term.ended_on = max(last_day, term.start_date)
        term.end_reason = term.end_reason or reason
        term.save(update_fields=["ended_on", "end_reason"])


def outgoing_term(committee, before):
    """The committee's latest term that started before the given day."""
    return committee.terms.filter(start_date__lt=before).order_by("-start_date").first()


@transaction.atomic
def propose_new_term(conference, term_start=None, term_end=None, congress_ordinal=None, by=None):
    """Start a new term at a term conference: a draft consultation whose slate proposes the
    outgoing members, in their positions, for the conference to agree or change.

    Dates default to the conference day and a term as long (in years) as the outgoing one.
    Returns the draft consultation. Refused when the conference already has one.
    """
    if not conference.elects_committee:
        raise ValidationError(_("Chỉ hội nghị nhiệm kỳ hoặc đại hội mới bắt đầu nhiệm kỳ mới."))
    if Consultation.objects.filter(conference=conference).exists():
        raise ValidationError(_("Hội nghị này đã có kết quả hiệp thương; hãy sửa danh sách ở đó."))
    committee = conference.committee
    term_start = term_start or timezone.localtime(conference.starts_at).date()
    previous = outgoing_term(committee, term_start)
    if term_end is None:
        if previous:
            years = max(1, previous.end_date.year - previous.start_date.year)
        else:
            years = 5 if committee.level == FrontCommittee.Level.COMMUNE else 2
        term_end = datetime.date(term_start.year + years, 12, 31)
    consultation = Consultation(
        conference=conference, term_start=term_start, term_end=term_end, congress_ordinal=congress_ordinal
    )
    consultation.full_clean()
    _stamp(consultation, by).save()
    if previous:
        outgoing = previous.memberships.filter(until__isnull=True) | previous.memberships.filter(
            until__gte=previous.effective_end
        )
        seen = set()
        for membership in outgoing.select_related("position").order_by("position__rank", "pk"):
            if membership.person_id in seen:
                continue
            seen.add(membership.person_id)
            entry = SlateEntry(
                consultation=consultation,
                person_id=membership.person_id,
                position=membership.position,
                organisation=membership.organisation,
            )
            _stamp(entry, by).save()
    return consultation


@transaction.atomic
def confirm_consultation(consultation, by=None):
    """Confirm a consultation: the new term and its memberships come into being.

    In one transaction: the outgoing term's open memberships close the day before the new
    term starts, the outgoing term is marked ended if it was still running, the new term is
    created with one membership per slate entry, and the consultation is marked confirmed.
    Nothing is deleted. Confirming twice is refused. Returns the new term.
    """
    consultation = (
        Consultation.objects.select_for_update()
        .select_related("conference__committee")
        .get(pk=consultation.pk)
    )
    if consultation.is_confirmed:
        raise ValidationError(
            _("Kết quả hiệp thương này đã được xác nhận ngày %(day)s; không thể xác nhận lần nữa.")
            % {"day": _vn(timezone.localtime(consultation.confirmed_at))}
        )
    slate = list(consultation.slate.select_related("person", "position"))
    if not slate:
        raise ValidationError(_("Danh sách hiệp thương đang trống: hãy thêm người trước khi xác nhận."))
    heads = [entry for entry in slate if entry.position.kind == Position.Kind.HEAD]
    if len(heads) > 1:
        raise ValidationError(
            _("Danh sách có %(count)s người đứng đầu (%(names)s); mỗi ban chỉ có một.")
            % {"count": len(heads), "names": ", ".join(e.person.full_name for e in heads)}
        )
    committee = consultation.conference.committee
    start = consultation.term_start
    last_day = start - datetime.timedelta(days=1)
    previous = outgoing_term(committee, start)
    if previous and previous.effective_end >= start:
        reason = _("Kết thúc khi hiệp thương nhiệm kỳ %(years)s") % {"years": consultation.term_years}
        _end_term(previous, last_day, reason, by)
    elif previous:
        for membership in previous.memberships.filter(until__isnull=True):
            membership.until = previous.effective_end
            _stamp(membership, by).save(update_fields=["until"])
    term = Term(
        committee=committee,
        start_date=start,
        end_date=consultation.term_end,
        congress_ordinal=consultation.congress_ordinal,
    )
    term.full_clean()
    term.save()
    for entry in slate:
        membership = Membership(
            term=term,
            person=entry.person,
            position=entry.position,
            organisation=entry.organisation,
            since=start,
        )
        _stamp(membership, by).save()
    consultation.status = Consultation.Status.CONFIRMED
    consultation.new_term = term
    consultation.confirmed_at = timezone.now()
    consultation.confirmed_by = by if by is not None and by.pk else None
    _stamp(consultation, by).save()
    return term


@transaction.atomic
def end_term_early(term, on, reason, by=None):
    """End a running term early (e.g. the 2025 merger of communes), closing its memberships."""
    if not reason:
        raise ValidationError(_("Hãy ghi lý do kết thúc nhiệm kỳ sớm."))
    if on < term.start_date:
        raise ValidationError(_("Nhiệm kỳ không thể kết thúc trước khi bắt đầu."))
    term.end_reason = reason
    _end_term(term, on, reason, by)
    return term


@transaction.atomic
def appoint(term, person, position, organisation="", since=None, by=None):
    """Add a membership to a term, checking the one-head rule. Returns the membership."""
    membership = Membership(
        term=term, person=person, position=position, organisation=organisation, since=since or term.start_date
    )
    membership.full_clean()
    _stamp(membership, by).save()
    return membership


def committee_for_area(area):
    """The area's Ban công tác Mặt trận, made when first needed."""
    committee, _created = FrontCommittee.objects.get_or_create(
        area=area, defaults={"commune": area.commune, "level": FrontCommittee.Level.RESIDENTIAL}
    )
    return committee


def commune_committee(commune):
    committee, _created = FrontCommittee.objects.get_or_create(
        commune=commune, level=FrontCommittee.Level.COMMUNE
    )
    return committee
