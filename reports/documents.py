"""The report's two files: the DOCX rendered from a Word template (docxtpl) and the annex
tables as an XLSX workbook (openpyxl). Every variable a template may use is listed in
VARIABLES, which the admin's help page shows; a template that cannot be rendered raises
TemplateRefused with a Vietnamese message, never an exception from the libraries."""

import io
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lib.sheets import append_row

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates" / "reports" / "mau-bao-cao.docx"
DEFAULT_TEMPLATE_NAME = "Mẫu mặc định (Nghị định 30/2020/NĐ-CP)"
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024

# (name, what it holds) — the template's variables, in the order they appear in the default one.
VARIABLES = [
    ("body_name_lines", "Tên cơ quan ban hành, từng dòng, chữ in hoa: ỦY BAN MTTQ VIỆT NAM / XÃ HÒA PHÚ"),
    ("body_name", "Tên cơ quan ban hành trên một dòng: Ủy ban MTTQ Việt Nam xã Hòa Phú"),
    ("number", "Số ký hiệu: 15/BC-MTTQ (để trống số thì còn chỗ ghi tay: …/BC-MTTQ)"),
    ("place_date", "Địa danh và ngày tháng: Hòa Phú, ngày 05 tháng 7 năm 2026"),
    ("issued_text", "Ngày ban hành trong câu: ngày 05/7/2026"),
    ("title", "Trích yếu: Kết quả công tác Mặt trận 6 tháng đầu năm 2026"),
    ("period_phrase", "Kỳ báo cáo trong câu: 6 tháng đầu năm 2026"),
    ("start, end", "Ngày đầu và ngày cuối kỳ: 01/01/2026, 30/06/2026"),
    ("intro", "Đoạn mở đầu"),
    ("sections", "Các phần có số liệu, theo thứ tự"),
    ("section.number", "Số La Mã của phần: I, II …"),
    ("section.title, section.title_upper", "Tên phần; tên phần in hoa"),
    ("section.paragraphs", "Các đoạn của phần"),
    ("section.subsections", "Các mục của phần"),
    ("item.number, item.title, item.paragraphs", "Số (1, 2 …), tên và các đoạn của một mục"),
    ("closing", "Đoạn kết: Trên đây là báo cáo …"),
    ("recipients", "Nơi nhận, từng dòng: - Ban Thường trực Ủy ban MTTQ tỉnh; …"),
    ("signer_for, signer_title, signer_name", "Khối chữ ký: TM. BAN THƯỜNG TRỰC / CHỦ TỊCH / họ và tên"),
    ("annexes", "Các phụ lục, theo thứ tự"),
    ("annex.number, annex.title, annex.heading", "Số, tên và dòng đầu của phụ lục: Phụ lục 1. …"),
    ("annex.columns, annex.rows", "Tên các cột; các dòng của bảng, số đã ghi kiểu 8.000.000"),
    ("annex.note", "Ghi chú dưới bảng"),
    ("commune_name, province_name", "Tên xã (Hòa Phú), tên tỉnh nếu có"),
]


class TemplateRefused(ValidationError):
    """A Word template that cannot make the report; the message says why, in Vietnamese."""


def _refused(detail):
    return TemplateRefused(
        _(
            "Mẫu báo cáo không dùng được: %(detail)s. Hãy sửa mẫu theo trang “Các biến của mẫu báo cáo” rồi tải lên lại; báo cáo chưa được lập."
        )
        % {"detail": detail},
        code="template_refused",
    )


def render_docx(source, context):
    """Bytes of the DOCX made from `source` (a path or a file object) with `context`."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import TemplateError

    try:
        template = DocxTemplate(source)
        template.render(context, autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
    except TemplateSyntaxError as error:
        raise _refused(
            _("có lỗi cú pháp ở một thẻ {{ … }} hoặc {%% … %%} (dòng %(line)s của phần nội dung)")
            % {"line": error.lineno}
        ) from error
    except UndefinedError as error:
        raise _refused(_("mẫu dùng một biến hoặc thuộc tính không có")) from error
    except TemplateError as error:
        raise _refused(_("một thẻ của mẫu không đúng")) from error
    except (TypeError, AttributeError, IndexError) as error:
        raise _refused(_("một thẻ của mẫu dùng biến không đúng kiểu (ví dụ lặp trên một con số)")) from error
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise _refused(_("tệp không phải tài liệu Word (.docx) đọc được")) from error
    except Exception as error:  # lxml and python-docx raise many kinds on a damaged document
        raise _refused(_("Word không đọc được nội dung của tệp")) from error
    return buffer.getvalue()


def sentence(text):
    """A paragraph of the report ends with a full stop, as the seeds' paragraphs do."""
    text = str(text).strip()
    return text if not text or text[-1] in ".:;!?" else f"{text}."


def context_for(content, header):
    """The template's context (see VARIABLES) from `content.ReportContent` and the header fields."""
    sections = [
        {
            "number": section.number,
            "title": section.title,
            "title_upper": section.title.upper(),
            "paragraphs": [sentence(p) for p in section.paragraphs],
            "subsections": [
                {"number": i.number, "title": i.title, "paragraphs": [sentence(p) for p in i.paragraphs]}
                for i in section.items
            ],
        }
        for section in content.sections
    ]
    annexes = [
        {
            "number": annex.number,
            "title": annex.title,
            "heading": annex.heading,
            "columns": [column.label for column in annex.columns],
            "rows": annex.text_rows(),
            "note": annex.note,
        }
        for annex in content.annexes
    ]
    return {**header, "sections": sections, "annexes": annexes}


def annex_workbook(content, title):
    """Bytes of an XLSX with one sheet per annex (and every entry behind the campaign totals):
    figures as numbers, shown grouped (`#,##0`: 8.000.000 in a Vietnamese Excel)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from .content import COUNT, MONEY, PERCENT

    workbook = Workbook()
    workbook.remove(workbook.active)
    for annex in content.annexes:
        sheet = workbook.create_sheet(_sheet_name(f"PL{annex.number} {annex.short}"))
        append_row(sheet, [annex.heading])
        sheet["A1"].font = Font(bold=True)
        append_row(sheet, [title])
        header = append_row(sheet, [column.label for column in annex.columns])
        for cell in header:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        rows = list(annex.rows) + ([annex.total] if annex.total else [])
        for row in rows:
            cells = append_row(sheet, [None if value == "" else value for value in row])
            for column, cell in zip(annex.columns, cells, strict=False):
                if column.kind in (MONEY, COUNT) and isinstance(cell.value, int):
                    cell.number_format = "#,##0"
                elif column.kind == PERCENT and isinstance(cell.value, int):
                    cell.number_format = '0"%"'
        if annex.total:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for index, column in enumerate(annex.columns):
            letter = sheet.cell(row=3, column=index + 1).column_letter
            sheet.column_dimensions[letter].width = 12 if column.kind != "text" else 34
        if annex.note:
            append_row(sheet, [annex.note])
    entries = content.figures.get("entries")
    if entries:
        sheet = workbook.create_sheet(_sheet_name("Chi tiết các khoản"))
        append_row(sheet, ["Chi tiết các khoản đóng góp tạo nên số liệu các cuộc vận động"])
        sheet["A1"].font = Font(bold=True)
        header = append_row(
            sheet,
            [
                "Cuộc vận động",
                "Chỉ tiêu",
                "Ngày",
                "Khu dân cư",
                "Người ủng hộ",
                "Đơn vị tính",
                "Số lượng, số tiền",
                "Trị giá (đồng)",
            ],
        )
        for cell in header:
            cell.font = Font(bold=True)
        for row in entries:
            cells = append_row(sheet, row)
            cells[2].number_format = "DD/MM/YYYY"
            for cell in cells[6:8]:
                if isinstance(cell.value, int):
                    cell.number_format = "#,##0"
        for letter, width in zip("ABCDEFGH", (34, 28, 12, 20, 28, 14, 18, 16), strict=True):
            sheet.column_dimensions[letter].width = width
    if not workbook.sheetnames:
        sheet = workbook.create_sheet("Phụ lục")
        append_row(sheet, [_("Kỳ báo cáo không có số liệu để lập phụ lục.")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(text):
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return text[:31].strip()
