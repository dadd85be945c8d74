"""The home page's read model: what it shows, gathered in one place, each part a bounded query.

The portal may use every app, so the home page imports the sections it shows: news gives the
featured and latest posts, each other app a function returning None (nothing to show) or
{"title": str, "template": str, "context": dict, "order": int}; the home page renders
`template` under the heading `title`, with `context` available as `data`.
"""

from campaigns.home import current_campaigns
from congresses.home import latest_conferences
from news.models import Post

FEATURED_COUNT = 3
LATEST_COUNT = 8

SECTIONS = [current_campaigns, latest_conferences]


def home_page():
    """Everything the home page renders: featured posts, latest posts, other apps' sections."""
    featured = list(Post.objects.for_listing().filter(is_featured=True)[:FEATURED_COUNT])
    latest = list(Post.objects.for_listing().exclude(pk__in=[post.pk for post in featured])[:LATEST_COUNT])
    sections = sorted(
        (section for function in SECTIONS if (section := function())),
        key=lambda section: section.get("order", 100),
    )
    return {
        "featured_posts": featured,
        "latest_posts": latest,
        "sections": sections,
    }
