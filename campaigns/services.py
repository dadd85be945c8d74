"""Writes on campaign results, each one function in one transaction: the admin (its
save_model and extra pages), the import, the demo and the tests all go through here so the
rules (own area, locked periods, who may set targets, verification, overspending) hold
everywhere.

Each write takes the unsaved or changed model instance (`save_contribution(entry, by=…)`),
as the admin's forms build it; `record_*` are the same writes for callers that have plain
values (the import, the demo, scripts). An amount or a quantity may be a hedged
`lib.figures.Figure` (`trên 214 triệu`): its bound goes to the column, its word beside it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from lib import pagecache
from lib.figures import Figure

from .funds import FundStatement, FundTransfer, main_fund
from .gifts import GiftBatch, Recipient
from .houses import STAGE_DATES, House, HouseSource
from .models import Campaign, Contribution, Disbursement, Indicator, PeriodLock, Round, RoundTarget, Target
from .permissions import (
    is_chair,
    may_act_for_campaign,
    may_enter_for_area,
    may_write_entry,
    sees_everything,
)
from .rounds import fund_year_dates
from .stated import StatedFigure, StatedPart
from .target_shapes import NUMBERED, Shape
from .totals import add_entries, move_entry

# What the chair checks against the receipt when verifying: changing any of these makes the
# entry unverified again. The note is not part of it.
VERIFIED_FIELDS = (
    "indicator",
    "area",
    "date",
    "amount",
    "amount_qualifier",
    "quantity",
    "quantity_qualifier",
    "donor_kind",
    "donor_name",
    "receipt",
)
# simple-history's change reason column holds 100 characters.
REASON_LENGTH = 100


def _refuse_area(by, area_id):
    if not may_enter_for_area(by, area_id):
        raise PermissionDenied(_("Bạn chỉ được nhập kết quả cho khu dân cư mình phụ trách."))


def _refuse_entry(by, entry):
    """A contribution of a hamlet: who works for that hamlet; of the commune as a whole (no
    area): its staff and chair only."""
    if entry.area_id is None:
        if not may_write_entry(by, entry):
            raise PermissionDenied(
                _("Chỉ cán bộ Mặt trận xã được nhập kết quả chung của toàn xã; hãy chọn khu dân cư của mình.")
            )
        return
    _refuse_area(by, entry.area_id)


def _stored_for_change(entry, by):
    """The row as stored, locked for the transaction; refuses what may not be changed."""
    stored = type(entry).objects.select_for_update().get(pk=entry.pk)
    if not may_write_entry(by, stored):
        raise PermissionDenied(_("Bạn không được sửa bút toán này."))
    if stored.is_reversal:
        raise ValidationError(_("Bút toán điều chỉnh không sửa được; hãy nhập một kết quả mới, đúng."))
    return stored


def _history_reason(entry, *parts):
    text = "; ".join(str(part) for part in parts if part)
    if text:
        entry._change_reason = text[:REASON_LENGTH]


def _new_contribution(by, indicator, area, amount, quantity, date, fields):
    if isinstance(amount, Figure):
        amount, fields["amount_qualifier"] = amount.value, amount.qualifier
    if isinstance(quantity, Figure):
        quantity, fields["quantity_qualifier"] = quantity.value, quantity.qualifier
    return Contribution(
        indicator=indicator,
        area=area,
        amount=amount or 0,
        quantity=quantity or 0,
        date=date or timezone.localdate(),
        entered_by=by,
        **fields,
    )


def prepare_contribution(*, by, indicator, area, amount=0, quantity=0, date=None, items=None, **fields):
    """An unsaved contribution entered by `by`, checked like any other; for batch writers
    (the import, the demo) that check every row before saving any with `record_contributions`.
    `items` as for `record_contribution`. Raises like `record_contribution`."""
    entry = _new_contribution(by, indicator, area, amount, quantity, date, fields)
    if items:
        entry.pending_items = _items(items)
    _refuse_entry(by, entry)
    entry.full_clean()
    entry._history_user = by
    return entry


def record_contribution(*, by, indicator, area, amount=0, quantity=0, date=None, items=None, **fields):
    """Save one contribution entered by `by` after every check; returns it.

    `items` are in-kind quantities [(quantity, unit, thing)] or their text (`350 m² đất`, one
    a line; see `campaigns.inkind`). Raises PermissionDenied for an area the user may not
    enter for, ValidationError (Vietnamese messages) for bad figures or a locked period.
    """
    entry = _new_contribution(by, indicator, area, amount, quantity, date, fields)
    return save_contribution(entry, by=by, items=items)


def _items(items):
    if isinstance(items, str):
        from .inkind import parse_items

        return parse_items(items)
    return list(items)


def _write_items(entry, items):
    """Replace the entry's in-kind items with `items` (in the caller's transaction)."""
    from .inkind import InKindItem

    InKindItem.objects.filter(contribution=entry).delete()
    InKindItem.objects.bulk_create(
        InKindItem(contribution=entry, quantity=q, unit=u, thing=t, position=i)
        for i, (q, u, t) in enumerate(items)
    )


def record_contributions(entries):
    """Save contributions made by `prepare_contribution` all together or none; returns them.
    Each keeps who entered it, in the row and in its history."""
    for entry in entries:
        _refuse_entry(entry.entered_by, entry)
        entry.fold_search_text()  # bulk_create skips save()
    with transaction.atomic():
        saved = bulk_create_with_history(entries, Contribution, batch_size=500)
        for entry in saved:
            if getattr(entry, "pending_items", None):
                _write_items(entry, entry.pending_items)
        add_entries(saved)
        # bulk_create sends no post_save: the campaign pages are told here.
        pagecache.records_changed({entry.indicator_id: entry for entry in saved}.values())
        return saved


def save_contribution(entry, *, by, reason="", items=None):
    """Save a new contribution, or a change to one, after every check; returns it.

    A new entry is entered by `by` for an area they work for. A change is refused for an
    entry of another area (before or after the change), a reversal, or a locked period; a
    change of what the chair verified clears the verification, and the history says why.
    """
    _refuse_entry(by, entry)
    entry._history_user = by
    if items is not None:
        items = _items(items)
        entry.pending_items = items
    with transaction.atomic():
        stored = None
        if entry.pk is None:
            entry.entered_by = by
            entry.full_clean()
        else:
            stored = _stored_for_change(entry, by)
            receipt_kept = (entry.receipt.name or "") == (stored.receipt.name or "")
            # A stored receipt was checked when it was uploaded; do not read it again.
            entry.full_clean(exclude=["receipt"] if receipt_kept else None)
            changed = [
                name
                for name in VERIFIED_FIELDS
                if name != "receipt" and getattr(entry, _attname(name)) != getattr(stored, _attname(name))
            ] + ([] if receipt_kept else ["receipt"])
            unverified = ""
            if stored.verified_at and changed:
                entry.verified_by, entry.verified_at = None, None
                unverified = _("Bỏ xác nhận vì đã sửa %(fields)s") % {
                    "fields": ", ".join(
                        str(Contribution._meta.get_field(name).verbose_name) for name in changed
                    )
                }
            _history_reason(entry, reason, unverified)
        entry.save()
        if stored is None:
            add_entries([entry])
        else:
            move_entry(stored, entry)
        if items is not None:
            _write_items(entry, items)
    return entry


def _attname(name):
    return Contribution._meta.get_field(name).attname


def reverse_entry(entry, *, by, reason):
    """Correct a contribution or a disbursement by a new entry with the opposite figures,
    dated today; both stay visible.

    An entry can be reversed once and a reversal cannot itself be reversed (make a new,
    correct entry instead). Two people reversing at once: one wins, the other gets an error.
    """
    if not reason or not reason.strip():
        raise ValidationError(_("Hãy ghi lý do điều chỉnh."))
    if not may_write_entry(by, entry):
        raise PermissionDenied(_("Bạn không được điều chỉnh bút toán này."))
    with transaction.atomic():
        original = type(entry).objects.select_for_update().get(pk=entry.pk)
        refusal = original.reversal_refusal()
        if refusal:
            raise ValidationError(refusal)
        reversal = original.reversal(by=by, reason=reason)
        items = []
        if isinstance(original, Contribution):  # in-kind items are cancelled with the figures
            items = [(-item.quantity, item.unit, item.thing) for item in original.in_kind_items.all()]
            reversal.pending_items = items
        reversal.full_clean(exclude=["reverses"])
        reversal._history_user = by
        reversal.save()
        if isinstance(reversal, Contribution):
            add_entries([reversal])
        if items:
            _write_items(reversal, items)
    return reversal


def reverse_contribution(entry, *, by, reason):
    return reverse_entry(entry, by=by, reason=reason)


def reverse_disbursement(entry, *, by, reason):
    return reverse_entry(entry, by=by, reason=reason)


def record_disbursement(*, by, **fields):
    """Save one disbursement (campaign, amount, purpose …); see `save_disbursement`."""
    return save_disbursement(Disbursement(**fields), by=by)


def save_disbursement(entry, *, by, reason=""):
    """Save a new disbursement, or a change to one: commune staff and the chair only; never
    in a locked period; beyond the fund's balance only with its funding source written."""
    if not sees_everything(by) or not may_act_for_campaign(by, getattr(entry, "campaign", None)):
        raise PermissionDenied(_("Chỉ cán bộ Mặt trận xã được nhập khoản chi."))
    entry._history_user = by
    with transaction.atomic():
        # The balance is read inside the transaction, after the campaign row is locked, so two
        # payments saved at once cannot both spend the same money.
        Campaign.objects.select_for_update().filter(pk=entry.campaign_id).first()
        if entry.pk is None:
            entry.entered_by = by
            # Written out, so a later change of the campaign's funds never moves this payout.
            entry.indicator = _default_fund(entry)
        else:
            _stored_for_change(entry, by)
            _history_reason(entry, reason)
        entry.full_clean()
        entry.save()
    return entry


def lock_period(campaign, *, until, by, note=""):
    """Lock every entry of `campaign` dated on or before `until`. Only the chair; locks only move
    forward (a lock is undone by `reopen_period`, which keeps the record)."""
    if not is_chair(by) or not may_act_for_campaign(by, campaign):
        raise PermissionDenied(_("Chỉ Chủ tịch Ủy ban MTTQ xã được khóa sổ."))
    with transaction.atomic():
        Campaign.objects.select_for_update().get(pk=campaign.pk)
        campaign.check_can_lock(until)
        lock = PeriodLock(campaign=campaign, locked_until=until, locked_by=by, note=note)
        lock._history_user = by
        lock.save()
        return lock


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
            entries.visible_to(by)
            .select_related(None)
            .filter(verified_at__isnull=True)
            .select_for_update(of=("self",))
        )
        for entry in pending:
            entry.verified_by, entry.verified_at = by, now
            entry._history_user = by
            entry.save(update_fields=["verified_by", "verified_at"])
            changed += 1
    return changed


def set_target(indicator, *, by, amount, area=None, assigned_by=Target.AssignedBy.COMMUNE, note="", **shape):
    """Create or change the target of `indicator` for `area` (None: the commune); only the chair
    sets targets. History keeps the old value.

    `shape` holds the target's form when it is not one number (`campaigns.target_shapes`):
    `shape=Shape.FLOOR`; `shape=Shape.RANGE, amount_max=4`; `shape=Shape.PERCENT, percent=90,
    percent_of="số hộ gia đình"`; `shape=Shape.MET_ONLY, met=True` (then `amount=None`).
    """
    with transaction.atomic():
        # Only the target row: its ordering joins the nullable area, which PostgreSQL cannot lock.
        target = Target.objects.select_for_update(of=("self",)).filter(indicator=indicator, area=area).first()
        target = target or Target(indicator=indicator, area=area)
        target.amount, target.assigned_by, target.note = amount, assigned_by, note
        _apply_shape(target, shape)
        return save_target(target, by=by)


SHAPE_FIELDS = ("shape", "amount_max", "percent", "percent_of", "met")


def _apply_shape(target, shape):
    """Set the shape columns from `shape`. Without any (the targets grid gives a number only),
    a numbered target keeps its form (`không dưới 40` stays a floor); another becomes a number."""
    unknown = set(shape) - set(SHAPE_FIELDS)
    if unknown:
        raise TypeError(f"unknown target fields: {sorted(unknown)}")
    if not shape and target.pk and target.shape in NUMBERED:
        return
    defaults = {"shape": Shape.NUMBER, "amount_max": None, "percent": None, "percent_of": "", "met": None}
    for name, default in defaults.items():
        setattr(target, name, shape.get(name, default))


def save_target(target, *, by, reason=""):
    """Save a target as the admin's form built it; only the chair. Returns it."""
    if not is_chair(by) or not may_act_for_campaign(
        by, getattr(getattr(target, "indicator", None), "campaign", None)
    ):
        raise PermissionDenied(_("Chỉ Chủ tịch Ủy ban MTTQ xã được giao chỉ tiêu."))
    if target.area_id is None and target.indicator.province_indicator_id:
        raise PermissionDenied(_("Chỉ tiêu cả xã của cuộc vận động này do Ủy ban MTTQ tỉnh giao."))
    target.set_by = by
    target._history_user = by
    _history_reason(target, reason)
    with transaction.atomic():
        target.full_clean()
        target.save()
    return target


def reopen_period(lock, *, by, reason):
    """Reopen a lock: its period is editable again. Only the chair, only with a reason.

    The lock row stays with who reopened it, when and why, and the history keeps both the
    lock and the reopening. Only the lock reaching furthest can be reopened: reopening an
    earlier one while a later lock holds would change nothing anyone could see.
    """
    if not is_chair(by):
        raise PermissionDenied(_("Chỉ Chủ tịch Ủy ban MTTQ xã được mở lại kỳ đã khóa sổ."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Hãy ghi lý do mở lại kỳ (ví dụ: thôn Đông nộp bổ sung biên nhận tháng 6)."), code="reason"
        )
    with transaction.atomic():
        Campaign.objects.select_for_update().get(pk=lock.campaign_id)
        lock = PeriodLock.objects.select_for_update().get(pk=lock.pk)
        if not lock.is_in_force:
            raise ValidationError(
                _("Kỳ này đã được mở lại rồi. %(summary)s") % {"summary": lock.reopen_summary()}
            )
        latest = lock.campaign.current_lock()
        if latest.pk != lock.pk:
            raise ValidationError(
                _("Sổ đang khóa đến hết ngày %(date)s bởi một lần khóa sau; hãy mở lại lần khóa đó trước.")
                % {"date": date_format(latest.locked_until, "d/m/Y")}
            )
        lock.reopened_by, lock.reopened_at, lock.reopen_reason = by, timezone.now(), reason[:255]
        lock._history_user = by
        lock._change_reason = reason[:100]
        lock.save(update_fields=["reopened_by", "reopened_at", "reopen_reason"])
    return lock


def set_targets(indicator, *, by, commune=None, shares=None, assigned_by=None, seen_version=None):
    """Set the commune target and the areas' shares of `indicator` at once: all or nothing.

    `commune` is the commune target (None: no commune target); `shares` maps an area to its
    amount (None or 0: no target for that area). Areas left out of `shares` keep what they
    have. Each change goes through `set_target` (history keeps the old value); a target that
    existed and is now blank is removed with its history kept (who, when, the last value).
    Unchanged rows are not saved again. Raises ValidationError with one message per row,
    keyed "commune" or the area's id, and then nothing has changed.

    `seen_version` is `indicator.targets_version()` when the page was shown: if someone
    changed a target since, nothing is saved (code "stale") rather than silently undoing it.
    """
    if not is_chair(by):
        raise PermissionDenied(_("Chỉ Chủ tịch Ủy ban MTTQ xã được giao chỉ tiêu."))
    wanted = [(None, commune or None)] + [(area, amount or None) for area, amount in (shares or {}).items()]
    if indicator.province_indicator_id:
        wanted = wanted[1:]  # the commune's target is the province's share: only the province sets it
    errors, changed = {}, []
    with transaction.atomic():
        # One writer per indicator at a time: two chairs adding the same area's share would
        # otherwise meet at the unique constraint.
        Indicator.objects.select_for_update().get(pk=indicator.pk)
        if seen_version is not None and indicator.targets_version() != seen_version:
            raise ValidationError(
                _(
                    "Trong lúc bạn nhập, mức chỉ tiêu đã được thay đổi ở nơi khác (xem các dòng "
                    "“Đang giao”). Chưa lưu gì: hãy xem lại rồi lưu lại."
                ),
                code="stale",
            )
        existing = {
            target.area_id: target
            # The area is a nullable join: PostgreSQL locks only the targets' own rows.
            for target in Target.objects.filter(indicator=indicator)
            .select_related("area")
            .select_for_update(of=("self",))
        }
        for area, amount in wanted:
            key = "commune" if area is None else area.pk
            target = existing.get(area.pk if area else None)
            kind = assigned_by if (area is None and assigned_by) else (target.assigned_by if target else None)
            try:
                result = _apply_target(indicator, by, area, amount, target, kind)
            except ValidationError as error:
                errors[key] = error.messages
            else:
                if result:
                    changed.append(result)
        if errors:
            raise ValidationError(errors)  # leaving the block rolls back the rows already set
    return changed


def _apply_target(indicator, by, area, amount, target, assigned_by):
    """One row of `set_targets`: ("set" | "removed", area, old amount) or None when unchanged."""
    old = target.amount if target else None
    if amount is None:
        # A blank box removes a number; a target that never had one (met-only, a share) stays.
        if target is None or target.shape not in NUMBERED:
            return None
        target._history_user = by
        target._change_reason = _("Bỏ chỉ tiêu (trước: %(old)s)") % {"old": indicator.format_value(old)}
        target.delete()
        return ("removed", area, old)
    if not isinstance(amount, int) or amount < 0:
        raise ValidationError(_("Mức chỉ tiêu phải là số nguyên lớn hơn 0."))
    if area is not None and not area.is_current and old != amount:
        raise ValidationError(
            _("%(area)s đã sáp nhập hoặc thôi hoạt động: không giao chỉ tiêu mới.") % {"area": area.full_name}
        )
    kind = assigned_by or Target.AssignedBy.COMMUNE
    if target is not None and old == amount and target.assigned_by == kind:
        return None
    note = target.note if target else ""
    set_target(indicator, by=by, amount=amount, area=area, assigned_by=kind, note=note)
    return ("set", area, old)


# --- rounds (đợt), fund years and their targets -----------------------------------------


def _refuse_unless_chair_of(by, campaign):
    if not is_chair(by) or not may_act_for_campaign(by, campaign):
        raise PermissionDenied(_("Chỉ Chủ tịch Ủy ban MTTQ xã được chia đợt và giao chỉ tiêu đợt."))


def save_round(round_, *, by):
    """Save a round (đợt), a fund year or a peak month of a campaign; only the chair. Rounds of
    one kind may not overlap (each day belongs to one round). Returns it."""
    _refuse_unless_chair_of(by, getattr(round_, "campaign", None))
    with transaction.atomic():
        # One writer per campaign: two rounds saved at once cannot both pass the overlap check.
        Campaign.objects.select_for_update().filter(pk=round_.campaign_id).first()
        round_.full_clean()
        round_.save()
    return round_


def add_round(campaign, *, by, name, start_date, end_date, kind=Round.Kind.ROUND):
    """A new round of `campaign` (see `save_round`)."""
    return save_round(
        Round(campaign=campaign, kind=kind, name=name, start_date=start_date, end_date=end_date), by=by
    )


def add_fund_year(campaign, *, by, first_year, first_month=10):
    """The fund year that starts on the 1st of `first_month` (October by default) of `first_year`:
    `Năm 2025–2026`, 01/10/2025 – 30/09/2026."""
    start, end = fund_year_dates(first_year, first_month)
    name = f"Năm {start.year}–{end.year}" if start.year != end.year else f"Năm {start.year}"
    return add_round(campaign, by=by, name=name, start_date=start, end_date=end, kind=Round.Kind.YEAR)


def set_round_target(round_, indicator, *, by, amount=None, **shape):
    """Create or change `round_`'s own target for `indicator`, in any target shape (see
    `set_target`); only the chair. Returns it."""
    _refuse_unless_chair_of(by, round_.campaign)
    with transaction.atomic():
        target = RoundTarget.objects.select_for_update().filter(round=round_, indicator=indicator).first()
        target = target or RoundTarget(round=round_, indicator=indicator)
        target.amount = amount
        _apply_shape(target, shape)
        return save_round_target(target, by=by)


def save_round_target(target, *, by):
    """Save a round's target as the admin's form built it; only the chair."""
    _refuse_unless_chair_of(by, getattr(getattr(target, "round", None), "campaign", None))
    with transaction.atomic():
        target.full_clean()
        target.save()
    return target


# --- recipients, gift batches, houses, stated figures -----------------------------------------
# Staff and the chair record them (like payouts); the fund's part of a gift batch or a house is
# written as a Disbursement through `save_disbursement`, so the balance, the locks and the
# overspending rule are the ledger's own.


def _refuse_unless_staff(by, commune_id, message):
    from congresses.permissions import works_for_commune

    if not sees_everything(by) or not works_for_commune(by, commune_id):
        raise PermissionDenied(message)


def save_recipient(recipient, *, by):
    """Save a recipient (household, school, unit) of the user's commune; staff and chair only."""
    _refuse_unless_staff(
        by, recipient.commune_id, _("Chỉ cán bộ Mặt trận xã được ghi đối tượng nhận hỗ trợ.")
    )
    with transaction.atomic():
        recipient.full_clean()
        recipient.save()
    return recipient


def record_recipient(*, by, commune, label, kind=Recipient.Kind.POOR, area=None, note=""):
    return save_recipient(Recipient(commune=commune, label=label, kind=kind, area=area, note=note), by=by)


def _campaign_commune(entry):
    campaign = getattr(entry, "campaign", None) if entry.campaign_id else None
    return campaign.commune_id if campaign else None


def save_gift_batch(batch, *, by, recipients=None):
    """Save a gift batch (or a top-up); staff and chair only. Returns it.

    When the fund pays a part (`batch.fund_amount`), one Disbursement is recorded for it on the
    batch's date, linked to the batch; its figures cannot change afterwards (a payout is
    corrected by a reversing entry in the ledger). `recipients`, when given, replaces the
    batch's list; a top-up's must be among its first batch's.
    """
    _refuse_unless_staff(by, _campaign_commune(batch), _("Chỉ cán bộ Mặt trận xã được ghi đợt trao quà."))
    batch._history_user = by
    with transaction.atomic():
        Campaign.objects.select_for_update().filter(pk=batch.campaign_id).first()
        batch.full_clean()
        if recipients is not None:
            batch.check_recipients(recipients)
        if batch.disbursement_id is None and batch.fund_amount:
            batch.disbursement = save_disbursement(batch.pending_disbursement(), by=by)
        batch.save()
        if recipients is not None:
            batch.recipients.set(recipients)
    return batch


def record_gift_batch(*, by, recipients=None, **fields):
    return save_gift_batch(GiftBatch(**fields), by=by, recipients=recipients)


def save_house(house, *, by, sources=None, removed=()):
    """Save a house and, when given, its other sources (`sources` saved, `removed` deleted);
    staff and chair only. Returns it.

    When the Front's support is handed over (`money_handed_on` set), one Disbursement is
    recorded for it on that day, linked to the house: the only part of a house's value in the
    fund's balance. Sources that add up to more than the house is worth are refused.
    """
    _refuse_unless_staff(by, _campaign_commune(house), _("Chỉ cán bộ Mặt trận xã được ghi nhà Đại đoàn kết."))
    house._history_user = by
    with transaction.atomic():
        Campaign.objects.select_for_update().filter(pk=house.campaign_id).first()
        house.full_clean()
        if house.disbursement_id is None and house.money_handed_on and house.front_support:
            house.disbursement = save_disbursement(house.pending_disbursement(), by=by)
        house.save()
        if sources is not None or removed:
            set_house_sources(house, by=by, sources=sources or [], removed=removed)
    return house


def set_house_sources(house, *, by, sources, removed=()):
    """Save `sources` of a saved house and delete `removed`, all or nothing; refused when they
    would add up to more than the house is worth. Staff and chair only."""
    _refuse_unless_staff(by, _campaign_commune(house), _("Chỉ cán bộ Mặt trận xã được ghi nhà Đại đoàn kết."))
    with transaction.atomic():
        House.objects.select_for_update().get(pk=house.pk)
        gone = {source.pk for source in removed if source.pk}
        changed = {source.pk for source in sources if source.pk}
        kept = list(house.sources.exclude(pk__in=gone | changed))
        house.check_sources(kept + list(sources))
        HouseSource.objects.filter(house=house, pk__in=gone).delete()
        for source in sources:
            source.house = house
            source.full_clean()
            source.save()
    return house


def record_house(*, by, sources=(), **fields):
    """A house from plain values; `sources` are (kind, amount) or (kind, amount, workdays) tuples."""
    house = House(**fields)
    rows = [
        HouseSource(kind=row[0], amount=row[1], workdays=row[2] if len(row) > 2 else 0) for row in sources
    ]
    house.check_sources(rows)
    return save_house(house, by=by, sources=rows)


def advance_house(house, *, by, stage, on=None):
    """Record that `house` reached `stage` on `on` (today by default): approved, money handed
    over, construction started, handed over."""
    field = dict(STAGE_DATES)[stage]
    setattr(house, field, on or timezone.localdate())
    return save_house(house, by=by)


def save_stated_figure(figure, *, by, parts=None, removed=()):
    """Save what a report, an article or the upper level states, with its parts when given;
    staff and chair only. The checks are computed on reading (`StatedFigure.checks`)."""
    _refuse_unless_staff(
        by, _campaign_commune(figure), _("Chỉ cán bộ Mặt trận xã được ghi số liệu được nêu.")
    )
    with transaction.atomic():
        if figure.pk is None:
            figure.entered_by = by
        figure.full_clean()
        figure.save()
        StatedPart.objects.filter(figure=figure, pk__in=[part.pk for part in removed if part.pk]).delete()
        for part in parts or []:
            part.figure = figure
            part.full_clean()
            part.save()
    return figure


def record_stated_figure(*, by, parts=(), **fields):
    """A stated figure from plain values; `parts` are (label, value) or (label, value, qualifier)."""
    rows = [StatedPart(label=row[0], value=row[1], qualifier=row[2] if len(row) > 2 else "") for row in parts]
    return save_stated_figure(StatedFigure(**fields), by=by, parts=rows)


# --- funds: opening balances, money from and to the upper level, công khai thu – chi ---------
# A transfer is the commune's money like a payout: staff and the chair write it, never in a
# locked period, corrected by a reversing entry (`reverse_entry`). A statement is prepared by
# staff and published (or taken off the site) by those holding `publish_fundstatement`.


def _refuse_unless_commune_staff(by, campaign, message):
    if not sees_everything(by) or not may_act_for_campaign(by, campaign):
        raise PermissionDenied(message)


def save_fund_transfer(entry, *, by, reason=""):
    """Save an opening balance, a receipt from the upper level's fund or a transfer up; returns it.

    A transfer up is refused beyond the fund's balance; a fund has one opening balance (a wrong
    one is reversed, then entered again).
    """
    _refuse_unless_commune_staff(
        by,
        getattr(getattr(entry, "indicator", None), "campaign", None),
        _("Chỉ cán bộ Mặt trận xã được ghi chuyển quỹ."),
    )
    entry._history_user = by
    with transaction.atomic():
        # One writer per campaign: two transfers up at once cannot both spend the same balance.
        Campaign.objects.select_for_update().filter(pk=entry.indicator.campaign_id).first()
        if entry.pk is None:
            entry.entered_by = by
        else:
            _stored_for_change(entry, by)
            _history_reason(entry, reason)
        entry.full_clean()
        entry.save()
    return entry


def record_fund_transfer(*, by, fund, kind, amount, counterpart, date=None, note=""):
    """A transfer from plain values: `amount` an int of đồng (or text as typed, `1,2 tỷ`)."""
    if isinstance(amount, str):
        from lib.money import parse_money

        amount = parse_money(amount)
    entry = FundTransfer(
        indicator=fund,
        kind=kind,
        amount=amount,
        counterpart=counterpart,
        date=date or timezone.localdate(),
        note=note,
    )
    return save_fund_transfer(entry, by=by)


def record_opening_balance(*, by, fund, amount, source, date):
    """The balance a fund carries over into the portal's books (số dư đầu kỳ), with its date and source."""
    return record_fund_transfer(
        by=by, fund=fund, kind=FundTransfer.Kind.OPENING, amount=amount, counterpart=source, date=date
    )


def save_fund_statement(statement, *, by):
    """Save a công khai thu – chi table (its period, grouping, signatures); staff and chair only.
    A published statement's period and fund are fixed: take it off the site first."""
    _refuse_unless_commune_staff(
        by,
        getattr(getattr(statement, "indicator", None), "campaign", None),
        _("Chỉ cán bộ Mặt trận xã được lập bảng công khai thu – chi."),
    )
    statement._history_user = by
    with transaction.atomic():
        if statement.pk is None:
            statement.created_by = by
        else:
            stored = FundStatement.objects.select_for_update().get(pk=statement.pk)
            fixed = ("indicator_id", "start_date", "end_date", "grouping")
            if stored.is_published and any(getattr(stored, f) != getattr(statement, f) for f in fixed):
                raise ValidationError(
                    _("Bảng đã công khai: muốn đổi quỹ, kỳ hay cách nhóm, hãy thôi công khai trước.")
                )
        statement.full_clean()
        statement.save()
    return statement


def _refuse_unless_publisher(by, statement):
    if not by.has_perm("campaigns.publish_fundstatement") or not may_act_for_campaign(
        by, statement.indicator.campaign
    ):
        raise PermissionDenied(_("Bạn không được công khai bảng thu – chi."))


def publish_fund_statement(statement, *, by):
    """Put the table on the campaign's public page; the period's books must be locked first."""
    _refuse_unless_publisher(by, statement)
    with transaction.atomic():
        statement = FundStatement.objects.select_for_update().get(pk=statement.pk)
        refusal = statement.publish_refusal()
        if refusal:
            raise ValidationError(refusal, code="not_locked")
        statement.is_published, statement.published_at, statement.published_by = True, timezone.now(), by
        statement._history_user = by
        statement.save(update_fields=["is_published", "published_at", "published_by"])
    return statement


def unpublish_fund_statement(statement, *, by):
    """Take the table off the site; the record and its history stay."""
    _refuse_unless_publisher(by, statement)
    with transaction.atomic():
        statement = FundStatement.objects.select_for_update().get(pk=statement.pk)
        statement.is_published = False
        statement._history_user = by
        statement.save(update_fields=["is_published"])
    return statement


def _default_fund(entry):
    """The fund a payout names, or the campaign's main fund (None without a money indicator)."""
    if entry.indicator_id or not entry.campaign_id:
        return entry.indicator
    return main_fund(entry.campaign)


def record_rate(*, by, indicator, year, percent, area=None, note=""):
    """Record (or restate) a rate indicator's figure for one year, for the commune or one hamlet.

    The commune's rate is staff's or the chair's; a hamlet's may also be its own officer's.
    A year already recorded is restated in place and its history keeps the old figure.
    Raises PermissionDenied or ValidationError (Vietnamese)."""
    from .rates import RateFigure

    commune_id = indicator.campaign.commune_id
    if area is None:
        _refuse_unless_staff(by, commune_id, _("Chỉ cán bộ Mặt trận xã được ghi tỷ lệ của cả xã."))
    else:
        _refuse_area(by, area.pk)
    rate = RateFigure.objects.filter(indicator=indicator, year=year, area=area).first() or RateFigure(
        indicator=indicator, year=year, area=area
    )
    rate.percent, rate.note, rate.entered_by = percent, note, by
    return save_rate(rate, by=by)


def save_rate(rate, *, by):
    """Save a `campaigns.rates.RateFigure` after its checks (the admin's path too)."""
    if rate.area_id is None:
        _refuse_unless_staff(
            by, rate.indicator.campaign.commune_id, _("Chỉ cán bộ Mặt trận xã được ghi tỷ lệ của cả xã.")
        )
    else:
        _refuse_area(by, rate.area_id)
    rate.entered_by = by
    rate.full_clean()
    rate._history_user = by
    rate.save()
    return rate
