"""Who may do what with campaign results. The admin, the import and the services all ask here.

Roles come from `lib.roles`; Django model permissions are still required on top
(the admin checks both), so a role without the group's permissions can do nothing.

The officer-area rule lives in one function, `area_scope(user)`: the querysets'
`visible_to(user)`, the admin (through `lib.scoped_admin.AreaScopedAdminMixin`), the import
and the services all derive from it. It works inside the user's communes
(`congresses.permissions.commune_scope`): "every area" means every area of those communes.
"""

from congresses.permissions import EVERY_COMMUNE, commune_scope, works_for_commune
from lib.roles import CHAIR, COMMUNE_STAFF, HAMLET_OFFICER, PROVINCE_STAFF, has_role

EVERY_AREA = None


def is_chair(user):
    return has_role(user, CHAIR)


def sees_everything(user):
    """Commune staff, the chair (and province staff) see every area's results of their communes."""
    return has_role(user, CHAIR) or has_role(user, COMMUNE_STAFF) or has_role(user, PROVINCE_STAFF)


def is_officer(user):
    return has_role(user, HAMLET_OFFICER)


def officer_area_ids(user):
    """Ids of the areas this user is named officer of, cached on the user for the request."""
    if not user or not user.is_authenticated:
        return frozenset()
    ids = getattr(user, "_campaign_area_ids", None)
    if ids is None:
        # Deferred: the models import this module for `visible_to`.
        from .models import AreaOfficer

        ids = frozenset(AreaOfficer.objects.filter(user=user).values_list("area_id", flat=True))
        user._campaign_area_ids = ids
    return ids


def commune_area_ids(user):
    """Ids of the areas of the user's communes (None: every commune), cached for the request."""
    scope = commune_scope(user)
    if scope is EVERY_COMMUNE:
        return None
    ids = getattr(user, "_commune_area_ids", None)
    if ids is None:
        from congresses.models import ResidentialArea

        ids = frozenset(ResidentialArea.objects.in_communes(scope).values_list("pk", flat=True))
        user._commune_area_ids = ids
    return ids


def area_scope(user):
    """The areas whose records `user` may see and enter: EVERY_AREA (None) for commune staff
    and the chair (every area of their communes: callers narrow by `commune_scope` too, as
    `visible_to` does), the areas a hamlet officer is named for, an empty set for anyone else."""
    if sees_everything(user):
        return EVERY_AREA
    if is_officer(user):
        return officer_area_ids(user)
    return frozenset()


def works_somewhere(user):
    """False for a user whose scope is empty (no role, or an officer not yet given an area)."""
    scope = area_scope(user)
    return scope is EVERY_AREA or bool(scope)


def may_enter_for_area(user, area_id):
    """Staff and chair enter for any area of their commune; a hamlet officer only for their own."""
    scope = area_scope(user)
    if scope is EVERY_AREA:
        communes_areas = commune_area_ids(user)
        return communes_areas is None or area_id in communes_areas
    return area_id in scope


def may_act_for_campaign(user, campaign):
    """Whether `user` works for the commune that runs `campaign` (the role is checked apart)."""
    return campaign is not None and works_for_commune(user, campaign.commune_id)


def may_enter_for_commune(user, commune_id):
    """An entry of the commune as a whole (no area): commune staff and the chair of that
    commune only; a hamlet officer enters only for their own hamlet."""
    return commune_id is not None and sees_everything(user) and works_for_commune(user, commune_id)


def entry_commune_id(entry):
    """The commune of a contribution, through its campaign (its area may be blank)."""
    indicator = getattr(entry, "indicator", None) if entry.indicator_id else None
    return indicator.campaign.commune_id if indicator is not None else None


def may_write_entry(user, entry):
    """May `user` enter, change or reverse this ledger entry? Contributions belong to their
    area (an officer writes their own), or to the commune as a whole (its staff write those);
    disbursements are the commune's, written by its staff."""
    if entry.scoped_by_area:
        if entry.area_id is None:
            return may_enter_for_commune(user, entry_commune_id(entry))
        return may_enter_for_area(user, entry.area_id)
    return sees_everything(user) and may_act_for_campaign(user, getattr(entry, "campaign", None))


def areas_within_scope(areas, user):
    """`areas` (a ResidentialArea queryset) narrowed to those `user` works for: the pickers,
    filters, summaries and the import template all offer exactly these."""
    areas = areas.in_communes(commune_scope(user))
    scope = area_scope(user)
    return areas if scope is EVERY_AREA else areas.filter(pk__in=scope)


def uses_officer_screen(user):
    """A hamlet officer who is not also staff or chair: they land on the officer screen."""
    return is_officer(user) and not sees_everything(user)
