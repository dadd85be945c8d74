"""Communes merging while both run a part of the same province campaign: the parts are joined,
so the new commune has one part, one share and one place in the province's ranking.

Called by congresses' merger (the `commune_merging` signal) inside its transaction, before the
old commune's records move. For each province campaign both communes run:
- the new commune's share becomes the sum of both shares (the old share ends, its history kept),
  and its commune-wide target follows, as any share the province gives;
- the old part's entries, hamlet targets, payouts, rounds and every other row of its campaign or
  its indicators now belong to the new part, each row's history saying why;
- the old part itself (a campaign with no rows left, and its locks) stays with the old commune
  as its history, like the share the province gave it.
"""

from simple_history.utils import bulk_update_with_history

from .models import Campaign, CommuneShare, Indicator, PeriodLock, Target
from .totals import ContributionTotal, rebuild_totals

# Rows a join settles itself rather than re-pointing: the copies, the commune-wide target (it
# follows the joined share), the old part's locks (its books as they were closed), the totals.
_NOT_REPOINTED = {Indicator, PeriodLock, ContributionTotal}


def join_province_parts(sender, old, into, on, reason, by, **kwargs):
    """Join every province campaign part of `old` into `into`'s part of the same campaign.
    Returns {Campaign: [old part ids]}: the parts that stay with the old commune."""
    from .province_services import _follow_share

    theirs = {
        part.province_campaign_id: part
        for part in Campaign.objects.filter(commune=into, province_campaign__isnull=False)
    }
    kept = []
    for part in Campaign.objects.filter(commune=old, province_campaign__isnull=False).select_for_update():
        joined = theirs.get(part.province_campaign_id)
        if joined is None:
            continue  # the new commune runs no part of it: the old part simply moves
        copies = {copy.province_indicator_id: copy for copy in joined.indicators.all()}
        indicator_pairs = {}
        for copy in part.indicators.all():
            target = copies.get(copy.province_indicator_id)
            if target is None:  # an indicator of the old part alone: it goes with the rows
                copy.campaign = joined
                copy._change_reason = reason[:100]
                copy.save(update_fields=["campaign"])
                continue
            indicator_pairs[copy] = target
            amount = _join_share(copy.province_indicator_id, old, into, reason, by)
            ended = _end_commune_target(copy, reason, by)
            if amount:
                _follow_share(target, by, amount)
            elif ended:  # no share from the province: the communes' own targets add up
                _add_commune_target(target, ended, reason, by)
        _repoint(Campaign, {part: joined}, reason, by)
        _repoint(Indicator, indicator_pairs, reason, by)
        rebuild_totals([indicator.pk for pair in indicator_pairs.items() for indicator in pair])
        kept.append(part.pk)
    return {Campaign: kept} if kept else {}


def _join_share(province_indicator_id, old, into, reason, by):
    """The new commune's share of a province indicator becomes both shares added (None: none)."""
    shares = {
        share.commune_id: share
        for share in CommuneShare.objects.select_for_update().filter(
            indicator_id=province_indicator_id, commune__in=[old, into]
        )
    }
    theirs, ours = shares.get(old.pk), shares.get(into.pk)
    if theirs is None:
        return ours.amount if ours else None
    ours = ours or CommuneShare(indicator_id=province_indicator_id, commune=into, amount=0)
    ours.amount += theirs.amount
    ours.set_by = by
    for share in (ours, theirs):
        share._history_user, share._change_reason = by, reason[:100]
    theirs.delete()  # its history keeps the amount the province gave the old commune
    ours.save()
    return ours.amount


def _end_commune_target(copy, reason, by):
    """Remove the old part's commune-wide target (its history keeps it); returns its amount."""
    target = Target.objects.filter(indicator=copy, area__isnull=True).first()
    if target is None:
        return None
    target._history_user, target._change_reason = by, reason[:100]
    target.delete()
    return target.amount


def _add_commune_target(copy, amount, reason, by):
    target = Target.objects.filter(indicator=copy, area__isnull=True).first() or Target(indicator=copy)
    target.amount = (target.amount or 0) + amount
    target.set_by = by
    target._history_user, target._change_reason = by, reason[:100]
    target.save()


def _repoint(model, pairs, reason, by):
    """Every row pointing at a key of `pairs` (rows of `model`) now points at its value."""
    if not pairs:
        return
    for relation in model._meta.related_objects:
        related = relation.related_model
        if (
            not relation.one_to_many
            or related in _NOT_REPOINTED
            or related._meta.object_name.startswith("Historical")
        ):
            continue
        name = relation.field.name
        for source, target in pairs.items():
            rows = related._default_manager.filter(**{name: source})
            if related is Target:
                rows = rows.filter(area__isnull=False)
            if hasattr(related, "history"):
                changed = list(rows)
                for row in changed:
                    setattr(row, name, target)
                if changed:
                    bulk_update_with_history(
                        changed,
                        related,
                        [name],
                        batch_size=500,
                        default_user=by,
                        default_change_reason=reason[:100],
                    )
            else:
                rows.update(**{name: target})


def connect():
    from congresses.models import Commune
    from congresses.signals import commune_merging

    commune_merging.connect(join_province_parts, sender=Commune, dispatch_uid="join_province_parts")
