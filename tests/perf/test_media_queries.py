"""Query budgets of the video pages, and of the home page whatever the number of videos,
banners and links: the same count with 3 of each as with 30."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.links import Banner, WebLink
from news.videos import Video
from tests.support import warm_site_table

FAKE_RENDITIONS = {
    size: {"webp": f"r/x-{size}.webp", "jpeg": f"r/x-{size}.jpg", "width": w, "height": w * 9 // 16}
    for size, w in (("thumb", 480), ("medium", 960), ("large", 1600))
}


@pytest.fixture(params=[3, 30], ids=["3-each", "30-each"])
def media_of_size(request, commune):
    size, now = request.param, timezone.now()
    Video.objects.bulk_create(
        Video(commune=commune, title=f"Video {n}", slug=f"video-{n}", source=Video.Source.YOUTUBE,
              youtube_id="aqz-KE-bpKQ", poster_renditions=FAKE_RENDITIONS,
              recorded_on=now.date() - timedelta(days=n))
        for n in range(size)
    )  # fmt: skip
    Banner.objects.bulk_create(
        Banner(commune=commune, title=f"Băng rôn {n}", place=[Banner.Place.SIDE, Banner.Place.FOOTER][n % 2],
               position=n, image_renditions=FAKE_RENDITIONS, starts_at=now - timedelta(days=1),
               ends_at=now + timedelta(days=n + 1))
        for n in range(size)
    )  # fmt: skip
    WebLink.objects.bulk_create(
        WebLink(commune=commune, title=f"Liên kết {n}", url=f"https://lk{n}.example.vn", position=n)
        for n in range(size)
    )
    warm_site_table()
    return {"size": size, "video": Video.objects.get(slug="video-0")}


# home with no posts: pinned announcements, featured, latest, menu categories, latest
# conferences, current campaigns, the next events (3), the running poll, the visit counts,
# the newest videos, the side banners, the banners of the page's end, the website links
HOME_QUERIES = 15
# the list: the page count, the page, menu categories
VIDEO_LIST_QUERIES = 3
# a video: the video with its post and album, the other videos, menu categories
VIDEO_DETAIL_QUERIES = 3


def test_the_home_page_costs_the_same_with_3_or_30_banners_videos_and_links(
    client, media_of_size, django_assert_num_queries
):
    with django_assert_num_queries(HOME_QUERIES):
        page = client.get("/").content.decode()
    assert "Video 0" in page and "Băng rôn 0" in page and "Băng rôn 1" in page and "Liên kết 0" in page
    assert f"Liên kết {media_of_size['size'] - 1}" in page


def test_video_list_query_budget(client, media_of_size, django_assert_num_queries):
    with django_assert_num_queries(VIDEO_LIST_QUERIES):
        response = client.get(reverse("news:video_list"))
    assert len(response.context["page_obj"].object_list) == min(12, media_of_size["size"])


def test_video_detail_query_budget(client, media_of_size, django_assert_num_queries):
    with django_assert_num_queries(VIDEO_DETAIL_QUERIES):
        response = client.get(media_of_size["video"].get_absolute_url())
    assert "Video 0" in response.content.decode() and "Video 1" in response.content.decode()
