"""Which communes a staff account works for: the one answer every admin, import and service asks.

`commune_scope(user)` is EVERY_COMMUNE (None) for province staff (and superusers), the ids of
the communes a staff account belongs to (`StaffProfile`), or an empty set. A one-commune
installation needs no profiles: an account without one belongs to that only commune, so an
existing site keeps working until a second commune is added (then each account is assigned).

Querysets apply it through `CommuneScopedQuerySet.visible_to(user)`; campaigns' `area_scope`
narrows it further to a hamlet officer's areas.
"""

from lib.roles import PROVINCE_STAFF, has_role

EVERY_COMMUNE = None


def is_province_staff(user):
    return has_role(user, PROVINCE_STAFF)


def commune_scope(user):
    """EVERY_COMMUNE, or a frozenset of commune ids; cached on the user for the request."""
    if not user or not user.is_authenticated or not user.is_active:
        return frozenset()
    if is_province_staff(user):
        return EVERY_COMMUNE
    ids = getattr(user, "_commune_ids", None)
    if ids is None:
        from .models import StaffProfile
        from .sites import site_table

        profile = StaffProfile.objects.filter(user=user).values_list("commune_id", flat=True).first()
        if profile:
            ids = frozenset([profile])
        else:
            only = site_table().only_commune
            ids = frozenset([only.pk]) if only else frozenset()
        user._commune_ids = ids
    return ids


def works_for_commune(user, commune_id):
    scope = commune_scope(user)
    return scope is EVERY_COMMUNE or commune_id in scope


def communes_within_scope(communes, user):
    """`communes` narrowed to those the user works for (pickers and filters offer these)."""
    scope = commune_scope(user)
    return communes if scope is EVERY_COMMUNE else communes.filter(pk__in=scope)


def working_commune(request):
    """The commune whose records this request creates and lists: a commune account's own
    commune, whatever host it signed in at; province staff act for the site's commune (the
    history of each record names who acted). None when there is no such commune."""
    from .models import Commune
    from .sites import site_table

    scope = commune_scope(request.user)
    if scope is EVERY_COMMUNE:
        return getattr(request, "commune", None) or site_table().only_commune
    if len(scope) == 1:
        return Commune.objects.filter(pk=next(iter(scope))).first()
    return None
