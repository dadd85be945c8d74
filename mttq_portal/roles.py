"""The portal's roles, as Django groups. One place names them; apps ask `has_role()`.

The groups and their permissions are created by a migration (issue 6); the names here are
the contract every app uses. A superuser counts as every role.
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
