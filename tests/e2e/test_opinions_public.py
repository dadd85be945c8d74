"""A citizen on a 360 px phone sends an opinion and gets a reference code; commune staff
forward it, record the answer and publish it in the admin; the citizen finds the answer."""

import re

import pytest
from django.contrib.auth import get_user_model

from congresses.models import Commune, Opinion, ResidentialArea
from lib.roles import COMMUNE_STAFF, role_groups

PASSWORD = "CanBoXa@2026"


@pytest.fixture
def commune_and_staff():
    commune = Commune.objects.create(name="Hòa Phú")
    ResidentialArea.objects.create(commune=commune, name="Đông", position=1)
    ResidentialArea.objects.create(commune=commune, name="Trung", position=2)
    staff = get_user_model().objects.create_user("canbo.xa", password=PASSWORD, is_staff=True)
    staff.groups.add(role_groups()[COMMUNE_STAFF])
    return commune, staff


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_citizen_follows_an_opinion_from_the_phone_to_the_published_answer(
    live_server, page, admin_login, commune_and_staff
):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_server.url}/y-kien/gui/")
    page.select_option("#id_area", label="Thôn Trung")
    page.select_option("#id_field", label="An ninh trật tự")
    page.fill("#id_text", "Đèn chiếu sáng ở ngã ba chợ tắt đã hơn một tháng, buổi tối rất tối.")
    page.click("form.opinion-form button[type=submit]")
    code = page.locator("#ma-y-kien").inner_text().strip()
    assert re.fullmatch(r"YK-[0-9A-Z]{4}-[0-9A-Z]{2}", code)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    opinion = Opinion.objects.get(reference_code=code)
    assert not opinion.is_public

    page.goto(f"{live_server.url}/y-kien/tra-cuu/?ma={code}")
    assert "Đã tiếp nhận" in page.locator(".opinion-state").inner_text()

    admin_login("canbo.xa", PASSWORD)
    page.goto(f"{live_server.url}/quan-tri/congresses/opinion/{opinion.pk}/change/")
    page.fill("#id_forward_to", "UBND xã")
    page.click("input[name=_continue]")
    page.fill("#id_answer_text", "UBND xã đã thay bóng và tủ điện; đèn sáng bình thường từ tối 18/11.")
    page.fill("#id_answer_from", "UBND xã")
    page.check("#id_publish")
    page.click("input[name=_continue]")
    # The change page must finish loading (its jsi18n script among it) before the staff
    # member's cookies go; otherwise the script is answered by the login page.
    page.wait_for_load_state("load")
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.ANSWERED and opinion.is_public

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/y-kien/tra-cuu/")
    page.fill("#ma", code.lower().replace("-", " "))
    page.click("form.lookup-form button[type=submit]")
    assert "đèn sáng bình thường" in page.locator(".opinion-answer").inner_text()
    assert "Đã có trả lời" in page.locator(".opinion-state").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.console_errors == []
