"""The period report as the chair sends it: the DOCX read back with python-docx and the XLSX
with openpyxl, every figure checked against the records of tests/reports/conftest.py."""

import datetime
import re

import pytest

from reports import periods
from reports.models import Kind, ReportRun
from reports.services import build_period_report

from .helpers import all_text, docx_of, paragraphs, tables, workbook_of

ISSUED = datetime.date(2026, 7, 5)


@pytest.fixture
def run(half_year, staff):
    period = periods.half_year(2026)
    return build_period_report(
        half_year["commune"], period.start, period.end, period=period, number="15", issued_on=ISSUED, by=staff
    )


def test_the_header_names_the_body_the_motto_the_number_and_the_place_and_date(run):
    header = tables(docx_of(run))[0][0]
    left, right = header
    assert left.split("\n")[:2] == ["ỦY BAN MTTQ VIỆT NAM", "XÃ HÒA PHÚ"]
    assert "Số: 15/BC-MTTQ" in left
    assert right.split("\n")[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    # NĐ 30: a day under 10 and the months 1–2 take a leading zero; July does not.
    assert "Hòa Phú, ngày 05 tháng 7 năm 2026" in right


def test_the_page_is_a4_with_the_decree_margins_in_times_new_roman(run):
    document = docx_of(run)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [20, 20, 30, 15]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14


def test_the_headings_are_numbered_and_sections_without_data_are_left_out(run):
    text = paragraphs(docx_of(run))
    headings = [p for p in text if re.match(r"^[IVX]+\. ", p)]
    assert headings == [
        "I. CÔNG TÁC TỔ CHỨC HỘI NGHỊ, ĐẠI HỘI VÀ HIỆP THƯƠNG",
        "II. TIẾP XÚC CỬ TRI, TIẾP NHẬN Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI VÀ NHÂN DÂN",
        "III. CÔNG TÁC GIÁM SÁT VÀ PHẢN BIỆN XÃ HỘI",
        "IV. CÁC CUỘC VẬN ĐỘNG, PHONG TRÀO THI ĐUA",
    ]
    # No Ngày hội was held in the half: no section, and no "0 khu dân cư".
    assert not any("Ngày hội" in p for p in text)
    assert "1. Công tác tổ chức hội nghị, đại hội" in text
    assert "2. Hiến máu tình nguyện năm 2026" in text


def test_the_sentences_say_the_records_figures(run):
    text = paragraphs(docx_of(run))
    assert (
        "Tổ chức 03 hội nghị, đại hội (02 hội nghị nhiệm kỳ Ban công tác Mặt trận; 01 hội nghị Ủy ban), "
        "với 135 lượt người dự; 02 khu dân cư đã tổ chức Hội nghị nhiệm kỳ Ban công tác Mặt trận "
        "(chi tiết tại Phụ lục 1)." in text
    )
    assert any("thống nhất danh sách 3 người" in p and "cử 2 đại biểu đi dự Đại hội" in p for p in text)
    assert any(
        "01 hội nghị tiếp xúc cử tri của đại biểu HĐND xã, với trên 120 lượt cử tri dự" in p for p in text
    )
    assert any("Tiếp nhận 03 ý kiến" in p and "đã có trả lời 01/03 ý kiến, đạt 33%" in p for p in text)
    assert any(p.startswith("Tổ chức 01 cuộc giám sát chuyên đề; qua đó đưa ra 02 kiến nghị") for p in text)
    assert "Vận động Quỹ “Vì người nghèo” được 8.000.000/21.000.000 đồng, đạt 38% kế hoạch." in text
    assert "Vận động hiến máu tình nguyện được 54/44 đơn vị máu, đạt 123% kế hoạch." in text
    assert "Hỗ trợ 1 căn nhà Đại đoàn kết, tổng trị giá 60.000.000 đồng; đã bàn giao 1 căn." in text
    assert "Đã trao 20 suất quà, tổng trị giá 10.000.000 đồng." in text


def test_what_lies_outside_the_period_is_not_counted(run, half_year):
    text = all_text(docx_of(run))
    assert "Hội nghị Ủy ban tháng 8" not in text
    assert "Cuộc vận động nháp" not in text  # a draft is not public, and not reported


def test_the_signature_block_and_the_recipients(run):
    signature = tables(docx_of(run))[1][0]
    assert signature[0].startswith("Nơi nhận:") and "- Lưu: VT." in signature[0]
    lines = [line for line in signature[1].split("\n") if line]
    assert lines == ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "Võ Thị Hạnh"]


def test_the_annex_tables_list_the_entries_behind_each_total(run):
    document = docx_of(run)
    annexes = tables(document)[2:]
    conferences = annexes[0]
    assert conferences[0] == [
        "STT",
        "Ngày",
        "Tên hội nghị",
        "Đơn vị tổ chức",
        "Số người dự",
        "Khu dân cư tham gia",
    ]
    assert [row[4] for row in conferences[1:]] == ["40", "45", "50", "135"]
    by_area = next(t for t in annexes if t[0][:3] == ["Cuộc vận động", "Chỉ tiêu", "Khu dân cư"])
    fund = [row for row in by_area if row[1] == "Quỹ “Vì người nghèo”"]
    assert [(row[2], row[5]) for row in fund] == [("Thôn Đông", "5.000.000"), ("Thôn Tây", "3.000.000")]
    blood = [row for row in by_area if row[1] == "Hiến máu"]
    assert sum(int(row[5]) for row in blood) == 54
    assert "Phụ lục 8. Các đợt trao quà" in paragraphs(document)


def test_a_chair_reads_vietnamese_only_with_dates_and_money_as_reports_write_them(run):
    text = all_text(docx_of(run))
    for word in ("None", "True", "False", "{{", "{%", "Total", "Report", "nan"):
        assert word not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no ISO dates
    assert not re.search(r"\d,\d{3}", text)  # no 8,000,000
    assert re.search(r"\b8\.000\.000\b", text)


def test_the_workbook_holds_the_same_tables_with_numbers_as_numbers(run):
    book = workbook_of(run)
    assert book.sheetnames[0].startswith("PL1 ")
    conferences = book[book.sheetnames[0]]
    rows = list(conferences.iter_rows(min_row=4, values_only=True))
    assert [row[4] for row in rows] == [40, 45, 50, 135]
    areas = book[next(n for n in book.sheetnames if "theo khu" in n)]
    fund = [row for row in areas.iter_rows(min_row=4, values_only=True) if row[1] == "Quỹ “Vì người nghèo”"]
    assert [row[5] for row in fund] == [5_000_000, 3_000_000]
    cell = next(c for c in areas[4] if c.value == 5_000_000)
    assert cell.number_format == "#,##0"
    entries = book["Chi tiết các khoản"]
    money = [
        row[6] for row in entries.iter_rows(min_row=3, values_only=True) if row[1] == "Quỹ “Vì người nghèo”"
    ]
    assert sum(money) == 8_000_000


def test_a_period_without_any_record_writes_only_the_frame(half_year, staff):
    period = periods.half_year(2020)
    run = build_period_report(half_year["commune"], period.start, period.end, period=period, by=staff)
    text = paragraphs(docx_of(run))
    assert not [p for p in text if re.match(r"^[IVX]+\. ", p)]
    assert "PHỤ LỤC" not in text
    assert "0 hội nghị" not in "\n".join(text) and " 00 " not in "\n".join(text)
    assert run.number == "/BC-MTTQ"  # the number is left to be written by hand


def test_each_report_made_is_kept_and_the_latest_is_found(half_year, staff, run):
    assert ReportRun.objects.latest_for(half_year["commune"]) == run
    assert run.kind == Kind.FIRST_HALF and run.title == "Kết quả công tác Mặt trận 6 tháng đầu năm 2026"
    assert (run.start, run.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    assert run.created_by == staff and run.number == "15/BC-MTTQ"


def test_a_fund_reported_mid_way_names_the_period_in_its_sentence(half_year, staff, area_a):
    from campaigns.models import Contribution

    Contribution.objects.create(
        indicator=half_year["money"], area=area_a, amount=2_000_000, date=datetime.date(2026, 8, 1)
    )
    period = periods.half_year(2026)
    run = build_period_report(half_year["commune"], period.start, period.end, period=period, by=staff)
    text = paragraphs(docx_of(run))
    assert (
        "Từ ngày 01/01/2026 đến ngày 30/06/2026, vận động Quỹ “Vì người nghèo” được 8.000.000/21.000.000 đồng, "
        "đạt 38% kế hoạch." in text
    )


def test_a_year_report_holds_the_ngay_hoi_of_november_with_its_annex(half_year, staff, area_a, area_b):
    from congresses import activity_services
    from congresses.models import UnityFestival
    from lib.figures import Figure

    festival = UnityFestival.objects.create(
        commune=half_year["commune"], year=2026, held_on=datetime.date(2026, 11, 18)
    )
    activity_services.record_festival_area(
        festival,
        area_a,
        ceremony=True,
        festivities=True,
        shared_meal=True,
        participants=Figure.of(300, "tren"),
    )
    activity_services.record_festival_area(festival, area_b, ceremony=True, participants=Figure.of(150))
    year = periods.whole_year(2026)
    run = build_period_report(half_year["commune"], year.start, year.end, period=year, by=staff)
    text = paragraphs(docx_of(run))
    assert "IV. TỔ CHỨC NGÀY HỘI ĐẠI ĐOÀN KẾT TOÀN DÂN TỘC" in text
    assert any(
        p.startswith(
            "Ngày hội Đại đoàn kết toàn dân tộc năm 2026: 1/2 khu dân cư tổ chức phần lễ và hội, 01 khu dân cư "
            "tổ chức bữa cơm đại đoàn kết, với trên 450 lượt người tham gia"
        )
        for p in text
    )
    assert run.title == "Kết quả công tác Mặt trận năm 2026"
    # The six-month report of the same commune has no Ngày hội: it was held in November.
    half = periods.half_year(2026)
    first = build_period_report(half_year["commune"], half.start, half.end, period=half, by=staff)
    assert not any("Ngày hội" in p for p in paragraphs(docx_of(first)))
