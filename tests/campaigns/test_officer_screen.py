"""The hamlet officer's own screen (/nhap-lieu/) and receipts as evidence, as each role sees them."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from campaigns import receipts, services
from campaigns.models import Campaign, Contribution, Indicator, Target
from lib.roles import EDITOR
from tests.conftest import PASSWORD

HOME = "/nhap-lieu/"


def photo_with_gps(name="bien-nhan.jpg", size=(3000, 1200)):
    """A phone photo held upright (EXIF orientation 6) that says where it was taken."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Điện thoại"  # camera maker
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 0.0), 3: "E", 4: (105.0, 50.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", size, (230, 225, 210)).save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def entry_data(indicator, area, figure="1.500.000", **extra):
    return {
        "indicator": indicator.pk,
        "area": area.pk,
        "figure": figure,
        "date": timezone.localdate().strftime("%d/%m/%Y"),
        "donor_kind": Contribution.DonorKind.PERSON,
        "donor_name": "Bà Nguyễn Thị Hoa",
        **extra,
    }


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def editor(groups):
    user = get_user_model().objects.create_user("bientap", password=PASSWORD, is_staff=True)
    user.groups.add(groups[EDITOR])
    return user


@pytest.fixture
def entry_with_receipt(fund, area_a, staff):
    return services.record_contribution(
        by=staff, indicator=fund, area=area_a, amount=500_000, donor_name="Ông Tám", receipt=photo_with_gps()
    )


# --- landing -----------------------------------------------------------------------------------


def test_officer_signing_in_lands_on_the_officer_screen(client, officer_a):
    response = client.post(
        "/quan-tri/login/?next=/quan-tri/",
        {"username": officer_a.username, "password": PASSWORD, "next": "/quan-tri/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == HOME
    assert "Nhập kết quả vận động" in response.content.decode()


@pytest.mark.parametrize("who", ["staff", "chair"])
def test_staff_and_chair_keep_the_full_admin_index(client, who, request):
    response = signed_in(client, request.getfixturevalue(who)).get("/quan-tri/")
    assert response.status_code == 200
    assert "Bảng điều khiển" in response.content.decode()


@pytest.mark.parametrize("who", ["staff", "chair"])
def test_staff_and_chair_opening_the_officer_screen_go_to_the_admin_list(client, who, request):
    response = signed_in(client, request.getfixturevalue(who)).get(HOME)
    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/campaigns/contribution/"


def test_an_editor_may_not_use_the_officer_screen(client, editor):
    assert signed_in(client, editor).get(HOME).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith("/quan-tri/login/?next=/nhap-lieu/")


def test_officer_sees_their_hamlet_against_its_target_and_not_the_others(
    client, officer_a, fund, area_a, area_b
):
    Target.objects.create(indicator=fund, area=area_a, amount=4_000_000)
    Contribution.objects.create(indicator=fund, area=area_a, amount=1_000_000, donor_name="Hộ ông Tám")
    Contribution.objects.create(indicator=fund, area=area_b, amount=9_000_000, donor_name="Hộ bà Chín")
    page = signed_in(client, officer_a).get(HOME).content.decode()
    assert "Thôn Đông" in page and "1.000.000 / 4.000.000 đ" in page and "đạt 25%" in page
    assert "Hộ ông Tám" in page
    assert "Hộ bà Chín" not in page and "9.000.000" not in page
    assert response_has_cache_private(signed_in(client, officer_a).get(HOME))


def response_has_cache_private(response):
    return "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_officer_without_areas_is_told_whom_to_ask(client, groups):
    from lib.roles import HAMLET_OFFICER

    user = get_user_model().objects.create_user("moi", password=PASSWORD, is_staff=True)
    user.groups.add(groups[HAMLET_OFFICER])
    page = signed_in(client, user).get(HOME).content.decode()
    assert "chưa được giao khu dân cư" in page
    assert 'name="figure"' not in page


# --- the form ----------------------------------------------------------------------------------


def test_the_form_offers_active_indicators_the_one_hamlet_today_and_the_camera(
    client, officer_a, fund, blood, commune, area_a
):
    draft = Campaign.objects.create(commune=commune, name="Nháp", start_date=datetime.date(2025, 1, 1))
    hidden = Indicator.objects.create(campaign=draft, name="Chỉ tiêu nháp")
    page = signed_in(client, officer_a).get(HOME).content.decode()
    assert re.search(r"Quỹ “Vì người nghèo”\s*<span class=\"officer-unit\">tính bằng đồng", page)
    assert re.search(r"Hiến máu tình nguyện\s*<span class=\"officer-unit\">tính bằng đơn vị máu", page)
    assert hidden.name not in page
    assert f'<input type="hidden" name="area" value="{area_a.pk}"' in page
    assert f'value="{timezone.localdate():%d/%m/%Y}"' in page
    assert re.search(
        r'<input type="file" name="receipt"[^>]*accept="image/\*"[^>]*capture="environment"', page
    )
    # One figure field, read by the indicator's unit: never an amount and a quantity box together.
    assert 'name="figure"' in page and 'name="amount"' not in page and 'name="quantity"' not in page


def test_an_officer_of_two_hamlets_picks_one_with_a_single_tap(client, officer_a, fund, area_b):
    from campaigns.models import AreaOfficer

    AreaOfficer.objects.create(user=officer_a, area=area_b)
    page = signed_in(client, officer_a).get(HOME).content.decode()
    assert f'type="radio" name="area" value="{area_b.pk}"' in page
    assert '<select name="area"' not in page


def test_every_missing_piece_is_named_in_one_go(client, officer_a, fund, area_a):
    response = signed_in(client, officer_a).post(HOME, entry_data(fund, area_a, figure="", donor_name=""))
    page = response.content.decode()
    assert "Hãy nhập số tiền hoặc số lượng" in page
    assert "Hãy nhập tên người ủng hộ" in page
    assert not Contribution.objects.exists()


def test_the_next_entry_continues_with_the_indicator_of_the_last_one(client, officer_a, fund, blood, area_a):
    signed_in(client, officer_a).post(HOME, entry_data(blood, area_a, figure="2"))
    page = client.get(HOME).content.decode()
    assert re.search(rf'value="{blood.pk}"[^>]*checked', page)
    assert not re.search(rf'value="{fund.pk}"[^>]*checked', page)


@pytest.mark.parametrize(
    ("typed", "saved"), [("1.500.000", 1_500_000), ("2,5 triệu", 2_500_000), ("750000", 750_000)]
)
def test_money_is_saved_as_the_officer_typed_it(client, officer_a, fund, area_a, typed, saved):
    response = signed_in(client, officer_a).post(HOME, entry_data(fund, area_a, figure=typed), follow=True)
    entry = Contribution.objects.get()
    assert (entry.amount, entry.quantity, entry.area, entry.entered_by) == (saved, 0, area_a, officer_a)
    page = response.content.decode()
    assert response.redirect_chain == [(HOME, 302)]
    assert f"Đã lưu {entry.figure}" in page


@pytest.mark.parametrize("typed", ["1.5", "-500000", "1e9", "abc"])
def test_ambiguous_or_non_money_text_is_refused_with_a_hint_and_nothing_is_saved(
    client, officer_a, fund, area_a, typed
):
    response = signed_in(client, officer_a).post(HOME, entry_data(fund, area_a, figure=typed))
    assert response.status_code == 200
    assert re.search(r"750\.000|1\.234\.567|âm", response.content.decode())
    assert not Contribution.objects.exists()


def test_the_understood_figure_is_said_back_when_the_form_returns(client, officer_a, fund, area_a):
    response = signed_in(client, officer_a).post(
        HOME, entry_data(fund, area_a, figure="2,5 triệu", donor_name="")
    )
    assert "Đã hiểu là: 2.500.000 đ" in response.content.decode()
    assert 'value="2,5 triệu"' in response.content.decode()


def test_a_count_indicator_reads_the_figure_as_a_quantity(client, officer_a, blood, area_a):
    signed_in(client, officer_a).post(HOME, entry_data(blood, area_a, figure="3"))
    entry = Contribution.objects.get()
    assert (entry.quantity, entry.amount) == (3, 0)


def test_money_words_on_a_count_indicator_are_refused_and_nothing_is_saved(client, officer_a, blood, area_a):
    response = signed_in(client, officer_a).post(HOME, entry_data(blood, area_a, figure="2,5 triệu"))
    assert response.status_code == 200
    assert "Số lượng phải là số nguyên" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_date_in_the_future_is_refused(client, officer_a, fund, area_a):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = signed_in(client, officer_a).post(HOME, entry_data(fund, area_a, date=tomorrow))
    assert "không được sau hôm nay" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_date_is_typed_day_first(client, officer_a, fund, area_a):
    signed_in(client, officer_a).post(HOME, entry_data(fund, area_a, date="03/02/2025"))
    assert Contribution.objects.get().date == datetime.date(2025, 2, 3)


def test_officer_of_area_a_cannot_write_for_area_b_with_a_crafted_post(client, officer_a, fund, area_b):
    response = signed_in(client, officer_a).post(HOME, entry_data(fund, area_b))
    assert response.status_code == 200
    assert "chỉ được nhập kết quả cho khu dân cư mình phụ trách" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_locked_period_is_refused_with_the_models_reason_next_to_the_date(
    client, officer_a, chair, fund, area_a
):
    services.lock_period(fund.campaign, until=timezone.localdate() - datetime.timedelta(days=1), by=chair)
    old_day = (timezone.localdate() - datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    response = signed_in(client, officer_a).post(HOME, entry_data(fund, area_a, date=old_day))
    assert "khóa sổ" in response.content.decode()
    assert not Contribution.objects.exists()


def test_officer_b_does_not_see_officer_as_entries(client, officer_a, officer_b, fund, area_a):
    signed_in(client, officer_a).post(HOME, entry_data(fund, area_a, donor_name="Ông Hai Đông"))
    assert "Ông Hai Đông" in client.get(HOME).content.decode()
    assert "Ông Hai Đông" not in signed_in(client, officer_b).get(HOME).content.decode()


def test_recent_entries_say_whether_they_are_verified_in_words(client, officer_a, chair, fund, area_a):
    signed_in(client, officer_a).post(HOME, entry_data(fund, area_a))
    assert "Chờ Chủ tịch xác nhận" in client.get(HOME).content.decode()
    services.verify_contributions(Contribution.objects.all(), by=chair)
    assert f"Đã xác nhận ngày {timezone.localdate():%d/%m/%Y}" in client.get(HOME).content.decode()


# --- receipts ----------------------------------------------------------------------------------


def test_a_receipt_is_stored_upright_small_and_without_gps_or_camera_data(
    client, officer_a, fund, area_a, settings
):
    signed_in(client, officer_a).post(HOME, {**entry_data(fund, area_a), "receipt": photo_with_gps()})
    entry = Contribution.objects.get()
    assert entry.receipt.name.startswith("bien-nhan/") and entry.receipt.name.endswith(".jpg")
    stored = settings.PRIVATE_MEDIA_ROOT / entry.receipt.name
    assert stored.exists()
    assert not (settings.MEDIA_ROOT / entry.receipt.name).exists()
    with Image.open(stored) as image:
        assert image.size == (800, 2000)  # 3000 × 1200 turned upright, long side within 2000
        exif = image.getexif()
        assert 0x8825 not in exif and 0x010F not in exif and 0x0112 not in exif
    with Image.open(settings.PRIVATE_MEDIA_ROOT / receipts.thumbnail_name(entry.receipt.name)) as thumb:
        assert max(thumb.size) == receipts.THUMB_MAX_SIDE


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer_a", 200), ("staff", 200), ("chair", 200), ("officer_b", 404), ("editor", 404)],
)
@pytest.mark.parametrize("suffix", ["", "nho/"])
def test_who_may_open_a_receipt(client, entry_with_receipt, who, status, suffix, request):
    response = signed_in(client, request.getfixturevalue(who)).get(
        f"{HOME}bien-nhan/{entry_with_receipt.pk}/{suffix}"
    )
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
            assert 0x8825 not in image.getexif()


def test_anonymous_visitor_opening_a_receipt_is_sent_to_sign_in(client, entry_with_receipt):
    response = client.get(entry_with_receipt.receipt_url)
    assert response.status_code == 302 and response["Location"].startswith("/quan-tri/login/")


def test_receipts_are_not_reachable_through_the_public_media_address(client, entry_with_receipt, settings):
    settings.SERVE_MEDIA = True
    assert not (settings.MEDIA_ROOT / entry_with_receipt.receipt.name).exists()
    assert client.get(f"/media/{entry_with_receipt.receipt.name}").status_code == 404


def test_receipt_is_kept_when_the_form_comes_back_with_errors(client, officer_a, fund, area_a, settings):
    data = {**entry_data(fund, area_a, figure=""), "receipt": photo_with_gps()}
    response = signed_in(client, officer_a).post(HOME, data)
    page = response.content.decode()
    assert "Hãy nhập số tiền hoặc số lượng" in page
    assert "Đã giữ ảnh bạn chọn" in page
    token = re.search(r'name="receipt_token" value="([^"]+)"', page)[1]
    kept = client.get(f"{HOME}bien-nhan/tam/{token}/")
    assert kept.status_code == 200 and kept["Cache-Control"] == "private, no-store"
    assert not Contribution.objects.exists()

    # The second try sends no file at all: the kept photo is the entry's receipt.
    client.post(HOME, {**entry_data(fund, area_a), "receipt_token": token})
    entry = Contribution.objects.get()
    assert entry.receipt
    with Image.open(settings.PRIVATE_MEDIA_ROOT / entry.receipt.name) as image:
        assert 0x8825 not in image.getexif() and image.size == (800, 2000)
    assert not list((settings.PRIVATE_MEDIA_ROOT / receipts.PENDING_FOLDER).iterdir())


def test_a_kept_receipt_token_is_worth_nothing_to_another_officer(
    client, officer_a, officer_b, fund, area_a, area_b
):
    response = signed_in(client, officer_a).post(
        HOME, {**entry_data(fund, area_a, figure=""), "receipt": photo_with_gps()}
    )
    token = re.search(r'name="receipt_token" value="([^"]+)"', response.content.decode())[1]
    signed_in(client, officer_b)
    assert client.get(f"{HOME}bien-nhan/tam/{token}/").status_code == 404
    client.post(HOME, {**entry_data(fund, area_b), "receipt_token": token})
    assert not Contribution.objects.get().receipt


def test_a_file_that_is_not_a_photo_is_refused_as_a_receipt(client, officer_a, fund, area_a):
    fake = SimpleUploadedFile("bien-nhan.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = signed_in(client, officer_a).post(HOME, {**entry_data(fund, area_a), "receipt": fake})
    assert "không phải là ảnh" in response.content.decode()
    assert not Contribution.objects.exists()


def test_staff_see_receipt_thumbnails_in_the_admin_list_and_change_page(client, staff, entry_with_receipt):
    signed_in(client, staff)
    listing = client.get("/quan-tri/campaigns/contribution/").content.decode()
    assert f'src="{entry_with_receipt.receipt_thumbnail_url}"' in listing
    change = client.get(f"/quan-tri/campaigns/contribution/{entry_with_receipt.pk}/change/").content.decode()
    assert f'src="{entry_with_receipt.receipt_thumbnail_url}"' in change
    assert f'href="{entry_with_receipt.receipt_url}"' in change


def test_a_receipt_uploaded_in_the_admin_is_normalised_too(client, staff, fund, area_a, settings):
    signed_in(client, staff)
    response = client.post(
        "/quan-tri/campaigns/contribution/add/",
        {
            "indicator": fund.pk,
            "area": area_a.pk,
            "date": "07/01/2025",
            "amount": "500000",
            "quantity": "0",
            "donor_kind": Contribution.DonorKind.PERSON,
            "donor_name": "Ông Tám",
            "receipt": photo_with_gps(),
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = Contribution.objects.get()
    with Image.open(settings.PRIVATE_MEDIA_ROOT / entry.receipt.name) as image:
        assert 0x8825 not in image.getexif() and image.size == (800, 2000)


def test_the_officer_screen_runs_a_bounded_number_of_queries(
    client, officer_a, fund, blood, area_a, django_assert_max_num_queries
):
    signed_in(client, officer_a)
    for n in range(3):
        client.post(
            HOME, entry_data(fund, area_a, figure=f"{n + 1}00.000", receipt=photo_with_gps(size=(60, 40)))
        )
    with django_assert_max_num_queries(18) as captured:
        client.get(HOME)
    few = len(captured)
    for n in range(5):
        client.post(HOME, entry_data(blood, area_a, figure=str(n + 1)))
    with django_assert_max_num_queries(few):
        client.get(HOME)


def test_receipts_stored_publicly_before_are_moved_private_and_cleaned(fund, area_a, settings):
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    migration = importlib.import_module("campaigns.migrations.0007_move_receipts_to_private_storage")
    upload = photo_with_gps()
    name = default_storage.save("bien-nhan/2025/01/cu.jpg", ContentFile(upload.read()))
    entry = Contribution.objects.create(indicator=fund, area=area_a, amount=1, donor_name="Ông Tám")
    Contribution.objects.filter(pk=entry.pk).update(receipt=name)
    migration.to_private(apps, None)
    assert not (settings.MEDIA_ROOT / name).exists()
    with Image.open(settings.PRIVATE_MEDIA_ROOT / name) as image:
        assert 0x8825 not in image.getexif() and image.size == (800, 2000)
    assert (settings.PRIVATE_MEDIA_ROOT / receipts.thumbnail_name(name)).exists()


def test_changing_an_entry_in_the_admin_keeps_its_receipt(client, staff, entry_with_receipt):
    from tests.audit import admin_change

    signed_in(client, staff)
    name = entry_with_receipt.receipt.name
    response = admin_change(client, entry_with_receipt, note="Đã đối chiếu")
    assert response.status_code == 302
    entry_with_receipt.refresh_from_db()
    assert entry_with_receipt.note == "Đã đối chiếu" and entry_with_receipt.receipt.name == name
