"""A hamlet officer on a 360 px phone enters two contributions typed the Vietnamese way, one
with a receipt photo that carries GPS; the public campaign page grows by exactly their sum.

Every tap goes through `tap()`, which counts it: one entry must take at most 6 taps plus typing.
"""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from PIL import Image

from campaigns.models import AreaOfficer, Campaign, Contribution, Indicator, Target
from congresses.models import Commune, ResidentialArea
from lib.roles import HAMLET_OFFICER, role_groups

PASSWORD = "ThonDong@2026"
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def fund_with_officer():
    commune = Commune.objects.create(name="Hòa Phú")
    dong = ResidentialArea.objects.create(commune=commune, name="Đông", position=1)
    campaign = Campaign.objects.create(
        commune=commune,
        name="Vận động Quỹ “Vì người nghèo”",
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2025, 1, 1),
    )
    fund = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
    Indicator.objects.create(
        campaign=campaign, name="Hiến máu tình nguyện", unit=Indicator.Unit.COUNT, unit_label="đơn vị máu"
    )
    Target.objects.create(indicator=fund, amount=21_000_000)
    Contribution.objects.create(indicator=fund, area=dong, amount=8_000_000, donor_name="Hộ ông Lê Văn Tám")
    officer = get_user_model().objects.create_user(
        "bct.dong", password=PASSWORD, is_staff=True, first_name="Bảy", last_name="Trần Văn"
    )
    officer.groups.add(role_groups()[HAMLET_OFFICER])
    AreaOfficer.objects.create(user=officer, area=dong)
    return fund


@pytest.fixture
def phone(chromium_browser):
    context = chromium_browser.new_context(locale="vi-VN", viewport=PHONE, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def photo_with_gps(path):
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 0.0), 3: "E", 4: (105.0, 50.0, 0.0)}
    Image.new("RGB", (2400, 1600), (240, 235, 220)).save(path, "JPEG", exif=exif.tobytes())
    with Image.open(path) as check:
        assert 0x8825 in check.getexif()  # the test photo really carries GPS
    return path


def public_total(page, url, fund):
    """The commune's achieved money figure on the public campaign page, as an integer."""
    page.goto(url)
    text = page.locator(".campaign-big-figure").first.inner_text()
    match = re.search(r"([\d.]+) / 21\.000\.000 đ", text)
    assert match, text
    return int(match[1].replace(".", ""))


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_officer_on_a_phone_enters_two_results_and_the_public_page_grows_by_their_sum(
    live_server, phone, fund_with_officer, tmp_path
):
    fund = fund_with_officer
    public_url = f"{live_server.url}{fund.campaign.get_absolute_url()}"
    before = public_total(phone, public_url, fund)
    taps = []

    def tap(selector):
        taps.append(selector)
        phone.tap(selector)

    phone.goto(f"{live_server.url}/quan-tri/")
    phone.fill("#id_username", "bct.dong")
    phone.fill("#id_password", PASSWORD)
    phone.tap("input[type=submit]")
    phone.wait_for_url(f"{live_server.url}/nhap-lieu/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "Thôn Đông" in phone.content()

    # Entry 1. Hamlet (the only one), date (today) and donor kind (Cá nhân) are already right.
    tap(f"label:has(input[name=indicator][value='{fund.pk}'])")  # 1: the indicator
    tap("#id_figure")  # 2: into the figure, then typing
    phone.keyboard.type("1.500.000")
    tap("#id_donor_name")  # 3: into the donor's name, then typing
    phone.keyboard.type("Bà Nguyễn Thị Hoa")
    with phone.expect_file_chooser() as chooser:
        tap("label.officer-file-button")  # 4: the receipt button opens the camera
    # 5: on a real phone the camera's shutter (the camera app, not this page, so not counted here)
    chooser.value.set_files(str(photo_with_gps(tmp_path / "bien-nhan.jpg")))
    phone.wait_for_selector(".officer-file-name img")
    tap("button.btn-lg[type=submit]")  # 6: Lưu kết quả
    phone.wait_for_selector(".alert-success")
    assert len(taps) + 1 <= 6, taps  # + the camera's shutter
    assert "Đã lưu 1.500.000 đ" in phone.locator(".alert-success").inner_text()

    # Entry 2 continues with the same indicator: only the figure and the donor.
    taps.clear()
    assert phone.is_checked(f"input[name=indicator][value='{fund.pk}']")
    tap("#id_figure")
    phone.keyboard.type("2,5 triệu")
    tap("#id_donor_name")
    phone.keyboard.type("Ông Phạm Văn Tư")
    tap("button.btn-lg[type=submit]")
    phone.wait_for_selector(".alert-success")
    assert len(taps) == 3
    assert "Đã lưu 2.500.000 đ" in phone.locator(".alert-success").inner_text()

    # The receipt's thumbnail loads on the officer's card (served by the private view).
    thumb = phone.locator(".officer-entry-receipt img").first
    thumb.scroll_into_view_if_needed()  # lazy-loaded: it loads once on screen
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    assert public_total(phone, public_url, fund) - before == 4_000_000
    first, second = Contribution.objects.filter(entered_by__username="bct.dong").order_by("id")
    assert (first.amount, second.amount) == (1_500_000, 2_500_000)
    stored = settings.PRIVATE_MEDIA_ROOT / first.receipt.name
    with Image.open(io.BytesIO(stored.read_bytes())) as image:
        assert 0x8825 not in image.getexif()
        assert image.height == 2000 and image.width < image.height  # upright, long side within 2000 px
    assert not second.receipt
    assert phone.console_errors == []


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_officer_screen_works_without_javascript(
    live_server, chromium_browser, fund_with_officer, tmp_path
):
    context = chromium_browser.new_context(locale="vi-VN", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/nhap-lieu/")
        page.fill("#id_username", "bct.dong")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/nhap-lieu/")
        page.check(f"input[name=indicator][value='{fund_with_officer.pk}']")
        page.fill("#id_figure", "750.000")
        page.fill("#id_donor_name", "Bà Lê Thị Năm")
        # Without the script the browser's own file input is the one shown.
        assert page.is_visible("#id_receipt")
        page.set_input_files("#id_receipt", str(photo_with_gps(tmp_path / "bien-nhan.jpg")))
        page.click("button.btn-lg[type=submit]")
        assert "Đã lưu 750.000 đ" in page.locator(".alert-success").inner_text()
    finally:
        context.close()
    entry = Contribution.objects.get(donor_name="Bà Lê Thị Năm")
    assert entry.amount == 750_000 and entry.receipt
