"""Sitemap of public campaign pages (the lead wires it into the site's sitemap index)."""

from lib.sitemaps import CommuneSitemap

from .models import Campaign


class CampaignSitemap(CommuneSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Campaign.objects.public().for_commune(self.commune).order_by("-start_date", "pk")

    def lastmod(self, campaign):
        return campaign.created_at
