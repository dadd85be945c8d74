"""Province staff acting for a commune: every history row they leave names the commune.

django-simple-history already records who made a change; for province staff (who may act in
any commune) the row's reason says for which commune: "Cán bộ tỉnh thay mặt xã Hòa Phú".
"""

from django.dispatch import receiver
from django.utils.translation import gettext as _
from simple_history.signals import pre_create_historical_record

from .permissions import is_province_staff


def commune_of(instance):
    """The commune a record belongs to, following its queryset's `commune_lookup`; or None."""
    lookup = getattr(type(instance)._default_manager.get_queryset(), "commune_lookup", None)
    if lookup is None:
        return None
    if lookup == "pk":
        return instance
    target = instance
    for step in lookup.split("__"):
        target = getattr(target, step, None)
        if target is None:
            return None
    return target


@receiver(pre_create_historical_record, dispatch_uid="history-names-the-commune")
def name_the_commune(sender, instance, history_instance, history_user=None, **kwargs):
    if history_user is None or not is_province_staff(history_user):
        return
    commune = commune_of(instance)
    if commune is None:
        return
    note = _("Cán bộ tỉnh thay mặt %(commune)s") % {"commune": commune.full_name}
    reason = history_instance.history_change_reason
    history_instance.history_change_reason = (f"{note}: {reason}" if reason else note)[:100]
