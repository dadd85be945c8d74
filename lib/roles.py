"""The portal's roles and the one check every app asks: `has_role(user, CHAIR)`.

A role is a stable code (`CHAIR`, …) that code and tests use; the Django group that holds
it is found through `GROUP_NAMES`, the one place a role meets its group's display name.
Renaming a group is a change here plus a data migration renaming the row, and nothing else
(`mttq_portal/migrations/0001_role_groups.py` keeps the names it created, as migrations must).
What each role may do is the table in `mttq_portal/roles.py`. A superuser counts as every role.
"""

from django.utils.translation import gettext_lazy as _

COMMUNE_STAFF = "commune_staff"
CHAIR = "chair"
HAMLET_OFFICER = "hamlet_officer"
EDITOR = "editor"
# The province Front's staff run the platform: every commune's records, acting for any commune.
PROVINCE_STAFF = "province_staff"

GROUP_NAMES = {
    COMMUNE_STAFF: "Cán bộ Mặt trận xã",
    CHAIR: "Chủ tịch Ủy ban MTTQ xã",
    HAMLET_OFFICER: "Trưởng ban công tác Mặt trận",
    EDITOR: "Biên tập viên",
    PROVINCE_STAFF: "Cán bộ Ủy ban MTTQ tỉnh",
}

ROLE_LABELS = {
    COMMUNE_STAFF: _("Cán bộ Mặt trận xã: quản lý tổ chức, hội nghị, xem mọi kết quả"),
    CHAIR: _("Chủ tịch: giao chỉ tiêu, khóa kỳ, xác nhận kết quả"),
    HAMLET_OFFICER: _("Trưởng ban CTMT: nhập kết quả của khu dân cư mình"),
    EDITOR: _("Biên tập viên: viết và đăng tin"),
    PROVINCE_STAFF: _("Cán bộ Ủy ban MTTQ tỉnh: quản lý mọi xã, phường của tỉnh"),
}


def has_role(user, role):
    """True when the user is active and in the role's group (superusers hold every role).

    Group names are cached on the user object for the request, so checks in admin
    list pages do not add a query per row.
    """
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return GROUP_NAMES[role] in names


def role_groups():
    """{role code: Group} of the four roles. `migrate` creates them and keeps their permissions
    (`mttq_portal/roles.py`); the demo and the tests hand them to the accounts they make."""
    from django.contrib.auth.models import Group  # deferred: lib is imported before apps load

    by_name = {group.name: group for group in Group.objects.filter(name__in=GROUP_NAMES.values())}
    return {role: by_name[name] for role, name in GROUP_NAMES.items() if name in by_name}


def role_group(role):
    """The Group of one role (created by `migrate`)."""
    from django.contrib.auth.models import Group  # deferred: lib is imported before apps load

    return Group.objects.get(name=GROUP_NAMES[role])
