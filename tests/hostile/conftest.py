"""Actors for the hostile-file tests: an editor, commune staff and a hamlet officer, by role."""

import pytest
from django.contrib.auth import get_user_model

from lib.roles import COMMUNE_STAFF, EDITOR
from tests.campaigns.conftest import campaign, fund, groups, officer_a  # noqa: F401  (fixtures)


@pytest.fixture
def editor(groups):  # noqa: F811
    user = get_user_model().objects.create_user("bientap.xa", password="x", is_staff=True)
    user.groups.add(groups[EDITOR])
    return user


@pytest.fixture
def staff(groups):  # noqa: F811
    user = get_user_model().objects.create_user("canbo.xa", password="x", is_staff=True)
    user.groups.add(groups[COMMUNE_STAFF])
    return user


@pytest.fixture
def category(commune):
    from news.models import Category

    return Category.objects.create(commune=commune, name="Hoạt động Mặt trận")


@pytest.fixture
def media_files(media_in_tmp):
    """Every file under MEDIA_ROOT, as a sorted list of paths (to compare before and after)."""

    def listing():
        return sorted(str(p.relative_to(media_in_tmp)) for p in media_in_tmp.rglob("*") if p.is_file())

    return listing
