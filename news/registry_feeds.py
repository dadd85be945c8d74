"""RSS feeds of the latest public documents and announcements of the request's commune.

Text is cleaned again on the way out, as in the posts' feed (XML refuses control characters).
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.text import clean_line, clean_text

from .announcements import Announcement
from .documents import Document

FEED_SIZE = 20


class CommuneFeed(Feed):
    language = "vi"
    heading = ""

    def get_object(self, request, *args, **kwargs):
        return request.commune

    def title(self, commune):
        return f"{self.heading} – {clean_line(commune.display_name)}" if commune else str(self.heading)


class LatestDocumentsFeed(CommuneFeed):
    heading = _("Văn bản")
    description = _("Văn bản mới ban hành của Ủy ban Mặt trận Tổ quốc Việt Nam")

    def link(self):
        return reverse("news:documents")

    def items(self, commune):
        return Document.objects.for_listing().for_commune(commune).defer("search_text")[:FEED_SIZE]

    def item_title(self, document):
        return clean_line(f"{document.title}: {document.summary}", 300)

    def item_description(self, document):
        return clean_text(
            _("%(body)s ban hành ngày %(day)s. %(summary)s")
            % {
                "body": document.issuing_body,
                "day": document.issued_on.strftime("%d/%m/%Y"),
                "summary": document.summary,
            },
            multiline=True,
        )

    def item_pubdate(self, document):
        return document.created_at

    def item_updateddate(self, document):
        return document.updated_at

    def item_categories(self, document):
        return [clean_line(str(document.get_kind_display())), clean_line(str(document.get_field_display()))]


class LatestAnnouncementsFeed(CommuneFeed):
    heading = _("Thông báo")
    description = _("Thông báo của Ủy ban Mặt trận Tổ quốc Việt Nam")

    def link(self):
        return reverse("news:announcements")

    def items(self, commune):
        return (
            Announcement.objects.current(timezone.now())
            .for_commune(commune)
            .order_by("-starts_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, announcement):
        return clean_line(announcement.title)

    def item_description(self, announcement):
        return clean_text(announcement.body, multiline=True)

    def item_pubdate(self, announcement):
        return announcement.starts_at

    def item_updateddate(self, announcement):
        return announcement.updated_at


class LatestAlbumsFeed(CommuneFeed):
    heading = _("Thư viện ảnh")
    description = _("Album ảnh mới của Ủy ban Mặt trận Tổ quốc Việt Nam")

    def link(self):
        return reverse("news:album_list")

    def items(self, commune):
        from .albums import Album

        return Album.objects.published().for_commune(commune).order_by("-taken_on", "-pk")[:FEED_SIZE]

    def item_title(self, album):
        return clean_line(album.title)

    def item_description(self, album):
        return clean_text(album.description or album.title, multiline=True)

    def item_pubdate(self, album):
        return album.created_at

    def item_updateddate(self, album):
        return album.updated_at


class LatestVideosFeed(CommuneFeed):
    heading = _("Video")
    description = _("Video mới của Ủy ban Mặt trận Tổ quốc Việt Nam")

    def link(self):
        return reverse("news:video_list")

    def items(self, commune):
        from .videos import Video

        return Video.objects.for_listing().for_commune(commune)[:FEED_SIZE]

    def item_title(self, video):
        return clean_line(video.title)

    def item_description(self, video):
        return clean_text(video.description or video.title, multiline=True)

    def item_pubdate(self, video):
        return video.created_at

    def item_updateddate(self, video):
        return video.updated_at
