"""The base of every app's sitemap: made for one commune, lists only that commune's pages."""

from django.contrib.sitemaps import Sitemap


class CommuneSitemap(Sitemap):
    def __init__(self, commune=None):
        self.commune = commune


class HomeSitemap(Sitemap):
    """The site's home page (made for a commune or a province: the same address on each host)."""

    changefreq = "daily"
    priority = 1.0

    def __init__(self, site=None):
        self.site = site

    def items(self):
        return ["/"]

    def location(self, item):
        return item
