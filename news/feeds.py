"""The RSS feed of the latest public posts."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congresses.models import Commune
from lib.text import clean_line, clean_text

from .models import Post


class LatestPostsFeed(Feed):
    """Every text is cleaned again on the way out: XML refuses control characters, and a row
    stored before the normaliser existed (or written by hand) must not take the feed down.
    The feed is the request's site's: its commune's posts (or the province's own)."""

    description = _("Tin tức mới nhất của Ủy ban Mặt trận Tổ quốc Việt Nam")
    language = "vi"

    def get_object(self, request, *args, **kwargs):
        return request.commune or request.province

    def title(self, site):
        return clean_line(site.display_name) if site else ""

    def link(self):
        return reverse("news:index")

    def items(self, site):
        if site is None:
            return Post.objects.none()
        scope = {"commune": site} if isinstance(site, Commune) else {"province": site}
        return Post.objects.for_listing().for_site(**scope)[:20]

    def item_title(self, post):
        return clean_line(post.title)

    def item_description(self, post):
        return clean_text(post.lead, multiline=True)

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_author_name(self, post):
        return clean_line(post.author) or None

    def item_categories(self, post):
        return [clean_line(post.category.name)]
