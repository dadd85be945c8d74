"""How the history pages show a changed value: simple-history hands values over as Python's
text, so a yes/no field reads "True → False" and an empty one "None"."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def history_value(value):
    """`True` → Có, `False` → Không, `None` or empty → —; any other value unchanged."""
    text = "" if value is None else str(value)
    if text in ("", "None"):
        return "—"
    if text == "True":
        return _("Có")
    if text == "False":
        return _("Không")
    return value
