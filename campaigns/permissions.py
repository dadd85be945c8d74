"""Who may do what with campaign results. The admin, the import and the services all ask here.

Roles come from `mttq_portal.roles`; Django model permissions are still required on top
(the admin checks both), so a role without the group's permissions can do nothing.
"""

from mttq_portal.roles import CHAIR, COMMUNE_STAFF, HAMLET_OFFICER, has_role


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


# The Django model permissions each role needs for the campaigns admin to work. The groups
# are created by a migration elsewhere (issue 6); this table is the contract, used by the
# demo and the tests to give the groups exactly these permissions.
_EVERY_MODEL = [
    "campaign",
    "indicator",
    "target",
    "contribution",
    "disbursement",
    "periodlock",
    "areaofficer",
]
ROLE_PERMISSIONS = {
    HAMLET_OFFICER: [
        "campaigns.view_contribution",
        "campaigns.add_contribution",
        "campaigns.change_contribution",
        "campaigns.view_target",
    ],
    COMMUNE_STAFF: [
        *(f"campaigns.view_{model}" for model in _EVERY_MODEL),
        "campaigns.add_contribution",
        "campaigns.change_contribution",
        "campaigns.add_disbursement",
        "campaigns.change_disbursement",
        "congresses.view_residentialarea",
    ],
    CHAIR: [
        *(f"campaigns.{action}_{model}" for model in _EVERY_MODEL for action in ("view", "add", "change")),
        "campaigns.delete_areaofficer",
        "congresses.view_residentialarea",
        "auth.view_user",
    ],
}


def ensure_role_groups():
    """Create the role groups if missing and give them the permissions above (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        groups[role] = group
    return groups
