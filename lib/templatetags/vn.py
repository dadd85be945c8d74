"""The shared template library every page loads (`{% load vn %}`): filters for Vietnamese
formatting, all backed by lib.vietnamese, and the breadcrumb trail.

Apps' own libraries are named after their app (`{% load congresses %}`, `news`, `campaigns`).
"""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as dateformat

from lib import vietnamese

register = template.Library()


@register.filter
def money(value):
    """`{{ 8000000|money }}` → `8.000.000 đ`."""
    if value in (None, ""):
        return ""
    return vietnamese.format_money(value)


@register.filter
def number(value):
    """`{{ 1234|number }}` → `1.234`."""
    if value in (None, ""):
        return ""
    return vietnamese.format_number(value)


@register.filter
def pct(value):
    """`{{ 161|pct }}` → `161%`."""
    return vietnamese.format_percent(value)


@register.filter
def money_words(value):
    """`{{ 8000000|money_words }}` → `Tám triệu đồng`."""
    if value in (None, ""):
        return ""
    return vietnamese.money_in_words(value)


@register.filter
def vndate(value):
    """`07/01/2024` in the site's time zone."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat(value, "d/m/Y")


@register.filter
def vndatetime(value):
    """`07/01/2024 19:30` in the site's time zone."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat(value, "d/m/Y H:i")


@register.filter
def tel(value):
    """`{{ "0235 3812 345"|tel }}` → `+842353812345`, for `href="tel:…"` (no spaces allowed)."""
    return vietnamese.tel_uri(value)


@register.inclusion_tag("partials/breadcrumbs.html")
def breadcrumbs(*trail, current_class=""):
    """`{% breadcrumbs label url … current %}`: "Trang chủ", then each (label, url), then the
    current page (its label last, not a link)."""
    *pairs, current = trail
    return {
        "trail": list(zip(pairs[::2], pairs[1::2], strict=True)),
        "current": current,
        "current_class": current_class,
    }
