"""Import contributions from an officer's spreadsheet (XLSX or CSV): all rows or none.

Written with openpyxl and the csv module rather than django-import-export: every message
here is ours, in Vietnamese, with the row number the officer sees in Excel, and the area
check (an officer imports only for their own areas) sits in the same loop as the figure
checks, so one pass reports every problem and nothing is saved unless all rows are clean.
"""

import csv
import datetime
import io
import os
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from congresses.models import ResidentialArea
from lib.vietnamese import fold

from . import services
from .models import Contribution
from .permissions import may_enter_for_area

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_ERRORS_SHOWN = 200

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
HEADERS = [INDICATOR, AREA, DATE, AMOUNT, QUANTITY, DONOR_KIND, DONOR_NAME, NOTE]
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


def read_rows(uploaded):
    """[(row number as in Excel, {header: value})], header row checked; raises ImportRefused."""
    ext = os.path.splitext(uploaded.name or "")[1].lower()
    if ext not in (".xlsx", ".csv"):
        raise ImportRefused(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."))
    if uploaded.size and uploaded.size > MAX_BYTES:
        raise ImportRefused(
            _("Tệp nặng %(size)s KB, vượt giới hạn %(limit)s KB. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": uploaded.size // 1024, "limit": MAX_BYTES // 1024}
        )
    uploaded.seek(0)
    table = _xlsx_rows(uploaded) if ext == ".xlsx" else _csv_rows(uploaded)
    header = next(table, None)
    if not header:
        raise ImportRefused(_("Tệp trống."))
    columns = _check_header(header)
    rows = []
    for number, values in enumerate(table, start=2):
        if len(rows) >= MAX_ROWS:
            raise ImportRefused(
                _("Tệp có hơn %(limit)s dòng. Hãy chia thành nhiều tệp, mỗi tệp tối đa %(limit)s dòng.")
                % {"limit": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        values = list(values) + [None] * (len(header) - len(values))
        if all(value in (None, "") for value in values):
            continue
        rows.append((number, {name: values[index] for name, index in columns.items()}))
    return rows


def _xlsx_rows(uploaded):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportRefused(
            _("Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx rồi thử lại.")
        ) from error
    sheet = workbook.worksheets[0]
    # Only the template's columns are read: a sheet with thousands of columns costs nothing.
    yield from sheet.iter_rows(max_col=len(HEADERS) + 4, values_only=True)
    workbook.close()


def _csv_rows(uploaded):
    raw = uploaded.read(MAX_BYTES + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(_("Tệp CSV phải được lưu với mã UTF-8 (trong Excel: CSV UTF-8).")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def _check_header(header):
    names = [str(value or "").strip() for value in header]
    folded = {fold(name): index for index, name in enumerate(names) if name}
    columns, missing = {}, []
    for name in HEADERS:
        index = folded.get(fold(name))
        if index is None:
            if name in REQUIRED:
                missing.append(name)
            continue
        columns[name] = index
    known = {fold(name) for name in HEADERS}
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


_GROUPED = re.compile(r"^\d{1,3}([.\s]\d{3})+$")


def parse_whole_number(value, label):
    """A whole non-negative number from a cell: 1500000, 1500000.0, `1.500.000`, `1 500 000 đ`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        raise ValueError(label)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_("%(label)s “%(value)s” phải là số nguyên") % {"label": label, "value": value})
        number = int(value)
    else:
        text = str(value).strip().lower().removesuffix("đồng").removesuffix("đ").strip()
        negative = text.startswith("-")
        text = text.removeprefix("-").strip()
        if _GROUPED.match(text):
            text = re.sub(r"[.\s]", "", text)
        if text.isdigit() and negative:
            raise ValueError(_("%(label)s không được âm") % {"label": label})
        if not text.isdigit():
            raise ValueError(
                _("%(label)s “%(value)s” không phải số nguyên (viết 1500000 hoặc 1.500.000)")
                % {"label": label, "value": value}
            )
        number = int(text)
    if number < 0:
        raise ValueError(_("%(label)s không được âm") % {"label": label})
    return number


def parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
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
        amount = self._number(row.get(AMOUNT), _("số tiền"), problems)
        quantity = self._number(row.get(QUANTITY), _("số lượng"), problems)
        kind_text = _key(row.get(DONOR_KIND))
        donor_kind = self.donor_kinds.get(kind_text) if kind_text else Contribution.DonorKind.PERSON
        if donor_kind is None:
            problems.append(
                _("“Người ủng hộ là” phải là một trong: %(kinds)s") % {"kinds": self._kind_names()}
            )
        if problems:
            return None, problems
        try:
            entry = services.prepare_contribution(
                by=self.by,
                indicator=indicator,
                area=area,
                date=date,
                amount=amount,
                quantity=quantity,
                donor_kind=donor_kind,
                donor_name=str(row.get(DONOR_NAME) or "").strip()[:200],
                note=str(row.get(NOTE) or "").strip()[:255],
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

    def _number(self, value, label, problems):
        try:
            return parse_whole_number(value, label)
        except ValueError as error:
            problems.append(str(error))
            return 0

    def _kind_names(self):
        return ", ".join(str(label) for label in Contribution.DonorKind.labels)


def template_workbook(campaign, areas):
    """The downloadable XLSX template: the header row, and a guide sheet listing valid values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kết quả"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", [30, 18, 12, 16, 10, 20, 30, 30], strict=True):
        sheet.column_dimensions[letter].width = width
    guide = workbook.create_sheet("Hướng dẫn")
    guide.append(["Cuộc vận động", campaign.name])
    guide.append(["Ngày", "Viết ngày/tháng/năm, ví dụ 07/01/2025"])
    guide.append(["Số tiền", "Số nguyên, đơn vị đồng, ví dụ 1500000 hoặc 1.500.000"])
    guide.append(
        ["Số lượng", "Số nguyên (đơn vị máu, phần quà …); quà có cả số lượng và trị giá thì ghi cả hai"]
    )
    guide.append([])
    guide.append(["Chỉ tiêu (ghi đúng tên)"])
    for indicator in campaign.indicators.all():
        guide.append([indicator.name, indicator.get_unit_display(), indicator.unit_label])
    guide.append([])
    guide.append(["Khu dân cư"])
    for area in areas:
        guide.append([area.full_name])
    guide.append([])
    guide.append(["Người ủng hộ là"])
    for label in Contribution.DonorKind.labels:
        guide.append([str(label)])
    guide.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
