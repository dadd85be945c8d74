"""The RSS feed of the latest public posts."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Post


class LatestPostsFeed(Feed):
    title = settings.SITE_NAME
    description = _("Tin tức mới nhất của Ủy ban Mặt trận Tổ quốc Việt Nam")
    language = "vi"

    def link(self):
        return reverse("news:index")

    def items(self):
        return Post.objects.for_listing()[:20]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.lead

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_author_name(self, post):
        return post.author or None

    def item_categories(self, post):
        return [post.category.name]
