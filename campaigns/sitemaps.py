"""Sitemap of public campaign pages (the lead wires it into the site's sitemap index)."""

from django.contrib.sitemaps import Sitemap

from .models import Campaign


class CampaignSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Campaign.objects.public().order_by("-start_date", "pk")

    def lastmod(self, campaign):
        return campaign.created_at
