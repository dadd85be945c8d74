"""A post about a conference shows on that conference's page, and links back to it."""

import datetime

import pytest
from django.utils import timezone

from congresses.models import Conference, FrontCommittee, Term
from news.models import Category, Post


@pytest.fixture
def conference(commune, area_a):
    committee = FrontCommittee.objects.create(
        commune=commune, level=FrontCommittee.Level.RESIDENTIAL, area=area_a
    )
    term = Term.objects.create(
        committee=committee, start_date=datetime.date(2024, 1, 7), end_date=datetime.date(2026, 12, 31)
    )
    return Conference.objects.create(
        committee=committee,
        term=term,
        kind=Conference.Kind.TERM,
        starts_at=timezone.make_aware(datetime.datetime(2024, 1, 7, 7, 30)),
        venue="Nhà văn hóa thôn Đông",
    )


@pytest.fixture
def category(commune):
    return Category.objects.create(commune=commune, name="Hoạt động Mặt trận")


def make_post(category, conference, title, status=Post.Status.PUBLISHED):
    return Post.objects.create(
        category=category, conference=conference, title=title, lead="Tóm tắt.", status=status
    )


def test_conference_page_lists_its_published_posts_but_not_drafts(client, conference, category):
    make_post(category, conference, "Thôn Đông bầu Ban công tác Mặt trận mới")
    make_post(category, conference, "Bản thảo chưa đăng về hội nghị", status=Post.Status.DRAFT)

    page = client.get(conference.get_absolute_url()).content.decode()

    assert "Tin bài và hình ảnh" in page
    assert "Thôn Đông bầu Ban công tác Mặt trận mới" in page
    assert "Bản thảo chưa đăng" not in page


def test_conference_page_without_posts_has_no_news_panel(client, conference):
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "Tin bài và hình ảnh" not in page


def test_post_links_back_to_its_conference(client, conference, category):
    post = make_post(category, conference, "Thôn Đông bầu Ban công tác Mặt trận mới")
    page = client.get(post.get_absolute_url()).content.decode()
    assert conference.get_absolute_url() in page


def test_sitemap_lists_areas_and_conferences_beside_posts(client, conference):
    body = client.get("/sitemap.xml").content.decode()
    assert conference.get_absolute_url() in body
    assert conference.committee.area.get_absolute_url() in body
