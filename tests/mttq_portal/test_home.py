"""The home page's read model: news blocks, and the sections it takes from other apps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mttq_portal import home


@pytest.fixture
def extra_section(monkeypatch):
    def campaign_progress(commune):
        return {
            "title": "Quỹ “Vì người nghèo”",
            "template": "partials/pagination.html",
            "context": {},
            "order": 1,
        }

    monkeypatch.setattr(home, "SECTIONS", [campaign_progress, *home.SECTIONS])
    return campaign_progress


def test_home_page_separates_featured_from_latest(commune):
    from news.models import Category, Post

    category = Category.objects.create(commune=commune, name="Tin")
    past = timezone.now() - timedelta(hours=1)
    star = Post.objects.create(
        category=category, title="Nổi bật", lead=".", status="published", published_at=past, is_featured=True
    )
    plain = Post.objects.create(
        category=category, title="Thường", lead=".", status="published", published_at=past
    )
    data = home.home_page(commune)
    assert data["featured_posts"] == [star]
    assert data["latest_posts"] == [plain]


def test_a_section_appears_on_the_home_page(client, commune, extra_section):
    assert home.home_page(commune)["sections"][0]["title"] == "Quỹ “Vì người nghèo”"
    assert "Quỹ “Vì người nghèo”" in client.get("/").content.decode()
