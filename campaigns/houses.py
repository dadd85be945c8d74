"""Houses built or repaired for households (nhà Đại đoàn kết, nhà tình nghĩa): what each costs,
who pays which part, and where it stands (approved → money handed over → construction started
→ handed over).

A house's value is not fund money: the upper-level fund, the family and clan, the neighbours'
workdays pay their parts outside the commune's books. Only the Front's own support touches the
fund, and it does so as the ledger's `Disbursement`, recorded by `campaigns.services.save_house`
when the money is handed over. Writes go through `campaigns.services`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congresses.models import CommuneScopedQuerySet
from lib import bounds
from lib.vietnamese import format_money, format_number

from .gifts import Recipient, check_payout
from .models import Campaign, Disbursement, future_date_error


class Stage(models.TextChoices):
    APPROVED = "da_duyet", _("Đã duyệt")
    MONEY = "da_trao_tien", _("Đã trao tiền hỗ trợ")
    BUILDING = "dang_xay", _("Đang xây dựng, sửa chữa")
    HANDED_OVER = "da_ban_giao", _("Đã bàn giao")


# Each stage and the date field that records it, in order.
STAGE_DATES = [
    (Stage.APPROVED, "approved_on"),
    (Stage.MONEY, "money_handed_on"),
    (Stage.BUILDING, "started_on"),
    (Stage.HANDED_OVER, "handed_over_on"),
]


# What the fund's payout of a house was computed from: fixed once the payout is recorded.
FUND_FIGURES = ("campaign_id", "front_support", "money_handed_on")


class HouseQuerySet(CommuneScopedQuerySet):
    commune_lookup = "campaign__commune"

    def counted(self):
        """Houses that count in the figures: every one but those withdrawn from the programme."""
        return self.filter(withdrawn_reason="")

    def for_listing(self):
        return self.select_related("campaign", "area", "recipient", "disbursement").order_by(
            "area__position", "pk"
        )

    def totals(self):
        """{"count", "value", "front"} of these houses, one query."""
        return self.aggregate(
            count=Count("pk"), value=Coalesce(Sum("total_value"), 0), front=Coalesce(Sum("front_support"), 0)
        )


# Where a house stands, as a filter: the latest stage with a date.
STAGE_FILTERS = {
    Stage.HANDED_OVER: Q(handed_over_on__isnull=False),
    Stage.BUILDING: Q(handed_over_on__isnull=True, started_on__isnull=False),
    Stage.MONEY: Q(handed_over_on__isnull=True, started_on__isnull=True, money_handed_on__isnull=False),
    Stage.APPROVED: Q(handed_over_on__isnull=True, started_on__isnull=True, money_handed_on__isnull=True),
}


class House(models.Model):
    class Kind(models.TextChoices):
        GREAT_UNITY = "dai_doan_ket", _("Nhà Đại đoàn kết")
        GRATITUDE = "tinh_nghia", _("Nhà tình nghĩa")
        CHARITY = "nhan_ai", _("Nhà nhân ái, nhà tình thương")

    class Work(models.TextChoices):
        NEW = "xay_moi", _("Xây mới")
        REPAIR = "sua_chua", _("Sửa chữa")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="houses", verbose_name=_("cuộc vận động")
    )
    kind = models.CharField(_("loại nhà"), max_length=16, choices=Kind.choices, default=Kind.GREAT_UNITY)
    work = models.CharField(_("xây mới hay sửa chữa"), max_length=10, choices=Work.choices, default=Work.NEW)
    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, related_name="houses", verbose_name=_("hộ gia đình")
    )
    area = models.ForeignKey(
        "congresses.ResidentialArea",
        on_delete=models.PROTECT,
        related_name="houses",
        verbose_name=_("khu dân cư"),
        editable=False,
    )
    total_value = models.PositiveBigIntegerField(_("tổng trị giá (đồng)"), validators=[bounds.AmountLimit()])
    front_support = models.PositiveBigIntegerField(
        _("Mặt trận xã hỗ trợ (đồng)"),
        default=0,
        validators=[bounds.AmountLimit()],
        help_text=_("Phần chi từ quỹ của cuộc vận động; chỉ phần này tính vào thu chi của quỹ."),
    )
    approved_on = models.DateField(_("ngày duyệt"), default=timezone.localdate)
    money_handed_on = models.DateField(_("ngày trao tiền hỗ trợ"), null=True, blank=True)
    started_on = models.DateField(_("ngày khởi công"), null=True, blank=True)
    handed_over_on = models.DateField(_("ngày bàn giao"), null=True, blank=True)
    funding_source = models.CharField(
        _("nguồn ứng trước"),
        max_length=200,
        blank=True,
        help_text=_("Bắt buộc khi phần Mặt trận hỗ trợ vượt số dư của quỹ: tiền bù từ đâu."),
    )
    disbursement = models.OneToOneField(
        Disbursement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="house",
        verbose_name=_("khoản chi từ quỹ"),
        editable=False,
    )
    withdrawn_reason = models.CharField(
        _("lý do không thực hiện"),
        max_length=255,
        blank=True,
        help_text=_("Ghi khi hộ không còn trong chương trình; căn nhà không tính vào số liệu nữa."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = HouseQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử căn nhà"))

    class Meta:
        verbose_name = _("căn nhà")
        verbose_name_plural = _("nhà Đại đoàn kết, nhà tình nghĩa")
        ordering = ["campaign", "pk"]

    def __str__(self):
        if not self.recipient_id:
            return str(self.get_kind_display())
        return f"{self.get_kind_display()} — {self.recipient.label}"

    @property
    def kind_phrase(self):
        """The kind inside a sentence: `nhà Đại đoàn kết`, `nhà tình nghĩa`."""
        label = str(self.get_kind_display())
        return label[:1].lower() + label[1:]

    # --- sources ------------------------------------------------------------------------------
    def sources_total(self, sources=None):
        rows = self.sources.all() if sources is None else sources
        return sum(source.amount for source in rows)

    def remainder(self, sources=None):
        """What is left after the Front and every recorded source: `còn lại` (never negative here)."""
        return max((self.total_value or 0) - (self.front_support or 0) - self.sources_total(sources), 0)

    def funding_text(self, sources=None):
        """`Mặt trận xã hỗ trợ 40.000.000 đồng; Quỹ cấp trên 20.000.000 đồng; …; còn lại 5.000.000 đồng`."""
        rows = list(self.sources.all() if sources is None else sources)
        parts = []
        if self.front_support:
            parts.append(_("Mặt trận xã hỗ trợ %(m)s") % {"m": format_money(self.front_support, "đồng")})
        parts += [source.text() for source in rows]
        rest = self.remainder(rows)
        if rest:
            parts.append(_("còn lại %(m)s") % {"m": format_money(rest, "đồng")})
        return "; ".join(parts)

    # --- stages -------------------------------------------------------------------------------
    @property
    def stage(self):
        for stage, name in reversed(STAGE_DATES):
            if getattr(self, name):
                return stage
        return Stage.APPROVED

    @property
    def stage_label(self):
        return Stage(self.stage).label

    def stage_text(self):
        """`Đã bàn giao ngày 12/05/2026`."""
        day = getattr(self, dict(STAGE_DATES)[self.stage])
        return _("%(stage)s ngày %(date)s") % {"stage": self.stage_label, "date": date_format(day, "d/m/Y")}

    def clean_fields(self, exclude=None):
        # The house stands where its household lives: the area follows the recipient.
        if self.recipient_id:
            self.area_id = self.recipient.area_id
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        if self.recipient_id:
            if not self.recipient.is_household:
                errors["recipient"] = _("Nhà Đại đoàn kết, nhà tình nghĩa là của một hộ gia đình.")
            elif self.campaign_id and self.recipient.commune_id != self.campaign.commune_id:
                errors["recipient"] = _("Hộ gia đình không thuộc xã của cuộc vận động.")
        if self.total_value is not None and self.total_value <= 0:
            errors["total_value"] = _("Tổng trị giá căn nhà phải lớn hơn 0.")
        elif self.total_value and (self.front_support or 0) > self.total_value:
            errors["front_support"] = _(
                "Phần Mặt trận hỗ trợ (%(front)s) lớn hơn tổng trị giá căn nhà (%(total)s)."
            ) % {"front": format_money(self.front_support), "total": format_money(self.total_value)}
        previous = None
        for stage, name in STAGE_DATES:
            day = getattr(self, name)
            if day is None:
                continue
            if future_date_error(day):
                errors[name] = future_date_error(day)
            elif previous is not None and day < previous[1]:
                errors[name] = _("Ngày này phải từ ngày %(date)s (%(stage)s) trở đi.") % {
                    "date": date_format(previous[1], "d/m/Y"),
                    "stage": Stage(previous[0]).label.lower(),
                }
            previous = (stage, day)
        missing = self._missing_stage()
        if missing and missing[1] not in errors:
            errors[missing[1]] = _("Hãy ghi ngày “%(missing)s” trước.") % {"missing": Stage(missing[0]).label}
        if errors:
            raise ValidationError(errors)
        check_payout(self, FUND_FIGURES, {"date": "money_handed_on", "funding_source": "funding_source"})

    @property
    def fund_amount(self):
        """The Front's support, paid from the fund once the money is handed over (else 0)."""
        return (self.front_support or 0) if self.money_handed_on else 0

    def pending_disbursement(self):
        """The unsaved payout of the Front's support (see `services.save_house`)."""
        return Disbursement(
            campaign=self.campaign,
            date=self.money_handed_on,
            amount=self.front_support,
            beneficiary_kind=self.recipient.beneficiary_kind,
            beneficiary_count=1,
            purpose=self.disbursement_purpose()[:255],
            area=self.recipient.area,
            funding_source=self.funding_source,
        )

    def _missing_stage(self):
        """(the stage skipped, the later date field set) or None: a house is not handed over
        before it was started. Handing over money is skipped when the Front gives none."""
        skipped = None
        for stage, name in STAGE_DATES[1:]:
            if getattr(self, name) is None:
                if not (stage == Stage.MONEY and not self.front_support):
                    skipped = skipped or stage
            elif skipped:
                return (skipped, name)
        return None

    def check_sources(self, sources):
        """Refuse sources that add up to more than the house is worth (Vietnamese message)."""
        known = (self.front_support or 0) + self.sources_total(sources)
        if self.total_value and known > self.total_value:
            raise ValidationError(
                _(
                    "Các nguồn cộng lại %(known)s, vượt tổng trị giá căn nhà %(total)s "
                    "(Mặt trận xã %(front)s + các nguồn khác %(others)s)."
                )
                % {
                    "known": format_money(known),
                    "total": format_money(self.total_value),
                    "front": format_money(self.front_support or 0),
                    "others": format_money(self.sources_total(sources)),
                }
            )

    def disbursement_purpose(self):
        return _("Hỗ trợ %(work)s %(kind)s cho %(who)s, %(area)s") % {
            "work": self.get_work_display().lower(),
            "kind": self.kind_phrase,
            # The payout is public: it names the kind of household, never its label.
            "who": self.recipient.get_kind_display().lower(),
            "area": self.recipient.area.full_name if self.recipient.area_id else "",
        }


class HouseSourceQuerySet(CommuneScopedQuerySet):
    commune_lookup = "house__campaign__commune"


class HouseSource(models.Model):
    """A part of a house's value paid outside the commune fund: never in the fund's balance."""

    class Kind(models.TextChoices):
        UPPER_FUND = "quy_cap_tren", _("Quỹ “Vì người nghèo” cấp trên")
        COMMUNE_BUDGET = "quy_xa", _("Ngân sách, quỹ khác của xã")
        SPONSOR = "nha_tai_tro", _("Nhà tài trợ")
        FAMILY = "gia_dinh_dong_ho", _("Gia đình và dòng họ")
        WORKDAYS = "ngay_cong", _("Ngày công của bà con lối xóm (quy ra tiền)")
        OTHER = "khac", _("Nguồn khác")

    house = models.ForeignKey(
        House, on_delete=models.PROTECT, related_name="sources", verbose_name=_("căn nhà")
    )
    kind = models.CharField(_("nguồn"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("tên nguồn"), max_length=200, blank=True, help_text=_("Ví dụ: Công ty …"))
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"), validators=[bounds.AmountLimit()])
    workdays = models.PositiveIntegerField(
        _("số ngày công"), default=0, validators=[bounds.CountLimit()], help_text=_("Với ngày công.")
    )

    objects = HouseSourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí khác")
        ordering = ["house", "pk"]

    def __str__(self):
        return self.text()

    def text(self):
        """`Gia đình và dòng họ 10.000.000 đồng`, `30 ngày công của bà con lối xóm (trị giá 6.000.000 đồng)`."""
        if self.kind == self.Kind.WORKDAYS and self.workdays:
            return _("%(days)s ngày công của bà con lối xóm (trị giá %(m)s)") % {
                "days": format_number(self.workdays),
                "m": format_money(self.amount or 0, "đồng"),
            }
        label = self.name or self.get_kind_display()
        return f"{label} {format_money(self.amount or 0, 'đồng')}"

    def clean(self):
        if self.kind == self.Kind.WORKDAYS and not self.workdays:
            raise ValidationError({"workdays": _("Hãy ghi số ngày công (trị giá ghi ở ô số tiền).")})
        if self.kind != self.Kind.WORKDAYS and self.workdays:
            raise ValidationError({"workdays": _("Số ngày công chỉ ghi với nguồn “Ngày công”.")})
