"""Import a campaign's houses (nhà Đại đoàn kết) and gift batches, and the commune's
recipients, from a spreadsheet, as staff keep them in Excel: all rows or none, every problem listed with its row number.

The file is read with the contributions import's reader (`campaigns.imports.read_rows`: the
same size, row and time bounds, CSV or XLSX). Each row is written through the services
(`save_recipient`, `save_house`, `save_gift_batch`), so the checks, the fund's payout for the Front's support and
the history are the ones the admin gives; every row is tried inside one transaction, which is
rolled back when any row fails.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congresses.models import ResidentialArea
from lib import bounds
from lib.money import parse_money

from . import services
from .gifts import Recipient
from .houses import House, HouseSource
from .imports import ImportRefused, ImportResult, _key, parse_date, read_number, read_rows

__all__ = ["ImportRefused", "import_gift_batches", "import_houses", "import_recipients"]

# --- columns ----------------------------------------------------------------------------------

LABEL, RECIPIENT_KIND, AREA, NOTE = "Tên hộ hoặc đối tượng", "Đối tượng", "Khu dân cư", "Ghi chú"
RECIPIENT_HEADERS = [LABEL, RECIPIENT_KIND, AREA, NOTE]

HOUSE_KIND, WORK, TOTAL, FRONT = (
    "Loại nhà",
    "Xây mới hay sửa chữa",
    "Tổng trị giá (đồng)",
    "Mặt trận hỗ trợ (đồng)",
)
APPROVED, MONEY, STARTED, HANDED_OVER = "Ngày duyệt", "Ngày trao tiền", "Ngày khởi công", "Ngày bàn giao"
WORKDAYS = "Số ngày công"
# One money column per other source of a house's value.
SOURCE_COLUMNS = [
    ("Quỹ cấp trên (đồng)", HouseSource.Kind.UPPER_FUND),
    ("Ngân sách xã (đồng)", HouseSource.Kind.COMMUNE_BUDGET),
    ("Nhà tài trợ (đồng)", HouseSource.Kind.SPONSOR),
    ("Gia đình và dòng họ (đồng)", HouseSource.Kind.FAMILY),
    ("Ngày công quy ra tiền (đồng)", HouseSource.Kind.WORKDAYS),
    ("Nguồn khác (đồng)", HouseSource.Kind.OTHER),
]
HOUSE_HEADERS = [
    LABEL,
    RECIPIENT_KIND,
    AREA,
    HOUSE_KIND,
    WORK,
    TOTAL,
    FRONT,
    *[column for column, _kind in SOURCE_COLUMNS],
    WORKDAYS,
    APPROVED,
    MONEY,
    STARTED,
    HANDED_OVER,
    NOTE,
]
STAGE_COLUMNS = [
    (APPROVED, "approved_on"),
    (MONEY, "money_handed_on"),
    (STARTED, "started_on"),
    (HANDED_OVER, "handed_over_on"),
]


def _choices(choices, *extra):
    """Folded label and value → value, so `ho ngheo`, `Hộ nghèo` and `ho_ngheo` all match."""
    table = {_key(label): value for value, label in choices}
    table.update({_key(value): value for value, _label in choices})
    table.update({_key(word): value for word, value in extra})
    return table


class _Rows:
    """What every row of one import looks up: areas, recipient and house kinds, recipients."""

    def __init__(self, commune_id):
        self.commune_id = commune_id
        self.areas = {}
        for area in ResidentialArea.objects.filter(commune_id=commune_id):
            self.areas.setdefault(_key(area.full_name), area)
            self.areas.setdefault(_key(area.name), area)
        self.recipient_kinds = _choices(Recipient.Kind.choices, ("Hộ cận nghèo", Recipient.Kind.NEAR_POOR))
        self.house_kinds = _choices(House.Kind.choices, ("Đại đoàn kết", House.Kind.GREAT_UNITY))
        self.works = _choices(House.Work.choices, ("Mới", House.Work.NEW), ("Sửa", House.Work.REPAIR))
        self.today = timezone.localdate()

    def area(self, row, problems, required):
        value = row.get(AREA)
        if not _key(value):
            if required:
                problems.append(_("thiếu khu dân cư của hộ"))
            return None
        area = self.areas.get(_key(value))
        if area is None:
            problems.append(_("không có khu dân cư “%(value)s” trong xã") % {"value": value})
        return area

    def choice(self, row, column, table, default, problems):
        value = row.get(column)
        if not _key(value):
            return default
        choice = table.get(_key(value))
        if choice is None:
            problems.append(_("“%(column)s” không nhận ra “%(value)s”") % {"column": column, "value": value})
        return choice

    def money(self, row, column, problems, required=False):
        value = row.get(column)
        if required and (value is None or not str(value).strip()):
            problems.append(_("thiếu “%(column)s”") % {"column": column})
            return 0
        return read_number(value, column, problems, parse_money, bounds.amount_validators())

    def count(self, row, column, problems):
        return read_number(row.get(column), column, problems)

    def date(self, row, column, problems):
        value = row.get(column)
        if value is None or not str(value).strip():
            return None
        try:
            day = parse_date(value)
        except ValueError as error:
            problems.append(f"{column}: {error}")
            return None
        if day > self.today:
            problems.append(
                _("%(column)s %(date)s ở tương lai") % {"column": column, "date": day.strftime("%d/%m/%Y")}
            )
        return day

    def recipient(self, row, problems, *, by, cache):
        """(recipient, whether this import added it): the commune's own of that name and
        hamlet, else a new one; (None, False) when the row has a problem."""
        label = str(row.get(LABEL) or "").strip()[:200]
        if not label:
            problems.append(_("thiếu tên hộ gia đình, đối tượng"))
        kind = self.choice(row, RECIPIENT_KIND, self.recipient_kinds, Recipient.Kind.POOR, problems)
        area = self.area(row, problems, required=kind in Recipient.HOUSEHOLDS)
        if problems:
            return None, False
        key = (_key(label), area.pk if area else None)
        if key in cache:
            return cache[key], False
        existing = [
            r
            for r in Recipient.objects.filter(commune_id=self.commune_id, area=area)
            if _key(r.label) == key[0]
        ]
        cache[key] = existing[0] if existing else services.save_recipient(
            Recipient(commune_id=self.commune_id, label=label, kind=kind, area=area,
                      note=str(row.get(NOTE) or "").strip()[:255]),
            by=by,
        )  # fmt: skip
        return cache[key], not existing


def _messages(error):
    if isinstance(error, PermissionDenied):
        return [str(error) or _("Bạn không có quyền ghi mục này.")]
    if hasattr(error, "message_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


def _run(uploaded, headers, required, write_row):
    """Read `uploaded`, call `write_row(row, problems)` for each row inside one transaction;
    keep everything only when no row had a problem. Returns an ImportResult."""
    rows = read_rows(uploaded, headers=headers, required=required)
    result = ImportResult()
    if not rows:
        result.errors.append(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
        return result
    with transaction.atomic():
        for number, row in rows:
            problems = []
            try:
                with transaction.atomic():
                    saved = write_row(row, problems)
                    if problems:
                        raise ValidationError(problems)
            except (ValidationError, PermissionDenied) as error:
                result.errors.extend(
                    _("Dòng %(row)s: %(problem)s") % {"row": number, "problem": p} for p in _messages(error)
                )
                continue
            result.saved.append(saved)
        if result.errors:
            result.saved = []
            transaction.set_rollback(True)
    return result


def import_recipients(uploaded, *, commune, by):
    """Households, schools and units who receive support, for `commune`; staff and chair only."""
    lookups, cache = _Rows(commune.pk), {}

    def write(row, problems):
        recipient, added = lookups.recipient(row, problems, by=by, cache=cache)
        if recipient is not None and not added:
            problems.append(
                _("“%(label)s” đã có trong tệp hoặc trong danh sách") % {"label": recipient.label}
            )
        return recipient

    return _run(uploaded, RECIPIENT_HEADERS, [LABEL], write)


def import_houses(uploaded, *, campaign, by):
    """The campaign's houses, one a row: the household (found or added), the work, the value and
    each source, the stages' dates. Staff and chair only; all rows or none."""
    lookups, cache = _Rows(campaign.commune_id), {}

    def write(row, problems):
        recipient, _added = lookups.recipient(row, problems, by=by, cache=cache)
        kind = lookups.choice(row, HOUSE_KIND, lookups.house_kinds, House.Kind.GREAT_UNITY, problems)
        work = lookups.choice(row, WORK, lookups.works, House.Work.NEW, problems)
        total = lookups.money(row, TOTAL, problems, required=True)
        front = lookups.money(row, FRONT, problems)
        dates = {field: lookups.date(row, column, problems) for column, field in STAGE_COLUMNS}
        workdays = lookups.count(row, WORKDAYS, problems)
        sources = []
        for column, source_kind in SOURCE_COLUMNS:
            amount = lookups.money(row, column, problems)
            if amount:
                days = workdays if source_kind == HouseSource.Kind.WORKDAYS else 0
                sources.append(HouseSource(kind=source_kind, amount=amount, workdays=days))
        if workdays and not any(s.kind == HouseSource.Kind.WORKDAYS for s in sources):
            problems.append(_("có số ngày công nhưng thiếu “Ngày công quy ra tiền (đồng)”"))
        if problems:
            return None
        house = House(
            campaign=campaign,
            recipient=recipient,
            kind=kind,
            work=work,
            total_value=total,
            front_support=front,
            note=str(row.get(NOTE) or "").strip()[:255],
            **{field: day for field, day in dates.items() if day},
        )
        return services.save_house(house, by=by, sources=sources)

    return _run(uploaded, HOUSE_HEADERS, [LABEL, AREA, TOTAL], write)


# --- gift batches -------------------------------------------------------------------------------

TITLE, GIVEN_ON, BENEFICIARY, COUNT, UNIT_LABEL = (
    "Nội dung",
    "Ngày trao",
    "Đối tượng nhận",
    "Số suất",
    "Gọi là",
)
CASH, KIND_QUANTITY, KIND_UNIT = "Tiền mặt mỗi suất (đồng)", "Hiện vật mỗi suất (số lượng)", "Đơn vị hiện vật"
KIND_OTHER, KIND_VALUE = "Hiện vật khác", "Trị giá hiện vật mỗi suất (đồng)"
GIVER, PAID, FUNDING = "Đơn vị trao hoặc tài trợ", "Nguồn chi", "Nguồn ứng trước"
GIFT_HEADERS = [
    TITLE, GIVEN_ON, AREA, BENEFICIARY, COUNT, UNIT_LABEL, CASH, KIND_QUANTITY, KIND_UNIT, KIND_OTHER,
    KIND_VALUE, GIVER, PAID, FUNDING, NOTE,
]  # fmt: skip
# What "Khu dân cư" says for a batch handed out across the commune.
WHOLE_COMMUNE = ("Toàn xã", "Cả xã", "Toàn phường", "Cả phường")


def import_gift_batches(uploaded, *, campaign, by):
    """The campaign's gift batches, one a row (`200 suất quà, mỗi suất 500.000 đồng và 10 kg
    gạo`), the fund's part paid as `save_gift_batch` pays it. Staff and chair only; all rows
    or none. Top-ups of an earlier batch are entered in the admin, where the batch is chosen."""
    from .gifts import GiftBatch

    lookups = _Rows(campaign.commune_id)
    whole = {_key(word) for word in WHOLE_COMMUNE}
    paid_kinds = _choices(
        GiftBatch.Paid.choices,
        ("Không chi từ quỹ", GiftBatch.Paid.NOT_FROM_FUND),
        ("Tiền mặt", GiftBatch.Paid.CASH),
        ("Toàn bộ", GiftBatch.Paid.ALL),
    )

    def write(row, problems):
        title = str(row.get(TITLE) or "").strip()[:200]
        if not title:
            problems.append(_("thiếu “%(column)s”") % {"column": TITLE})
        day = lookups.date(row, GIVEN_ON, problems)
        if day is None and not any(GIVEN_ON in p for p in problems):
            problems.append(_("thiếu “%(column)s”") % {"column": GIVEN_ON})
        area = None if _key(row.get(AREA)) in whole else lookups.area(row, problems, required=False)
        beneficiary = lookups.choice(row, BENEFICIARY, lookups.recipient_kinds, Recipient.Kind.POOR, problems)
        count = lookups.count(row, COUNT, problems)
        if not count and not any(COUNT in p for p in problems):
            problems.append(_("thiếu “%(column)s”") % {"column": COUNT})
        paid = lookups.choice(row, PAID, paid_kinds, GiftBatch.Paid.CASH, problems)
        batch = GiftBatch(
            campaign=campaign,
            title=title,
            date=day,
            area=area,
            beneficiary_kind=beneficiary,
            count=count,
            unit_label=str(row.get(UNIT_LABEL) or "").strip()[:40] or "suất quà",
            cash_per_gift=lookups.money(row, CASH, problems),
            kind_quantity=lookups.count(row, KIND_QUANTITY, problems),
            kind_unit=str(row.get(KIND_UNIT) or "").strip()[:60],
            kind_description=str(row.get(KIND_OTHER) or "").strip()[:200],
            kind_value_per_gift=lookups.money(row, KIND_VALUE, problems),
            giver=str(row.get(GIVER) or "").strip()[:200],
            paid=paid,
            funding_source=str(row.get(FUNDING) or "").strip()[:200],
            note=str(row.get(NOTE) or "").strip()[:255],
        )
        if problems:
            return None
        return services.save_gift_batch(batch, by=by)

    return _run(uploaded, GIFT_HEADERS, [TITLE, GIVEN_ON, COUNT], write)
