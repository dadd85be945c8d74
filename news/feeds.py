"""The RSS feed of the latest public posts."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lib.text import clean_line, clean_text

from .models import Post


class LatestPostsFeed(Feed):
    """Every text is cleaned again on the way out: XML refuses control characters, and a row
    stored before the normaliser existed (or written by hand) must not take the feed down."""

    title = clean_line(settings.SITE_NAME)
    description = _("Tin tức mới nhất của Ủy ban Mặt trận Tổ quốc Việt Nam")
    language = "vi"

    def link(self):
        return reverse("news:index")

    def items(self):
        return Post.objects.for_listing()[:20]

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
