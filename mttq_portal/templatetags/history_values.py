"""How the history pages show a changed value: simple-history hands values over as Python's
text, so a yes/no field reads "True → False" and an empty one "None"."""

import re

from django import template
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject

register = template.Library()

DELETED = re.compile(r"Deleted (?P<type>.+) \(pk=(?P<pk>[^)]*)\)")


@register.filter
def history_value(value):
    """`True` → Có, `False` → Không, `None` or empty → —; any other value unchanged.

    A foreign key that was empty reaches here as simple-history's `DeletedObject` with no pk
    ("Deleted tỉnh, thành phố (pk=None)"): it was never deleted, it was empty."""
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return "—"
        return _("%(type)s đã xóa (mã %(pk)s)") % {"type": value.model._meta.verbose_name, "pk": value.pk}
    text = "" if value is None else str(value)
    # The admin hands the value over already made text.
    deleted = DELETED.fullmatch(text.strip())
    if deleted:
        if deleted["pk"] == "None":
            return "—"
        return _("%(type)s đã xóa (mã %(pk)s)") % {"type": deleted["type"], "pk": deleted["pk"]}
    if text in ("", "None"):
        return "—"
    if text == "True":
        return _("Có")
    if text == "False":
        return _("Không")
    return value
