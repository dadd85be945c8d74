"""Writes of the Front's activities between congresses: supervision and social review with
their recommendations and follow-up, and the Ngày hội Đại đoàn kết of each area.

Each function is one transaction; the admin, the demo and the tests all call them. Nothing here
deletes a row: a recommendation moves on by a new dated entry.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.figures import Qualifier

from .festivals import FestivalArea, UnityFestival, may_enter_for_area
from .plans import ActivityPlan, PlannedActivity
from .supervision import FollowUp, Recommendation


def _vn(day):
    return day.strftime("%d/%m/%Y")


def _user(by):
    return by if by is not None and getattr(by, "pk", None) else None


# --- supervision and social review -----------------------------------------------------------


@transaction.atomic
def save_supervision(supervision, opinions=None, by=None):
    """Create or update a supervision; `opinions` (a Figure or None) is the count of comments a
    social review gathered ("trên 10 lượt ý kiến"). Returns the saved row."""
    if opinions is not None or supervision.pk is None:
        supervision.opinions_count = opinions.value if opinions else None
        supervision.opinions_qualifier = opinions.qualifier if opinions else Qualifier.EXACT
    supervision.full_clean(exclude=["slug"])
    supervision.save()
    return supervision


@transaction.atomic
def add_recommendation(supervision, text, responsible_body, deadline=None, by=None):
    text, responsible_body = (text or "").strip(), (responsible_body or "").strip()
    if not text:
        raise ValidationError(_("Hãy ghi nội dung kiến nghị."))
    if not responsible_body:
        raise ValidationError(_("Hãy ghi cơ quan có trách nhiệm thực hiện kiến nghị."))
    if deadline is not None and deadline < supervision.starts_on:
        raise ValidationError(_("Hạn thực hiện không thể trước ngày bắt đầu giám sát."))
    recommendation = Recommendation(
        supervision=supervision, text=text, responsible_body=responsible_body, deadline=deadline
    )
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def update_recommendation(recommendation, text, responsible_body, deadline=None, by=None):
    """The wording, the body and the deadline; the state moves only by `follow_up`."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    text, responsible_body = (text or "").strip(), (responsible_body or "").strip()
    if not text or not responsible_body:
        raise ValidationError(_("Hãy ghi nội dung kiến nghị và cơ quan có trách nhiệm."))
    recommendation.text, recommendation.responsible_body, recommendation.deadline = (
        text,
        responsible_body,
        deadline,
    )
    recommendation.full_clean()
    recommendation.save(update_fields=["text", "responsible_body", "deadline"])
    return recommendation


# An answer or an outcome only once the recommendation was sent; "done" is the one final state.
_NEEDS_SENT = {FollowUp.Kind.ANSWERED, FollowUp.Kind.PARTLY, FollowUp.Kind.NOT_DONE, FollowUp.Kind.DONE}


@transaction.atomic
def follow_up(recommendation, kind, on=None, body="", note="", by=None):
    """Record one dated step of a recommendation (sent, answered, done in part, not done, done)
    and move its state to it. Refused: a step before the recommendation was sent, after it was
    done, dated in the future or before the previous step."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if kind not in FollowUp.Kind.values:
        raise ValidationError(_("Bước theo dõi không hợp lệ."))
    on = on or timezone.localdate()
    body, note = (body or "").strip(), (note or "").strip()
    if recommendation.status == Recommendation.Status.DONE:
        raise ValidationError(_("Kiến nghị này đã được thực hiện xong; không ghi thêm bước nào."))
    if kind in _NEEDS_SENT and recommendation.status == Recommendation.Status.NEW:
        raise ValidationError(_("Hãy ghi việc gửi kiến nghị trước khi ghi trả lời hay kết quả."))
    if on > timezone.localdate():
        raise ValidationError(_("Ngày %(day)s chưa đến.") % {"day": _vn(on)})
    if recommendation.status_on and on < recommendation.status_on:
        raise ValidationError(
            _("Ngày %(day)s trước bước đã ghi ngày %(last)s.")
            % {"day": _vn(on), "last": _vn(recommendation.status_on)}
        )
    if on < recommendation.supervision.starts_on:
        raise ValidationError(_("Ngày %(day)s trước ngày giám sát.") % {"day": _vn(on)})
    if kind == FollowUp.Kind.SENT and not body:
        raise ValidationError(_("Hãy ghi kiến nghị được gửi đến cơ quan nào."))
    if kind == FollowUp.Kind.ANSWERED and not (body and note):
        raise ValidationError(_("Hãy ghi cơ quan trả lời và nội dung trả lời."))
    step = FollowUp(
        recommendation=recommendation, kind=kind, on=on, body=body, note=note, recorded_by=_user(by)
    )
    step.full_clean()
    step.save()
    recommendation.status, recommendation.status_on = kind, on
    recommendation.save(update_fields=["status", "status_on"])
    return step


# --- Ngày hội Đại đoàn kết -----------------------------------------------------------------------


@transaction.atomic
def save_unity_festival(festival, by=None):
    festival.full_clean()
    festival.save()
    return festival


def check_festival_area(festival, area, parts=(), held_on=None, participants=None, row=None, by=None):
    """Why one area's Ngày hội cannot be entered so, as a ValidationError (PermissionDenied for
    another area's officer); nothing when it can. The admin's form asks before saving."""
    if area is None or area.commune_id != festival.commune_id:
        raise ValidationError(_("Khu dân cư không thuộc xã, phường tổ chức Ngày hội này."))
    for target in (area, row.area if row is not None and row.area_id else None):
        if by is not None and target is not None and not may_enter_for_area(by, target):
            raise PermissionDenied(_("Bạn chỉ nhập được Ngày hội của khu dân cư mình phụ trách."))
    others = FestivalArea.objects.filter(festival=festival, area=area)
    if row is not None and row.pk:
        others = others.exclude(pk=row.pk)
    if others.exists():
        raise ValidationError(
            _("%(area)s đã có số liệu Ngày hội năm %(year)s; hãy sửa bản ghi đó.")
            % {"area": area.full_name, "year": festival.year}
        )
    if held_on is not None and held_on.year != festival.year:
        raise ValidationError(_("Ngày tổ chức phải thuộc năm %(year)s.") % {"year": festival.year})
    if participants is not None and not any(parts):
        raise ValidationError(_("Khu dân cư chưa tổ chức phần nào thì không ghi số người tham gia."))


@transaction.atomic
def record_festival_area(
    festival,
    area,
    ceremony=False,
    festivities=False,
    shared_meal=False,
    held_on=None,
    participants=None,
    guests="",
    awards="",
    note="",
    row=None,
    by=None,
):
    """Enter (or correct, with `row`) one area's Ngày hội of the year: which parts it held
    (phần lễ, phần hội, bữa cơm đại đoàn kết) and `participants`, a Figure ("trên 300").
    Refused (see `check_festival_area`): another commune's or another officer's area, a second
    row for the same area and year, a day of another year, people counted at no event."""
    if row is not None:
        row = FestivalArea.objects.select_for_update().get(pk=row.pk)
    parts = (bool(ceremony), bool(festivities), bool(shared_meal))
    check_festival_area(festival, area, parts, held_on, participants, row=row, by=by)
    row = row or FestivalArea(festival=festival)
    row.area = area
    row.ceremony, row.festivities, row.shared_meal = parts
    row.held_on = held_on
    row.participants = participants.value if participants else None
    row.participants_qualifier = participants.qualifier if participants else Qualifier.EXACT
    row.guests, row.awards, row.note = guests.strip(), awards.strip(), note.strip()
    row.full_clean()
    row.save()
    return row


def unity_festival_for(commune, year):
    """The commune's Ngày hội of `year`, made when missing (the admin's "add for this year")."""
    festival, _created = UnityFestival.objects.get_or_create(commune=commune, year=year)
    return festival


# --- planned vs held ---------------------------------------------------------------------------


@transaction.atomic
def save_activity_plan(plan, by=None):
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def save_planned_activity(line, stated_people=None, by=None):
    """One line of a plan: a kind of activity, how many planned; `stated_people` (a Figure or
    None) and `line.stated_held` are the report's own figures when the records are incomplete."""
    if line.plan_id is None or not ActivityPlan.objects.filter(pk=line.plan_id).exists():
        raise ValidationError(_("Hãy chọn kế hoạch."))
    if line.kind != PlannedActivity.Kind.CONFERENCE:
        line.conference_kind = ""
    line.stated_people = stated_people.value if stated_people else None
    line.stated_people_qualifier = stated_people.qualifier if stated_people else Qualifier.EXACT
    line.full_clean()
    line.save()
    return line
