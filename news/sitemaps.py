"""Sitemap entries for news: public posts and categories."""

from lib.sitemaps import CommuneSitemap

from .models import Category, Post


class PostSitemap(CommuneSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return (
            Post.objects.published()
            .for_commune(self.commune)
            .only("slug", "updated_at")
            .order_by("-published_at")
        )

    def lastmod(self, post):
        return post.updated_at


class CategorySitemap(CommuneSitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Category.objects.for_commune(self.commune)
