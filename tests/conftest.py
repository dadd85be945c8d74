"""Fixtures shared by the whole suite: media in a temporary folder, a commune with two areas,
and the named actors every app's tests act as (never a superuser):

- `anonymous`: a client nobody is logged in to;
- `officer_a`, `officer_b`: hamlet officers of `area_a` (Đông) and `area_b` (Tây);
- `staff` (commune staff), `chair` (the commune chair), `editor` (news editor);
- `editor_client`: a client logged in as the editor.

Every actor is a staff account in its real role group, with the password `PASSWORD`.
"""

import os

import pytest
from django.contrib.auth import get_user_model

from campaigns.models import AreaOfficer
from congresses.models import Commune, ResidentialArea
from lib.roles import CHAIR, COMMUNE_STAFF, EDITOR, HAMLET_OFFICER, role_groups

PASSWORD = "MatKhau@12345"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, never to the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def no_pending_views():
    """Readings counted by one test (news.counters) never show in another."""
    from django.core.cache import caches

    from news.counters import view_counter

    view_counter.discard()
    caches["counters"].clear()
    yield
    view_counter.discard()
    caches["counters"].clear()


@pytest.fixture(autouse=True)
def fresh_site_table():
    """Each test reads the table of sites anew: a rolled-back test sends no post_delete, so
    its communes would otherwise still be served to the next test."""
    from congresses.sites import forget_sites
    from lib.pagecache import forget_local_tokens

    forget_sites()
    forget_local_tokens()
    yield
    forget_sites()
    forget_local_tokens()


@pytest.fixture
def postgres_only(settings):
    """Tests that need PostgreSQL. The SQLite run skips them; the PostgreSQL run of CI sets
    REQUIRE_POSTGRES=1 so a database that silently fell back to SQLite fails loudly."""
    vendor_is_pg = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if os.environ.get("REQUIRE_POSTGRES") and not vendor_is_pg:
        pytest.fail("REQUIRE_POSTGRES is set but the tests run on " + settings.DATABASES["default"]["ENGINE"])
    if not vendor_is_pg:
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def commune(db):
    return Commune.objects.create(name="Hòa Phú")


@pytest.fixture
def area_a(commune):
    return ResidentialArea.objects.create(commune=commune, name="Đông", position=1)


@pytest.fixture
def area_b(commune):
    return ResidentialArea.objects.create(commune=commune, name="Tây", position=2)


@pytest.fixture
def groups(db):
    """{role code: Group}: the groups `migrate` made, with the permissions of mttq_portal/roles.py."""
    return role_groups()


def make_staff_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True, **extra)
    if group is not None:
        user.groups.add(group)
    return user


@pytest.fixture
def anonymous(client):
    return client


@pytest.fixture
def officer_a(groups, area_a):
    user = make_staff_user("truongban.dong", groups[HAMLET_OFFICER])
    AreaOfficer.objects.create(user=user, area=area_a)
    return user


@pytest.fixture
def officer_b(groups, area_b):
    user = make_staff_user("truongban.tay", groups[HAMLET_OFFICER])
    AreaOfficer.objects.create(user=user, area=area_b)
    return user


@pytest.fixture
def staff(groups):
    return make_staff_user("canbo.xa", groups[COMMUNE_STAFF])


@pytest.fixture
def chair(groups):
    return make_staff_user("chutich.xa", groups[CHAIR])


@pytest.fixture
def editor(groups):
    return make_staff_user("bientap", groups[EDITOR], first_name="Thu Hà")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
