"""Funds and their balances: each money indicator of a campaign is a fund (Quỹ “Vì người
nghèo”, Quỹ cứu trợ …) with a balance of its own, and what moves money in or out of it without
the commune raising or spending it — the opening balance carried over (số dư đầu kỳ), money
received from the upper level's fund (tiếp nhận từ Quỹ cấp trên) and money passed up to it
(chuyển Quỹ cấp trên) — plus the fund's published statements (công khai thu – chi).

Why the indicator is the fund: contributions already belong to one indicator, so receipts are
split by fund already; only payouts and transfers need to name theirs. A payout that names no
fund is the campaign's main fund's (its first money indicator), so a campaign with one fund
works as it always did.

Transfers are not contributions: nothing that sums what the commune raised (the sentence
"được … đồng", progress against the target, rankings, rounds, reports) ever reads them; only
the balance does. Like every ledger entry they are never erased and are corrected by a
reversing entry. Writes go through `campaigns.services`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Sum, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib import bounds
from lib.fields import recorded_by
from lib.vietnamese import format_money

from .models import AreaScopedQuerySet, Contribution, Disbursement, Indicator, LedgerEntry, future_date_error


def main_fund(campaign):
    """The campaign's first money indicator (by position): the fund of payouts that name none."""
    return campaign.indicators.filter(unit=Indicator.Unit.MONEY).order_by("position", "id").first()


def fund_payouts(fund, main_fund_id=None):
    """The disbursements paid from `fund`: those naming it, and for the main fund those naming none."""
    if main_fund_id is None:
        main = main_fund(fund.campaign)
        main_fund_id = main.pk if main else None
    condition = Q(indicator=fund)
    if main_fund_id == fund.pk:
        condition |= Q(indicator__isnull=True)
    return Disbursement.objects.countable().filter(campaign_id=fund.campaign_id).filter(condition)


def _signed():
    """A transfer's effect on the balance: inflows add, transfers up subtract (reversals carry
    the opposite sign in `amount`, so they cancel either way)."""
    return Case(When(kind__in=FundTransfer.INFLOWS, then="amount"), default=-models.F("amount"))


def fund_balance(fund, *, until=None, excluding=None):
    """Opening balance + raised + received − paid − passed up, in đồng, up to `until` (inclusive).

    `excluding`: a disbursement or transfer left out, so a change is checked against the
    balance without its own old amount.
    """
    raised = Contribution.objects.countable().filter(indicator=fund)
    paid = fund_payouts(fund)
    moved = FundTransfer.objects.countable().filter(indicator=fund)
    if until is not None:
        raised, paid, moved = (rows.filter(date__lte=until) for rows in (raised, paid, moved))
    if excluding is not None and excluding.pk:
        if isinstance(excluding, Disbursement):
            paid = paid.exclude(pk=excluding.pk)
        else:
            moved = moved.exclude(pk=excluding.pk)
    return (
        raised.aggregate(total=Coalesce(Sum("amount"), 0))["total"]
        + moved.aggregate(total=Coalesce(Sum(_signed()), 0))["total"]
        - paid.aggregate(total=Coalesce(Sum("amount"), 0))["total"]
    )


def transfer_totals(indicator_ids):
    """{indicator_id: {kind: total}} of the countable transfers of these funds, one query."""
    totals = {}
    rows = (
        FundTransfer.objects.countable()
        .filter(indicator_id__in=indicator_ids)
        .values("indicator_id", "kind")
        .annotate(total=Coalesce(Sum("amount"), 0))
        .order_by()
    )
    for row in rows:
        totals.setdefault(row["indicator_id"], {})[row["kind"]] = row["total"]
    return totals


class FundTransferQuerySet(AreaScopedQuerySet):
    area_lookup = None  # the commune's money: staff and the chair see it, officers do not
    commune_lookup = "indicator__campaign__commune"

    def countable(self):
        """Transfers within `lib.bounds`, the ones a balance sums (see Contribution's)."""
        return self.filter(bounds.within("amount", bounds.MAX_AMOUNT, signed=True))


class FundTransfer(LedgerEntry):
    """Money entering or leaving a fund that the commune neither raised nor spent."""

    class Kind(models.TextChoices):
        OPENING = "so_du_dau_ky", _("Số dư đầu kỳ chuyển sang")
        FROM_UPPER = "nhan_cap_tren", _("Tiếp nhận từ Quỹ cấp trên")
        TO_UPPER = "chuyen_cap_tren", _("Chuyển Quỹ cấp trên")

    INFLOWS = (Kind.OPENING, Kind.FROM_UPPER)

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("quỹ")
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("ngày"), default=timezone.localdate)
    # Signed: a reversing entry holds the negative of the entry it corrects.
    amount = models.BigIntegerField(
        _("số tiền (đồng)"), validators=[bounds.AmountFloor(), bounds.AmountLimit()]
    )
    counterpart = models.CharField(
        _("nguồn, nơi nhận"),
        max_length=200,
        help_text=_(
            "Số dư đầu kỳ: từ đâu chuyển sang (ví dụ: số dư Quỹ năm 2025). Tiếp nhận, chuyển: "
            "quỹ cấp trên nào (ví dụ: Ban vận động Quỹ “Vì người nghèo” tỉnh)."
        ),
    )
    note = models.CharField(_("ghi chú, chứng từ"), max_length=255, blank=True)

    reversed_figures = ("amount",)
    copied_on_reversal = ("indicator", "kind", "counterpart")
    reason_field = "note"
    scoped_by_area = False
    late_entry_advice = _(
        "Khoản chuyển quỹ trong kỳ đã khóa mà chưa nhập: hãy nhập với ngày hôm nay (%(today)s) "
        "và ghi ngày thật vào ô ghi chú"
    )

    objects = FundTransferQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử chuyển quỹ"))

    class Meta:
        verbose_name = _("số dư đầu kỳ, tiếp nhận, chuyển quỹ")
        verbose_name_plural = _("số dư đầu kỳ, tiếp nhận, chuyển quỹ")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["indicator", "date", "kind", "amount"], name="transfer_fund_date")]
        constraints = [
            models.CheckConstraint(
                condition=bounds.within("amount", bounds.MAX_AMOUNT, signed=True),
                name="fund_transfer_amount_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.counterpart} — {format_money(self.amount)}"

    @property
    def campaign(self):
        return self.indicator.campaign

    def campaign_for_lock(self):
        return self.indicator.campaign

    @property
    def is_inflow(self):
        return self.kind in self.INFLOWS

    def clean(self):
        errors = {}
        self.counterpart = " ".join((self.counterpart or "").split())
        if self.amount is not None and self.amount <= 0 and not self.reverses_id:
            errors["amount"] = _("Số tiền phải lớn hơn 0.")
        if not self.counterpart:
            errors["counterpart"] = _("Hãy ghi nguồn chuyển sang hoặc quỹ cấp trên nhận, chuyển tiền.")
        if future_date_error(self.date):
            errors["date"] = future_date_error(self.date)
        if self.indicator_id and not self.indicator.is_money:
            errors["indicator"] = _("Chỉ tiêu này không tính bằng tiền, không phải một quỹ.")
        if errors:
            raise ValidationError(errors)
        if self.date and self.indicator_id:
            self.check_not_locked()
        if self.reverses_id:
            return
        if self.kind == self.Kind.OPENING:
            self._check_single_opening()
        if self.kind == self.Kind.TO_UPPER and self.amount:
            balance = fund_balance(self.indicator, excluding=self)
            if self.amount > balance:
                raise ValidationError(
                    {
                        "amount": _("Số dư của quỹ hiện còn %(balance)s, không chuyển được %(amount)s.")
                        % {"balance": format_money(max(balance, 0)), "amount": format_money(self.amount)}
                    }
                )

    def _check_single_opening(self):
        others = (
            FundTransfer.objects.filter(indicator_id=self.indicator_id, kind=self.Kind.OPENING)
            .filter(reverses__isnull=True, reversed_by__isnull=True)
            .exclude(pk=self.pk)
        )
        if others.exists():
            raise ValidationError(
                {
                    "kind": _(
                        "Quỹ này đã có số dư đầu kỳ. Muốn sửa, hãy lập bút toán điều chỉnh cho số cũ "
                        "rồi nhập số mới."
                    )
                }
            )


# --- công khai thu – chi ----------------------------------------------------------------------


class FundStatementQuerySet(AreaScopedQuerySet):
    area_lookup = None  # prepared by the commune's staff; officers see the published page
    commune_lookup = "indicator__campaign__commune"

    def published(self):
        """What citizens may read: published statements of public campaigns."""
        from .models import Campaign

        return self.filter(is_published=True).exclude(indicator__campaign__status=Campaign.Status.DRAFT)


class FundStatement(models.Model):
    """A fund's receipts and payments over a period, as the committee posts it (công khai thu – chi).

    Its figures are read from the ledger when shown; publishing asks for the period's books to
    be locked, so a published table no longer changes (corrections land in a later period).
    """

    class Grouping(models.TextChoices):
        AREA = "khu_dan_cu", _("Theo khu dân cư (thôn, tổ dân phố)")
        DONOR_KIND = "doi_tuong", _("Theo đối tượng ủng hộ (cá nhân, cơ quan, doanh nghiệp …)")
        MONTH = "thang", _("Theo tháng")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="statements", verbose_name=_("quỹ")
    )
    period_name = models.CharField(
        _("tên kỳ"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: 6 tháng đầu năm 2026. Để trống: “từ ngày … đến ngày …”."),
    )
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    grouping = models.CharField(
        _("nhóm các khoản thu"), max_length=16, choices=Grouping.choices, default=Grouping.AREA
    )
    number = models.CharField(_("số ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 12/BC-MTTQ"))
    place = models.CharField(
        _("địa danh"), max_length=80, blank=True, help_text=_("Để trống: tên xã, ví dụ Hòa Phú.")
    )
    signed_on = models.DateField(_("ngày ký"), default=timezone.localdate)
    prepared_by_name = models.CharField(_("người lập biểu"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức danh người ký"), max_length=80, default="Chủ tịch")
    signer_name = models.CharField(
        _("họ tên người ký"),
        max_length=120,
        blank=True,
        help_text=_("Để trống: Chủ tịch Ủy ban MTTQ xã theo danh sách nhiệm kỳ, vào ngày ký."),
    )
    is_published = models.BooleanField(_("đã công khai"), default=False, editable=False)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True, editable=False)
    published_by = recorded_by(_("người công khai"))
    created_by = recorded_by(_("người tạo"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = FundStatementQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử bảng công khai thu – chi"))

    class Meta:
        verbose_name = _("bảng công khai thu – chi")
        verbose_name_plural = _("bảng công khai thu – chi")
        ordering = ["-end_date", "-id"]
        permissions = [("publish_fundstatement", _("Công khai, thôi công khai bảng thu – chi"))]

    def __str__(self):
        return f"{self.indicator.name} — {self.period_text}" if self.indicator_id else self.period_text

    @property
    def period_text(self):
        """`6 tháng đầu năm 2026 (từ ngày 01/01/2026 đến ngày 30/06/2026)` or just the dates."""
        if not (self.start_date and self.end_date):
            return self.period_name
        dates = _("từ ngày %(start)s đến ngày %(end)s") % {
            "start": date_format(self.start_date, "d/m/Y"),
            "end": date_format(self.end_date, "d/m/Y"),
        }
        return f"{self.period_name} ({dates})" if self.period_name else dates[0].upper() + dates[1:]

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Ngày cuối kỳ phải sau ngày đầu kỳ.")
        if self.end_date and self.end_date > timezone.localdate():
            errors["end_date"] = _("Kỳ công khai chưa kết thúc: chọn ngày cuối kỳ đến hôm nay.")
        if self.indicator_id and not self.indicator.is_money:
            errors["indicator"] = _("Chỉ tiêu này không tính bằng tiền, không phải một quỹ.")
        if errors:
            raise ValidationError(errors)

    def publish_refusal(self):
        """Why this statement cannot be published (a Vietnamese sentence), or None."""
        locked = self.indicator.campaign.locked_until()
        if locked is None or locked < self.end_date:
            return _(
                "Sổ của cuộc vận động chưa khóa đến hết ngày %(end)s: hãy đề nghị Chủ tịch khóa sổ "
                "kỳ này trước khi công khai, để số liệu đã công khai không còn thay đổi."
            ) % {"end": date_format(self.end_date, "d/m/Y")}
        return None

    def get_absolute_url(self):
        return reverse("campaigns:thuchi", args=[self.indicator.campaign.slug, self.pk])

    def pdf_url(self):
        return reverse("campaigns:thuchi_pdf", args=[self.indicator.campaign.slug, self.pk])

    @property
    def day_before_start(self):
        return self.start_date - datetime.timedelta(days=1)
