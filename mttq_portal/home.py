"""The home page's read model: what it shows, gathered in one place, each part a bounded query.

The portal may use every app, so the home page imports the sections it shows: news gives the
featured and latest posts, each other app a function returning None (nothing to show) or
{"title": str, "template": str, "context": dict, "order": int}, for the commune given; the home page renders
`template` under the heading `title` (or lets it print `title` itself with "own_heading": True), with
`context` available as `data`.
"""

from campaigns.home import current_campaigns
from campaigns.models import Campaign, ProvinceCampaign
from campaigns.province_selectors import commune_names, province_results
from congresses.home import latest_conferences
from congresses.province import conferences_held, voter_opinions_by_field
from news.home import latest_videos, pinned_announcements, running_poll, upcoming_events
from news.models import Post

from .visits import statistics

FEATURED_COUNT = 3
LATEST_COUNT = 8

SECTIONS = [latest_conferences]
# What is urgent comes before the news, so a phone shows it first: the pinned announcements,
# the campaigns running now with their progress, the next events.
TOP_SECTIONS = [pinned_announcements, current_campaigns, upcoming_events]


PROVINCE_CAMPAIGNS = 3


def province_page(province, request):
    """The province Front's home: its communes (name, link), the current province campaigns with
    the communes' figures summed, conferences held and voters' opinions across its communes, and
    its own news. A fixed number of queries whatever the number of communes (tests/perf)."""
    # A commune merged into another is history: its host answers 301 to the new one.
    communes = list(
        province.communes.filter(merged_into__isnull=True)
        .order_by("name")
        .only("name", "kind", "host", "site_name", "province")
    )
    for commune in communes:
        commune.url = commune.site_url(request)
    campaigns = province_results(
        ProvinceCampaign.objects.for_province(province)
        .filter(status=Campaign.Status.ACTIVE)
        .order_by("-start_date", "-id")[:PROVINCE_CAMPAIGNS],
        communes=commune_names(communes),
    )
    return {
        "province": province,
        "communes": communes,
        "campaigns": campaigns,
        "conferences_held": conferences_held(province, len(communes)),
        "voter_opinions": voter_opinions_by_field(province),
        "latest_posts": list(Post.objects.for_listing().for_site(province=province)[:LATEST_COUNT]),
    }


def home_page(commune, visits=True):
    """Everything a commune's home page renders: what is urgent, featured and latest posts, other
    apps' sections, and for the side column the running poll and (unless `visits` is False) the
    visit statistics."""
    posts = Post.objects.for_listing().for_commune(commune)
    featured = list(posts.filter(is_featured=True)[:FEATURED_COUNT])
    latest = list(posts.exclude(pk__in=[post.pk for post in featured])[:LATEST_COUNT])
    return {
        "top_sections": _sections(TOP_SECTIONS, commune),
        "featured_posts": featured,
        "latest_posts": latest,
        "sections": _sections(SECTIONS, commune),
        "poll": running_poll(commune),
        "videos": latest_videos(commune),
        "visits": statistics(commune) if visits and commune is not None else None,
    }


def _sections(functions, commune):
    return sorted(
        (section for function in functions if (section := function(commune))),
        key=lambda section: section.get("order", 100),
    )
