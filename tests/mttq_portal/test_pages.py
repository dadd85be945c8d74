"""Site-wide pages: the Vietnamese error pages and robots.txt."""

from django.test import override_settings


def test_unknown_url_gets_a_vietnamese_404(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /quan-tri/" in body
    assert "Disallow: /nhap-lieu/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@override_settings(DEBUG=False)
def test_500_page_renders_without_the_database(rf):
    from mttq_portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


def test_favicon_ico_leads_to_the_sites_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert "favicon" in response["Location"] and response["Location"].endswith(".svg")
