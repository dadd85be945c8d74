"""Template helpers for news pages."""

import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from news.models import Category

register = template.Library()


@register.filter
def json_ld(data):
    """`{{ data|json_ld }}` → a `<script type="application/ld+json">` block.

    Escaped like Django's `json_script` (`<`, `>`, `&` as \\u escapes), so no text in the
    data can close the script element.
    """
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def news_categories(context):
    """The site's categories for the menu (one small query per page)."""
    request = context.get("request")
    if request is None:
        return []
    site = {"commune": getattr(request, "commune", None), "province": getattr(request, "province", None)}
    return list(Category.objects.for_site(**site).only("name", "slug"))
