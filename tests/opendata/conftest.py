"""The two communes of tests/sites (look-alike data at two hosts and the province's), with a
committee member in each whose contacts are private."""

import datetime

import pytest

from congresses import services
from congresses.models import Person, Position, Term
from tests.sites.conftest import HOSTS, hosts_allowed, province, sites  # noqa: F401

__all__ = ["HOSTS"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test reads the data anew: the API keeps its pages in the cache for minutes."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def members(sites):  # noqa: F811
    """In each commune's thôn Đông: a head with private contacts and a member who agreed to publish hers."""
    today = datetime.date.today()
    out = {}
    for key, site in sites.items():
        term = Term.objects.create(
            committee=site["committee"],
            start_date=today - datetime.timedelta(days=365),
            end_date=today + datetime.timedelta(days=365 * 4),
        )
        head = site["person"]
        head.phone, head.email, head.birth_year = "0905111222", f"rieng.{key}@example.vn", 1970
        head.save()
        public = Person.objects.create(
            commune=site["commune"],
            full_name=f"Trần Thị Công Khai {site['mark']}",
            gender="female",
            phone="0905333444",
            email=f"congkhai.{key}@example.vn",
            contact_public=True,
            birth_year=1980,
        )
        services.appoint(term, head, Position.objects.get(name="Trưởng ban"))
        services.appoint(term, public, Position.objects.get(name="Ủy viên"))
        out[key] = {"term": term, "head": head, "public": public}
    return out
