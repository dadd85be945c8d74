"""A commune editor of Hòa Phú signs in at Hòa Phú's host and cannot reach Hòa An's posts."""

import pytest

from tests.sites.conftest import PASSWORD, _build, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_communes(db):
    from congresses.models import Commune, Province

    province = Province.objects.create(name="Quảng Nam", host="tinh.localhost")
    a = Commune.objects.create(name="Hòa Phú", host="hoaphu.localhost", province=province)
    b = Commune.objects.create(name="Hòa An", host="hoaan.localhost", province=province)
    return {"a": _build(a, "Alphaxa"), "b": _build(b, "Betaxa")}


def test_an_editor_of_one_commune_cannot_reach_the_other_communes_posts(page, live_server, two_communes):
    from lib.roles import EDITOR

    make_user("bientap.hoaphu", EDITOR, commune=two_communes["a"]["commune"])
    site = live_server.url.replace("localhost", "hoaphu.localhost")
    page.goto(f"{site}/quan-tri/login/")
    page.fill("#id_username", "bientap.hoaphu")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")

    page.goto(f"{site}/quan-tri/news/post/")
    listing = page.inner_text("#content-main")
    assert "Alphaxa" in listing and "Betaxa" not in listing

    for post in two_communes["b"]["posts"]:
        response = page.goto(f"{site}/quan-tri/news/post/{post.pk}/change/")
        assert response.status == 404
        assert "Betaxa" not in page.content()
    # Nor the other commune's documents and announcements, which editors manage too.
    other = two_communes["b"]
    for url in [
        f"/quan-tri/news/document/{other['document'].pk}/change/",
        f"/quan-tri/news/announcement/{other['announcement'].pk}/change/",
    ]:
        response = page.goto(site + url)
        assert response.status == 404, url
        assert "Betaxa" not in page.content()
    own = two_communes["a"]["posts"][0]
    assert page.goto(f"{site}/quan-tri/news/post/{own.pk}/change/").status == 200
    # Hòa An's public post is not on Hòa Phú's site either.
    assert page.goto(site + two_communes["b"]["posts"][0].get_absolute_url()).status == 404
