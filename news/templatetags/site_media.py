"""`{% banner_strip "side" %}` and `{% web_links %}`: a commune's banners and website links.
The banners are rendered once per site into the shared cache (lib.pagecache.cached_fragment);
the links are kept by the page that shows them, in a `{% shared_fragment %}` (templates/home.html).

Links change only when someone saves one, which forgets the site's fragments. Banners also
change by themselves at their start and end: their strip is kept no longer than the next such
time (and whole pages are cut there too: news.links.next_banner_change).
"""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from lib import pagecache
from news.links import Banner, WebLink

register = template.Library()


@register.simple_tag(takes_context=True)
def banner_strip(context, place):
    request = context.get("request")
    commune = getattr(request, "commune", None)
    if commune is None:
        return ""
    now = timezone.now()
    state = {}

    def render():
        # One query: the place's banners not yet ended, live or waiting for their start.
        waiting = list(Banner.objects.for_commune(commune).not_ended(now).filter(place=place))
        banners = [banner for banner in waiting if banner.starts_at <= now]
        times = [b.starts_at for b in waiting if b.starts_at > now] + [
            b.ends_at for b in banners if b.ends_at
        ]
        state["next"] = min(times) if times else None
        return render_to_string("news/_banner_strip.html", {"banners": banners, "place": place})

    def timeout():
        upcoming = state.get("next")
        return (upcoming - now).total_seconds() if upcoming else float("inf")

    text = pagecache.cached_fragment(request, f"banners-{place}", (), render, timeout=timeout)
    return mark_safe(text)  # noqa: S308 (our own template, escaped there)


@register.simple_tag(takes_context=True)
def web_links(context):
    request = context.get("request")
    commune = getattr(request, "commune", None)
    if commune is None:
        return ""

    # Not kept here: the home page keeps it as one of its shared fragments, read with the others.
    links = list(WebLink.objects.for_commune(commune).published().only("title", "url"))
    return mark_safe(render_to_string("news/_web_links.html", {"links": links}))  # noqa: S308
