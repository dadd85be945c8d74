"""Writes on the province's campaigns: launching one into every commune and giving each commune
its share. Only province staff; each write one transaction, all or nothing.

A commune's part is one of its own campaigns (`Campaign.province_campaign`) with copies of the
province's indicators; its commune-wide target follows the share the province gives (marked
"Tỉnh giao"), and the commune's chair splits it across hamlets in the usual targets grid.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congresses.models import Commune
from congresses.permissions import is_province_staff

from .models import Campaign, CommuneShare, Indicator, ProvinceIndicator, Target

COPIED_CAMPAIGN_FIELDS = ("name", "kind", "status", "start_date", "end_date", "description")
COPIED_INDICATOR_FIELDS = ("name", "unit", "unit_label", "report_phrase", "position")


def _refuse_unless_province_staff(by):
    if not is_province_staff(by):
        raise PermissionDenied(_("Chỉ cán bộ Ủy ban MTTQ tỉnh được phát động và giao chỉ tiêu của tỉnh."))


def save_province_campaign(campaign, *, by, indicators=()):
    """Save a province campaign (and the unsaved or changed `indicators` given), then bring every
    commune's part up to date: a campaign per commune of the province, with the same name,
    dates, status and indicators. Returns the campaign."""
    _refuse_unless_province_staff(by)
    with transaction.atomic():
        campaign.full_clean()
        campaign.save()
        for indicator in indicators:
            indicator.campaign = campaign
            indicator.full_clean()
            indicator.save()
        sync_commune_campaigns(campaign)
    return campaign


def sync_commune_campaigns(campaign):
    """Each commune of the province gets (or keeps) its part of `campaign`, its fields copied
    from the province's; a fixed handful of queries plus one write per changed row."""
    # A commune merged into another runs no part of its own: its part went with it.
    communes = list(Commune.objects.filter(province_id=campaign.province_id, merged_into__isnull=True))
    parts = {
        part.commune_id: part
        for part in Campaign.objects.filter(province_campaign=campaign, commune__merged_into__isnull=True)
    }
    for commune in communes:
        part = parts.get(commune.pk) or Campaign(commune=commune, province_campaign=campaign)
        if part.pk is None or any(getattr(part, f) != getattr(campaign, f) for f in COPIED_CAMPAIGN_FIELDS):
            for name in COPIED_CAMPAIGN_FIELDS:
                setattr(part, name, getattr(campaign, name))
            part.save()
        parts[commune.pk] = part
    indicators = list(campaign.indicators.all())
    copies = {
        (copy.campaign_id, copy.province_indicator_id): copy
        for copy in Indicator.objects.filter(province_indicator__campaign=campaign)
    }
    for part in parts.values():
        for indicator in indicators:
            copy = copies.get((part.pk, indicator.pk)) or Indicator(
                campaign=part, province_indicator=indicator
            )
            if copy.pk is None or any(
                getattr(copy, f) != getattr(indicator, f) for f in COPIED_INDICATOR_FIELDS
            ):
                for name in COPIED_INDICATOR_FIELDS:
                    setattr(copy, name, getattr(indicator, name))
                copy.save()


def set_commune_shares(indicator, *, by, shares, seen_version=None):
    """Give each commune its share of a province indicator: `shares` maps a Commune to an amount
    (None or 0: no share). Communes left out keep theirs. The commune's own target of its copy
    follows (assigned by the province); history keeps every old value. All or nothing: raises
    ValidationError keyed by commune id. Returns the number of changed shares."""
    _refuse_unless_province_staff(by)
    errors, changed = {}, 0
    with transaction.atomic():
        ProvinceIndicator.objects.select_for_update().get(pk=indicator.pk)
        if seen_version is not None and indicator.shares_version() != seen_version:
            raise ValidationError(
                _(
                    "Trong lúc bạn nhập, phần giao các xã đã được thay đổi ở nơi khác. Chưa lưu gì: "
                    "hãy xem lại rồi lưu lại."
                ),
                code="stale",
            )
        sync_commune_campaigns(indicator.campaign)
        existing = {share.commune_id: share for share in CommuneShare.objects.filter(indicator=indicator)}
        copies = {
            copy.campaign.commune_id: copy
            for copy in Indicator.objects.filter(province_indicator=indicator).select_related("campaign")
        }
        for commune, amount in shares.items():
            if commune.province_id != indicator.campaign.province_id:
                errors[commune.pk] = [_("%(name)s không thuộc tỉnh này.") % {"name": commune.full_name}]
                continue
            try:
                changed += _apply_share(indicator, by, commune, amount or None, existing.get(commune.pk))
                _follow_share(copies[commune.pk], by, amount or None)
            except ValidationError as error:
                errors[commune.pk] = error.messages
        if errors:
            raise ValidationError(errors)
    return changed


def _apply_share(indicator, by, commune, amount, share):
    if amount is None:
        if share is None:
            return 0
        share._history_user = by
        share.delete()
        return 1
    if not isinstance(amount, int) or amount <= 0:
        raise ValidationError(_("Mức giao phải là số nguyên lớn hơn 0."))
    if share is not None and share.amount == amount:
        return 0
    share = share or CommuneShare(indicator=indicator, commune=commune)
    share.amount, share.set_by = amount, by
    share._history_user = by
    share.full_clean()
    share.save()
    return 1


def _follow_share(copy, by, amount):
    """The commune's target of its copy is the province's share, marked as assigned by it."""
    target = Target.objects.filter(indicator=copy, area__isnull=True).first()
    if amount is None:
        if target is not None:
            target._history_user = by
            target.delete()
        return
    if target is not None and target.amount == amount and target.assigned_by == Target.AssignedBy.PROVINCE:
        return
    target = target or Target(indicator=copy)
    target.amount, target.assigned_by, target.set_by = amount, Target.AssignedBy.PROVINCE, by
    target._history_user = by
    target.full_clean()
    target.save()
