"""Root URLs: the home page and site-wide pages here, each app's pages under its own prefix."""

from django.contrib import admin
from django.urls import include, path

from campaigns.sitemaps import CampaignSitemap, ProvinceCampaignSitemap
from congresses.sitemaps import sitemaps as congresses_sitemaps
from lib.sitemaps import HomeSitemap
from news import views as news_views
from news.organisation_sitemaps import OrganisationSitemap
from news.sitemaps import (
    AlbumSitemap,
    AnnouncementSitemap,
    CategorySitemap,
    DocumentSitemap,
    ListPagesSitemap,
    PollSitemap,
    PostSitemap,
    ProvincePostSitemap,
    VideoSitemap,
)

from . import views

# Every app adds its entries here; /sitemap.xml lists them all, each made for the request's
# commune (`Sitemap(commune)`: lib.sitemaps.CommuneSitemap).
sitemaps = {
    "news": PostSitemap,
    "news-categories": CategorySitemap,
    "van-ban": DocumentSitemap,
    "thong-bao": AnnouncementSitemap,
    "thu-vien-anh": AlbumSitemap,
    **congresses_sitemaps,
    "cuoc-van-dong": CampaignSitemap,
    "gioi-thieu": OrganisationSitemap,
    "khao-sat": PollSitemap,
    "video": VideoSitemap,
    "danh-muc": ListPagesSitemap,
}

# The province's site: its home, its campaigns and its own news (the communes' are theirs).
province_sitemaps = {
    "trang-chu": HomeSitemap,
    "van-dong-tinh": ProvinceCampaignSitemap,
    "tin-tinh": ProvincePostSitemap,
}

admin.site.site_header = "Quản trị cổng thông tin MTTQ"
admin.site.site_title = "Quản trị MTTQ"
admin.site.index_title = "Bảng điều khiển"
# The first page shows the dashboard above the app list (mttq_portal/dashboard.py).
admin.site.index_template = "admin/dashboard_index.html"

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Pages without a <link rel="icon"> (the admin) make browsers ask for /favicon.ico.
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("bao-ve-du-lieu-ca-nhan/", views.privacy, name="privacy"),
    path("kha-nang-tiep-can/", views.accessibility, name="accessibility"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    # Hamlet officers land on their own screen; everyone else gets the admin's index.
    path("quan-tri/", views.admin_index),
    path("quan-tri/", admin.site.urls),
    path("nhap-lieu/", include("campaigns.officer_urls")),
    # Ahead of news' own search, which it includes (the same address, every kind of record).
    path("tim-kiem/", views.search, name="search"),
    path("", include("news.urls")),
    path("", include("news.organisation_urls")),
    path("", include("news.calendar_urls")),
    path("mat-tran/", include("congresses.urls")),
    path("y-kien/", include("congresses.opinion_urls")),
    path("van-dong/", include("campaigns.urls")),
    path("du-lieu-mo/", include("opendata.urls")),
    # A post's files are served only once the post is public, in demo and in production alike.
    path("media/news/<int:post_id>/<path:path>", news_views.post_media, name="post_media"),
    # Other uploads: Django serves them only with SERVE_MEDIA (demo); nginx does in production.
    path("media/<path:path>", views.media, name="media"),
]

handler400 = "mttq_portal.views.bad_request"
handler403 = "mttq_portal.views.permission_denied"
handler404 = "mttq_portal.views.page_not_found"
handler500 = "mttq_portal.views.server_error"
