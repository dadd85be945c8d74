"""Writes the default Word template of the period report (reports/templates/reports/mau-bao-cao.docx).

Run it after changing the layout: `python -m reports.build_default_template`. The file it
writes is committed; staff may download it, change it in Word and upload their own.
Layout after Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, margins 20/20/30/15 mm, Times New
Roman, the body's name and the national motto side by side, số ký hiệu under the name, the
place and date under the motto, the title, numbered headings, the signature block beside
"Nơi nhận". The {{ … }} and {%p … %} tags are docxtpl's (Jinja); each stays in one run.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

OUTPUT = Path(__file__).resolve().parent / "templates" / "reports" / "mau-bao-cao.docx"
FONT = "Times New Roman"


def _fonts(style_or_run, size=None):
    style_or_run.font.name = FONT
    fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    if size:
        style_or_run.font.size = Pt(size)


def _line_below(paragraph, left_cm, right_cm):
    """A short line under a paragraph (the line under the body's name and the motto)."""
    paragraph.paragraph_format.left_indent = Cm(left_cm)
    paragraph.paragraph_format.right_indent = Cm(right_cm)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _no_borders(table):
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _para(
    container, text="", *, bold=False, italic=False, size=14, align=None, indent=False, after=0, before=0
):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        _fonts(run, size)
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = Cm(1.27)
    return paragraph


def _cell(cell, first_text=None, **options):
    """The cell's first (empty) paragraph used for the first line."""
    paragraph = cell.paragraphs[0]
    if first_text is not None:
        run = paragraph.add_run(first_text)
        run.bold = options.get("bold", False)
        run.italic = options.get("italic", False)
        _fonts(run, options.get("size", 14))
        paragraph.alignment = options.get("align", WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def build(path=OUTPUT):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    _fonts(normal, 14)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY

    # Header block: the body on the left, the national motto on the right.
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.8), Cm(9.7)
    _cell(left, "{%p for line in body_name_lines %}", size=13)
    _para(left, "{{ line }}", bold=True, size=13, align=center)
    _para(left, "{%p endfor %}", size=13)
    _line_below(_para(left, "", size=6, align=center), 2.0, 2.0)
    _para(left, "Số: {{ number }}", size=13, align=center, before=6)
    _cell(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=center)
    _line_below(_para(right, "", size=6, align=center), 2.1, 2.1)
    _para(right, "{{ place_date }}", italic=True, size=14, align=center, before=6)

    _para(document, "BÁO CÁO", bold=True, size=14, align=center, before=18)
    _para(document, "{{ title }}", bold=True, size=14, align=center)
    _line_below(_para(document, "", size=6, align=center), 6.0, 6.0)
    _para(document, "{{ intro }}", size=14, align=justify, indent=True, before=12, after=6)

    _para(document, "{%p for section in sections %}")
    _para(
        document,
        "{{ section.number }}. {{ section.title_upper }}",
        bold=True,
        align=justify,
        indent=True,
        after=6,
    )
    _para(document, "{%p for paragraph in section.paragraphs %}")
    _para(document, "{{ paragraph }}", align=justify, indent=True, after=6)
    _para(document, "{%p endfor %}")
    _para(document, "{%p for item in section.subsections %}")
    _para(document, "{{ item.number }}. {{ item.title }}", bold=True, align=justify, indent=True, after=6)
    _para(document, "{%p for paragraph in item.paragraphs %}")
    _para(document, "{{ paragraph }}", align=justify, indent=True, after=6)
    _para(document, "{%p endfor %}")
    _para(document, "{%p endfor %}")
    _para(document, "{%p endfor %}")
    _para(document, "{{ closing }}", align=justify, indent=True, after=12)

    # Signature block beside "Nơi nhận".
    signature = document.add_table(rows=1, cols=2)
    _no_borders(signature)
    left, right = signature.rows[0].cells
    left.width, right.width = Cm(8.0), Cm(8.5)
    _cell(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, "{%p for line in recipients %}", size=11)
    _para(left, "{{ line }}", size=11)
    _para(left, "{%p endfor %}", size=11)
    _cell(right, "{{ signer_for }}", bold=True, size=14)
    _para(right, "{{ signer_title }}", bold=True, size=14, align=center)
    for _blank in range(4):
        _para(right, "", size=14, align=center)
    _para(right, "{{ signer_name }}", bold=True, size=14, align=center)

    # Annex tables, one after another, on their own pages.
    _para(document, "{%p if annexes %}")
    annex_title = _para(document, "PHỤ LỤC", bold=True, size=14, align=center)
    annex_title.paragraph_format.page_break_before = True
    _para(
        document, "(Kèm theo Báo cáo số {{ number }} {{ issued_text }})", italic=True, size=13, align=center
    )
    _para(document, "{%p for annex in annexes %}")
    _para(document, "{{ annex.heading }}", bold=True, size=13, before=12, after=6)
    table = document.add_table(rows=4, cols=3)
    table.style = document.styles["Table Grid"]
    cells = [row.cells for row in table.rows]
    _cell(cells[0][0], "{%tc for column in annex.columns %}", size=12)
    _cell(cells[0][1], "{{ column }}", bold=True, size=12)
    _cell(cells[0][2], "{%tc endfor %}", size=12)
    _cell(cells[1][0], "{%tr for row in annex.rows %}", size=12)
    _cell(cells[2][0], "{%tc for cell in row %}", size=12)
    _cell(cells[2][1], "{{ cell }}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell(cells[2][2], "{%tc endfor %}", size=12)
    _cell(cells[3][0], "{%tr endfor %}", size=12)
    _para(document, "{{ annex.note }}", italic=True, size=12, before=3)
    _para(document, "{%p endfor %}")
    _para(document, "{%p endif %}")

    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


if __name__ == "__main__":
    print(build())
