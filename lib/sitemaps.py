"""The base of every app's sitemap: made for one commune, lists only that commune's pages."""

from django.contrib.sitemaps import Sitemap


class CommuneSitemap(Sitemap):
    def __init__(self, commune=None):
        self.commune = commune
