"""Hostile files, built at test time (large ones are never committed): each is (name, bytes).

Used by tests/hostile/test_hostile_files.py and bench/hostile_files.py. Every builder is
cached, so a test session builds each file once.
"""

import functools
import io
import struct
import zipfile
import zlib

from openpyxl import Workbook
from PIL import Image

IMPORT_HEADERS = [
    "Chỉ tiêu",
    "Khu dân cư",
    "Ngày",
    "Số tiền (đồng)",
    "Số lượng",
    "Người ủng hộ là",
    "Tên người ủng hộ",
    "Ghi chú",
]


def _photo_like_jpeg(width=800, height=600):
    """A JPEG with real entropy (noise), so cutting it leaves a truncated scan, not padding."""
    noise = Image.effect_noise((width, height), 64).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _xlsx_with_sheet(sheet_xml_chunks):
    """A real workbook (from openpyxl) whose first sheet's XML is replaced by the given chunks."""
    workbook = Workbook()
    workbook.active.append(IMPORT_HEADERS)
    template = io.BytesIO()
    workbook.save(template)
    # ZipFile cannot replace a member: copy the package, streaming the new sheet in.
    final = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(final, "w") as target:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with target.open(entry, "w") as sheet:
                    for chunk in sheet_xml_chunks:
                        sheet.write(chunk)
            else:
                target.writestr(info, source.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
    return final.getvalue()


_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
_HEADER_ROW = (
    b'<row r="1">'
    + b"".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'.encode()
        for i, name in enumerate(IMPORT_HEADERS)
    )
    + b"</row>"
)


def _sheet(empty_rows, dimension=None, gap_to=None):
    yield _SHEET_HEAD
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>" + _HEADER_ROW
    block = b"<row/>" * 100_000
    left = empty_rows
    while left > 0:
        step = min(left, 100_000)
        yield block if step == 100_000 else b"<row/>" * step
        left -= step
    if gap_to:
        yield f'<row r="{gap_to}"><c r="A{gap_to}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
    yield b"</sheetData></worksheet>"


@functools.cache
def ten_million_row_xlsx():
    """The issue's file: an XLSX of about 90 KB whose sheet holds ten million empty rows."""
    return "muoi-trieu-dong.xlsx", _xlsx_with_sheet(_sheet(10_000_000))


@functools.cache
def declared_ten_million_rows_xlsx():
    """A small sheet that declares ten million rows in its <dimension>."""
    return "khai-muoi-trieu.xlsx", _xlsx_with_sheet(_sheet(3, dimension="A1:H10000001"))


@functools.cache
def empty_rows_xlsx(rows=6_000):
    """Rows without data past the limit: small on disk, every one of them a row read."""
    return "dong-trong.xlsx", _xlsx_with_sheet(_sheet(rows))


@functools.cache
def empty_rows_under_zip_limit_xlsx():
    """2,6 million empty rows: 15 MB of sheet XML, just under the zip check, left to the row scan."""
    return "dong-trong-15mb.xlsx", empty_rows_xlsx(2_600_000)[1]


@functools.cache
def far_row_xlsx():
    """The header, then one cell in row ten million: openpyxl would yield every row between."""
    return "dong-xa.xlsx", _xlsx_with_sheet(_sheet(0, gap_to=10_000_000))


@functools.cache
def truncated_jpeg():
    data = _photo_like_jpeg()
    return "anh-bi-cat.jpg", data[: len(data) * 6 // 10]


@functools.cache
def gif_with_script_tail():
    buffer = io.BytesIO()
    Image.new("P", (40, 30), 1).save(buffer, "GIF")
    return "anh-dong.gif", buffer.getvalue() + b"<script>fetch('/quan-tri/')</script>"


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def png_bomb(side=40_000):
    """A 1-bit PNG of 40.000 × 40.000 (1,6 billion pixels): 200 MB of zeros compressed to ~1 MB."""
    header = _png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
    compressor = zlib.compressobj(1)  # level 1: built in about a second
    row = b"\x00" * (1 + (side + 7) // 8)
    rows_per_chunk = 1000
    parts = []
    for _ in range(side // rows_per_chunk):
        parts.append(compressor.compress(row * rows_per_chunk))
    parts.append(compressor.flush())
    return "bom.png", b"\x89PNG\r\n\x1a\n" + header + _png_chunk(b"IDAT", b"".join(parts)) + _png_chunk(
        b"IEND", b""
    )


@functools.cache
def huge_dimension_jpeg():
    """A small JPEG whose frame header (SOF0) claims 65.500 × 65.500 pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 65_500, 65_500)
    return "anh-khong-lo.jpg", bytes(data)


@functools.cache
def svg():
    return "logo.svg", (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="alert(1)">'
        b"<script>alert(document.domain)</script><rect width='100' height='100'/></svg>"
    )


def _pdf(objects):
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


@functools.cache
def pdf_with_javascript():
    return "bien-ban.pdf", _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /S /JavaScript /JS (app.alert\\('xin chao'\\)) >>",
        ]
    )


@functools.cache
def pdf_with_hidden_javascript():
    """The script's dictionary inside a compressed object stream, its name written with #xx escapes."""
    hidden = b"<< /S /J#61vaScript /JS (app.alert\\(1\\)) >>"
    packed = zlib.compress(b"4 0 " + hidden)
    return "to-trinh.pdf", _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            f"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {len(packed)} >>\nstream\n".encode()
            + packed
            + b"\nendstream",
        ]
    )


@functools.cache
def docx_zip_bomb(unpacked=256 * 1024 * 1024):
    """A DOCX of about 1 MB whose document.xml unpacks to 256 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as document:
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked // len(chunk)):
                document.write(chunk)
    return "ke-hoach.docx", out.getvalue()


IMAGES = [truncated_jpeg, gif_with_script_tail, png_bomb, huge_dimension_jpeg, svg]
DOCUMENTS = [pdf_with_javascript, pdf_with_hidden_javascript, docx_zip_bomb]
SPREADSHEETS = [ten_million_row_xlsx, declared_ten_million_rows_xlsx, empty_rows_xlsx, far_row_xlsx]
