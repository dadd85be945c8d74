"""Sitemap of the organisation pages and the work calendar of a commune's site."""

from django.urls import reverse

from lib.sitemaps import CommuneSitemap

from .organisation import Page

# Pages made from other records (structure, contacts, the week): on every commune's site.
BUILT_PAGES = ["organisation:structure", "organisation:contact", "calendar:week"]


class OrganisationSitemap(CommuneSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        if self.commune is None:
            return []
        written = Page.objects.for_commune(self.commune).published().order_by("kind")
        return [page.get_absolute_url() for page in written] + [reverse(name) for name in BUILT_PAGES]

    def location(self, url):
        return url
