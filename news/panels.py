"""What news contributes to pages owned by other apps: a conference's articles and photos."""

from django.utils.translation import gettext as _

from .models import Photo, Post

POSTS_PER_CONFERENCE = 6
PHOTOS_PER_CONFERENCE = 12


def conference_news(conference):
    """Published posts about a conference and their photos; two queries whatever the size."""
    posts = list(
        Post.objects.for_listing().filter(
            conference=conference, category__commune_id=conference.committee.commune_id
        )[:POSTS_PER_CONFERENCE]
    )
    if not posts:
        return None
    photos = list(
        Photo.objects.ready()
        .filter(post__in=[post.pk for post in posts])
        .order_by("post_id", "position", "pk")[:PHOTOS_PER_CONFERENCE]
    )
    return {
        "title": _("Tin bài và hình ảnh"),
        "template": "news/_conference_panel.html",
        "context": {"conference_posts": posts, "conference_photos": photos},
        "order": 20,
    }
