"""The site's template library (`{% load mttq_portal %}`).

`{% media_with_nonce media %}`: form media whose inline parts (import maps) carry the
request's CSP nonce, so a policy without 'unsafe-inline' lets them run."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def media_with_nonce(context, media):
    request = context.get("request")
    nonce = getattr(request, "csp_nonce", None)
    if nonce is not None and hasattr(media, "with_nonce"):
        # js_asset.Media (django-prose-editor's): only an import map needs the nonce; it is
        # resolved lazily, so pages without one do not add a nonce to their policy.
        return media.with_nonce(nonce).render()
    return media.render() if media else ""
