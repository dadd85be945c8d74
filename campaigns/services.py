"""Writes on campaign results, each one function in one transaction: the admin, the import,
the demo and the tests all go through here so the rules (own area, locked periods, who may
set targets) hold everywhere."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Campaign, Contribution, Disbursement, PeriodLock, Target
from .permissions import is_chair, may_enter_for_area, sees_everything


def record_contribution(*, by, indicator, area, amount=0, quantity=0, date=None, **fields):
    """Save one contribution entered by `by` after every check; returns it.

    Raises PermissionDenied for an area the user may not enter for, ValidationError
    (Vietnamese messages) for bad figures or a locked period.
    """
    if not may_enter_for_area(by, area.pk):
        raise PermissionDenied(_("Bạn chỉ được nhập kết quả cho khu dân cư mình phụ trách."))
    entry = Contribution(
        indicator=indicator,
        area=area,
        amount=amount or 0,
        quantity=quantity or 0,
        date=date or timezone.localdate(),
        entered_by=by,
        **fields,
    )
    entry.full_clean()
    entry._history_user = by
    with transaction.atomic():
        entry.save()
    return entry


def reverse_contribution(entry, *, by, reason):
    """Correct `entry` by a new entry with the opposite figures, dated today; both stay visible.

    An entry can be reversed once and a reversal cannot itself be reversed (make a new,
    correct entry instead). Two people reversing at once: one wins, the other gets an error.
    """
    if not reason or not reason.strip():
        raise ValidationError(_("Hãy ghi lý do điều chỉnh."))
    if not may_enter_for_area(by, entry.area_id):
        raise PermissionDenied(_("Bạn chỉ được điều chỉnh kết quả của khu dân cư mình phụ trách."))
    with transaction.atomic():
        original = Contribution.objects.select_for_update().get(pk=entry.pk)
        if original.is_reversal:
            raise ValidationError(_("Đây là bút toán điều chỉnh, không điều chỉnh lại được."))
        if Contribution.objects.filter(reverses=original).exists():
            raise ValidationError(_("Bút toán này đã được điều chỉnh rồi."))
        reversal = Contribution(
            indicator=original.indicator,
            area=original.area,
            date=timezone.localdate(),
            amount=-original.amount,
            quantity=-original.quantity,
            donor_kind=original.donor_kind,
            donor_name=original.donor_name,
            note=(
                _("Điều chỉnh bút toán #%(id)s ngày %(date)s: %(reason)s")
                % {"id": original.pk, "date": date_format(original.date, "d/m/Y"), "reason": reason.strip()}
            )[:255],
            reverses=original,
            entered_by=by,
        )
        reversal.full_clean(exclude=["reverses"])
        reversal._history_user = by
        reversal.save()
    return reversal


def record_disbursement(*, by, campaign, amount, purpose, date=None, **fields):
    if not sees_everything(by):
        raise PermissionDenied(_("Chỉ cán bộ Mặt trận xã được nhập khoản chi."))
    entry = Disbursement(
        campaign=campaign,
        amount=amount,
        purpose=purpose,
        date=date or timezone.localdate(),
        entered_by=by,
        **fields,
    )
    entry.full_clean()
    entry._history_user = by
    entry.save()
    return entry


def reverse_disbursement(entry, *, by, reason):
    """Cancel a disbursement entered by mistake with an opposite entry, as for contributions."""
    if not reason or not reason.strip():
        raise ValidationError(_("Hãy ghi lý do điều chỉnh."))
    if not sees_everything(by):
        raise PermissionDenied(_("Chỉ cán bộ Mặt trận xã được điều chỉnh khoản chi."))
    with transaction.atomic():
        original = Disbursement.objects.select_for_update().get(pk=entry.pk)
        if original.reverses_id or Disbursement.objects.filter(reverses=original).exists():
            raise ValidationError(_("Khoản chi này đã được điều chỉnh hoặc là khoản điều chỉnh."))
        reversal = Disbursement(
            campaign=original.campaign,
            date=timezone.localdate(),
            amount=-original.amount,
            beneficiary_kind=original.beneficiary_kind,
            beneficiary_count=original.beneficiary_count,
            purpose=(
                _("Điều chỉnh khoản chi #%(id)s: %(reason)s") % {"id": original.pk, "reason": reason.strip()}
            )[:255],
            area=original.area,
            reverses=original,
            entered_by=by,
        )
        reversal.full_clean(exclude=["reverses"])
        reversal.save()
    return reversal


def lock_period(campaign, *, until, by, note=""):
    """Lock every entry of `campaign` dated on or before `until`. Only the chair; locks only move forward."""
    if not is_chair(by):
        raise PermissionDenied(_("Chỉ Chủ tịch Ủy ban MTTQ xã được khóa sổ."))
    if until > timezone.localdate():
        raise ValidationError(_("Không khóa sổ cho ngày trong tương lai."))
    with transaction.atomic():
        Campaign.objects.select_for_update().get(pk=campaign.pk)
        current = campaign.locked_until()
        if current and until <= current:
            raise ValidationError(
                _("Sổ đã khóa đến hết ngày %(date)s; chỉ khóa được ngày sau đó.")
                % {"date": date_format(current, "d/m/Y")}
            )
        return PeriodLock.objects.create(campaign=campaign, locked_until=until, locked_by=by, note=note)


def verify_contributions(entries, *, by):
    """The chair confirms entries as checked against their receipts; returns how many changed.

    Saved one by one so the history records who verified each entry.
    """
    if not is_chair(by):
        raise PermissionDenied(_("Chỉ Chủ tịch Ủy ban MTTQ xã được xác nhận kết quả."))
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        # The admin's queryset joins nullable relations; lock only the entries themselves.
        pending = (
            entries.select_related(None).filter(verified_at__isnull=True).select_for_update(of=("self",))
        )
        for entry in pending:
            entry.verified_by, entry.verified_at = by, now
            entry._history_user = by
            entry.save(update_fields=["verified_by", "verified_at"])
            changed += 1
    return changed


def set_target(indicator, *, by, amount, area=None, assigned_by=Target.AssignedBy.COMMUNE, note=""):
    """Create or change a target; only the chair sets targets. History keeps the old value."""
    if not is_chair(by):
        raise PermissionDenied(_("Chỉ Chủ tịch Ủy ban MTTQ xã được giao chỉ tiêu."))
    with transaction.atomic():
        target = Target.objects.select_for_update().filter(indicator=indicator, area=area).first()
        target = target or Target(indicator=indicator, area=area)
        target.amount, target.assigned_by, target.note, target.set_by = amount, assigned_by, note, by
        target._history_user = by
        target.full_clean()
        target.save()
    return target
