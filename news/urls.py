"""Public news URLs, in Vietnamese, mounted at the site root."""

from django.urls import path

from lib.pagecache import public_page

from . import album_views, feeds, registry_feeds, video_views, views

app_name = "news"

urlpatterns = [
    path("tin-tuc/", views.post_list, name="index"),
    path("tin-tuc/<int:year>/<int:month>/", views.post_archive, name="archive"),
    path("tin-tuc/tu-khoa/<slug:slug>/", views.tag_posts, name="tag"),
    path("tin-tuc/<slug:category_slug>/", views.post_list, name="category"),
    path("tin/<slug:slug>/", views.post_detail, name="post_detail"),
    path("tin/xem-truoc/<int:pk>/", views.post_preview, name="post_preview"),
    path("tin/<slug:slug>/anh/<int:number>/", views.post_photo, name="post_photo"),
    path("thu-vien-anh/", album_views.album_list, name="album_list"),
    path("thu-vien-anh/rss/", public_page(registry_feeds.LatestAlbumsFeed()), name="albums_feed"),
    path("thu-vien-anh/<slug:slug>/", album_views.album_detail, name="album_detail"),
    path("thu-vien-anh/<slug:slug>/anh/<int:number>/", album_views.album_photo, name="album_photo"),
    path("video/", video_views.video_list, name="video_list"),
    path("video/rss/", public_page(registry_feeds.LatestVideosFeed()), name="videos_feed"),
    path("video/<slug:slug>/", video_views.video_detail, name="video_detail"),
    path("tim-kiem/", views.search, name="search"),
    path("rss/", public_page(feeds.LatestPostsFeed()), name="feed"),
]

# The document registry and the announcements (news/registry_urls.py), in the same namespace.
from . import registry_urls  # noqa: E402

urlpatterns += registry_urls.urlpatterns

from . import poll_views  # noqa: E402

urlpatterns += [
    path("khao-sat/", poll_views.poll_list, name="polls"),
    path("khao-sat/<slug:slug>/", poll_views.poll_detail, name="poll_detail"),
]
