"""Organisation pages: staff write giới thiệu and chức năng nhiệm vụ in the admin, the public
reads them; cơ cấu tổ chức comes from the committee's members; liên hệ, the English page and
the footer come from the commune's own fields."""

import datetime

import pytest
from django.urls import reverse

from congresses import services
from congresses.models import FrontCommittee
from news.organisation import Page
from tests.conftest import PASSWORD
from tests.congresses.helpers import person, position


@pytest.fixture(autouse=True)
def hosts_allowed(settings):
    settings.ALLOWED_HOSTS = [".example.vn", "testserver"]


def _add_page(client, **data):
    fields = {
        "kind": Page.Kind.INTRODUCTION,
        "title": "",
        "body": "<p>Giới thiệu xã.</p>",
        "is_published": "on",
    }
    fields.update(data)
    return client.post(reverse("admin:news_page_add"), fields)


@pytest.fixture
def committee(commune):
    """The commune's Ủy ban MTTQ with a running term: a chair, a deputy, a member."""
    committee = FrontCommittee.objects.create(commune=commune, level=FrontCommittee.Level.COMMUNE)
    today = datetime.date.today()
    term = committee.terms.create(
        start_date=today.replace(year=today.year - 1), end_date=today.replace(year=today.year + 4)
    )
    services.appoint(term, person(commune, "Nguyễn Văn An"), position("Chủ tịch"))
    services.appoint(term, person(commune, "Lê Thị Hoa"), position("Phó Chủ tịch"))
    services.appoint(
        term, person(commune, "Trần Văn Ba"), position("Ủy viên"), organisation="Hội Nông dân xã"
    )
    return committee


@pytest.mark.parametrize("actor", ["staff", "editor"])
def test_staff_and_editors_write_the_introduction_and_the_public_reads_it(client, commune, actor, request):
    user = request.getfixturevalue(actor)
    client.login(username=user.username, password=PASSWORD)
    response = _add_page(
        client, title="Giới thiệu xã Hòa Phú", body="<p>Bảy thôn, <script>x()</script>một lòng.</p>"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get()
    assert page.commune == commune
    assert "<script>" not in page.body
    client.logout()
    text = client.get("/gioi-thieu/").content.decode()
    assert "Giới thiệu xã Hòa Phú" in text and "một lòng" in text and "x()" not in text


def test_a_second_page_of_the_same_kind_is_refused_in_vietnamese(client, commune, staff):
    Page.objects.create(commune=commune, kind=Page.Kind.DUTIES, body="<p>Nhiệm vụ.</p>")
    client.login(username=staff.username, password=PASSWORD)
    response = _add_page(client, kind=Page.Kind.DUTIES, body="<p>Bản thứ hai.</p>")
    assert response.status_code == 200
    assert "Xã đã có trang này" in response.content.decode()
    assert Page.objects.count() == 1


def test_an_unknown_kind_is_refused_without_a_500(client, commune, staff):
    client.login(username=staff.username, password=PASSWORD)
    response = _add_page(client, kind="khong-co")
    assert response.status_code == 200
    text = response.content.decode()
    assert "errorlist" in text and "lựa chọn hợp lệ" in text
    assert not Page.objects.exists()


def test_the_chair_and_hamlet_officers_cannot_edit_pages(client, commune, chair, officer_a):
    for user in (chair, officer_a):
        client.login(username=user.username, password=PASSWORD)
        assert _add_page(client).status_code == 403
    assert not Page.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, commune):
    response = _add_page(client)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Page.objects.exists()


def test_a_page_not_written_yet_or_hidden_says_so(client, commune):
    Page.objects.create(commune=commune, kind=Page.Kind.DUTIES, body="<p>Bí mật</p>", is_published=False)
    for url in ("/gioi-thieu/", "/gioi-thieu/chuc-nang-nhiem-vu/"):
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert "Nội dung trang này đang được cập nhật." in text and "Bí mật" not in text


def test_the_structure_page_lists_the_committees_members_from_congresses(client, committee):
    text = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert "Nguyễn Văn An" in text and "Chủ tịch" in text
    assert "Lê Thị Hoa" in text and "Trần Văn Ba" in text and "Hội Nông dân xã" in text
    assert "3 ủy viên" in text


def test_a_member_who_left_is_gone_from_the_structure_page(client, committee):
    membership = committee.terms.get().memberships.get(person__full_name="Trần Văn Ba")
    membership.until = datetime.date.today() - datetime.timedelta(days=1)
    membership.save()
    assert "Trần Văn Ba" not in client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()


def test_the_structure_page_without_a_term_says_so(client, commune):
    response = client.get("/gioi-thieu/co-cau-to-chuc/")
    assert response.status_code == 200
    assert "Chưa có nhiệm kỳ đang hoạt động." in response.content.decode()


def test_the_contact_page_links_the_map_and_embeds_nothing(client, commune):
    commune.address = "Thôn Trung, xã Hòa Phú"
    commune.phone = "0235 3812 345"
    commune.email = "mattran@example.vn"
    commune.save()
    text = client.get("/lien-he/").content.decode()
    assert 'href="tel:+842353812345"' in text and "0235 3812 345" in text
    assert 'href="mailto:mattran@example.vn"' in text
    assert (
        'href="https://www.openstreetmap.org/search?query=Th%C3%B4n%20Trung%2C%20x%C3%A3%20H%C3%B2a%20Ph%C3%BA"'
        in text
    )
    assert "<iframe" not in text and "openstreetmap.org/export" not in text


def test_a_map_address_typed_by_staff_is_the_link(client, commune):
    commune.map_url = "https://www.openstreetmap.org/?mlat=15.9&mlon=108.1"
    commune.address = "Thôn Trung"
    commune.save()
    assert (
        'href="https://www.openstreetmap.org/?mlat=15.9&amp;mlon=108.1"'
        in client.get("/lien-he/").content.decode()
    )


def test_the_english_page_gives_structure_and_contacts_in_english(client, committee, commune):
    commune.phone = "0905 123 456"
    commune.save()
    response = client.get("/en/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Viet Nam Fatherland Front Committee of Hoa Phu Commune" in text
    assert '<div lang="en">' in text
    assert "Chairperson" in text and "Nguyễn Văn An" in text and "Vice Chairperson" in text
    assert "Telephone" in text and 'href="tel:+84905123456"' in text


def test_the_province_site_has_no_commune_pages(client, db):
    from congresses.models import Commune, Province

    province = Province.objects.create(name="Quảng Nam", host="tinh.example.vn")
    Commune.objects.create(name="Hòa Phú", host="hoaphu.example.vn", province=province)
    Commune.objects.create(name="Hòa An", host="hoaan.example.vn", province=province)
    for url in ("/gioi-thieu/", "/gioi-thieu/co-cau-to-chuc/", "/lien-he/", "/en/", "/lich-cong-tac/"):
        assert client.get(url, HTTP_HOST="tinh.example.vn").status_code == 404, url


# --- the footer (Nghị định 42/2022/NĐ-CP) ---------------------------------------------------------


def test_the_footer_names_what_nd42_asks_on_every_public_page(client, commune):
    commune.governing_body = "Ủy ban MTTQ Việt Nam xã Hòa Phú"
    commune.responsible_person = "Nguyễn Văn An, Chủ tịch"
    commune.address = "Thôn Trung, xã Hòa Phú"
    commune.phone = "(0235) 3.812.345"
    commune.email = "mattran@example.vn"
    commune.licence = "Giấy phép số 25/GP-TTĐT"
    commune.save()
    for url in ("/", "/tin-tuc/", "/gioi-thieu/", "/lich-cong-tac/", "/mat-tran/hoi-nghi/", "/van-dong/"):
        text = client.get(url).content.decode()
        footer = text[text.index('<footer class="site-footer">') :]
        for expected in (
            "Cơ quan chủ quản",
            "Ủy ban MTTQ Việt Nam xã Hòa Phú",
            "Chịu trách nhiệm nội dung",
            "Nguyễn Văn An, Chủ tịch",
            "Thôn Trung, xã Hòa Phú",
            'href="tel:+842353812345"',
            'href="mailto:mattran@example.vn"',
            "Giấy phép số 25/GP-TTĐT",
        ):
            assert expected in footer, (url, expected)


def test_the_province_site_footer_shows_the_provinces_facts(client, db):
    from congresses.models import Commune, Province

    province = Province.objects.create(
        name="Quảng Nam",
        host="tinh.example.vn",
        governing_body="Ủy ban MTTQ Việt Nam tỉnh Quảng Nam",
        phone="0235 3852 100",
    )
    Commune.objects.create(
        name="Hòa Phú",
        host="hoaphu.example.vn",
        province=province,
        governing_body="Ủy ban MTTQ xã Hòa Phú riêng",
    )
    Commune.objects.create(name="Hòa An", host="hoaan.example.vn", province=province)
    text = client.get("/", HTTP_HOST="tinh.example.vn").content.decode()
    footer = text[text.index('<footer class="site-footer">') :]
    assert "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam" in footer and 'href="tel:+842353852100"' in footer
    assert "xã Hòa Phú riêng" not in footer


def test_no_tel_link_on_any_organisation_page_has_a_space(client, committee, commune):
    commune.phone = "0235 3812 345"
    commune.save()
    for membership in committee.terms.get().memberships.all():
        membership.person.phone, membership.person.contact_public = "0905 310 200", True
        membership.person.save()
    import re

    for url in ("/lien-he/", "/en/", "/gioi-thieu/co-cau-to-chuc/", "/mat-tran/uy-ban/"):
        text = client.get(url, follow=True).content.decode()
        links = re.findall(r'href="tel:([^"]*)"', text)
        assert links, url
        assert all(" " not in link for link in links), (url, links)


def test_staff_fill_in_the_footer_on_the_communes_page_and_every_page_shows_it(client, commune, staff):
    from tests.audit import admin_change

    client.login(username=staff.username, password=PASSWORD)
    response = admin_change(
        client,
        commune,
        governing_body="Ủy ban MTTQ Việt Nam xã Hòa Phú",
        responsible_person="Nguyễn Văn An",
        licence="Giấy phép số 25/GP-TTĐT",
        phone="0235 3812 345",
        map_url="www.openstreetmap.org/?mlat=15.9",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    commune.refresh_from_db()
    assert commune.map_url == "https://www.openstreetmap.org/?mlat=15.9"
    client.logout()
    footer = client.get("/tin-tuc/").content.decode().split('<footer class="site-footer">')[1]
    assert "Nguyễn Văn An" in footer and "Giấy phép số 25/GP-TTĐT" in footer and "tel:+842353812345" in footer


def test_a_map_address_that_is_no_address_is_refused_in_vietnamese(client, commune, staff):
    from tests.audit import change_form_data

    client.login(username=staff.username, password=PASSWORD)
    url = reverse("admin:congresses_commune_change", args=[commune.pk])
    data = change_form_data(client.get(url))
    data["map_url"] = "javascript:alert(1)"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Nhập một URL hợp lệ." in response.content.decode()
    commune.refresh_from_db()
    assert commune.map_url == ""


def test_the_sitemap_lists_the_organisation_pages_and_the_calendar(client, commune):
    Page.objects.create(commune=commune, kind=Page.Kind.INTRODUCTION, body="<p>Giới thiệu.</p>")
    Page.objects.create(commune=commune, kind=Page.Kind.DUTIES, body="<p>Ẩn.</p>", is_published=False)
    text = client.get("/sitemap.xml").content.decode()
    for path in ("/gioi-thieu/", "/gioi-thieu/co-cau-to-chuc/", "/lien-he/", "/lich-cong-tac/"):
        assert f"<loc>http://testserver{path}</loc>" in text, path
    assert "/gioi-thieu/chuc-nang-nhiem-vu/" not in text
