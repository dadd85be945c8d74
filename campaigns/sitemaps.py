"""Sitemap of public campaign pages (the lead wires it into the site's sitemap index)."""

from django.contrib.sitemaps import Sitemap

from lib.sitemaps import CommuneSitemap

from .models import Campaign, ProvinceCampaign


class CampaignSitemap(CommuneSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Campaign.objects.public().for_commune(self.commune).order_by("-start_date", "pk")

    def lastmod(self, campaign):
        return campaign.created_at


class ProvinceCampaignSitemap(Sitemap):
    """The province's site: its campaigns, with the communes' figures summed."""

    changefreq = "daily"
    priority = 0.6

    def __init__(self, province):
        self.province = province

    def items(self):
        return ProvinceCampaign.objects.for_province(self.province).order_by("-start_date", "pk")

    def lastmod(self, campaign):
        return campaign.created_at
