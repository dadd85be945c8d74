"""`{% render_panel panel %}`: a panel contributed by another app, rendered with its own context."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    """Render `panel["template"]` with `panel["context"]` (plus the request) and return the HTML."""
    return render_to_string(
        panel["template"], dict(panel.get("context") or {}), request=context.get("request")
    )
