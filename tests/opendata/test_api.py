"""The open-data API: each commune's host serves its own rows only, the province's host every
commune's (each named), pages are bounded and stable, private data never leaves, errors are
Vietnamese JSON, and the query count does not grow with the data."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Post
from opendata.datasets import DATASETS

from .conftest import HOSTS

SLUGS = list(DATASETS)


def get_json(client, url, host, **extra):
    response = client.get(url, HTTP_HOST=host, **extra)
    assert response["Content-Type"].startswith("application/json"), url
    return response, json.loads(response.content.decode())


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("here,there", [("a", "b"), ("b", "a")])
def test_a_communes_host_serves_nothing_of_the_other_commune(client, sites, members, slug, here, there):
    other = sites[there]
    for fmt in ("json", "csv"):
        response = client.get(f"/du-lieu-mo/{slug}.{fmt}", HTTP_HOST=HOSTS[here])
        assert response.status_code == 200, (slug, fmt)
        text = response.content.decode("utf-8-sig")
        assert other["mark"] not in text, (slug, fmt)
        assert other["commune"].name not in text, (slug, fmt)
        assert HOSTS[there] not in text, (slug, fmt)


@pytest.mark.parametrize(
    "slug,expected",
    [
        ("bai-viet", "Trao quà Tết cho hộ nghèo {mark}"),
        ("hoi-nghi", "Hội nghị nhiệm kỳ thôn Đông {mark}"),
        ("thanh-vien", "Nguyễn Văn {mark}"),
        ("cuoc-van-dong", "Vận động Quỹ"),
        ("chi-tieu", "Quỹ “Vì người nghèo”"),
        ("ket-qua-khu-dan-cu", "Thôn Đông"),
        ("uy-ban", "Ban công tác Mặt trận thôn Đông"),
        ("xa-phuong", "xã {name}"),
    ],
)
def test_each_set_lists_the_communes_own_rows(client, sites, members, slug, expected):
    site = sites["a"]
    response, data = get_json(client, f"/du-lieu-mo/{slug}.json", HOSTS["a"])
    assert response.status_code == 200
    assert data["count"] >= 1 and data["results"]
    assert expected.format(mark=site["mark"], name=site["commune"].name) in response.content.decode()


def test_the_campaign_figures_are_the_sums_of_the_entries(client, sites):
    _, indicators = get_json(client, "/du-lieu-mo/chi-tieu.json", HOSTS["a"])
    # The commune's own campaign (its part of the province's campaign is another row).
    [row] = [row for row in indicators["results"] if row["id"] == sites["a"]["indicator"].pk]
    # Thôn Đông's 500.000 đ and the commune-wide 300.000 đ.
    assert (row["achieved"], row["target"], row["entries"]) == (800_000, None, 2)
    _, areas = get_json(client, "/du-lieu-mo/ket-qua-khu-dan-cu.json", HOSTS["a"])
    east = next(area for area in areas["results"] if area["area"] == "Thôn Đông")
    [result] = [r for r in east["results"] if r["campaign"] == sites["a"]["campaign"].name and r["target"]]
    assert (result["target"], result["achieved"], result["percent"]) == (10_000_000, 500_000, 5)
    west = next(area for area in areas["results"] if area["area"] == "Thôn Tây")
    assert west["results"] == []  # no target, no entry: nothing to report


def test_the_province_host_serves_every_communes_rows_each_named(client, sites, members):
    response, data = get_json(client, "/du-lieu-mo/bai-viet.json", HOSTS["province"])
    assert response.status_code == 200
    assert data["count"] == 4
    assert {row["commune"] for row in data["results"]} == {"xã Hòa Phú", "xã Hòa An"}
    # Each row links to the post on its own commune's site.
    by_commune = {row["commune"]: row["url"] for row in data["results"]}
    assert by_commune["xã Hòa An"].startswith(f"http://{HOSTS['b']}/tin/")
    response = client.get("/du-lieu-mo/thanh-vien.csv", HTTP_HOST=HOSTS["province"])
    rows = read_csv(response)
    assert rows[0][:2] == ["Mã", "Xã, phường"]
    assert {row[1] for row in rows[1:]} == {"xã Hòa Phú", "xã Hòa An"}
    assert response["Content-Disposition"] == 'attachment; filename="thanh-vien-tinh-quang-nam.csv"'


@pytest.mark.parametrize("slug", SLUGS)
def test_every_set_answers_at_the_province_host_with_both_communes(client, sites, members, slug):
    for fmt in ("json", "csv"):
        response = client.get(f"/du-lieu-mo/{slug}.{fmt}", HTTP_HOST=HOSTS["province"])
        assert response.status_code == 200, (slug, fmt)
        text = response.content.decode("utf-8-sig")
        assert "Hòa Phú" in text and "Hòa An" in text, (slug, fmt)


def test_a_drafts_and_a_scheduled_posts_metadata_stay_unpublished(client, sites):
    category = sites["a"]["category"]
    Post.objects.create(category=category, title="Bản nháp Alphaxa bí mật", lead="x")
    Post.objects.create(
        category=category,
        title="Hẹn giờ Alphaxa bí mật",
        lead="x",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )
    text = client.get("/du-lieu-mo/bai-viet.json", HTTP_HOST=HOSTS["a"]).content.decode()
    assert "bí mật" not in text


def test_a_members_private_contacts_and_personal_data_never_leave(client, sites, members):
    for url in ("/du-lieu-mo/thanh-vien.json", "/du-lieu-mo/thanh-vien.csv"):
        text = client.get(url, HTTP_HOST=HOSTS["a"]).content.decode("utf-8-sig")
        assert "Nguyễn Văn Alphaxa" in text
        assert "0905111222" not in text and "rieng.a@example.vn" not in text
        assert "1970" not in text and "1980" not in text
        # She agreed: her contacts are public.
        assert "0905333444" in text and "congkhai.a@example.vn" in text
    _, data = get_json(client, "/du-lieu-mo/thanh-vien.json", HOSTS["a"])
    keys = set().union(*(row.keys() for row in data["results"]))
    assert not keys & {"birth_year", "gender", "ethnicity", "religion", "party_member", "photo"}


def test_pages_are_bounded_and_stable_and_link_to_each_other(client, sites):
    category = sites["a"]["category"]
    now = timezone.now()
    for number in range(5):
        # Same publish time: the id keeps the order stable.
        Post.objects.create(
            category=category,
            title=f"Tin số {number}",
            lead="x",
            status="published",
            published_at=now - timedelta(days=1),
        )
    seen = []
    url = "/du-lieu-mo/bai-viet.json?so_dong=3"
    while url:
        response, data = get_json(client, url, HOSTS["a"])
        assert response.status_code == 200
        assert len(data["results"]) <= 3 and data["page_size"] == 3
        seen += [row["id"] for row in data["results"]]
        url = data["next"]
    assert data["pages"] == 3 and data["count"] == 7
    assert len(seen) == len(set(seen)) == 7
    _, again = get_json(client, "/du-lieu-mo/bai-viet.json?so_dong=3&trang=2", HOSTS["a"])
    assert [row["id"] for row in again["results"]] == seen[3:6]
    assert again["previous"].endswith("/du-lieu-mo/bai-viet.json?trang=1&so_dong=3")


@pytest.mark.parametrize(
    "query,status,words",
    [
        ("trang=abc", 400, "Tham số “trang” phải là số nguyên"),
        ("trang=0", 400, "Tham số “trang” phải là số nguyên"),
        ("trang=-3", 400, "Tham số “trang”"),
        ("trang=99999999999999999999999", 400, "Tham số “trang”"),
        ("trang=1.5", 400, "Tham số “trang”"),
        ("trang=9", 404, "Không có trang 9"),
        ("so_dong=101", 400, "từ 1 đến 100"),
        ("so_dong=0", 400, "Tham số “so_dong”"),
        ("so_dong=1e3", 400, "Tham số “so_dong”"),
        ("trang=%E1%BB%87", 400, "Tham số “trang”"),
    ],
)
def test_bad_parameters_get_a_vietnamese_json_error_never_a_500(client, sites, query, status, words):
    response, data = get_json(client, f"/du-lieu-mo/hoi-nghi.json?{query}", HOSTS["a"])
    assert response.status_code == status
    assert words in data["error"]["message"]
    assert data["error"]["code"]


def test_an_unknown_set_a_write_and_the_csv_page_limit_are_refused_in_vietnamese(client, sites):
    response, data = get_json(client, "/du-lieu-mo/mat-khau.json", HOSTS["a"])
    assert response.status_code == 404 and "Không có bộ dữ liệu này" in data["error"]["message"]
    response, data = get_json(client, "/du-lieu-mo/bai-viet.xml", HOSTS["a"])
    assert response.status_code == 404
    response, data = get_json(client, "/du-lieu-mo/bai-viet.json", HOSTS["a"], REQUEST_METHOD="POST")
    assert response.status_code == 405 and "chỉ đọc" in data["error"]["message"]
    response, data = get_json(client, "/du-lieu-mo/bai-viet.csv?so_dong=5000", HOSTS["a"])
    assert response.status_code == 400 and "2000" in data["error"]["message"]


def test_a_page_carries_an_etag_and_an_unchanged_page_is_not_sent_again(client, sites):
    response = client.get("/du-lieu-mo/bai-viet.json", HTTP_HOST=HOSTS["a"])
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/du-lieu-mo/bai-viet.json", HTTP_HOST=HOSTS["a"], HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    # The other commune's page is another page, with another tag.
    other = client.get("/du-lieu-mo/bai-viet.json", HTTP_HOST=HOSTS["b"], HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200 and other["ETag"] != etag


def test_a_title_typed_as_a_formula_is_plain_text_in_the_csv(client, sites):
    Post.objects.create(
        category=sites["a"]["category"],
        title='=HYPERLINK("http://evil.example","Bấm vào")',
        lead="@SUM(1+1)",
        status="published",
        published_at=timezone.now() - timedelta(minutes=5),
    )
    rows = read_csv(client.get("/du-lieu-mo/bai-viet.csv", HTTP_HOST=HOSTS["a"]))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil.example","Bấm vào")' in cells
    assert "'@SUM(1+1)" in cells
    assert not any(cell.startswith(("=", "@", "+")) for cell in cells)


def _more_data(site, count):
    from campaigns.models import Contribution
    from congresses.models import Conference

    now = timezone.now()
    for number in range(count):
        Post.objects.create(
            category=site["category"], title=f"Thêm {number}", lead="x", status="published", published_at=now
        )
        Conference.objects.create(
            committee=site["committee"], kind="term", title=f"Hội nghị thêm {number}", starts_at=now
        )
        Contribution.objects.create(
            indicator=site["indicator"], area=site["area"], amount=1000, donor_name="A"
        )


@pytest.mark.parametrize("slug", SLUGS)
def test_a_pages_query_count_does_not_grow_with_the_data(
    client, sites, members, slug, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(host):
        from django.core.cache import cache

        cache.clear()
        client.get("/du-lieu-mo/", HTTP_HOST=host)  # the table of sites, read once per process
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/du-lieu-mo/{slug}.json", HTTP_HOST=host).status_code == 200
        return len(captured)

    before = queries(HOSTS["province"])
    _more_data(sites["a"], 8)
    _more_data(sites["b"], 8)
    assert queries(HOSTS["province"]) == before
    with django_assert_max_num_queries(8):
        client.get(f"/du-lieu-mo/{slug}.csv", HTTP_HOST=HOSTS["a"])


def test_a_cached_page_costs_no_query(client, sites, django_assert_num_queries):
    client.get("/du-lieu-mo/bai-viet.json", HTTP_HOST=HOSTS["a"])
    with django_assert_num_queries(0):
        assert client.get("/du-lieu-mo/bai-viet.json", HTTP_HOST=HOSTS["a"]).status_code == 200


def test_the_documentation_page_describes_each_set_and_the_footer_links_to_it(client, sites):
    page = client.get("/du-lieu-mo/", HTTP_HOST=HOSTS["a"]).content.decode()
    assert "Dữ liệu mở" in page
    for slug, dataset in DATASETS.items():
        assert f"http://{HOSTS['a']}/du-lieu-mo/{slug}.json" in page
        assert str(dataset.title) in page
    assert "so_dong" in page and "If-None-Match" in page
    home = client.get("/", HTTP_HOST=HOSTS["a"]).content.decode()
    assert 'href="/du-lieu-mo/"' in home
    province = client.get("/du-lieu-mo/", HTTP_HOST=HOSTS["province"]).content.decode()
    assert "mọi xã, phường" in province
