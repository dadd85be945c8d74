"""Who may do what with campaign results. The admin, the import and the services all ask here.

Roles come from `lib.roles`; Django model permissions are still required on top
(the admin checks both), so a role without the group's permissions can do nothing.
"""

from lib.roles import CHAIR, COMMUNE_STAFF, HAMLET_OFFICER, has_role


def is_chair(user):
    return has_role(user, CHAIR)


def sees_everything(user):
    """Commune staff and the chair see every area's results."""
    return has_role(user, CHAIR) or has_role(user, COMMUNE_STAFF)


def is_officer(user):
    return has_role(user, HAMLET_OFFICER)


def officer_area_ids(user):
    """Ids of the areas this user enters results for, cached on the user for the request."""
    if not user or not user.is_authenticated:
        return set()
    ids = getattr(user, "_campaign_area_ids", None)
    if ids is None:
        from .models import AreaOfficer

        ids = set(AreaOfficer.objects.filter(user=user).values_list("area_id", flat=True))
        user._campaign_area_ids = ids
    return ids


def may_enter_for_area(user, area_id):
    """Staff and chair enter for any area; a hamlet officer only for their own areas."""
    if sees_everything(user):
        return True
    return is_officer(user) and area_id in officer_area_ids(user)
