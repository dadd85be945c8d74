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

The fragments of a page are read together: the first one rendered reads, in one round trip,
every fragment of the template and of the templates it extends (`_prefetched`). A fragment of
an included template, or one whose `vary` changes while the page renders, reads its own.
"""

import logging

from django import template
from django.conf import settings
from django.core.cache import caches
from django.template.loader_tags import ExtendsNode
from django.utils import timezone
from django.utils.safestring import mark_safe

from lib import pagecache

log = logging.getLogger(__name__)
register = template.Library()


def _page_fragments(template, context):
    """The fragment nodes of `template` and of the templates it extends, outermost last.

    Remembered on the compiled template when every parent is named by a literal (all of ours):
    the cached template loader gives the same objects to every request.
    """
    nodes = getattr(template, "_shared_fragment_nodes", None)
    if nodes is not None:
        return nodes
    nodes, fixed, current = [], True, template
    while current is not None:
        nodes += current.nodelist.get_nodes_by_type(SharedFragmentNode)
        extends = current.nodelist.get_nodes_by_type(ExtendsNode)
        if not extends:
            break
        parent = extends[0].parent_name
        fixed = fixed and isinstance(parent.var, str) and not parent.filters
        parent = parent.resolve(context)
        # Not ExtendsNode.get_parent: it records the parent in the render's history, and the
        # page being rendered has recorded it already.
        current = parent if hasattr(parent, "render") else template.engine.get_template(parent)
        current = getattr(current, "template", current)  # a backend's template wraps the engine's
    if fixed:
        template._shared_fragment_nodes = nodes
    return nodes


def _prefetched(request, context, cache):
    """{key: entry} of the page's fragments, read in one `get_many` at the first fragment."""
    entries = getattr(request, "_shared_fragments", None)
    if entries is None:
        template = getattr(context, "template", None)
        nodes = _page_fragments(template, context) if template is not None else []
        keys = [
            pagecache.fragment_key(
                request, node.name.resolve(context), [v.resolve(context) for v in node.vary]
            )
            for node in nodes
        ]
        entries = dict.fromkeys(keys)
        entries.update(cache.get_many(keys) if keys else {})
        request._shared_fragments = entries
    return entries


def shared(context, name, vary, render):
    """The fragment from the shared cache, or `render()` kept there as long as a page would be.

    Kept with its end, as the page cache keeps pages: the cache may hold it longer (its own
    clock, whole seconds), the fragment knows when the next scheduled post makes it stale.
    """
    request = context.get("request")
    if not pagecache.enabled() or request is None:
        return render()
    cache = caches[settings.PAGE_CACHE_ALIAS]
    try:
        key = pagecache.fragment_key(request, name, vary)
        prefetched = _prefetched(request, context, cache)
        entry = prefetched[key] if key in prefetched else cache.get(key)
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
        text = shared(context, name, vary, lambda: str(self.nodelist.render(context)))
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


class UnpackNode(template.Node):
    def __init__(self, nodelist, mapping):
        self.nodelist = nodelist
        self.mapping = mapping

    def render(self, context):
        with context.push(dict(self.mapping.resolve(context))):
            return self.nodelist.render(context)


@register.tag
def unpack(parser, token):
    """`{% unpack figures %}…{% endunpack %}`: the keys of a mapping as variables inside, read
    when the tag renders. A view passes what a fragment shows as one lazy mapping
    (SimpleLazyObject), so a fragment found in the cache reads none of it."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("unpack needs one mapping")
    nodelist = parser.parse(("endunpack",))
    parser.delete_first_token()
    return UnpackNode(nodelist, parser.compile_filter(bits[1]))
