"""The import reads amounts and counts with the same parser and bounds as the forms."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from campaigns import imports
from campaigns.models import Contribution

HEADER = ",".join(imports.HEADERS)


def csv_file(*lines):
    content = "\n".join([HEADER, *lines]) + "\n"
    return SimpleUploadedFile("ket-qua.csv", content.encode("utf-8-sig"), "text/csv")


def xlsx_file(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("ket-qua.xlsx", buffer.getvalue())


ROW = "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,{amount},{quantity},Cá nhân,Nguyễn Văn An,"


def test_amounts_written_with_unit_words_are_imported_exactly(fund, area_a, officer_a):
    upload = csv_file(
        ROW.format(amount='"2,5 triệu"', quantity=""),
        ROW.format(amount="1.500.000đ", quantity=""),
        ROW.format(amount="500 nghìn", quantity=""),
    )
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    assert result.errors == []
    assert sorted(Contribution.objects.values_list("amount", flat=True)) == [500_000, 1_500_000, 2_500_000]


def test_an_amount_over_the_bound_is_refused_with_the_row_and_nothing_is_saved(fund, area_a, officer_a):
    upload = csv_file(
        ROW.format(amount="100000", quantity=""),
        ROW.format(amount="9.220.000.000.000.000.000", quantity=""),
        ROW.format(amount='"1,2345678 triệu"', quantity=""),
    )
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    assert result.errors == [
        "Dòng 3: số tiền “9.220.000.000.000.000.000”: Số tiền tối đa cho một lần nhập là 1.000 tỷ đồng.",
        "Dòng 4: số tiền “1,2345678 triệu”: Số tiền phải là một số đồng tròn, không lẻ phần đồng. "
        "Viết như 1.234.567 hoặc 1,5 triệu.",
    ]
    assert not Contribution.objects.exists()


def test_a_quantity_must_be_a_whole_count_within_the_bound(blood, area_a, officer_a):
    row = "Hiến máu tình nguyện,Thôn Đông,07/01/2025,,{quantity},Cá nhân,Nguyễn Văn An,"
    upload = csv_file(row.format(quantity='"2,5"'), row.format(quantity="10.000.001"))
    result = imports.import_contributions(upload, campaign=blood.campaign, by=officer_a)
    assert result.errors == [
        "Dòng 2: số lượng “2,5”: Số lượng phải là số nguyên. Viết như 54 hoặc 2.288.",
        "Dòng 3: số lượng “10.000.001”: Số lượng tối đa cho một lần nhập là 10.000.000.",
    ]
    assert not Contribution.objects.exists()


def test_a_huge_number_cell_in_excel_is_refused(fund, area_a, officer_a):
    upload = xlsx_file(
        [
            imports.HEADERS,
            ["Quỹ “Vì người nghèo”", "Thôn Đông", "07/01/2025", 9.22e18, None, None, "Lê Thị Hoa", None],
        ]
    )
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    assert len(result.errors) == 1
    assert "Số tiền tối đa cho một lần nhập là 1.000 tỷ đồng." in result.errors[0]
    assert not Contribution.objects.exists()
