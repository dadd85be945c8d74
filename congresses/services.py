"""Writes that touch several congresses models, each in one transaction.

The admin, the demo loader and the tests all call these; nothing here deletes a row.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Consultation,
    FrontCommittee,
    Membership,
    Opinion,
    Position,
    SlateEntry,
    Term,
    proposed_term_end,
)
from .opinions import normalise_code
from .signals import commune_merging


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
        term_end = proposed_term_end(committee, previous, term_start)
    titled_automatically = conference.title == conference.default_title()
    consultation = Consultation(
        conference=conference, term_start=term_start, term_end=term_end, congress_ordinal=congress_ordinal
    )
    consultation.full_clean()
    _stamp(consultation, by).save()
    if titled_automatically:
        # The automatic title names the term the conference elects, known only from here on.
        conference.title = conference.default_title()
        conference.save(update_fields=["title", "search_text"])
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


# --- opinions, from the citizen to the answer ----------------------------------------------


def _locked_opinion(opinion):
    return Opinion.objects.select_for_update().get(pk=opinion.pk)


def _refuse_if_merged(opinion):
    if opinion.duplicate_of_id:
        raise ValidationError(
            _("Ý kiến này đã được gộp vào ý kiến %(code)s; hãy xử lý ở đó.")
            % {"code": opinion.duplicate_of.reference_code}
        )


@transaction.atomic
def receive_opinion(
    commune,
    summary,
    source,
    field=Opinion.Field.OTHER,
    area=None,
    voter_meeting=None,
    conference=None,
    raised_on=None,
    due_on=None,
    citizen_name="",
    citizen_phone="",
    by=None,
):
    """Record an opinion as received, with a fresh reference code and a due date (30 days by
    default). Refused when the area, meeting or dialogue belongs to another commune."""
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError(_("Hãy ghi nội dung ý kiến."))
    for linked in (area, voter_meeting):
        if linked is not None and linked.commune_id != commune.pk:
            raise ValidationError(_("“%(name)s” thuộc xã, phường khác.") % {"name": linked})
    if conference is not None and conference.committee.commune_id != commune.pk:
        raise ValidationError(_("“%(name)s” thuộc xã, phường khác.") % {"name": conference})
    raised_on = raised_on or timezone.localdate()
    opinion = Opinion(
        commune=commune,
        summary=summary,
        source=source,
        field=field,
        area=area,
        voter_meeting=voter_meeting,
        conference=conference,
        raised_on=raised_on,
        due_on=due_on or Opinion.default_due(raised_on),
        citizen_name=citizen_name,
        citizen_phone=citizen_phone,
        received_by=by if by is not None and by.pk else None,
    )
    opinion.full_clean(exclude=["reference_code"])
    opinion.save()
    return opinion


@transaction.atomic
def forward_opinion(opinion, to, on=None, due_on=None, by=None):
    """Send an opinion to the body that must answer it (UBND xã, a department, HĐND …)."""
    opinion = _locked_opinion(opinion)
    _refuse_if_merged(opinion)
    to = " ".join((to or "").split())
    if not to:
        raise ValidationError(_("Hãy ghi cơ quan nhận ý kiến."))
    if opinion.status in (Opinion.Status.ANSWERED, Opinion.Status.CLOSED):
        raise ValidationError(_("Ý kiến đã có trả lời; không cần chuyển nữa."))
    on = on or timezone.localdate()
    if on < opinion.raised_on:
        raise ValidationError(_("Ngày chuyển không thể trước ngày nêu ý kiến."))
    opinion.forwarded_to, opinion.forwarded_on = to[:200], on
    if due_on:
        opinion.due_on = due_on
    opinion.status = Opinion.Status.FORWARDED
    opinion.save(update_fields=["forwarded_to", "forwarded_on", "due_on", "status"])
    return opinion


@transaction.atomic
def answer_opinion(opinion, answer, answered_by, on=None, by=None):
    """Record the answer that came back, from whom and when. An answer may be corrected by
    recording it again until the opinion is closed."""
    opinion = _locked_opinion(opinion)
    _refuse_if_merged(opinion)
    answer = (answer or "").strip()
    answered_by = " ".join((answered_by or "").split())
    if not answer:
        raise ValidationError(_("Hãy ghi nội dung trả lời."))
    if not answered_by:
        raise ValidationError(_("Hãy ghi cơ quan, người trả lời."))
    if opinion.status == Opinion.Status.CLOSED:
        raise ValidationError(_("Ý kiến đã kết thúc; không sửa trả lời được nữa."))
    on = on or timezone.localdate()
    if on < opinion.raised_on:
        raise ValidationError(_("Ngày trả lời không thể trước ngày nêu ý kiến."))
    opinion.answer, opinion.answered_by, opinion.answered_on = answer, answered_by[:200], on
    opinion.status = Opinion.Status.ANSWERED
    opinion.save(update_fields=["answer", "answered_by", "answered_on", "status"])
    return opinion


@transaction.atomic
def publish_opinion(opinion, public=True, by=None):
    """Show an answered opinion and its answer on the public site (or take it down again).
    Never without an answer: a citizen's text alone is not published."""
    opinion = _locked_opinion(opinion)
    _refuse_if_merged(opinion)
    if public and not opinion.answer:
        raise ValidationError(_("Chỉ công khai ý kiến đã có trả lời."))
    opinion.is_public = public
    opinion.published_at = timezone.now() if public else None
    opinion.save(update_fields=["is_public", "published_at"])
    return opinion


@transaction.atomic
def close_opinion(opinion, on=None, by=None):
    """The matter is settled: no more changes to the answer."""
    opinion = _locked_opinion(opinion)
    _refuse_if_merged(opinion)
    if opinion.status == Opinion.Status.CLOSED:
        raise ValidationError(_("Ý kiến này đã kết thúc."))
    if not opinion.answer:
        raise ValidationError(_("Ý kiến chưa có trả lời; hãy ghi trả lời trước khi kết thúc."))
    opinion.status = Opinion.Status.CLOSED
    opinion.closed_on = on or timezone.localdate()
    opinion.save(update_fields=["status", "closed_on"])
    return opinion


@transaction.atomic
def merge_opinions(duplicates, into, by=None):
    """Keep `into`; every duplicate stays as a row pointing at it (its code still finds the
    answer), leaves the public site and the overdue list. Returns the number merged."""
    into = _locked_opinion(into)
    _refuse_if_merged(into)
    merged = 0
    for duplicate in duplicates:
        duplicate = _locked_opinion(duplicate)
        if duplicate.pk == into.pk:
            continue
        if duplicate.commune_id != into.commune_id:
            raise ValidationError(
                _("Ý kiến %(code)s thuộc xã, phường khác.") % {"code": duplicate.reference_code}
            )
        if duplicate.duplicate_of_id:
            raise ValidationError(
                _("Ý kiến %(code)s đã được gộp trước đó.") % {"code": duplicate.reference_code}
            )
        if duplicate.duplicates.exists():
            raise ValidationError(
                _("Ý kiến %(code)s đang giữ các ý kiến trùng khác; hãy chọn nó làm ý kiến giữ lại.")
                % {"code": duplicate.reference_code}
            )
        duplicate.duplicate_of = into
        duplicate.is_public = False
        duplicate.save(update_fields=["duplicate_of", "is_public"])
        merged += 1
    return merged


def find_opinion(commune, code):
    """The opinion a citizen's reference code names (the kept one when it was merged), or None."""
    code = normalise_code(code)
    if not code:
        return None
    opinion = Opinion.objects.of(commune).select_related("duplicate_of").filter(reference_code=code).first()
    if opinion is not None and opinion.duplicate_of_id:
        return opinion.duplicate_of
    return opinion


@transaction.atomic
def update_opinion(opinion, field, area, summary, due_on, by=None):
    """Staff's triage of an opinion's details: its field, hamlet, wording and due date."""
    opinion = _locked_opinion(opinion)
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError(_("Hãy ghi nội dung ý kiến."))
    if area is not None and area.commune_id != opinion.commune_id:
        raise ValidationError(_("“%(name)s” thuộc xã, phường khác.") % {"name": area})
    opinion.field, opinion.area, opinion.summary, opinion.due_on = field, area, summary, due_on
    opinion.full_clean(exclude=["reference_code"])
    opinion.save(update_fields=["field", "area", "summary", "due_on"])
    return opinion


# --- communes merging into one (as in 2025) ---------------------------------------------


def _slug_fields_unique_per_commune(model, fk_name):
    """The slug-like fields of `model` that must be unique within one commune."""
    fields = []
    for constraint in model._meta.constraints:
        names = set(getattr(constraint, "fields", ()) or ())
        if len(names) == 2 and fk_name in names and getattr(constraint, "condition", None) is None:
            other = next(iter(names - {fk_name}))
            if isinstance(model._meta.get_field(other), models.SlugField):
                fields.append(other)
    return fields


def _free_slug(row, field_name, fk_name, into, suffix):
    """Give `row` a slug not yet used by `into`'s rows: `dong` → `dong-hoa-an` (then `-2` …)."""
    manager = type(row)._default_manager
    taken = set(manager.filter(**{fk_name: into}).exclude(pk=row.pk).values_list(field_name, flat=True))
    slug = getattr(row, field_name)
    if slug not in taken:
        return False
    limit = type(row)._meta.get_field(field_name).max_length
    base = f"{slug}-{suffix}"[:limit]
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base[: limit - len(str(number)) - 1]}-{number}"
        number += 1
    setattr(row, field_name, candidate)
    return True


def _move_rows(model, fk_name, old, into, reason, by, keep=()):
    """Every row of `model` of commune `old` (but the pks in `keep`) now belongs to `into`; rows
    with a history are saved one by one (each leaves a history row with the reason), the others
    in one UPDATE. Returns the number of rows moved."""
    rows = model._default_manager.filter(**{fk_name: old}).exclude(pk__in=keep)
    slug_fields = _slug_fields_unique_per_commune(model, fk_name)
    if hasattr(model, "history") or slug_fields:
        count = 0
        for row in rows:
            for name in slug_fields:
                _free_slug(row, name, fk_name, into, old.slug)
            setattr(row, fk_name, into)
            row._change_reason = reason[:100]
            _stamp(row, by).save()
            count += 1
        return count
    return rows.update(**{fk_name: into})


# Records a merger handles itself: areas and their committees, people and accounts, and the
# communes themselves. Everything else pointing at a commune (campaigns, news categories and
# so their posts, voter meetings, opinions, and whatever other apps add) simply moves.
_MOVED_BY_HAND = {"ResidentialArea", "FrontCommittee", "Person", "StaffProfile", "Commune"}


# What the old commune's Front itself held, planned, issued and wrote about itself stays its
# history, like its Ủy ban's conferences. Each such model says so itself with the class
# attribute `KEPT_BY_THE_OLD_COMMUNE = True` (its Ngày hội of a year, its plans, its
# supervisions, its documents numbered per commune and year, its introduction pages), so this
# app needs no list of the other apps' models.
def kept_by_the_old_commune(model):
    return getattr(model, "KEPT_BY_THE_OLD_COMMUNE", False)


def _commune_relations():
    from .models import Commune

    for relation in Commune._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and relation.one_to_many):
            continue
        model = relation.related_model
        name = model._meta.object_name
        if name in _MOVED_BY_HAND or kept_by_the_old_commune(model) or name.startswith("Historical"):
            continue
        yield model, relation.field.name


def merger_summary(old_communes):
    """What a merger of `old_communes` would move: [(label, count)], for the confirmation page."""
    from .models import Person, ResidentialArea, StaffProfile

    ids = [commune.pk for commune in old_communes]
    counts = [
        (_("khu dân cư"), ResidentialArea.objects.filter(commune_id__in=ids).count()),
        (_("người (thành viên các ban)"), Person.objects.filter(commune_id__in=ids).count()),
    ]
    for model, fk_name in _commune_relations():
        count = model._default_manager.filter(**{f"{fk_name}__in": ids}).count()
        if count:
            counts.append((str(model._meta.verbose_name_plural), count))
    counts.append((_("tài khoản cán bộ"), StaffProfile.objects.filter(commune_id__in=ids).count()))
    return counts


def merge_communes(old_communes, into, on, reason="", move_staff=False, by=None):
    """Merge `old_communes` into `into` from the date `on`; nothing is deleted.

    Each old commune stays, marked `merged_into` / `merged_on` (its host then answers 301 to
    the new commune's host). Its areas (with their Ban công tác Mặt trận, whose terms go on),
    people, campaigns, news categories (and so their posts), voter meetings and opinions move
    to `into`; a slug the new commune already uses gets the old commune's name appended. The
    old Ủy ban MTTQ xã stays with the old commune as its history: its running term ends the
    day before `on` with the reason, and its open memberships close. With `move_staff`, the
    old commune's staff accounts work for `into` from then on. Returns {label: count moved}.
    """
    from .models import Commune

    # Read afresh: a page open for a while must not merge a commune merged since.
    old_communes = list(Commune.objects.filter(pk__in=[commune.pk for commune in old_communes]))
    into = Commune.objects.get(pk=into.pk)
    if not old_communes:
        raise ValidationError(_("Hãy chọn ít nhất một xã, phường để sáp nhập."))
    if into.merged_into_id:
        raise ValidationError(_("“%(name)s” đã sáp nhập vào nơi khác, không thể nhận thêm.") % {"name": into})
    for commune in old_communes:
        if commune.pk == into.pk:
            raise ValidationError(_("Không thể sáp nhập “%(name)s” vào chính nó.") % {"name": commune})
        if commune.merged_into_id:
            raise ValidationError(
                _("“%(name)s” đã sáp nhập vào “%(into)s” từ trước.")
                % {"name": commune, "into": commune.merged_into}
            )
        if commune.province_id != into.province_id:
            raise ValidationError(
                _("“%(name)s” và “%(into)s” không cùng một tỉnh.") % {"name": commune, "into": into}
            )
    reason = reason.strip() or _("Sáp nhập vào %(name)s từ ngày %(day)s") % {
        "name": into.full_name,
        "day": _vn(on),
    }
    try:
        with transaction.atomic():
            return _merge_communes(old_communes, into, on, reason, move_staff, by)
    except IntegrityError as error:
        # A record of another app that may exist once per commune (a share of a province
        # campaign …) exists in both: nothing moved, and the staff are told what to settle.
        raise ValidationError(
            _(
                "Không sáp nhập được: cả hai xã, phường cùng có một bản ghi chỉ được có một "
                "(%(detail)s). Chưa có gì thay đổi."
            )
            % {"detail": str(error).splitlines()[0][:200]}
        ) from error


def _merge_communes(old_communes, into, on, reason, move_staff, by):
    from .models import Commune, FrontCommittee, Person, ResidentialArea, StaffProfile

    last_day = on - datetime.timedelta(days=1)
    moved = {}

    def count(label, number):
        moved[label] = moved.get(label, 0) + number

    for commune in Commune.objects.select_for_update().filter(pk__in=[c.pk for c in old_communes]):
        for term in Term.objects.filter(
            committee__commune=commune, committee__level=FrontCommittee.Level.COMMUNE
        ).running(last_day):
            _end_term(term, last_day, reason, by)
            count(_("nhiệm kỳ kết thúc sớm"), 1)
        count(_("khu dân cư"), _move_rows(ResidentialArea, "commune", commune, into, reason, by))
        FrontCommittee.objects.filter(commune=commune, level=FrontCommittee.Level.RESIDENTIAL).update(
            commune=into
        )
        count(_("người"), _move_rows(Person, "commune", commune, into, reason, by))
        kept = {}
        for _receiver, answer in commune_merging.send(
            sender=Commune, old=commune, into=into, on=on, reason=reason, by=by
        ):
            for model, pks in (answer or {}).items():
                kept.setdefault(model, set()).update(pks)
        for model, fk_name in _commune_relations():
            number = _move_rows(model, fk_name, commune, into, reason, by, keep=kept.get(model, ()))
            if number:
                count(str(model._meta.verbose_name_plural), number)
        if move_staff:
            count(_("tài khoản cán bộ"), _move_rows(StaffProfile, "commune", commune, into, reason, by))
        commune.merged_into, commune.merged_on = into, on
        commune._change_reason = reason[:100]
        _stamp(commune, by).save(update_fields=["merged_into", "merged_on"])
    return moved
