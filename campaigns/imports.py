"""Import contributions from an officer's spreadsheet (XLSX or CSV): all rows or none.

Written with openpyxl and the csv module rather than django-import-export: every message
here is ours, in Vietnamese, with the row number the officer sees in Excel, and the area
check (an officer imports only for their own areas) sits in the same loop as the figure
checks, so one pass reports every problem and nothing is saved unless all rows are clean.
"""

import codecs
import csv
import datetime
import io
import os
import re
import time
import zipfile

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from congresses.models import ResidentialArea
from lib import bounds
from lib.figures import Figure, Qualifier, split_word
from lib.money import parse_count, parse_money
from lib.sheets import append_row
from lib.text import clean_text
from lib.uploads import check_zip_archive
from lib.vietnamese import fold

from . import services
from .forms import DATE_FORMATS
from .models import Contribution
from .permissions import may_enter_for_area, may_enter_for_commune

# What the "Khu dân cư" column says for an entry of the commune as a whole (staff only).
COMMUNE_WIDE_WORDS = ("Toàn xã", "Cả xã", "Toàn phường", "Cả phường", "Xã")

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_ERRORS_SHOWN = 200
# Reading a file is bounded in work, not only in bytes: a small XLSX can unpack to a huge
# sheet. Every part of the zip is checked by its directory before openpyxl opens it, the
# sheets are scanned as a stream for their row count, and reading stops at a time budget:
# CPU seconds of the reading thread, so a busy server does not refuse a good file (a
# 5.000-row file takes about 1 s).
READ_SECONDS = 5.0
XLSX_MAX_SHEET_BYTES = 16 * 1024 * 1024  # a full 5.000-row sheet is about 2 MB of XML
XLSX_MAX_PART_BYTES = 4 * 1024 * 1024  # styles, workbook, relations: kilobytes in real files
XLSX_MAX_TOTAL_BYTES = 40 * 1024 * 1024
XLSX_MAX_MEMBERS = 200
XLSX_MAX_CELLS = 64 * (MAX_ROWS + 1)

INDICATOR, AREA, DATE, AMOUNT, QUANTITY, DONOR_KIND, DONOR_NAME, NOTE = (
    "Chỉ tiêu",
    "Khu dân cư",
    "Ngày",
    "Số tiền (đồng)",
    "Số lượng",
    "Người ủng hộ là",
    "Tên người ủng hộ",
    "Ghi chú",
)
# Optional: the people beside the units, for an indicator that counts them (a blood drive).
REGISTERED, PARTICIPANTS = "Số người đăng ký", "Số người tham gia"
# Optional: in-kind quantities of the entry, as the officer screen takes them
# (`350 m² đất; 120 ngày công`); the money column then holds their value, if any.
IN_KIND = "Hiện vật"
HEADERS = [
    INDICATOR, AREA, DATE, AMOUNT, QUANTITY, DONOR_KIND, DONOR_NAME, NOTE, REGISTERED, PARTICIPANTS, IN_KIND,
]  # fmt: skip
REQUIRED = [AREA, DATE, AMOUNT, QUANTITY, DONOR_NAME]


class ImportRefused(Exception):
    """The file as a whole cannot be read (type, size, columns): one message, nothing saved."""


class ImportResult:
    def __init__(self):
        self.errors = []
        self.saved = []

    @property
    def ok(self):
        return not self.errors


def import_contributions(uploaded, *, campaign, by):
    """Check every row of `uploaded` and save them all in one transaction, or save nothing.

    Returns an ImportResult: `errors` are Vietnamese messages starting with the row number.
    Raises ImportRefused when the file itself is refused (wrong type, too big, wrong columns).
    """
    rows = read_rows(uploaded)
    result = ImportResult()
    lookups = _Lookups(campaign, by)
    entries = []
    for number, row in rows:
        entry, problems = lookups.build(row)
        if problems:
            result.errors.extend(
                _("Dòng %(row)s: %(problem)s") % {"row": number, "problem": p} for p in problems
            )
        else:
            entries.append(entry)
    if not rows:
        result.errors.append(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    if result.errors:
        return result
    result.saved = services.record_contributions(entries)
    return result


def _limit(number):
    return f"{number:,}".replace(",", ".")


def _too_many_rows():
    return ImportRefused(
        _(
            "Tệp có hơn %(limit)s dòng (tính cả dòng trống). Hãy xóa các dòng thừa hoặc chia thành "
            "nhiều tệp, mỗi tệp tối đa %(limit)s dòng."
        )
        % {"limit": _limit(MAX_ROWS)}
    )


def _too_slow():
    return ImportRefused(
        _(
            "Tệp quá phức tạp, đọc quá %(seconds)s giây chưa xong. Hãy lưu lại từ tệp mẫu, chỉ giữ các cột của mẫu."
        )
        % {"seconds": int(READ_SECONDS)}
    )


def read_rows(uploaded, headers=None, required=None):
    """[(row number as in Excel, {header: value})], header row checked; raises ImportRefused.

    Bounded work: at most MAX_BYTES read, every row read (empty ones too) counted against
    MAX_ROWS, and at most READ_SECONDS spent; an XLSX is refused from its zip directory
    and its declared size before it is parsed.
    """
    ext = os.path.splitext(uploaded.name or "")[1].lower()
    if ext not in (".xlsx", ".csv"):
        raise ImportRefused(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."))
    if uploaded.size and uploaded.size > MAX_BYTES:
        raise ImportRefused(
            _("Tệp nặng %(size)s KB, vượt giới hạn %(limit)s KB. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": uploaded.size // 1024, "limit": MAX_BYTES // 1024}
        )
    uploaded.seek(0)
    deadline = time.thread_time() + READ_SECONDS
    width = len(headers or HEADERS) + 4
    table = _xlsx_rows(uploaded, deadline, width) if ext == ".xlsx" else _csv_rows(uploaded)
    header = next(table, None)
    if not header:
        raise ImportRefused(_("Tệp trống."))
    columns = _check_header(header, headers or HEADERS, REQUIRED if required is None else required)
    rows = []
    for number, values in enumerate(table, start=2):
        if number > MAX_ROWS + 1:
            raise _too_many_rows()
        if time.thread_time() > deadline:
            raise _too_slow()
        # Every column of an entry is one line of text; bulk_create skips the save-time cleaning.
        values = [clean_text(value) for value in values]
        values += [None] * (len(header) - len(values))
        if all(value in (None, "") for value in values):
            continue
        rows.append((number, {name: values[index] for name, index in columns.items()}))
    return rows


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*(\d*)(?::[A-Z]*(\d+))?\"")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")
_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d+)\"")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_SCAN_CHUNK = 1024 * 1024


def _check_xlsx_package(uploaded):
    """Refuse an XLSX by its zip directory: parts unpacking to more than a real sheet would."""
    try:
        with zipfile.ZipFile(uploaded) as archive:
            sheets = [i for i in archive.infolist() if i.filename.startswith("xl/worksheets/")]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ImportRefused(
            _("Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx rồi thử lại.")
        ) from error
    finally:
        uploaded.seek(0)
    for info in sheets:
        if info.file_size > XLSX_MAX_SHEET_BYTES:
            raise ImportRefused(
                _(
                    "Tệp có hơn %(limit)s dòng hoặc quá nhiều ô: trang tính giải nén ra %(size)s MB, "
                    "trong khi %(limit)s dòng của mẫu chỉ cần vài MB. Hãy xóa các dòng thừa hoặc chia nhỏ tệp."
                )
                % {"limit": _limit(MAX_ROWS), "size": info.file_size // (1024 * 1024)}
            )
    try:
        return check_zip_archive(
            uploaded,
            max_members=XLSX_MAX_MEMBERS,
            max_total_bytes=XLSX_MAX_TOTAL_BYTES,
            max_member_bytes=XLSX_MAX_PART_BYTES,
            member_limits={"xl/worksheets/": XLSX_MAX_SHEET_BYTES, "xl/sharedStrings": XLSX_MAX_SHEET_BYTES},
            max_ratio=None,
        )
    except ValidationError as error:
        if error.code == "not_zip":
            raise ImportRefused(
                _("Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx rồi thử lại.")
            ) from error
        raise ImportRefused(
            _("Tệp Excel giải nén ra quá lớn so với %(limit)s dòng: %(reason)s")
            % {"limit": _limit(MAX_ROWS), "reason": " ".join(error.messages)}
        ) from error


def _scan_sheet(archive, name, deadline):
    """Stream one sheet's XML: its declared dimension, then every row and cell tag, counted.

    openpyxl sizes every sheet when it opens a workbook, parsing a sheet without a
    <dimension> to its end; this scan, at memory-speed and in 1 MB chunks, refuses such a
    sheet first.
    """
    rows = cells = highest = 0
    tail = b""
    with archive.open(name) as stream:
        first = True
        while chunk := stream.read(_SCAN_CHUNK):
            data = tail + chunk
            if first:
                first = False
                declared = _DIMENSION.search(data[:65536])
                if declared:
                    last_row = int(declared.group(2) or declared.group(1) or 0)
                    if last_row > MAX_ROWS + 1:
                        raise _too_many_rows()
            # Tags cut by a chunk's end are counted in the next chunk, which starts with them.
            cut = data.rfind(b"<")
            body, tail = (data[:cut], data[cut:]) if cut > len(data) - 256 else (data, b"")
            rows += len(_ROW_TAG.findall(body))
            cells += len(_CELL_TAG.findall(body))
            highest = max([highest, *map(int, _ROW_NUMBER.findall(body))])
            if rows > MAX_ROWS + 1 or highest > MAX_ROWS + 1:
                raise _too_many_rows()
            if cells > XLSX_MAX_CELLS:
                raise ImportRefused(
                    _("Tệp có quá nhiều ô (hơn %(limit)s). Hãy chỉ giữ các cột của tệp mẫu.")
                    % {"limit": _limit(XLSX_MAX_CELLS)}
                )
            if time.thread_time() > deadline:
                raise _too_slow()


def _xlsx_rows(uploaded, deadline, width):
    from openpyxl import load_workbook

    names = _check_xlsx_package(uploaded)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            for name in names:
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _scan_sheet(archive, name, deadline)
        uploaded.seek(0)
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError, SyntaxError) as error:
        raise ImportRefused(
            _("Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx rồi thử lại.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        if (sheet.max_row or 0) > MAX_ROWS + 1:
            raise _too_many_rows()
        # Read to the sheet's real end, whatever its <dimension> claims: rows are counted by the caller.
        sheet.reset_dimensions()
        # Only the template's columns are read: a sheet with thousands of columns costs nothing.
        yield from sheet.iter_rows(max_col=width, values_only=True)
    except ImportRefused:
        raise
    except (KeyError, ValueError, TypeError, IndexError, SyntaxError, zipfile.BadZipFile) as error:
        raise ImportRefused(
            _("Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx rồi thử lại.")
        ) from error
    finally:
        workbook.close()


class _Limited(io.RawIOBase):
    """A read-only stream of at most `limit` bytes of another; a longer one is refused, not cut."""

    def __init__(self, source, limit):
        self.source, self.left = source, limit

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.left <= 0:
            if self.source.read(1):
                raise ImportRefused(
                    _("Tệp vượt giới hạn %(limit)s KB. Hãy chia thành nhiều tệp nhỏ hơn.")
                    % {"limit": MAX_BYTES // 1024}
                )
            return 0
        data = self.source.read(min(len(buffer), self.left))
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def _csv_rows(uploaded):
    """Rows of a UTF-8 CSV read as a stream: at most MAX_BYTES, fields of bounded length."""
    stream = io.BufferedReader(_Limited(uploaded, MAX_BYTES))
    head = stream.peek(4096)[:4096]
    try:
        first_line = codecs.decode(head.split(b"\n", 1)[0], "utf-8-sig", errors="ignore")
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError as error:
        raise ImportRefused(_("Tệp CSV phải được lưu với mã UTF-8 (trong Excel: CSV UTF-8).")) from error
    except csv.Error as error:
        raise ImportRefused(
            _("Không đọc được tệp CSV: có ô quá dài hoặc dấu ngoặc kép không đóng.")
        ) from error


def _check_header(header, headers, required):
    names = [str(value or "").strip() for value in header]
    folded = {fold(name): index for index, name in enumerate(names) if name}
    columns, missing = {}, []
    for name in headers:
        index = folded.get(fold(name))
        if index is None:
            if name in required:
                missing.append(name)
            continue
        columns[name] = index
    known = {fold(name) for name in headers}
    unknown = [name for name in names if name and fold(name) not in known]
    problems = []
    if missing:
        problems.append(_("thiếu cột: %(names)s") % {"names": ", ".join(f"“{n}”" for n in missing)})
    if unknown:
        problems.append(_("cột không nhận ra: %(names)s") % {"names": ", ".join(f"“{n}”" for n in unknown)})
    if problems:
        raise ImportRefused(
            _("Dòng tiêu đề không đúng mẫu (%(problems)s). Hãy tải tệp mẫu và giữ nguyên dòng tiêu đề.")
            % {"problems": "; ".join(problems)}
        )
    return columns


def parse_figure(value, parse, validators, hedged=True):
    """A cell's amount or count read by `lib.money` (`1.500.000`, `2,5 triệu`, 1500000.0) and
    held to `lib.bounds`; an empty cell is 0. With `hedged`, a report's hedge before the number
    (`trên 214 triệu`, `hơn 300`) gives a `lib.figures.Figure` carrying the word; without it
    the number must be exact. Raises ValidationError with a Vietnamese message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    qualifier = Qualifier.EXACT
    if hedged and isinstance(value, str):
        qualifier, value = split_word(value)
    number = parse(value)
    for validator in validators:
        validator(number)
    return Figure(number, qualifier) if qualifier else number


def read_number(value, label, problems, parse=parse_count, validators=None, hedged=False):
    """`parse_figure` for one cell of a row being checked: a number that cannot be read, or is
    out of bounds (a count's unless `validators` are given), adds “<label> “<value>”: <reason>”
    to `problems` and counts 0, so the row's other cells are still checked."""
    if validators is None:
        validators = bounds.count_validators()
    try:
        return parse_figure(value, parse, validators, hedged=hedged)
    except ValidationError as error:
        problems.append(
            _("%(label)s “%(value)s”: %(reason)s")
            % {"label": label, "value": value, "reason": " ".join(error.messages)}
        )
        return 0


def parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("ngày “%(value)s” không đúng dạng ngày/tháng/năm, ví dụ 07/01/2025") % {"value": text})


def _key(text):
    """Match names the way people type them: no accents, case, quotes or commas."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(str(text or ""))).split())


class _Lookups:
    """Indicators, areas and donor kinds matched by folded name, loaded once per import."""

    def __init__(self, campaign, by):
        self.campaign, self.by = campaign, by
        self.indicators = list(campaign.indicators.all())
        self.indicator_by_name = {_key(i.name): i for i in self.indicators}
        self.areas = {}
        for area in ResidentialArea.objects.filter(commune_id=campaign.commune_id):
            self.areas.setdefault(_key(area.full_name), area)
            self.areas.setdefault(_key(area.name), area)
        self.commune_wide_words = {_key(word) for word in COMMUNE_WIDE_WORDS}
        self.donor_kinds = {_key(label): value for value, label in Contribution.DonorKind.choices}
        self.donor_kinds.update({_key(value): value for value in Contribution.DonorKind.values})
        self.donor_kinds[_key("Giấu tên")] = Contribution.DonorKind.ANONYMOUS
        self.donor_kinds[_key("Tổ chức")] = Contribution.DonorKind.ORGANISATION
        self.today = timezone.localdate()

    def build(self, row):
        problems = []
        indicator = self._indicator(row.get(INDICATOR), problems)
        area = self._area(row.get(AREA), problems)
        try:
            date = parse_date(row.get(DATE))
            if date > self.today:
                problems.append(_("ngày %(date)s ở tương lai") % {"date": date.strftime("%d/%m/%Y")})
        except ValueError as error:
            date = None
            problems.append(str(error))
        amount = read_number(
            row.get(AMOUNT), _("số tiền"), problems, parse_money, bounds.amount_validators(), hedged=True
        )
        quantity = read_number(row.get(QUANTITY), _("số lượng"), problems, hedged=True)
        # A count of people is a plain number (`1.250`), no hedge word: entries carry exact people.
        people = {
            name: read_number(row.get(column), label, problems)
            for name, column, label in (
                ("registered", REGISTERED, _("số người đăng ký")),
                ("participants", PARTICIPANTS, _("số người tham gia")),
            )
        }
        kind_text = _key(row.get(DONOR_KIND))
        donor_kind = self.donor_kinds.get(kind_text) if kind_text else Contribution.DonorKind.PERSON
        if donor_kind is None:
            problems.append(
                _("“Người ủng hộ là” phải là một trong: %(kinds)s") % {"kinds": self._kind_names()}
            )
        items = self._items(row.get(IN_KIND), problems)
        if problems:
            return None, problems
        try:
            entry = services.prepare_contribution(
                items=items,
                by=self.by,
                indicator=indicator,
                area=area,
                date=date,
                amount=amount,
                quantity=quantity,
                donor_kind=donor_kind,
                donor_name=str(row.get(DONOR_NAME) or "").strip()[:200],
                note=str(row.get(NOTE) or "").strip()[:255],
                **people,
            )
        except ValidationError as error:
            return None, [message for messages in error.message_dict.values() for message in messages]
        return entry, []

    def _indicator(self, value, problems):
        name = _key(value)
        if not name and len(self.indicators) == 1:
            return self.indicators[0]
        indicator = self.indicator_by_name.get(name)
        if indicator is None:
            problems.append(
                _("chỉ tiêu “%(value)s” không có trong cuộc vận động này (có: %(names)s)")
                % {"value": value or "", "names": ", ".join(i.name for i in self.indicators)}
            )
        return indicator

    def _area(self, value, problems):
        if _key(value) in self.commune_wide_words:
            if not may_enter_for_commune(self.by, self.campaign.commune_id):
                problems.append(
                    _(
                        "chỉ cán bộ Mặt trận xã nhập được kết quả chung của toàn xã; "
                        "hãy ghi tên khu dân cư của mình"
                    )
                )
            return None
        area = self.areas.get(_key(value))
        if area is None:
            problems.append(_("không có khu dân cư “%(value)s” trong xã") % {"value": value or ""})
        elif not may_enter_for_area(self.by, area.pk):
            problems.append(
                _("bạn không phụ trách %(area)s, chỉ nhập được cho khu dân cư của mình")
                % {"area": area.full_name}
            )
            area = None
        return area

    def _items(self, value, problems):
        """In-kind quantities of the row ([] for an empty cell); a line that cannot be read is a problem."""
        from .inkind import parse_items

        text = str(value or "").strip()
        if not text:
            return []
        try:
            return parse_items(text)
        except ValidationError as error:
            problems.append(_("hiện vật: %(reason)s") % {"reason": " ".join(error.messages)})
            return []

    def _kind_names(self):
        return ", ".join(str(label) for label in Contribution.DonorKind.labels)


def template_workbook(campaign, areas, *, commune_wide=False):
    """The downloadable XLSX template: the header row, and a guide sheet listing valid values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kết quả"
    append_row(sheet, HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJK", [30, 18, 12, 16, 10, 20, 30, 30, 16, 16, 30], strict=True):
        sheet.column_dimensions[letter].width = width
    guide = workbook.create_sheet("Hướng dẫn")
    append_row(guide, ["Cuộc vận động", campaign.name])
    append_row(guide, ["Ngày", "Viết ngày/tháng/năm, ví dụ 07/01/2025"])
    append_row(guide, ["Số tiền", "Số nguyên, đơn vị đồng, ví dụ 1500000 hoặc 1.500.000"])
    append_row(
        guide,
        ["Số lượng", "Số nguyên (đơn vị máu, phần quà …); quà có cả số lượng và trị giá thì ghi cả hai"],
    )
    append_row(
        guide,
        ["Số báo cáo ước", "Ghi chữ trước số như trong báo cáo: trên 214 triệu, hơn 300, gần 40, khoảng 150"],
    )
    append_row(
        guide,
        [
            "Hiện vật",
            "Khi đóng góp bằng hiện vật: mỗi thứ một dòng hoặc cách nhau bằng dấu chấm phẩy, số trước rồi "
            "đơn vị, ví dụ 350 m² đất; 120 ngày công; 2,5 tấn xi măng. Cột Số tiền ghi trị giá nếu có.",
        ],
    )
    append_row(
        guide,
        [
            "Số người đăng ký, số người tham gia",
            "Chỉ với chỉ tiêu có đếm người (ví dụ hiến máu): số nguyên; để trống nếu không có",
        ],
    )
    append_row(guide, [])
    append_row(guide, ["Chỉ tiêu (ghi đúng tên)"])
    for indicator in campaign.indicators.all():
        append_row(guide, [indicator.name, indicator.get_unit_display(), indicator.unit_label])
    append_row(guide, [])
    append_row(guide, ["Khu dân cư"])
    for area in areas:
        append_row(guide, [area.full_name])
    if commune_wide:
        append_row(guide, ["Toàn xã", "Kết quả chung của cả xã, không thuộc khu dân cư nào (chỉ cán bộ xã)"])
    append_row(guide, [])
    append_row(guide, ["Người ủng hộ là"])
    for label in Contribution.DonorKind.labels:
        append_row(guide, [str(label)])
    guide.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
