"""Fixtures shared by the whole suite: media in a temporary folder and named actors."""

import os

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, never to the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.MEDIA_ROOT


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
    from congresses.models import Commune

    return Commune.objects.create(name="Hòa Phú")


@pytest.fixture
def area_a(commune):
    from congresses.models import ResidentialArea

    return ResidentialArea.objects.create(commune=commune, name="Đông", position=1)


@pytest.fixture
def area_b(commune):
    from congresses.models import ResidentialArea

    return ResidentialArea.objects.create(commune=commune, name="Tây", position=2)
