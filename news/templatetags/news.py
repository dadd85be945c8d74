"""Template helpers for news pages."""

import json

from django import template
from django.utils.html import _json_script_escapes, format_html
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


DEFAULT_SIZES = "(min-width: 992px) 33vw, 100vw"


@register.simple_tag
def picture(small, big=None, alt="", sizes="", eager=False, css=""):
    """`{% picture small big alt=… sizes=… eager=True css=… %}`: the markup of news/_picture.html,
    built in Python. Lists draw one per card; a template include each cost more than the
    rest of the card."""
    if not small:
        return ""
    sizes = sizes or DEFAULT_SIZES
    webp = f"{small.webp_url} {small.width}w"
    jpeg = f"{small.jpeg_url} {small.width}w"
    if big:
        webp += f", {big.webp_url} {big.width}w"
        jpeg += f", {big.jpeg_url} {big.width}w"
    loading = ' fetchpriority="high"' if eager else ' loading="lazy"'
    css_class = format_html(' class="{}"', css) if css else ""
    return format_html(
        '<picture>\n  <source type="image/webp" srcset="{}" sizes="{}">\n'
        '  <img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} decoding="async"{}>\n</picture>',
        webp, sizes, small.jpeg_url, jpeg, sizes, small.width, small.height, alt,
        mark_safe(loading), css_class,  # noqa: S308 (constant text)
    )  # fmt: skip
