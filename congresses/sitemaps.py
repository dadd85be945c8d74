"""Sitemaps of the Front's public pages; the lead wires them into /sitemap.xml."""

from lib.sitemaps import CommuneSitemap

from .models import (
    ActivityPlan,
    Commune,
    Conference,
    MeetingRound,
    ResidentialArea,
    Supervision,
    UnityFestival,
    VoterMeeting,
)


class CommuneCommitteeSitemap(CommuneSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Commune.objects.for_commune(self.commune).order_by("pk")


class AreaSitemap(CommuneSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        # Merged areas redirect to their successor: only current ones belong in a sitemap.
        return (
            ResidentialArea.objects.current()
            .for_commune(self.commune)
            .select_related("commune")
            .order_by("pk")
        )


class ConferenceSitemap(CommuneSitemap):
    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return Conference.objects.for_commune(self.commune).order_by("-starts_at")

    def lastmod(self, conference):
        return conference.starts_at


class VoterMeetingSitemap(CommuneSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return VoterMeeting.objects.published().for_commune(self.commune).order_by("-starts_on", "pk")

    def lastmod(self, meeting):
        return meeting.ends_on or meeting.starts_on


class SupervisionSitemap(CommuneSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Supervision.objects.published().for_commune(self.commune).order_by("-starts_on", "pk")

    def lastmod(self, supervision):
        return supervision.ends_on or supervision.starts_on


class UnityFestivalSitemap(CommuneSitemap):
    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return UnityFestival.objects.published().for_commune(self.commune).order_by("-year")


class ActivityPlanSitemap(CommuneSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return ActivityPlan.objects.published().for_commune(self.commune).order_by("-starts_on", "pk")


class MeetingRoundSitemap(CommuneSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return MeetingRound.objects.published().for_commune(self.commune).order_by("-starts_on", "pk")


sitemaps = {
    "uy-ban-mttq": CommuneCommitteeSitemap,
    "khu-dan-cu": AreaSitemap,
    "hoi-nghi": ConferenceSitemap,
    "tiep-xuc-cu-tri": VoterMeetingSitemap,
    "giam-sat": SupervisionSitemap,
    "ngay-hoi-dai-doan-ket": UnityFestivalSitemap,
    "ke-hoach": ActivityPlanSitemap,
    "dot-hoi-nghi": MeetingRoundSitemap,
}
