"""The contribution list on a 360 px phone, as a hamlet officer and as the chair: the page
does not run off the screen, date, donor and result are on it, the filters and "Thêm" come
before the list, and states read as words."""

import datetime
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from campaigns.models import AreaOfficer, Campaign, Contribution, Indicator, Target
from congresses.models import Commune, ResidentialArea
from lib.roles import CHAIR, HAMLET_OFFICER, role_groups

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", "shots"))
PASSWORD = "ThonDong@2026"


@pytest.fixture
def accounts():
    commune = Commune.objects.create(name="Hòa Phú")
    dong = ResidentialArea.objects.create(commune=commune, name="Đông", position=1)
    campaign = Campaign.objects.create(
        commune=commune,
        name="Quà Tết 2027",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2026, 1, 1),
    )
    gifts = Indicator.objects.create(campaign=campaign, name="Quà Tết cho hộ nghèo, gia đình chính sách")
    Target.objects.create(indicator=gifts, amount=36_000_000)
    groups = role_groups()
    officer = get_user_model().objects.create_user("bct.dong", password=PASSWORD, is_staff=True)
    officer.groups.add(groups[HAMLET_OFFICER])
    AreaOfficer.objects.create(user=officer, area=dong)
    chair = get_user_model().objects.create_user("chutich", password=PASSWORD, is_staff=True)
    chair.groups.add(groups[CHAIR])
    for day in range(1, 61):
        Contribution.objects.create(
            indicator=gifts,
            area=dong,
            amount=1_750_000,
            quantity=5,
            date=datetime.date(2026, 11, 1) + datetime.timedelta(days=day % 28),
            donor_name=f"Chi đoàn Thanh niên thôn Đông số {day}",
            verified_by=chair if day % 3 == 0 else None,
            verified_at=timezone.now() if day % 3 == 0 else None,
        )
    return {"officer": officer, "chair": chair}


@pytest.mark.parametrize("role", ["officer", "chair"])
def test_the_contribution_list_fits_a_360_px_phone(page, live_server, accounts, role):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/quan-tri/login/")
    page.fill("#id_username", accounts[role].username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/quan-tri/campaigns/contribution/")
    page.screenshot(path=str(ARTIFACTS / f"e2e-admin-phone-contributions-{role}.png"), full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    first_row = page.locator("#result_list tbody tr").first
    for column in ("field-day", "field-donor", "field-figure_text"):
        box = first_row.locator(f".{column}").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (column, box)
    table_top = page.locator("#result_list").bounding_box()["y"]
    add = page.locator(".object-tools a.addlink").bounding_box()
    assert add["y"] < table_top and add["y"] + add["height"] < 800 and add["x"] + add["width"] <= 360
    toggle = page.locator("details.filter-toggle")
    assert toggle.bounding_box()["y"] < table_top
    assert not page.locator("#changelist-filter").is_visible()
    page.locator("details.filter-toggle > summary").click()
    assert page.get_by_role("link", name="Chưa xác nhận").is_visible()
    assert page.locator("#result_list img[src*='icon-no']").count() == 0
    assert page.locator(".field-verified", has_text="Chưa xác nhận").count() > 0
    assert page.locator(".field-verified", has_text="Đã xác nhận").count() > 0
