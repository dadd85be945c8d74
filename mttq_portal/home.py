"""The home page's read model: what it shows, gathered in one place, each part a bounded query.

News gives the featured and latest posts. Other apps add a section with
`register_section(function)` (call it in their AppConfig.ready()); `function()` returns None
(nothing to show) or {"title": str, "template": str, "context": dict, "order": int}; the home
page renders `template` under a section heading `title`, with `context` available as `data`.
It must run a bounded number of queries whatever the data size.
"""

_sections = []

FEATURED_COUNT = 3
LATEST_COUNT = 8


def register_section(function):
    """Add a section to the home page (e.g. campaign progress, upcoming conferences)."""
    if function not in _sections:
        _sections.append(function)


def home_page():
    """Everything the home page renders: featured posts, latest posts, other apps' sections."""
    from news.models import Post

    featured = list(Post.objects.for_listing().filter(is_featured=True)[:FEATURED_COUNT])
    latest = list(Post.objects.for_listing().exclude(pk__in=[post.pk for post in featured])[:LATEST_COUNT])
    sections = sorted(
        (section for function in _sections if (section := function())),
        key=lambda section: section.get("order", 100),
    )
    return {
        "featured_posts": featured,
        "latest_posts": latest,
        "sections": sections,
    }
