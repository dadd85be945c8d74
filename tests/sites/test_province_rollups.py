"""The province's page rolls up its communes' Front records: conferences held, voters' opinions
by field, the list of communes with links."""

import re
from datetime import timedelta

from django.utils import timezone

from congresses.models import Conference, FrontCommittee, Opinion

from .conftest import HOSTS


def province_home(client):
    response = client.get("/", HTTP_HOST=HOSTS["province"])
    assert response.status_code == 200
    return response.content.decode()


def words_of(page):
    """The page's text as a reader sees it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_the_province_page_counts_the_communes_that_held_a_conference(client, sites):
    words = words_of(province_home(client))
    # Both communes held their hamlet's term conference (tests/sites/conftest.py).
    assert "2/2 xã, phường đã tổ chức Hội nghị nhiệm kỳ Ban công tác Mặt trận" in words


def test_a_conference_still_to_come_does_not_count_as_held(client, sites):
    Conference.objects.filter(pk=sites["b"]["conference"].pk).update(
        starts_at=timezone.now() + timedelta(days=5)
    )
    words = words_of(province_home(client))
    assert "1/2 xã, phường đã tổ chức Hội nghị nhiệm kỳ" in words
    assert "2/2 xã, phường đã tổ chức Hội nghị nhiệm kỳ" not in words


def test_the_province_page_shows_voters_opinions_by_field(client, sites):
    Opinion.objects.filter(pk=sites["a"]["opinion"].pk).update(field=Opinion.Field.TRANSPORT)
    Opinion.objects.filter(pk=sites["b"]["opinion"].pk).update(
        field=Opinion.Field.TRANSPORT, status=Opinion.Status.ANSWERED
    )
    page = province_home(client)
    row = page[page.index("Giao thông") :][:400]
    assert ">2<" in row  # two opinions, from two communes
    assert "1 <span" in row and "(50%)" in row  # one answered


def test_the_province_page_links_every_commune(client, sites):
    page = province_home(client)
    for key in ("a", "b"):
        assert f'href="http://{HOSTS[key]}/"' in page


def test_the_congress_comes_before_the_other_conferences(client, sites):
    commune = sites["a"]["commune"]
    committee, _new = FrontCommittee.objects.get_or_create(
        commune=commune, level=FrontCommittee.Level.COMMUNE
    )
    Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.CONGRESS,
        title="Đại hội đại biểu MTTQ xã",
        starts_at=timezone.now() - timedelta(days=10),
    )
    page = province_home(client)
    words = words_of(page)
    assert "1/2 xã, phường đã tổ chức Đại hội đại biểu" in words
    assert page.index("đã tổ chức Đại hội đại biểu") < page.index("đã tổ chức Hội nghị nhiệm kỳ")
