"""The công khai thu – chi table of a fund over a period, read from the ledger, and its PDF.

Opening balance + receipts − payments = closing balance, where the opening balance is the fund's
balance at the end of the day before the period (plus any số dư đầu kỳ carried over inside it),
receipts are what the commune raised (grouped as the committee chose) and what the upper level's
fund sent, and payments are the payouts (each with its recipient) and what was passed up. The
HTML page and the PDF render the same partial from the same `Table`; a handful of queries.
"""

from dataclasses import dataclass, field

from django.contrib.staticfiles import finders
from django.db.models import Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from congresses.models import FrontCommittee, Membership, Position, ResidentialArea
from lib.vietnamese import date_line, format_number

from .funds import FundStatement, FundTransfer, fund_balance, fund_payouts, main_fund
from .models import Contribution

Grouping = FundStatement.Grouping


@dataclass
class Line:
    label: str
    amount: int
    note: str = ""


@dataclass
class Section:
    title: str
    lines: list = field(default_factory=list)

    @property
    def total(self):
        return sum(line.amount for line in self.lines)


@dataclass
class Table:
    statement: FundStatement
    opening: int
    carried: list  # the số dư đầu kỳ entries inside the period, as lines
    raised: Section
    received: Section
    paid: Section
    passed_up: Section
    signer_name: str
    place: str
    header_body: str

    @property
    def receipts(self):
        return self.raised.total + self.received.total

    @property
    def payments(self):
        return self.paid.total + self.passed_up.total

    @property
    def closing(self):
        return self.opening + self.receipts - self.payments

    @property
    def fund(self):
        return self.statement.indicator

    @property
    def date_line(self):
        return date_line(self.place, self.statement.signed_on)


def build_table(statement):
    """The table of `statement` (its indicator, campaign and commune selected with it)."""
    fund = statement.indicator
    start, end = statement.start_date, statement.end_date
    main = main_fund(fund.campaign)
    transfers = list(
        FundTransfer.objects.countable()
        .filter(indicator=fund, date__range=(start, end))
        .order_by("date", "id")
    )
    carried = [
        Line(t.counterpart, t.amount, _day(t.date)) for t in transfers if t.kind == FundTransfer.Kind.OPENING
    ]
    opening = fund_balance(fund, until=statement.day_before_start) + sum(line.amount for line in carried)
    received = Section(
        _("Tiếp nhận từ Quỹ cấp trên"),
        [_transfer_line(t) for t in transfers if t.kind == FundTransfer.Kind.FROM_UPPER],
    )
    passed_up = Section(
        _("Chuyển Quỹ cấp trên"),
        [_transfer_line(t) for t in transfers if t.kind == FundTransfer.Kind.TO_UPPER],
    )
    payouts = (
        fund_payouts(fund, main.pk if main else None)
        .filter(date__range=(start, end))
        .select_related("area")
        .order_by("date", "id")
    )
    paid = Section(_("Chi hỗ trợ"), [_payout_line(entry) for entry in payouts])
    commune = fund.campaign.commune
    return Table(
        statement=statement,
        opening=opening,
        carried=carried,
        raised=_raised(statement),
        received=received,
        paid=paid,
        passed_up=passed_up,
        signer_name=statement.signer_name or chair_name(commune, statement.signed_on),
        place=statement.place or commune.name,
        header_body=commune.full_name.upper(),
    )


def _day(day):
    return date_format(day, "d/m/Y")


def _transfer_line(transfer):
    note = _day(transfer.date)
    if transfer.note:
        note = f"{note}; {transfer.note}"
    return Line(transfer.counterpart, transfer.amount, note)


def _payout_line(entry):
    whom = f"{entry.get_beneficiary_kind_display()}: {format_number(entry.beneficiary_count)}"
    if entry.area_id:
        whom += f", {entry.area.in_sentence}"
    parts = [_day(entry.date), whom]
    if entry.funding_source:
        parts.append(_("nguồn ứng trước: %(source)s") % {"source": entry.funding_source})
    return Line(entry.purpose, entry.amount, "; ".join(parts))


def _raised(statement):
    """What the commune raised in the period, one line per group the committee chose."""
    entries = Contribution.objects.countable().filter(
        indicator=statement.indicator, date__range=(statement.start_date, statement.end_date)
    )
    total = Coalesce(Sum("amount"), 0)
    if statement.grouping == Grouping.MONTH:
        rows = (
            entries.annotate(month=TruncMonth("date")).values("month").annotate(total=total).order_by("month")
        )
        lines = [
            Line(_("Tháng %(month)s") % {"month": date_format(r["month"], "m/Y")}, r["total"]) for r in rows
        ]
        return Section(_("Vận động, ủng hộ trong kỳ (theo tháng)"), lines)
    if statement.grouping == Grouping.DONOR_KIND:
        sums = dict(entries.values_list("donor_kind").annotate(total=total).order_by())
        kinds = Contribution.DonorKind
        lines = [Line(str(kind.label), sums[kind.value]) for kind in kinds if sums.get(kind.value)]
        return Section(_("Vận động, ủng hộ trong kỳ (theo đối tượng)"), lines)
    sums = dict(entries.values_list("area_id").annotate(total=total).order_by())
    areas = ResidentialArea.objects.filter(pk__in=[pk for pk in sums if pk]).order_by("position", "name")
    lines = [Line(area.full_name, sums[area.pk]) for area in areas if sums[area.pk]]
    if sums.get(None):  # entries of the commune as a whole, where the ledger allows them
        lines.append(Line(_("Cơ quan, đơn vị, cá nhân trên địa bàn xã"), sums[None]))
    return Section(_("Vận động, ủng hộ trong kỳ (theo khu dân cư)"), lines)


def chair_name(commune, day):
    """The name of the commune Front's Chủ tịch on `day` per the term's members ("" if unknown)."""
    membership = (
        Membership.objects.on(day)
        .filter(
            term__committee__commune=commune,
            term__committee__level=FrontCommittee.Level.COMMUNE,
            position__kind=Position.Kind.HEAD,
        )
        .select_related("person")
        .first()
    )
    return membership.person.full_name if membership else ""


# --- PDF -----------------------------------------------------------------------------------------


def _no_fetching(url, *args, **kwargs):
    """The document needs nothing from outside: a URL in it is never fetched."""
    raise ValueError(f"not fetched: {url}")


def _weasyprint():
    """WeasyPrint, imported on first use (loading pango costs a few hundred ms).

    Importing it sets Pillow's process-wide `ImageFile.LOAD_TRUNCATED_IMAGES = True`, which
    would let every later upload check in the process accept a half-sent photo; the document
    has no images, so the setting is put back as it was.
    """
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint

    ImageFile.LOAD_TRUNCATED_IMAGES = before
    return weasyprint


def render_pdf(table):
    """The table as an A4 PDF (bytes), typeset by WeasyPrint in a serif the machine has."""
    weasyprint = _weasyprint()
    CSS, HTML = weasyprint.CSS, weasyprint.HTML
    html = render_to_string("campaigns/thuchi_pdf.html", {"table": table})
    sheet = CSS(filename=finders.find("css/thuchi.css"))
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(stylesheets=[sheet])


def pdf_filename(statement):
    fund = statement.indicator
    return f"cong-khai-thu-chi-{fund.campaign.slug}-{statement.start_date:%Y%m%d}-{statement.end_date:%Y%m%d}.pdf"
