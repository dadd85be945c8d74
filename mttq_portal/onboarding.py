"""Starting a commune's site, or a province with its communes, from one spreadsheet: all or nothing.

`manage.py add_commune FILE.xlsx` reads four sheets (the commune; its residential areas; its
committee members; its staff accounts), `add_commune --province FILE.xlsx` a province and its
communes (and, if given, their first accounts). Every row is checked before anything is
written; every problem is reported with its sheet and row number as Excel shows them; then
everything is written in one transaction. The file is read with the bounds of the
contribution import (`campaigns.imports`: size, zip directory, row count, time), and sheets
are found by their Vietnamese names with or without accents.

It lives in mttq_portal because it writes accounts and role groups as well as congresses'
records, and reads files with the campaigns import's bounded reader.
"""

import datetime
import os
import re
import secrets
import time
import zipfile
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.imports import (
    MAX_BYTES,
    MAX_ROWS,
    READ_SECONDS,
    ImportRefused,
    _check_xlsx_package,
    _scan_sheet,
    parse_date,
)
from campaigns.models import AreaOfficer
from congresses import services
from congresses.models import (
    Commune,
    FrontCommittee,
    Person,
    Position,
    Province,
    ResidentialArea,
    StaffProfile,
    Term,
    normalize_host,
)
from lib.roles import CHAIR, COMMUNE_STAFF, EDITOR, GROUP_NAMES, HAMLET_OFFICER, PROVINCE_STAFF, role_groups
from lib.text import clean_text
from lib.vietnamese import fold

MAX_COLUMNS = 16

# Sheet names as the template writes them; matched without accents or case.
COMMUNE_SHEET, AREAS_SHEET, MEMBERS_SHEET, ACCOUNTS_SHEET = "Xã, phường", "Khu dân cư", "Ủy ban", "Tài khoản"
PROVINCE_SHEET = "Tỉnh"

ROLE_WORDS = {
    COMMUNE_STAFF: ["can bo mat tran xa", "can bo xa", "can bo"],
    CHAIR: ["chu tich uy ban mttq xa", "chu tich"],
    HAMLET_OFFICER: ["truong ban cong tac mat tran", "truong ban ctmt", "truong ban"],
    EDITOR: ["bien tap vien", "bien tap"],
    PROVINCE_STAFF: ["can bo uy ban mttq tinh", "can bo tinh"],
}


def key(text):
    """Names compared the way people type them: no accents, case, punctuation or extra spaces."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(str(text or ""))).split())


class OnboardingRefused(Exception):
    """The file cannot be used; `errors` lists every problem, each naming its sheet and row."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = list(errors)


# --- reading ------------------------------------------------------------------------------


def read_workbook(path):
    """{folded sheet name: [(row number, [cell values])]} of a bounded XLSX; raises OnboardingRefused."""
    from openpyxl import load_workbook

    if os.path.splitext(str(path))[1].lower() != ".xlsx":
        raise OnboardingRefused([_("Chỉ nhận tệp Excel (.xlsx).")])
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise OnboardingRefused([_("Không mở được tệp %(path)s.") % {"path": path}]) from error
    if size > MAX_BYTES:
        raise OnboardingRefused(
            [
                _("Tệp nặng %(size)s KB, vượt giới hạn %(limit)s KB.")
                % {"size": size // 1024, "limit": MAX_BYTES // 1024}
            ]
        )
    deadline = time.thread_time() + READ_SECONDS
    sheets = {}
    with open(path, "rb") as handle:
        try:
            names = _check_xlsx_package(handle)
            with zipfile.ZipFile(handle) as archive:
                for name in names:
                    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                        _scan_sheet(archive, name, deadline)
            handle.seek(0)
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except ImportRefused as error:
            raise OnboardingRefused([str(error)]) from error
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError, SyntaxError) as error:
            raise OnboardingRefused(
                [_("Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx rồi thử lại.")]
            ) from error
        try:
            for sheet in workbook.worksheets:
                sheet.reset_dimensions()
                rows = []
                for number, values in enumerate(
                    sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
                ):
                    if number > MAX_ROWS + 1 or time.thread_time() > deadline:
                        raise OnboardingRefused(
                            [_("Trang “%(sheet)s” quá dài hoặc quá phức tạp.") % {"sheet": sheet.title}]
                        )
                    values = [clean_text(v) if isinstance(v, str) else v for v in values]
                    if any(v not in (None, "") for v in values):
                        rows.append((number, list(values)))
                sheets[key(sheet.title)] = (sheet.title, rows)
        except (KeyError, ValueError, TypeError, IndexError, SyntaxError, zipfile.BadZipFile) as error:
            raise OnboardingRefused(
                [_("Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx rồi thử lại.")]
            ) from error
        finally:
            workbook.close()
    return sheets


def text(value):
    """A cell as one line of text; whole numbers typed in Excel (1970.0) lose their `.0`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


class Sheet:
    """One sheet read as a table (a header row, then rows) or as label/value pairs."""

    def __init__(self, sheets, name, errors, required=True):
        self.name, self.errors = name, errors
        self.title, self.rows = sheets.get(key(name), (name, []))
        self.present = key(name) in sheets
        if required and not self.present:
            errors.append(_("Thiếu trang “%(sheet)s”.") % {"sheet": name})

    def error(self, row, message):
        self.errors.append(
            _("Trang “%(sheet)s”, dòng %(row)s: %(message)s")
            % {"sheet": self.title, "row": row, "message": message}
        )

    def pairs(self):
        """{folded label: (row, value)} of a two-column sheet."""
        return {
            key(values[0]): (number, values[1] if len(values) > 1 else None) for number, values in self.rows
        }

    def table(self, headers, required):
        """[(row, {header: text})] under a header row naming `headers` (any order)."""
        if not self.rows:
            return []
        header_row, header = self.rows[0]
        columns = {key(h): i for i, h in enumerate(header) if h not in (None, "")}
        wanted = {key(h): h for h in headers}
        missing = [wanted[k] for k in (key(h) for h in required) if k not in columns]
        if missing:
            self.error(
                header_row, _("thiếu cột %(names)s.") % {"names": ", ".join(f"“{n}”" for n in missing)}
            )
            return []
        return [
            (
                number,
                {
                    h: text(values[columns[key(h)]])
                    if key(h) in columns and columns[key(h)] < len(values)
                    else ""
                    for h in headers
                },
            )
            for number, values in self.rows[1:]
        ]


def _choice(value, choices):
    """The choice whose label (or value) reads like `value`, else None."""
    wanted = key(value)
    for choice_value, label in choices:
        if wanted in (key(label), key(choice_value)):
            return choice_value
    return None


def _labels(choices):
    return ", ".join(str(label) for _value, label in choices)


def _date(sheet, row, value, label):
    try:
        return parse_date(value)
    except ValueError:
        sheet.error(
            row,
            _("%(label)s “%(value)s” không đúng dạng ngày/tháng/năm, ví dụ 01/07/2025.")
            % {"label": label, "value": value},
        )
        return None


def _host(sheet, row, value, taken):
    host = normalize_host(value)
    if not host:
        return None
    if not re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+", host):
        sheet.error(
            row, _("tên miền “%(host)s” không hợp lệ, ví dụ: hoaphu.mattran.example.vn.") % {"host": value}
        )
        return None
    if (
        host in taken
        or Commune.objects.filter(host=host).exists()
        or Province.objects.filter(host=host).exists()
    ):
        sheet.error(row, _("tên miền “%(host)s” đã dùng cho một xã hoặc tỉnh khác.") % {"host": host})
        return None
    taken.add(host)
    return host


def _email(sheet, row, value, required=False):
    if not value:
        if required:
            sheet.error(row, _("thiếu thư điện tử."))
        return ""
    try:
        validate_email(value)
    except ValidationError:
        sheet.error(row, _("thư điện tử “%(value)s” không hợp lệ.") % {"value": value})
        return ""
    return value


# --- what the file describes ---------------------------------------------------------------


@dataclass
class CommunePlan:
    name: str
    kind: str
    host: str | None
    province: Province | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    term_start: datetime.date | None = None
    term_end: datetime.date | None = None
    areas: list = field(default_factory=list)  # [(kind, name, position)]
    members: list = field(default_factory=list)  # [dict]
    accounts: list = field(default_factory=list)  # [dict]


@dataclass
class Created:
    communes: list = field(default_factory=list)
    province: Province | None = None
    areas: int = 0
    committees: int = 0
    members: int = 0
    accounts: list = field(default_factory=list)  # [(username, role label, password)]


def _commune_sheet(sheets, errors, taken_hosts):
    sheet = Sheet(sheets, COMMUNE_SHEET, errors)
    pairs = sheet.pairs()

    def value(label):
        row, cell = pairs.get(key(label), (None, None))
        return row, text(cell)

    row, name = value("Tên")
    if not name:
        sheet.error(row or 1, _("thiếu tên xã, phường (dòng “Tên”)."))
    kind_row, kind_text = value("Cấp")
    kind = _choice(kind_text, Commune.Kind.choices) if kind_text else Commune.Kind.COMMUNE
    if kind is None:
        sheet.error(
            kind_row,
            _("cấp “%(value)s” không có; chọn một trong: %(labels)s.")
            % {"value": kind_text, "labels": _labels(Commune.Kind.choices)},
        )
    host_row, host_text = value("Tên miền")
    host = _host(sheet, host_row, host_text, taken_hosts) if host_text else None
    if not host_text and Commune.objects.exists():
        sheet.error(
            host_row or 1, _("cần tên miền: hệ thống đã có xã, phường khác, mỗi xã một tên miền riêng.")
        )
    province = None
    province_row, province_text = value("Tỉnh")
    if province_text:
        wanted = key(province_text)
        province = next(
            (p for p in Province.objects.all() if wanted in (key(p.name), key(p.full_name))), None
        )
        if province is None:
            sheet.error(
                province_row,
                _("tỉnh “%(value)s” chưa có trong hệ thống; hãy tạo tỉnh trước (add_commune --province).")
                % {"value": province_text},
            )
    if name and Commune.objects.filter(name__iexact=name, province=province).exists():
        sheet.error(
            row,
            _("%(kind)s %(name)s đã có trong hệ thống.")
            % {"kind": Commune.Kind(kind or "xa").label.lower(), "name": name},
        )
    plan = CommunePlan(name=name, kind=kind or Commune.Kind.COMMUNE, host=host, province=province)
    plan.address = value("Địa chỉ")[1][:255]
    plan.phone = value("Điện thoại")[1][:30]
    email_row, email = value("Thư điện tử")
    plan.email = _email(sheet, email_row, email)
    for attr, label in (("term_start", "Nhiệm kỳ bắt đầu"), ("term_end", "Nhiệm kỳ kết thúc")):
        cell_row, cell = value(label)
        if cell:
            setattr(plan, attr, _date(sheet, cell_row, cell, label))
    if plan.term_start and plan.term_end and plan.term_end <= plan.term_start:
        sheet.error(value("Nhiệm kỳ kết thúc")[0], _("nhiệm kỳ phải kết thúc sau ngày bắt đầu."))
    return plan


def _areas_sheet(sheets, errors, plan):
    sheet = Sheet(sheets, AREAS_SHEET, errors)
    seen = {}
    for row, cells in sheet.table(["Loại", "Tên", "Thứ tự"], required=["Loại", "Tên"]):
        kind = (
            _choice(cells["Loại"], ResidentialArea.Kind.choices)
            if cells["Loại"]
            else ResidentialArea.Kind.VILLAGE
        )
        if kind is None:
            sheet.error(
                row,
                _("loại “%(value)s” không có; chọn một trong: %(labels)s.")
                % {"value": cells["Loại"], "labels": _labels(ResidentialArea.Kind.choices)},
            )
            continue
        if not cells["Tên"]:
            sheet.error(row, _("thiếu tên khu dân cư."))
            continue
        name = cells["Tên"][:120]
        label = f"{ResidentialArea.Kind(kind).label} {name}"
        if key(label) in seen:
            sheet.error(
                row, _("“%(name)s” trùng với dòng %(other)s.") % {"name": label, "other": seen[key(label)]}
            )
            continue
        try:
            position = int(float(cells["Thứ tự"])) if cells["Thứ tự"] else len(plan.areas) + 1
        except ValueError:
            sheet.error(row, _("thứ tự “%(value)s” phải là số.") % {"value": cells["Thứ tự"]})
            continue
        seen[key(label)] = row
        seen.setdefault(key(name), row)
        plan.areas.append((kind, name, max(0, min(position, 32767)), label))
    return {key(label): label for _k, _n, _p, label in plan.areas} | {
        key(name): label for _k, name, _p, label in plan.areas
    }


def _members_sheet(sheets, errors, plan, areas):
    sheet = Sheet(sheets, MEMBERS_SHEET, errors, required=False)
    headers = [
        "Họ và tên",
        "Giới tính",
        "Năm sinh",
        "Chức danh",
        "Khu dân cư",
        "Đại diện tổ chức",
        "Điện thoại",
        "Thư điện tử",
        "Công khai liên hệ",
    ]
    rows = sheet.table(headers, required=["Họ và tên", "Giới tính", "Chức danh"])
    if rows and not (plan.term_start and plan.term_end):
        sheet.error(
            rows[0][0],
            _("cần “Nhiệm kỳ bắt đầu” và “Nhiệm kỳ kết thúc” ở trang “%(sheet)s”.")
            % {"sheet": COMMUNE_SHEET},
        )
    positions = {key(p.name): p for p in Position.objects.all()}
    heads = {}
    this_year = timezone.localdate().year
    for row, cells in rows:
        problems = []
        if not cells["Họ và tên"]:
            problems.append(_("thiếu họ và tên."))
        gender = _choice(cells["Giới tính"], Person.Gender.choices)
        if gender is None:
            problems.append(
                _("giới tính “%(value)s” không có; ghi Nam hoặc Nữ.") % {"value": cells["Giới tính"]}
            )
        birth_year = None
        if cells["Năm sinh"]:
            try:
                birth_year = int(cells["Năm sinh"])
            except ValueError:
                birth_year = 0
            if not this_year - 110 <= birth_year <= this_year - 15:
                problems.append(_("năm sinh “%(value)s” không hợp lý.") % {"value": cells["Năm sinh"]})
        area_label = None
        if cells["Khu dân cư"]:
            area_label = areas.get(key(cells["Khu dân cư"]))
            if area_label is None:
                problems.append(
                    _("khu dân cư “%(value)s” không có trong trang “%(sheet)s”.")
                    % {"value": cells["Khu dân cư"], "sheet": AREAS_SHEET}
                )
        position = positions.get(key(cells["Chức danh"]))
        level = FrontCommittee.Level.RESIDENTIAL if cells["Khu dân cư"] else FrontCommittee.Level.COMMUNE
        if position is None:
            problems.append(
                _("chức danh “%(value)s” không có; chọn một trong: %(names)s.")
                % {"value": cells["Chức danh"], "names": ", ".join(p.name for p in positions.values())}
            )
        elif position.level not in (level, ""):  # blank: a position of every level
            problems.append(
                _("chức danh “%(value)s” không dùng cho %(where)s.")
                % {"value": position.name, "where": area_label or _("Ủy ban MTTQ xã")}
            )
        elif position.kind == Position.Kind.HEAD:
            if area_label in heads:
                problems.append(
                    _("mỗi ban chỉ có một người đứng đầu: đã có ở dòng %(other)s.")
                    % {"other": heads[area_label]}
                )
            heads.setdefault(area_label, row)
        email = _email(sheet, row, cells["Thư điện tử"])
        for problem in problems:
            sheet.error(row, problem)
        if problems:
            continue
        plan.members.append(
            {
                "full_name": cells["Họ và tên"][:120],
                "gender": gender,
                "birth_year": birth_year,
                "position": position,
                "area": area_label,
                "organisation": cells["Đại diện tổ chức"][:160],
                "phone": cells["Điện thoại"][:30],
                "email": email,
                "contact_public": key(cells["Công khai liên hệ"]) in ("co", "x", "yes", "1", "dong y"),
            }
        )


def _accounts_sheet(sheets, errors, plan_by_commune, areas_by_commune, *, commune_column, usernames):
    """Accounts of one commune file (commune_column False) or of a province file (a column
    names each account's commune; blank: a province staff account)."""
    sheet = Sheet(sheets, ACCOUNTS_SHEET, errors, required=False)
    headers = ["Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò", "Khu dân cư"] + (
        ["Xã, phường"] if commune_column else []
    )
    existing = get_user_model().objects
    validator = UnicodeUsernameValidator()
    for row, cells in sheet.table(headers, required=["Tên đăng nhập", "Thư điện tử", "Vai trò"]):
        problems = []
        username = cells["Tên đăng nhập"]
        try:
            validator(username)
            if len(username) > 150:
                raise ValidationError("long")
        except ValidationError:
            problems.append(
                _("tên đăng nhập “%(value)s” chỉ gồm chữ, số và . @ + - _ (tối đa 150 ký tự).")
                % {"value": username}
            )
        else:
            if key(username) in usernames:
                problems.append(
                    _("tên đăng nhập “%(value)s” trùng với dòng %(other)s.")
                    % {"value": username, "other": usernames[key(username)]}
                )
            elif existing.filter(username__iexact=username).exists():
                problems.append(_("tên đăng nhập “%(value)s” đã có người dùng.") % {"value": username})
        role = next(
            (
                code
                for code, words in ROLE_WORDS.items()
                if key(cells["Vai trò"]) in words or key(cells["Vai trò"]) == key(GROUP_NAMES[code])
            ),
            None,
        )
        if role is None:
            problems.append(
                _("vai trò “%(value)s” không có; chọn một trong: %(names)s.")
                % {
                    "value": cells["Vai trò"],
                    "names": ", ".join(
                        GROUP_NAMES[c] for c in ROLE_WORDS if c != PROVINCE_STAFF or commune_column
                    ),
                }
            )
        commune_key = key(cells.get("Xã, phường", "")) if commune_column else ""
        plan = plan_by_commune.get(commune_key)
        if commune_column and commune_key and plan is None:
            problems.append(
                _("xã, phường “%(value)s” không có trong trang “%(sheet)s”.")
                % {"value": cells["Xã, phường"], "sheet": COMMUNE_SHEET}
            )
        if role == PROVINCE_STAFF and (not commune_column or commune_key):
            problems.append(
                _("cán bộ tỉnh không thuộc xã nào: để trống cột “Xã, phường” trong tệp của tỉnh.")
            )
        if role not in (None, PROVINCE_STAFF) and plan is None and not problems:
            problems.append(_("hãy ghi xã, phường của tài khoản này."))
        area_label = None
        if role == HAMLET_OFFICER:
            area_label = areas_by_commune.get(commune_key, {}).get(key(cells["Khu dân cư"]))
            if area_label is None:
                problems.append(
                    _("Trưởng ban công tác Mặt trận cần một khu dân cư có trong trang “%(sheet)s”.")
                    % {"sheet": AREAS_SHEET}
                )
        email = _email(sheet, row, cells["Thư điện tử"], required=True)
        for problem in problems:
            sheet.error(row, problem)
        if problems or not email:
            continue
        usernames[key(username)] = row
        account = {
            "username": username,
            "full_name": cells["Họ và tên"][:150],
            "email": email,
            "role": role,
            "area": area_label,
        }
        if plan is None:
            plan_by_commune.setdefault(None, CommunePlan(name="", kind="", host=None)).accounts.append(
                account
            )
        else:
            plan.accounts.append(account)


# --- writing -------------------------------------------------------------------------------


def _password():
    # Letters, digits and a symbol: passes every validator of the settings.
    return f"{secrets.token_urlsafe(9)}-{secrets.randbelow(90) + 10}"


def _create_account(account, commune, province, areas, created, groups):
    names = account["full_name"].rsplit(" ", 1)
    password = _password()
    user = get_user_model().objects.create_user(
        account["username"],
        email=account["email"],
        password=password,
        is_staff=True,
        first_name=names[-1][:150] if names else "",
        last_name=names[0][:150] if len(names) > 1 else "",
    )
    user.groups.add(groups[account["role"]])
    StaffProfile.objects.create(user=user, commune=commune, province=province if commune is None else None)
    if account["role"] == HAMLET_OFFICER:
        AreaOfficer.objects.create(user=user, area=areas[account["area"]])
    created.accounts.append((user.username, GROUP_NAMES[account["role"]], password))


def _create_commune(plan, created, groups):
    commune = Commune.objects.create(
        name=plan.name,
        kind=plan.kind,
        host=plan.host,
        province=plan.province,
        address=plan.address,
        phone=plan.phone,
        email=plan.email,
    )
    created.communes.append(commune)
    areas = {}
    for kind, name, position, label in plan.areas:
        areas[label] = ResidentialArea.objects.create(
            commune=commune, kind=kind, name=name, position=position
        )
    created.areas += len(areas)
    terms = {}
    for member in plan.members:
        where = member["area"]
        if where not in terms:
            committee = (
                services.committee_for_area(areas[where]) if where else services.commune_committee(commune)
            )
            terms[where] = Term.objects.create(
                committee=committee, start_date=plan.term_start, end_date=plan.term_end
            )
        person = Person(
            commune=commune,
            full_name=member["full_name"],
            gender=member["gender"],
            birth_year=member["birth_year"],
            phone=member["phone"],
            email=member["email"],
            contact_public=member["contact_public"],
        )
        person.save()
        services.appoint(terms[where], person, member["position"], organisation=member["organisation"])
        created.members += 1
    created.committees += len(terms)
    for account in plan.accounts:
        _create_account(account, commune, None, areas, created, groups)
    return commune


def add_commune(path):
    """Create the commune described by the XLSX at `path`; returns Created, or raises OnboardingRefused."""
    sheets = read_workbook(path)
    errors = []
    plan = _commune_sheet(sheets, errors, set())
    areas = _areas_sheet(sheets, errors, plan)
    _members_sheet(sheets, errors, plan, areas)
    plans = {"": plan}
    _accounts_sheet(sheets, errors, plans, {"": areas}, commune_column=False, usernames={})
    if errors:
        raise OnboardingRefused(errors)
    created = Created()
    with transaction.atomic():
        _create_commune(plan, created, role_groups())
    return created


def add_province(path):
    """Create the province and the communes listed in the XLSX at `path` (and their first
    accounts); returns Created, or raises OnboardingRefused."""
    sheets = read_workbook(path)
    errors = []
    hosts = set()
    sheet = Sheet(sheets, PROVINCE_SHEET, errors)
    pairs = sheet.pairs()
    name_row, name = pairs.get(key("Tên"), (1, None))
    name = text(name)
    if not name:
        sheet.error(name_row, _("thiếu tên tỉnh (dòng “Tên”)."))
    elif any(key(p.name) == key(name) for p in Province.objects.all()):
        sheet.error(name_row, _("tỉnh “%(name)s” đã có trong hệ thống.") % {"name": name})
    kind_row, kind_text = pairs.get(key("Cấp"), (None, None))
    kind = _choice(text(kind_text), Province.Kind.choices) if kind_text else Province.Kind.PROVINCE
    if kind is None:
        sheet.error(
            kind_row,
            _("cấp “%(value)s” không có; chọn một trong: %(labels)s.")
            % {"value": kind_text, "labels": _labels(Province.Kind.choices)},
        )
    host_row, host_text = pairs.get(key("Tên miền"), (None, None))
    host = _host(sheet, host_row, text(host_text), hosts) if host_text else None
    if not host_text:
        sheet.error(host_row or 1, _("cần tên miền của trang tỉnh."))

    communes_sheet = Sheet(sheets, COMMUNE_SHEET, errors)
    plans = {}
    for row, cells in communes_sheet.table(
        ["Tên", "Cấp", "Tên miền", "Địa chỉ", "Điện thoại", "Thư điện tử"], required=["Tên", "Tên miền"]
    ):
        commune_kind = _choice(cells["Cấp"], Commune.Kind.choices) if cells["Cấp"] else Commune.Kind.COMMUNE
        problems = []
        if not cells["Tên"]:
            problems.append(_("thiếu tên xã, phường."))
        if commune_kind is None:
            problems.append(
                _("cấp “%(value)s” không có; chọn một trong: %(labels)s.")
                % {"value": cells["Cấp"], "labels": _labels(Commune.Kind.choices)}
            )
        if key(cells["Tên"]) in plans:
            problems.append(_("“%(name)s” trùng với một dòng trên.") % {"name": cells["Tên"]})
        if not cells["Tên miền"]:
            problems.append(_("thiếu tên miền."))
        for problem in problems:
            communes_sheet.error(row, problem)
        commune_host = _host(communes_sheet, row, cells["Tên miền"], hosts) if cells["Tên miền"] else None
        email = _email(communes_sheet, row, cells["Thư điện tử"])
        if problems or not commune_host:
            continue
        plans[key(cells["Tên"])] = CommunePlan(
            name=cells["Tên"][:120],
            kind=commune_kind,
            host=commune_host,
            address=cells["Địa chỉ"][:255],
            phone=cells["Điện thoại"][:30],
            email=email,
        )
    if communes_sheet.present and not plans and not errors:
        communes_sheet.error(1, _("chưa có xã, phường nào."))
    _accounts_sheet(sheets, errors, plans, {}, commune_column=True, usernames={})
    if errors:
        raise OnboardingRefused(errors)
    created = Created()
    groups = role_groups()
    with transaction.atomic():
        province = Province.objects.create(name=name, kind=kind, host=host)
        created.province = province
        for commune_key, plan in plans.items():
            if commune_key is None:
                continue
            plan.province = province
            _create_commune(plan, created, groups)
        for account in plans.get(None, CommunePlan("", "", None)).accounts:
            _create_account(account, None, province, {}, created, groups)
    return created


# --- templates ----------------------------------------------------------------------------

COMMUNE_EXAMPLE = {
    COMMUNE_SHEET: [
        ("Tên", "Hòa Tiến"),
        ("Cấp", "Xã"),
        ("Tên miền", "hoatien.mattran.example.vn"),
        ("Tỉnh", ""),
        ("Địa chỉ", "Thôn Lệ Sơn 1, xã Hòa Tiến"),
        ("Điện thoại", "0236 3000 000"),
        ("Thư điện tử", "mattran@hoatien.example.vn"),
        ("Nhiệm kỳ bắt đầu", "01/07/2025"),
        ("Nhiệm kỳ kết thúc", "30/06/2030"),
    ],
    AREAS_SHEET: [("Loại", "Tên", "Thứ tự"), ("Thôn", "Lệ Sơn 1", 1), ("Thôn", "Lệ Sơn 2", 2)],
    MEMBERS_SHEET: [
        (
            "Họ và tên",
            "Giới tính",
            "Năm sinh",
            "Chức danh",
            "Khu dân cư",
            "Đại diện tổ chức",
            "Điện thoại",
            "Thư điện tử",
            "Công khai liên hệ",
        ),
        ("Lê Văn Tám", "Nam", 1968, "Chủ tịch", "", "", "0905 000 111", "", "có"),
        ("Trần Văn Ba", "Nam", 1970, "Trưởng ban", "Thôn Lệ Sơn 1", "", "", "", "không"),
    ],
    ACCOUNTS_SHEET: [
        ("Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò", "Khu dân cư"),
        ("bientap.hoatien", "Ngô Thu Hà", "ha@example.vn", "Biên tập viên", ""),
        ("truongban.leson1", "Trần Văn Ba", "ba@example.vn", "Trưởng ban CTMT", "Lệ Sơn 1"),
    ],
}

PROVINCE_EXAMPLE = {
    PROVINCE_SHEET: [("Tên", "Đà Nẵng"), ("Cấp", "Thành phố"), ("Tên miền", "mattran.danang.example.vn")],
    COMMUNE_SHEET: [
        ("Tên", "Cấp", "Tên miền", "Địa chỉ", "Điện thoại", "Thư điện tử"),
        ("Hải Châu", "Phường", "haichau.mattran.example.vn", "", "", ""),
        ("Hòa Vang", "Xã", "hoavang.mattran.example.vn", "", "", ""),
    ],
    ACCOUNTS_SHEET: [
        ("Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò", "Khu dân cư", "Xã, phường"),
        ("canbo.tinh", "Lê Thị Tỉnh", "tinh@example.vn", "Cán bộ tỉnh", "", ""),
        ("canbo.haichau", "Hồ Văn Xã", "xa@example.vn", "Cán bộ xã", "", "Hải Châu"),
    ],
}


def write_template(path, province=False):
    """An example workbook to fill in; every cell typed as text or number, never a formula."""
    from openpyxl import Workbook

    from lib.sheets import append_row

    book = Workbook()
    book.remove(book.active)
    for title, rows in (PROVINCE_EXAMPLE if province else COMMUNE_EXAMPLE).items():
        sheet = book.create_sheet(title)
        for row in rows:
            append_row(sheet, row)
    book.save(path)
