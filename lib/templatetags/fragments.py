"""`{% shared_fragment "name" vary… %}…{% endshared_fragment %}`: a part of every page (the
menu, the footer, the home page's columns, a post's article) rendered once and kept in the
shared cache under the site's generation tokens (lib/pagecache.py), so an edit that forgets the
site's pages forgets it too. It is kept no longer than a whole page would be (midnight, the
next scheduled post): what is "current" or "upcoming" leaves when it would leave the page.

Only for markup that is the same for every visitor of a site: never a form (CSRF token), an
inline script (CSP nonce) or anything of the signed-in user. `vary` values (the current
section for `aria-current`, the post shown, the page number) are part of the key. Whatever
the fragment reads should be read lazily (a queryset, lib.lazy), so a cached fragment costs
no query.
"""

import logging

from django import template
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.safestring import mark_safe

from lib import pagecache

log = logging.getLogger(__name__)
register = template.Library()


def shared(request, name, vary, render):
    """The fragment from the shared cache, or `render()` kept there as long as a page would be.

    Kept with its end, as the page cache keeps pages: the cache may hold it longer (its own
    clock, whole seconds), the fragment knows when the next scheduled post makes it stale.
    """
    if not pagecache.enabled() or request is None:
        return render()
    cache = caches[settings.PAGE_CACHE_ALIAS]
    try:
        key = pagecache.fragment_key(request, name, vary)
        entry = cache.get(key)
    except Exception:
        log.warning("page cache unavailable; the fragment is rendered", exc_info=True)
        return render()
    now = timezone.now().timestamp()
    if isinstance(entry, tuple) and now < entry[0]:
        return entry[1]
    text = render()
    seconds = pagecache.page_seconds(request)
    try:
        cache.set(key, (now + seconds, text), seconds)
    except Exception:
        log.warning("page cache unavailable; the fragment is not kept", exc_info=True)
    return text


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        name = self.name.resolve(context)
        vary = [value.resolve(context) for value in self.vary]
        text = shared(context.get("request"), name, vary, lambda: str(self.nodelist.render(context)))
        return mark_safe(text)  # noqa: S308 (rendered by our own templates, escaped there)


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
