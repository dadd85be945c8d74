"""Officers import contributions from XLSX or CSV: every row checked, all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaigns import imports
from campaigns.models import Contribution

HEADER = "Chỉ tiêu,Khu dân cư,Ngày,Số tiền (đồng),Số lượng,Người ủng hộ là,Tên người ủng hộ,Ghi chú"


def csv_file(*lines, header=HEADER, name="ket-qua.csv"):
    return SimpleUploadedFile(name, ("\n".join([header, *lines]) + "\n").encode("utf-8-sig"), "text/csv")


def xlsx_file(rows, name="ket-qua.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_a_good_csv_is_saved_whole(fund, blood, area_a, officer_a):
    upload = csv_file(
        "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,1.500.000,,Cá nhân,Nguyễn Văn An,",
        "quy vi nguoi ngheo,thon dong,08/01/2025,200000 đ,,Giấu tên,,theo nguyện vọng",
        "Hiến máu tình nguyện,Đông,2025-03-26,,12,Cơ quan tổ chức,Chi đoàn thôn Đông,",
    )
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    assert result.errors == []
    assert fund.totals()["measure"] == 1_700_000
    assert blood.totals()["measure"] == 12
    anonymous = Contribution.objects.get(amount=200_000)
    assert anonymous.is_anonymous and anonymous.entered_by == officer_a
    assert anonymous.history.first().history_user == officer_a


def test_a_good_xlsx_is_saved_whole(fund, area_a, officer_a):
    import datetime

    upload = xlsx_file(
        [
            imports.HEADERS,
            [
                "Quỹ “Vì người nghèo”",
                "Thôn Đông",
                datetime.datetime(2025, 1, 7),
                8_000_000,
                None,
                "Doanh nghiệp",
                "Công ty Phú Lộc",
                None,
            ],
            [None, None, None, None, None, None, None, None],
            ["Quỹ “Vì người nghèo”", "Thôn Đông", "09/01/2025", 2500000.0, None, None, "Lê Thị Hoa", None],
        ]
    )
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    assert result.errors == []
    assert fund.totals()["measure"] == 10_500_000
    assert Contribution.objects.count() == 2


def test_wrong_columns_are_refused_and_named(fund, officer_a):
    upload = csv_file("Đông,07/01/2025,1000", header="Thôn,Ngày,Tiền")
    with pytest.raises(imports.ImportRefused) as error:
        imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    message = str(error.value)
    assert "thiếu cột" in message and "“Khu dân cư”" in message and "“Thôn”" in message
    assert not Contribution.objects.exists()


def test_every_bad_row_is_reported_with_its_number_and_nothing_is_saved(fund, area_a, officer_a):
    upload = csv_file(
        "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,1.500.000,,Cá nhân,Nguyễn Văn An,",
        'Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,"1,5",,Cá nhân,Trần Văn Bình,',
        "Quỹ “Vì người nghèo”,Thôn Đông,32/01/2025,100000,,Cá nhân,Lê Văn Cường,",
        "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,-5000,,Cá nhân,Phạm Thị Dung,",
        "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,abc,,Ông bà,Võ Văn E,",
        "Quỹ khác,Thôn Đông,07/01/2025,100000,,Cá nhân,Hồ Văn G,",
        "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,100000,,Cá nhân,,",
    )
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    assert not Contribution.objects.exists()
    text = "\n".join(result.errors)
    assert "Dòng 2" not in text
    assert "Dòng 3: số tiền “1,5”: Số tiền chưa đúng. Viết như 750.000 hoặc 1,5 triệu." in text
    assert "Dòng 4: ngày “32/01/2025” không đúng dạng" in text
    assert "Dòng 5: số tiền “-5000”: Số tiền không được âm." in text
    assert "Dòng 6: số tiền “abc”" in text and "Dòng 6: “Người ủng hộ là” phải là một trong" in text
    assert "Dòng 7: chỉ tiêu “Quỹ khác” không có" in text
    assert "Dòng 8: Hãy nhập tên người ủng hộ" in text


def test_an_area_the_officer_does_not_own_is_an_error(fund, area_a, area_b, officer_a):
    upload = csv_file(
        "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,100000,,Cá nhân,Nguyễn Văn An,",
        "Quỹ “Vì người nghèo”,Thôn Tây,07/01/2025,100000,,Cá nhân,Nguyễn Văn Ba,",
        "Quỹ “Vì người nghèo”,Thôn Bắc,07/01/2025,100000,,Cá nhân,Nguyễn Văn Ba,",
    )
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    assert result.errors == [
        "Dòng 3: bạn không phụ trách Thôn Tây, chỉ nhập được cho khu dân cư của mình",
        "Dòng 4: không có khu dân cư “Thôn Bắc” trong xã",
    ]
    assert not Contribution.objects.exists()


def test_a_huge_file_is_refused_before_reading(fund, officer_a):
    upload = SimpleUploadedFile("lon.csv", HEADER.encode() + b"\n" + b"x" * (imports.MAX_BYTES + 1))
    with pytest.raises(imports.ImportRefused, match="vượt giới hạn"):
        imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)


def test_too_many_rows_are_refused(fund, area_a, officer_a, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    line = "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,100000,,Cá nhân,Nguyễn Văn An,"
    with pytest.raises(imports.ImportRefused, match="hơn 3 dòng"):
        imports.import_contributions(csv_file(*[line] * 4), campaign=fund.campaign, by=officer_a)
    assert not Contribution.objects.exists()


def test_other_file_types_are_refused(fund, officer_a):
    with pytest.raises(imports.ImportRefused, match="Chỉ nhận tệp Excel"):
        imports.import_contributions(
            SimpleUploadedFile("a.pdf", b"%PDF-1.4"), campaign=fund.campaign, by=officer_a
        )
    with pytest.raises(imports.ImportRefused, match="Không đọc được tệp Excel"):
        imports.import_contributions(
            SimpleUploadedFile("a.xlsx", b"not a zip"), campaign=fund.campaign, by=officer_a
        )


def test_the_admin_import_page_lists_all_errors_and_saves_nothing(client, fund, area_a, area_b, officer_a):
    client.force_login(officer_a)
    upload = csv_file(
        "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,100000,,Cá nhân,Nguyễn Văn An,",
        "Quỹ “Vì người nghèo”,Thôn Tây,07/01/2025,100000,,Cá nhân,Nguyễn Văn Ba,",
        "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,mười nghìn,,Cá nhân,Nguyễn Văn Ba,",
    )
    response = client.post(
        reverse("admin:campaigns_contribution_import"), {"campaign": fund.campaign_id, "file": upload}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Có 2 lỗi, chưa lưu dòng nào" in page
    assert "Dòng 3: bạn không phụ trách Thôn Tây" in page
    assert "Dòng 4: số tiền “mười nghìn”" in page
    assert not Contribution.objects.exists()


def test_the_admin_import_page_saves_a_good_file(client, fund, area_a, officer_a):
    client.force_login(officer_a)
    upload = csv_file(
        "Quỹ “Vì người nghèo”;Thôn Đông;07/01/2025;100000;;Cá nhân;Nguyễn Văn An;",
        header=HEADER.replace(",", ";"),
    )
    response = client.post(
        reverse("admin:campaigns_contribution_import"),
        {"campaign": fund.campaign_id, "file": upload},
        follow=True,
    )
    assert "Đã nhập 1 kết quả." in response.content.decode()
    assert fund.totals()["measure"] == 100_000


def test_the_template_has_vietnamese_headers_and_only_the_officers_areas(
    client, fund, area_a, area_b, officer_a
):
    client.force_login(officer_a)
    response = client.get(reverse("admin:campaigns_contribution_template", args=[fund.campaign_id]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in workbook["Kết quả"][1]] == imports.HEADERS
    guide = [row[0] for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert "Thôn Đông" in guide and "Thôn Tây" not in guide


def test_the_import_page_links_a_template_for_each_campaign_the_officer_sees(client, fund, area_a, officer_a):
    client.force_login(officer_a)
    page = client.get(reverse("admin:campaigns_contribution_import")).content.decode()
    assert "Mỗi dòng là một kết quả." in page and "Tải tệp mẫu:" in page
    assert reverse("admin:campaigns_contribution_template", args=[fund.campaign_id]) in page
    assert fund.campaign.name in page
    assert 'enctype="multipart/form-data"' in page and "Kiểm tra và nhập" in page


def test_anonymous_users_cannot_reach_the_import(client, fund):
    response = client.get(reverse("admin:campaigns_contribution_import"))
    assert response.status_code == 302


def test_empty_rows_count_against_the_row_limit(fund, area_a, officer_a, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    line = "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,100000,,Cá nhân,Nguyễn Văn An,"
    with pytest.raises(imports.ImportRefused, match="hơn 3 dòng \\(tính cả dòng trống\\)"):
        imports.import_contributions(
            csv_file(line, ",,,,,,,", "", ",,,"), campaign=fund.campaign, by=officer_a
        )
    assert not Contribution.objects.exists()


def test_an_xlsx_whose_dimension_says_fewer_rows_is_still_read_to_its_end(fund, area_a, officer_a):
    import re
    import zipfile

    line = ["Quỹ “Vì người nghèo”", "Thôn Đông", "07/01/2025", 100_000, None, None, "Nguyễn Văn An", None]
    source = xlsx_file([imports.HEADERS, line, line, line])
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w") as target:
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:H2"', data)
            target.writestr(info, data)
    upload = SimpleUploadedFile("ket-qua.xlsx", out.getvalue())
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    assert result.errors == []
    assert Contribution.objects.count() == 3


def test_a_csv_longer_than_the_limit_is_refused_even_when_its_size_is_unknown(fund, officer_a, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 200)
    line = "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,100000,,Cá nhân,Nguyễn Văn An,"
    upload = csv_file(*[line] * 5)
    upload.size = None
    with pytest.raises(imports.ImportRefused, match="vượt giới hạn"):
        imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)


def test_a_csv_with_an_endless_quoted_cell_is_refused_not_a_server_error(fund, officer_a):
    upload = csv_file('"' + "x" * 200_000)
    with pytest.raises(imports.ImportRefused, match="Không đọc được tệp CSV"):
        imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)


def test_the_ten_million_row_xlsx_is_refused_in_well_under_five_seconds(fund, officer_a):
    import time

    from tests.hostile.files import ten_million_row_xlsx

    name, data = ten_million_row_xlsx()
    start = time.monotonic()
    with pytest.raises(imports.ImportRefused, match="Tệp có hơn 5.000 dòng"):
        imports.import_contributions(SimpleUploadedFile(name, data), campaign=fund.campaign, by=officer_a)
    assert time.monotonic() - start < 1.0
