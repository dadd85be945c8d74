"""Staff import a campaign's houses and the commune's recipients from a spreadsheet, in the
number formats they type (1.500.000, 60 triệu): all rows or none, each problem by row."""

import datetime

import pytest

from campaigns import record_imports, services
from campaigns.gifts import GiftBatch, Recipient
from campaigns.houses import House, HouseSource, Stage
from campaigns.models import Disbursement
from tests.campaigns.test_import import csv_file, xlsx_file

HOUSES = ",".join(record_imports.HOUSE_HEADERS)
RECIPIENTS = ",".join(record_imports.RECIPIENT_HEADERS)
JAN = datetime.date(2025, 1, 10)


def house_row(**cells):
    values = dict.fromkeys(record_imports.HOUSE_HEADERS, "")
    values.update(cells)
    return ",".join(f'"{values[column]}"' for column in record_imports.HOUSE_HEADERS)


@pytest.fixture
def raised(fund, area_a, staff):
    return services.record_contribution(
        by=staff, indicator=fund, area=area_a, amount=80_000_000, date=JAN, donor_name="Công ty Hòa Bình"
    )


def test_staff_import_houses_with_their_sources_and_stages(staff, campaign, area_a, area_b, raised):
    upload = csv_file(
        house_row(**{
            "Tên hộ hoặc đối tượng": "Hộ nghèo số 12", "Khu dân cư": "Thôn Đông",
            "Tổng trị giá (đồng)": "60.000.000", "Mặt trận hỗ trợ (đồng)": "40 triệu",
            "Quỹ cấp trên (đồng)": "10.000.000", "Gia đình và dòng họ (đồng)": "4.000.000",
            "Ngày công quy ra tiền (đồng)": "3.000.000", "Số ngày công": "30",
            "Ngày duyệt": "10/01/2025", "Ngày trao tiền": "10/02/2025",
        }),
        house_row(**{
            "Tên hộ hoặc đối tượng": "Hộ cận nghèo số 3", "Đối tượng": "Hộ cận nghèo",
            "Khu dân cư": area_b.name, "Loại nhà": "Nhà tình nghĩa", "Xây mới hay sửa chữa": "Sửa chữa",
            "Tổng trị giá (đồng)": "25.000.000", "Ngày duyệt": "12/01/2025",
        }),
        header=HOUSES,
    )  # fmt: skip
    result = record_imports.import_houses(upload, campaign=campaign, by=staff)
    assert result.ok, result.errors
    first = House.objects.get(recipient__label="Hộ nghèo số 12")
    assert (first.total_value, first.front_support, first.stage) == (60_000_000, 40_000_000, Stage.MONEY)
    assert first.area == area_a and first.remainder() == 3_000_000
    assert sorted((s.kind, s.amount, s.workdays) for s in first.sources.all()) == sorted([
        (HouseSource.Kind.UPPER_FUND, 10_000_000, 0),
        (HouseSource.Kind.FAMILY, 4_000_000, 0),
        (HouseSource.Kind.WORKDAYS, 3_000_000, 30),
    ])  # fmt: skip
    # Only the Front's part, handed over, is paid from the fund.
    assert first.disbursement.amount == 40_000_000 and campaign.fund_balance() == 40_000_000
    second = House.objects.get(recipient__label="Hộ cận nghèo số 3")
    assert (second.kind, second.work, second.area) == (House.Kind.GRATITUDE, House.Work.REPAIR, area_b)
    assert second.recipient.kind == Recipient.Kind.NEAR_POOR


def test_one_bad_row_saves_no_house_no_recipient_and_no_payout(staff, campaign, area_a, raised):
    upload = csv_file(
        house_row(**{"Tên hộ hoặc đối tượng": "Hộ nghèo số 12", "Khu dân cư": "Đông",
                     "Tổng trị giá (đồng)": "60.000.000", "Mặt trận hỗ trợ (đồng)": "40.000.000",
                     "Ngày trao tiền": "10/02/2025"}),
        house_row(**{"Tên hộ hoặc đối tượng": "Hộ nghèo số 13", "Khu dân cư": "Thôn Bắc",
                     "Tổng trị giá (đồng)": "năm chục triệu"}),
        house_row(**{"Tên hộ hoặc đối tượng": "Hộ nghèo số 14", "Khu dân cư": "Đông",
                     "Tổng trị giá (đồng)": "10.000.000", "Gia đình và dòng họ (đồng)": "12.000.000"}),
        header=HOUSES,
    )  # fmt: skip
    result = record_imports.import_houses(upload, campaign=campaign, by=staff)
    assert not result.ok
    assert any(e.startswith("Dòng 3: không có khu dân cư “Thôn Bắc”") for e in result.errors)
    assert any(e.startswith("Dòng 3: Tổng trị giá (đồng) “năm chục triệu”") for e in result.errors)
    assert any(e.startswith("Dòng 4: ") for e in result.errors)  # sources beyond the house's value
    assert not House.objects.exists() and not Recipient.objects.exists()
    assert not Disbursement.objects.exists() and campaign.fund_balance() == 80_000_000


def test_an_officer_cannot_import_houses(officer_a, campaign, area_a):
    upload = csv_file(
        house_row(**{"Tên hộ hoặc đối tượng": "Hộ nghèo số 12", "Khu dân cư": "Đông",
                     "Tổng trị giá (đồng)": "60.000.000"}),
        header=HOUSES,
    )  # fmt: skip
    result = record_imports.import_houses(upload, campaign=campaign, by=officer_a)
    assert result.errors and "Chỉ cán bộ Mặt trận xã" in result.errors[0]
    assert not House.objects.exists() and not Recipient.objects.exists()


def test_staff_import_recipients_from_excel_and_a_known_one_is_not_added_twice(staff, commune, area_a):
    services.record_recipient(by=staff, commune=commune, label="Hộ nghèo số 12", area=area_a)
    upload = xlsx_file([
        record_imports.RECIPIENT_HEADERS,
        ["Hộ cận nghèo số 3", "Hộ cận nghèo", "Thôn Đông", ""],
        ["Trường Tiểu học số 1", "Trường học", "", "Điểm trường chính"],
    ])  # fmt: skip
    result = record_imports.import_recipients(upload, commune=commune, by=staff)
    assert result.ok, result.errors
    school = Recipient.objects.get(label="Trường Tiểu học số 1")
    assert school.kind == Recipient.Kind.SCHOOL and school.area is None and school.note == "Điểm trường chính"
    again = xlsx_file([record_imports.RECIPIENT_HEADERS, ["hộ nghèo số 12", "", "Đông", ""]])
    result = record_imports.import_recipients(again, commune=commune, by=staff)
    assert result.errors == ["Dòng 2: “Hộ nghèo số 12” đã có trong tệp hoặc trong danh sách"]
    assert Recipient.objects.count() == 3


def test_a_household_needs_its_hamlet(staff, commune):
    upload = xlsx_file([record_imports.RECIPIENT_HEADERS, ["Hộ nghèo số 20", "Hộ nghèo", "", ""]])
    result = record_imports.import_recipients(upload, commune=commune, by=staff)
    assert result.errors == ["Dòng 2: thiếu khu dân cư của hộ"]
    assert not Recipient.objects.exists()


def test_staff_import_houses_through_the_admin_and_an_officer_is_refused(
    client, staff, officer_a, campaign, area_a, raised
):
    from django.urls import reverse

    url = reverse("admin:campaigns_house_import")
    client.force_login(officer_a)
    assert client.get(url).status_code in (403, 404)
    client.force_login(staff)
    listing = client.get(reverse("admin:campaigns_house_changelist")).content.decode()
    assert url in listing and "Nhập từ tệp Excel/CSV" in listing
    template = client.get(reverse("admin:campaigns_house_import_template"))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")
    bad = csv_file(house_row(**{"Tên hộ hoặc đối tượng": "Hộ nghèo số 12", "Khu dân cư": "Thôn Bắc",
                                "Tổng trị giá (đồng)": "60.000.000"}), header=HOUSES)  # fmt: skip
    page = client.post(url, {"campaign": campaign.pk, "file": bad}).content.decode()
    assert "Có 1 lỗi, chưa lưu dòng nào" in page and "không có khu dân cư “Thôn Bắc”" in page
    assert not House.objects.exists()
    good = csv_file(house_row(**{"Tên hộ hoặc đối tượng": "Hộ nghèo số 12", "Khu dân cư": "Đông",
                                 "Tổng trị giá (đồng)": "60.000.000"}), header=HOUSES)  # fmt: skip
    response = client.post(url, {"campaign": campaign.pk, "file": good}, follow=True)
    assert "Đã nhập 1 dòng." in response.content.decode()
    assert House.objects.get().total_value == 60_000_000


def test_a_house_import_page_links_its_one_template(client, staff, campaign):
    from django.urls import reverse

    client.force_login(staff)
    page = client.get(reverse("admin:campaigns_house_import")).content.decode()
    assert "Mỗi dòng là một căn nhà" in page and "Tải tệp mẫu:" not in page
    assert f'href="{reverse("admin:campaigns_house_import_template")}"' in page


def test_a_house_row_names_each_unreadable_figure_by_its_column(staff, campaign, area_a, raised):
    # Support records carry exact đồng and days: a report's hedge ("trên") is not a figure here.
    upload = csv_file(
        house_row(**{"Tên hộ hoặc đối tượng": "Hộ nghèo số 12", "Khu dân cư": "Đông",
                     "Tổng trị giá (đồng)": "trên 60 triệu", "Số ngày công": "-3"}),
        house_row(**{"Tên hộ hoặc đối tượng": "Hộ nghèo số 13", "Khu dân cư": "Đông"}),
        header=HOUSES,
    )  # fmt: skip
    result = record_imports.import_houses(upload, campaign=campaign, by=staff)
    assert any(e.startswith("Dòng 2: Tổng trị giá (đồng) “trên 60 triệu”: ") for e in result.errors)
    assert any(e.startswith("Dòng 2: Số ngày công “-3”: ") for e in result.errors)
    assert "Dòng 3: thiếu “Tổng trị giá (đồng)”" in result.errors
    assert not House.objects.exists()


def test_staff_import_recipients_through_the_admin(client, staff, commune, area_a):
    from django.urls import reverse

    client.force_login(staff)
    upload = xlsx_file([record_imports.RECIPIENT_HEADERS, ["Hộ nghèo số 7", "Hộ nghèo", "Đông", ""]])
    response = client.post(reverse("admin:campaigns_recipient_import"), {"file": upload}, follow=True)
    assert "Đã nhập 1 dòng." in response.content.decode()
    assert Recipient.objects.get().commune == commune


def gift_row(**cells):
    values = dict.fromkeys(record_imports.GIFT_HEADERS, "")
    values.update(cells)
    return ",".join(f'"{values[column]}"' for column in record_imports.GIFT_HEADERS)


GIFTS = ",".join(record_imports.GIFT_HEADERS)


def test_staff_import_gift_batches_and_the_fund_pays_its_part(staff, campaign, area_a, raised):
    upload = csv_file(
        gift_row(**{"Nội dung": "Trao quà Tết cho hộ nghèo", "Ngày trao": "20/01/2025", "Khu dân cư": "Toàn xã",
                    "Số suất": "40", "Tiền mặt mỗi suất (đồng)": "500.000", "Hiện vật mỗi suất (số lượng)": "10",
                    "Đơn vị hiện vật": "kg gạo", "Trị giá hiện vật mỗi suất (đồng)": "150.000"}),
        gift_row(**{"Nội dung": "Quà của nhà tài trợ", "Ngày trao": "21/01/2025", "Khu dân cư": "Đông",
                    "Đối tượng nhận": "Học sinh có hoàn cảnh khó khăn", "Số suất": "12",
                    "Hiện vật khác": "1 bộ sách vở", "Đơn vị trao hoặc tài trợ": "Công ty Hòa Bình",
                    "Nguồn chi": "Không chi từ quỹ"}),
        header=GIFTS,
    )  # fmt: skip
    result = record_imports.import_gift_batches(upload, campaign=campaign, by=staff)
    assert result.ok, result.errors
    tet = GiftBatch.objects.get(title="Trao quà Tết cho hộ nghèo")
    assert (tet.count, tet.cash_per_gift, tet.kind_quantity, tet.area) == (40, 500_000, 10, None)
    assert tet.disbursement.amount == 20_000_000  # the cash part, 40 × 500.000 đ
    assert campaign.fund_balance() == 60_000_000
    sponsor = GiftBatch.objects.get(title="Quà của nhà tài trợ")
    assert sponsor.disbursement is None and sponsor.area == area_a


def test_a_gift_row_without_its_count_saves_no_batch(staff, campaign, area_a, raised):
    upload = csv_file(
        gift_row(**{"Nội dung": "Trao quà", "Ngày trao": "20/01/2025", "Số suất": "10",
                    "Tiền mặt mỗi suất (đồng)": "300.000"}),
        gift_row(**{"Nội dung": "Trao quà 2", "Ngày trao": "32/01/2025"}),
        header=GIFTS,
    )  # fmt: skip
    result = record_imports.import_gift_batches(upload, campaign=campaign, by=staff)
    assert any(e.startswith("Dòng 3: Ngày trao: ngày “32/01/2025”") for e in result.errors)
    assert "Dòng 3: thiếu “Số suất”" in result.errors
    assert not GiftBatch.objects.exists() and not Disbursement.objects.exists()
