"""Each commune's site shows its own records only; an unknown host gets a 404; one commune
alone is served at any host."""

import pytest
from django.utils import timezone

from congresses.models import Commune
from opendata.datasets import DATASETS

from .conftest import HOSTS


def public_urls(site):
    return [
        "/",
        "/tin-tuc/",
        site["category"].get_absolute_url(),
        *[post.get_absolute_url() for post in site["posts"]],
        "/rss/",
        "/sitemap.xml",
        "/robots.txt",
        "/tim-kiem/?q=hoi+nghi",
        "/mat-tran/",
        "/mat-tran/uy-ban/",
        "/mat-tran/hoi-nghi/",
        site["conference"].get_absolute_url(),
        site["area"].get_absolute_url(),
        site["old_area"].get_absolute_url(),
        site["meeting"].get_absolute_url(),
        "/van-dong/",
        site["campaign"].get_absolute_url(),
        site["campaign"].get_absolute_url() + "nha-hao-tam/",
        site["fund_statement"].get_absolute_url(),
        "/van-ban/",
        "/van-ban/?q=quy+vi+nguoi+ngheo",
        site["document"].get_absolute_url(),
        "/van-ban/rss/",
        "/thong-bao/",
        site["announcement"].get_absolute_url(),
        "/thong-bao/rss/",
        "/khao-sat/",
        site["poll"].get_absolute_url(),
        "/bao-ve-du-lieu-ca-nhan/",
        "/kha-nang-tiep-can/",
        "/gioi-thieu/",
        "/gioi-thieu/chuc-nang-nhiem-vu/",
        "/gioi-thieu/co-cau-to-chuc/",
        "/lien-he/",
        "/en/",
        "/lich-cong-tac/",
        "/lich-cong-tac.ics",
        "/mat-tran/giam-sat/",
        site["supervision"].get_absolute_url(),
        "/mat-tran/ngay-hoi-dai-doan-ket/",
        site["festival"].get_absolute_url(),
        "/mat-tran/ke-hoach/",
        site["plan"].get_absolute_url(),
        site["meeting_round"].get_absolute_url(),
        site["announced_conference"].get_absolute_url(),
        "/du-lieu-mo/",
        *[f"/du-lieu-mo/{slug}.{fmt}" for slug in DATASETS for fmt in ("json", "csv")],
        site["province_part"].campaign.get_absolute_url(),
        site["tag"].get_absolute_url(),
        site["posts"][0].get_absolute_url() + "anh/1/",
        "/thu-vien-anh/",
        site["album"].get_absolute_url(),
        site["album"].get_absolute_url() + "anh/1/",
        "/thu-vien-anh/rss/",
        "/video/",
        "/video/rss/",
        site["video"].get_absolute_url(),
        f"/tin-tuc/{timezone.localdate():%Y/%m}/",
    ]


@pytest.mark.parametrize("here,there", [("a", "b"), ("b", "a")])
def test_nothing_of_one_commune_appears_on_the_other(client, sites, here, there):
    mine, other = sites[here], sites[there]
    for url in public_urls(mine):
        response = client.get(url, HTTP_HOST=HOSTS[here], follow=True)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert other["mark"] not in text, url
        assert other["commune"].name not in text, url
    # Searching for the other commune's own word finds nothing of it (only the query echoed).
    found = client.get(f"/tim-kiem/?q={other['mark']}", HTTP_HOST=HOSTS[here]).content.decode()
    assert all(post.title not in found for post in other["posts"])
    home = client.get("/", HTTP_HOST=HOSTS[here]).content.decode()
    assert mine["posts"][0].title in home
    assert mine["announcement"].title in home  # pinned, at the top
    assert mine["poll"].question in home  # the running poll, its own counts only
    assert "1 lượt trả lời" in home
    download = client.get(mine["document_file"].get_absolute_url(), HTTP_HOST=HOSTS[here])
    assert download.status_code == 200
    assert f"ke-hoach-{mine['mark']}.pdf" in download["Content-Disposition"]
    # The commune's own introduction, week and feed: its items, the other's never.
    assert mine["mark"] in client.get("/gioi-thieu/", HTTP_HOST=HOSTS[here]).content.decode()
    week = client.get("/lich-cong-tac/", HTTP_HOST=HOSTS[here]).content.decode()
    assert mine["calendar_entry"].title in week and mine["conference_this_week"].title in week
    feed = client.get("/lich-cong-tac.ics", HTTP_HOST=HOSTS[here]).content.decode()
    assert f"UID:lich-{mine['calendar_entry'].pk}@{HOSTS[here]}" in feed
    assert f"Ủy ban MTTQ Việt Nam xã {mine['commune'].name}" in home  # the site's own name
    # Its own video, link (footer) and banner (side column) on the home page.
    assert mine["video"].title in home and mine["web_link"].title in home and mine["banner"].title in home


@pytest.mark.parametrize("here,there", [("a", "b"), ("b", "a")])
def test_the_other_communes_pages_are_404_at_this_host(client, sites, here, there):
    other = sites[there]
    urls = [
        other["category"].get_absolute_url(),
        *[post.get_absolute_url() for post in other["posts"]],
        other["conference"].get_absolute_url(),
        other["campaign"].get_absolute_url(),
        other["campaign"].get_absolute_url() + "nha-hao-tam/",
        other["province_part"].campaign.get_absolute_url(),
        other["commune"].get_absolute_url(),
        other["document"].get_absolute_url(),
        other["document_file"].get_absolute_url(),
        other["announcement"].get_absolute_url(),
        other["poll"].get_absolute_url(),
        other["supervision"].get_absolute_url(),
        other["plan"].get_absolute_url(),
        other["meeting_round"].get_absolute_url(),
        other["tag"].get_absolute_url(),
        other["album"].get_absolute_url(),
        other["album"].get_absolute_url() + "anh/1/",
        other["posts"][0].get_absolute_url() + "anh/1/",
        other["video"].get_absolute_url(),
    ]
    for url in urls:
        assert client.get(url, HTTP_HOST=HOSTS[here]).status_code == 404, url


@pytest.mark.parametrize("here,there", [("a", "b"), ("b", "a"), ("province", "a")])
def test_robots_sitemap_and_feeds_name_their_own_host_only(client, sites, here, there):
    robots = client.get("/robots.txt", HTTP_HOST=HOSTS[here]).content.decode()
    assert f"Sitemap: http://{HOSTS[here]}/sitemap.xml" in robots
    for url in ["/sitemap.xml", "/rss/"]:
        text = client.get(url, HTTP_HOST=HOSTS[here]).content.decode()
        assert f"http://{HOSTS[here]}/" in text, url
        assert HOSTS[there] not in text, url
    if here != "province":
        sitemap = client.get("/sitemap.xml", HTTP_HOST=HOSTS[here]).content.decode()
        assert f"http://{HOSTS[here]}{sites[here]['posts'][0].get_absolute_url()}" in sitemap
        assert sites[there]["posts"][0].get_absolute_url() not in sitemap


def test_an_unknown_host_gets_a_vietnamese_404(client, sites):
    for url in ["/", "/tin-tuc/", "/rss/", "/sitemap.xml", "/quan-tri/"]:
        response = client.get(url, HTTP_HOST="la.example.vn")
        assert response.status_code == 404, url
        text = response.content.decode()
        assert "Không có trang nào ở địa chỉ này" in text
        assert "Alphaxa" not in text and "Betaxa" not in text


def test_the_province_site_lists_its_communes_and_no_commune_news(client, sites):
    text = client.get("/", HTTP_HOST=HOSTS["province"]).content.decode()
    assert "Ủy ban MTTQ Việt Nam xã Hòa Phú" in text and "Ủy ban MTTQ Việt Nam xã Hòa An" in text
    assert f"http://{HOSTS['a']}/" in text
    assert "Alphaxa" not in text and "Betaxa" not in text
    fund = sites["a"]["province_part"].campaign.province_campaign
    for url in [
        "/van-dong/",
        fund.get_absolute_url(),
        "/tin-tuc/",
        "/rss/",
        "/sitemap.xml",
        "/tim-kiem/?q=hoi+nghi",
    ]:
        page = client.get(url, HTTP_HOST=HOSTS["province"]).content.decode()
        assert "Alphaxa" not in page and "Betaxa" not in page, url
    assert client.get("/mat-tran/", HTTP_HOST=HOSTS["province"]).status_code == 404


def test_one_commune_alone_is_served_without_any_host(client, db):
    Commune.objects.create(name="Hòa Phú")
    response = client.get("/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert "Ủy ban MTTQ Việt Nam xã Hòa Phú" in response.content.decode()


def test_the_site_table_costs_one_query_after_a_commune_is_saved_and_none_after(
    client, sites, django_assert_num_queries
):
    from congresses.sites import site_table

    with django_assert_num_queries(1):
        site_table()
    with django_assert_num_queries(0):
        site_table()
    sites["a"]["commune"].save()
    with django_assert_num_queries(1):
        assert site_table().resolve(HOSTS["a"])[0] == sites["a"]["commune"]


@pytest.mark.parametrize("here,there", [("a", "b"), ("b", "a")])
def test_a_campaign_page_shows_its_own_communes_houses_and_gifts_only(client, sites, here, there):
    mine, other = sites[here], sites[there]
    text = client.get(mine["campaign"].get_absolute_url(), HTTP_HOST=HOSTS[here]).content.decode()
    assert mine["gift_batch"].title in text
    assert "1 căn nhà Đại đoàn kết" in text
    assert other["gift_batch"].title not in text


@pytest.mark.parametrize("here,there", [("a", "b"), ("b", "a")])
def test_a_communes_thu_chi_table_is_not_served_on_the_others_site(client, sites, here, there):
    other = sites[there]["fund_statement"]
    assert client.get(other.get_absolute_url(), HTTP_HOST=HOSTS[here]).status_code == 404
    assert client.get(other.pdf_url(), HTTP_HOST=HOSTS[here]).status_code == 404
    mine = client.get(sites[here]["fund_statement"].pdf_url(), HTTP_HOST=HOSTS[here])
    assert mine.status_code == 200 and mine.content.startswith(b"%PDF")
