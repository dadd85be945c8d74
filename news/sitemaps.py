"""Sitemap entries for news: public posts and categories."""

from lib.sitemaps import CommuneSitemap

from .models import Album, Announcement, Category, Document, Post


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


class DocumentSitemap(CommuneSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Document.objects.for_listing().for_commune(self.commune).only("slug", "updated_at")

    def lastmod(self, document):
        return document.updated_at


class AnnouncementSitemap(CommuneSitemap):
    """Every public announcement, expired ones too: the archive keeps their pages."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return (
            Announcement.objects.public()
            .for_commune(self.commune)
            .only("slug", "updated_at")
            .order_by("-starts_at", "-pk")
        )

    def lastmod(self, announcement):
        return announcement.updated_at


class PollSitemap(CommuneSitemap):
    """Public polls, running and closed alike."""

    changefreq = "daily"
    priority = 0.4

    def items(self):
        from .polls import Poll

        return Poll.objects.public().for_commune(self.commune).only("slug", "updated_at").for_listing()

    def lastmod(self, poll):
        return poll.updated_at


class AlbumSitemap(CommuneSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Album.objects.published().for_commune(self.commune).only("slug", "updated_at")

    def lastmod(self, album):
        return album.updated_at


class ProvincePostSitemap(PostSitemap):
    """The province Front's own news, on the province's site."""

    def __init__(self, province):
        self.province = province

    def items(self):
        return (
            Post.objects.published()
            .for_site(province=self.province)
            .only("slug", "updated_at")
            .order_by("-published_at")
        )


class VideoSitemap(CommuneSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        from .videos import Video

        return Video.objects.for_listing().for_commune(self.commune).only("slug", "updated_at")

    def lastmod(self, video):
        return video.updated_at


# The lists of the portal's public duties: each a page readers and search engines start from.
LIST_PAGES = ["news:documents", "news:announcements", "news:album_list", "news:video_list", "news:polls"]


class ListPagesSitemap(CommuneSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        from django.urls import reverse

        return [reverse(name) for name in LIST_PAGES] if self.commune is not None else []

    def location(self, url):
        return url
