"""The portal's roles and the one check every app asks: `has_role(user, CHAIR)`.

A role is a Django group; the names here are the contract every app uses. What each role
may do is the table in `mttq_portal/roles.py`. A superuser counts as every role.
"""

from django.utils.translation import gettext_lazy as _

COMMUNE_STAFF = "Cán bộ Mặt trận xã"
CHAIR = "Chủ tịch Ủy ban MTTQ xã"
HAMLET_OFFICER = "Trưởng ban công tác Mặt trận"
EDITOR = "Biên tập viên"

ROLE_LABELS = {
    COMMUNE_STAFF: _("Cán bộ Mặt trận xã: quản lý tổ chức, hội nghị, xem mọi kết quả"),
    CHAIR: _("Chủ tịch: giao chỉ tiêu, khóa kỳ, xác nhận kết quả"),
    HAMLET_OFFICER: _("Trưởng ban CTMT: nhập kết quả của khu dân cư mình"),
    EDITOR: _("Biên tập viên: viết và đăng tin"),
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
    return role in names


def role_groups():
    """{role name: Group} of the four roles. `migrate` creates them and keeps their permissions
    (`mttq_portal/roles.py`); the demo and the tests hand them to the accounts they make."""
    from django.contrib.auth.models import Group

    return {group.name: group for group in Group.objects.filter(name__in=ROLE_LABELS)}
