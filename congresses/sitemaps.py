"""Sitemaps of the Front's public pages; the lead wires them into /sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from .models import Commune, Conference, ResidentialArea, VoterMeeting


class CommuneCommitteeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Commune.objects.order_by("pk")


class AreaSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        # Merged areas redirect to their successor: only current ones belong in a sitemap.
        return ResidentialArea.objects.current().select_related("commune").order_by("pk")


class ConferenceSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return Conference.objects.order_by("-starts_at")

    def lastmod(self, conference):
        return conference.starts_at


class VoterMeetingSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        # Every commune's published meetings; the site split by commune narrows this per host.
        return VoterMeeting.objects.published().order_by("-starts_on", "pk")

    def lastmod(self, meeting):
        return meeting.ends_on or meeting.starts_on


sitemaps = {
    "uy-ban-mttq": CommuneCommitteeSitemap,
    "khu-dan-cu": AreaSitemap,
    "hoi-nghi": ConferenceSitemap,
    "tiep-xuc-cu-tri": VoterMeetingSitemap,
}
