"""Public URLs of the document registry and the announcements, added to news' own."""

from django.urls import path

from lib.pagecache import public_page

from . import registry_feeds, registry_views

urlpatterns = [
    path("van-ban/", registry_views.document_list, name="documents"),
    path("van-ban/rss/", public_page(registry_feeds.LatestDocumentsFeed()), name="documents_feed"),
    path("van-ban/<slug:slug>/", registry_views.document_detail, name="document_detail"),
    path("van-ban/<slug:slug>/tep/<str:file_id>/", registry_views.document_file, name="document_file"),
    path("thong-bao/", registry_views.announcement_list, name="announcements"),
    path("thong-bao/rss/", public_page(registry_feeds.LatestAnnouncementsFeed()), name="announcements_feed"),
    path("thong-bao/<slug:slug>/", registry_views.announcement_detail, name="announcement_detail"),
]
