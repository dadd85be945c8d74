"""Query budgets of the public news pages: the same count with 5 posts as with 50."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from news.models import Category, Photo, Post
from tests.support import warm_site_table

FAKE_RENDITIONS = {
    size: {"webp": f"r/x-{size}.webp", "jpeg": f"r/x-{size}.jpg", "width": w, "height": w * 2 // 3}
    for size, w in (("thumb", 480), ("medium", 960), ("large", 1600))
}


@pytest.fixture(params=[5, 50], ids=["5-posts", "50-posts"])
def news_of_size(request, commune):
    """`size` public posts over two categories, each with a cover and `size // 5` photos, plus a draft."""
    size = request.param
    categories = [Category.objects.create(commune=commune, name=name) for name in ("Hoạt động", "An sinh")]
    now = timezone.now()
    posts = []
    for number in range(size):
        posts.append(
            Post.objects.create(
                category=categories[number % 2],
                title=f"Hội nghị thôn Đông số {number}",
                lead="Bà con thôn Đông dự hội nghị.",
                body="<p>Nội dung.</p>",
                status=Post.Status.PUBLISHED,
                published_at=now - timedelta(hours=number + 1),
                is_featured=number < 4,
                cover="news/covers/x.jpg",
                cover_width=1600,
                cover_height=1067,
                cover_renditions=FAKE_RENDITIONS,
            )
        )
    Photo.objects.bulk_create(
        Photo(post=posts[0], image="news/photos/x.jpg", width=1600, height=1067, renditions=FAKE_RENDITIONS,
              alt_text=f"ảnh {n}", position=n)
        for n in range(size // 5)
    )  # fmt: skip
    Post.objects.create(category=categories[0], title="Nháp", lead="Nháp", status=Post.Status.DRAFT)
    warm_site_table()
    return {"size": size, "post": posts[0], "category": categories[0]}


# home: pinned announcements, featured, latest, menu categories, latest conferences (congresses'
# section), current campaigns (campaigns' section: campaigns; indicators, totals and targets only
# when any), the next events (calendar entries, conferences, voter meetings), the running poll and
# its counts, the stored visit counts, the newest videos, the banners of the side column and of
# the page's end, the website links
HOME_QUERIES = 16
# listing: the category, the page count, the page of posts, menu categories
LISTING_QUERIES = 4
# detail: the post, its photos, its tags, its videos, related posts, menu categories (the
# reading is counted outside the database)
DETAIL_QUERIES = 6
# search across every kind: the posts' count and page, then one query each for documents,
# announcements, conferences, campaigns and areas, and the menu categories
# search across every kind: the posts' page with its count (one query), then one query each for
# documents, announcements, conferences, campaigns and areas, and the menu categories
SEARCH_QUERIES = 7
# PostgreSQL first widens the query words into the indexed words they start (news.search), one
# small query read before the search so that the planner sees the widened query as a constant.
SEARCH_QUERIES_POSTGRESQL = SEARCH_QUERIES + 1


def test_home_query_budget(client, news_of_size, django_assert_num_queries):
    from news.polls import Ballot, Poll, PollOption

    commune = news_of_size["category"].commune
    poll = Poll.objects.create(
        commune=commune, question="Bạn đọc mục nào nhiều nhất?", results=Poll.Results.ALWAYS
    )
    options = [PollOption.objects.create(poll=poll, text=f"Mục {n}", position=n) for n in range(5)]
    Ballot.objects.bulk_create(Ballot(poll=poll, option=options[n % 5]) for n in range(news_of_size["size"]))
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    page = response.content.decode()
    assert "Hội nghị thôn Đông số 0" in page
    assert f"{news_of_size['size']} lượt trả lời" in page


def test_listing_query_budget(client, news_of_size, django_assert_num_queries):
    with django_assert_num_queries(LISTING_QUERIES):
        response = client.get(news_of_size["category"].get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == min(12, news_of_size["size"] // 2 + 1)


def test_detail_query_budget(client, news_of_size, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(news_of_size["post"].get_absolute_url())
    assert f"Ảnh ({news_of_size['size'] // 5})" in response.content.decode()


def test_search_query_budget(client, news_of_size, django_assert_num_queries):
    budget = SEARCH_QUERIES_POSTGRESQL if connection.vendor == "postgresql" else SEARCH_QUERIES
    with django_assert_num_queries(budget):
        response = client.get(reverse("news:search"), {"q": "thon dong"})
    assert response.context["page_obj"].paginator.count == news_of_size["size"]
