"""Who receives: recipients (households, schools, units) kept apart from donors, and gift
batches handed to them — a count × a unit value (`mỗi suất 500.000 đồng`), with a cash part, an
in-kind part (kg of rice, with or without a money value), and top-ups to some of the same
households that add money but not gifts.

The fund's balance is the ledger's: when a batch is paid from the campaign's fund, the service
records one `Disbursement` for the fund's part and links it here, so the balance, the locked
periods and the overspending rule are those of every other payout. Writes go through
`campaigns.services` (`save_recipient`, `save_gift_batch`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congresses.models import CommuneScopedQuerySet
from lib import bounds
from lib.vietnamese import format_money, format_number

from .models import AreaScopedQuerySet, Campaign, Disbursement, future_date_error


class RecipientQuerySet(AreaScopedQuerySet):
    # A list of poor households is the commune's: staff and the chair see it, officers do not.
    area_lookup = None
    commune_lookup = "commune"

    def for_listing(self):
        return self.select_related("area", "commune").order_by("area__position", "label", "pk")


class Recipient(models.Model):
    """One who receives support: a household (with its hamlet), a school, a unit.

    The label need not be a real name (`Hộ nghèo số 12`, `Hộ bà N.T.L.`); it is shown only in
    the back office. Never deleted: a household that left the list is marked so.
    """

    class Kind(models.TextChoices):
        POOR = "ho_ngheo", _("Hộ nghèo")
        NEAR_POOR = "ho_can_ngheo", _("Hộ cận nghèo")
        POLICY = "gia_dinh_chinh_sach", _("Gia đình chính sách")
        HARDSHIP = "hoan_nan", _("Gia đình gặp hoạn nạn, thiên tai")
        SICK = "benh_hiem_ngheo", _("Người mắc bệnh hiểm nghèo")
        STUDENT = "hoc_sinh", _("Học sinh có hoàn cảnh khó khăn")
        SCHOOL = "truong_hoc", _("Trường học")
        UNIT = "don_vi", _("Đơn vị, tổ chức")
        OTHER = "khac", _("Khác")

    HOUSEHOLDS = {Kind.POOR, Kind.NEAR_POOR, Kind.POLICY, Kind.HARDSHIP, Kind.SICK, Kind.STUDENT}

    commune = models.ForeignKey(
        "congresses.Commune",
        on_delete=models.PROTECT,
        related_name="recipients",
        verbose_name=_("xã, phường"),
    )
    kind = models.CharField(_("đối tượng"), max_length=24, choices=Kind.choices, default=Kind.POOR)
    label = models.CharField(
        _("tên gọi"),
        max_length=200,
        help_text=_("Không cần tên thật: Hộ nghèo số 12, Hộ bà N.T.L., Trường Tiểu học số 1."),
    )
    area = models.ForeignKey(
        "congresses.ResidentialArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recipients",
        verbose_name=_("khu dân cư"),
        help_text=_("Bắt buộc với hộ gia đình."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    is_active = models.BooleanField(
        _("còn trong danh sách"), default=True, help_text=_("Bỏ chọn khi hộ đã thoát nghèo, chuyển đi …")
    )

    objects = RecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("đối tượng nhận hỗ trợ")
        verbose_name_plural = _("đối tượng nhận hỗ trợ")
        ordering = ["commune", "label", "pk"]

    def __str__(self):
        where = f" — {self.area.full_name}" if self.area_id else ""
        return f"{self.label} ({self.get_kind_display()}){where}"

    @property
    def is_household(self):
        return self.kind in self.HOUSEHOLDS

    @property
    def beneficiary_kind(self):
        """The matching kind of a disbursement (schools and units are “Khác” there)."""
        values = {choice.value for choice in Disbursement.Beneficiary}
        return self.kind if self.kind in values else Disbursement.Beneficiary.OTHER

    def clean(self):
        self.label = " ".join((self.label or "").split())
        errors = {}
        if not self.label:
            errors["label"] = _("Hãy ghi tên gọi của đối tượng (không cần tên thật).")
        if self.is_household and not self.area_id:
            errors["area"] = _("Hộ gia đình cần ghi khu dân cư (thôn) nơi hộ sinh sống.")
        if self.area_id and self.commune_id and self.area.commune_id != self.commune_id:
            errors["area"] = _("Khu dân cư không thuộc xã này.")
        if errors:
            raise ValidationError(errors)


# What the fund's payout of a batch was computed from: fixed once the payout is recorded.
FUND_FIGURES = ("campaign_id", "date", "count", "cash_per_gift", "kind_value_per_gift", "paid")


def check_payout(record, fixed, field_for):
    """The rules of the fund's payout behind a gift batch or a house, checked before saving.

    Once the payout is recorded its figures stay (a payout is corrected by a reversing entry in
    the ledger, never by changing the record it came from). Before that, the would-be payout is
    checked like any other (locked period, overspending without a funding source) and its
    messages are shown on the record's own fields (`field_for`: payout field → record field).
    """
    if record.disbursement_id:
        stored = type(record).objects.filter(pk=record.pk).values(*fixed).first() or {}
        changed = [name for name in fixed if name in stored and stored[name] != getattr(record, name)]
        if changed:
            raise ValidationError(
                _(
                    "Phần chi từ quỹ đã ghi thành khoản chi #%(id)s: không sửa các số liệu đó nữa. "
                    "Muốn sửa, hãy lập bút toán điều chỉnh khoản chi rồi ghi lại."
                )
                % {"id": record.disbursement_id}
            )
        return
    if not record.campaign_id or not record.fund_amount:
        return
    try:
        record.pending_disbursement().full_clean()
    except ValidationError as error:
        errors = {}
        for name, messages in error.message_dict.items():
            errors.setdefault(field_for.get(name, "__all__"), []).extend(messages)
        raise ValidationError(errors) from None


class GiftBatchQuerySet(CommuneScopedQuerySet):
    commune_lookup = "campaign__commune"

    def gifts(self):
        """Batches that hand out gifts (not top-ups): the ones whose count is a number of gifts."""
        return self.filter(tops_up__isnull=True)

    def for_listing(self):
        return self.select_related("campaign", "area", "tops_up", "disbursement").order_by("-date", "-pk")

    def summary(self):
        """{"gifts", "value", "cash", "kind_value", "topped_up", "top_up_value"} of these batches, in SQL."""
        cash = F("count") * F("cash_per_gift")
        kind = F("count") * F("kind_value_per_gift")
        sums = self.aggregate(
            gifts=Coalesce(Sum("count", filter=Q(tops_up__isnull=True)), 0),
            cash=Coalesce(Sum(cash), 0),
            kind_value=Coalesce(Sum(kind), 0),
            topped_up=Coalesce(Sum("count", filter=Q(tops_up__isnull=False)), 0),
            top_up_value=Coalesce(Sum(cash + kind, filter=Q(tops_up__isnull=False)), 0),
        )
        sums["value"] = sums["cash"] + sums["kind_value"]
        return sums


class GiftBatch(models.Model):
    """A handing-out of gifts: `200 suất quà Tết, mỗi suất 500.000 đồng tiền mặt và 10 kg gạo`.

    A top-up (`tops_up` set) gives more to some households of an earlier batch: its count is how
    many of them, and it adds to the value, never to the number of gifts.
    """

    class Paid(models.TextChoices):
        NOT_FROM_FUND = "ngoai_quy", _("Không chi từ quỹ (nhà tài trợ trao trực tiếp)")
        CASH = "tien_mat", _("Phần tiền mặt chi từ quỹ")
        ALL = "toan_bo", _("Toàn bộ (tiền mặt và hiện vật mua) chi từ quỹ")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="gift_batches", verbose_name=_("cuộc vận động")
    )
    title = models.CharField(
        _("nội dung"), max_length=200, help_text=_("Ví dụ: Trao quà Tết Nguyên đán Bính Ngọ 2026")
    )
    date = models.DateField(_("ngày trao"), default=timezone.localdate)
    area = models.ForeignKey(
        "congresses.ResidentialArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gift_batches",
        verbose_name=_("khu dân cư"),
        help_text=_("Để trống khi trao cho cả xã."),
    )
    beneficiary_kind = models.CharField(
        _("đối tượng nhận"),
        max_length=24,
        choices=Recipient.Kind.choices,
        default=Recipient.Kind.POOR,
    )
    count = models.PositiveIntegerField(
        _("số suất"),
        validators=[bounds.CountLimit()],
        help_text=_("Với đợt bổ sung: số hộ được bổ sung (không tính thêm suất quà)."),
    )
    unit_label = models.CharField(_("gọi là"), max_length=40, default="suất quà")
    cash_per_gift = models.PositiveBigIntegerField(
        _("tiền mặt mỗi suất (đồng)"), default=0, validators=[bounds.AmountLimit()]
    )
    kind_quantity = models.PositiveIntegerField(
        _("hiện vật mỗi suất (số lượng)"), default=0, validators=[bounds.CountLimit()]
    )
    kind_unit = models.CharField(
        _("đơn vị hiện vật"), max_length=60, blank=True, help_text=_("Ví dụ: kg gạo")
    )
    kind_description = models.CharField(
        _("hiện vật khác"), max_length=200, blank=True, help_text=_("Ví dụ: 1 thùng mì, 1 chai dầu ăn")
    )
    kind_value_per_gift = models.PositiveBigIntegerField(
        _("trị giá hiện vật mỗi suất (đồng)"),
        default=0,
        validators=[bounds.AmountLimit()],
        help_text=_("Để 0 khi hiện vật không quy ra tiền."),
    )
    giver = models.CharField(
        _("đơn vị trao, tài trợ"), max_length=200, blank=True, help_text=_("Ví dụ: Công ty … phối hợp trao")
    )
    paid = models.CharField(_("nguồn chi"), max_length=12, choices=Paid.choices, default=Paid.CASH)
    funding_source = models.CharField(
        _("nguồn ứng trước"),
        max_length=200,
        blank=True,
        help_text=_("Bắt buộc khi phần chi từ quỹ vượt số dư: tiền bù từ đâu."),
    )
    tops_up = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="top_ups",
        verbose_name=_("bổ sung cho đợt"),
        help_text=_("Chọn khi đây là khoản bổ sung cho một số hộ đã nhận ở đợt trước."),
    )
    recipients = models.ManyToManyField(
        Recipient, blank=True, related_name="gift_batches", verbose_name=_("người nhận (nếu ghi)")
    )
    disbursement = models.OneToOneField(
        Disbursement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gift_batch",
        verbose_name=_("khoản chi từ quỹ"),
        editable=False,
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = GiftBatchQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử đợt trao quà"), excluded_fields=["recipients"])

    class Meta:
        verbose_name = _("đợt trao quà")
        verbose_name_plural = _("đợt trao quà")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.title} — {format_number(self.count or 0)} {self.unit_label}"

    @property
    def is_top_up(self):
        return self.tops_up_id is not None

    @property
    def value_per_gift(self):
        return (self.cash_per_gift or 0) + (self.kind_value_per_gift or 0)

    @property
    def total_cash(self):
        return (self.count or 0) * (self.cash_per_gift or 0)

    @property
    def total_value(self):
        return (self.count or 0) * self.value_per_gift

    @property
    def fund_amount(self):
        """What the campaign's fund pays for this batch (0 when a sponsor gave it directly)."""
        if self.paid == self.Paid.CASH:
            return self.total_cash
        if self.paid == self.Paid.ALL:
            return self.total_value
        return 0

    def per_gift_text(self):
        """`500.000 đồng tiền mặt và 10 kg gạo (trị giá 150.000 đồng)`."""
        parts = []
        if self.cash_per_gift:
            parts.append(f"{format_number(self.cash_per_gift)} đồng tiền mặt")
        kind = []
        if self.kind_quantity:
            kind.append(f"{format_number(self.kind_quantity)} {self.kind_unit}".strip())
        if self.kind_description:
            kind.append(self.kind_description)
        if kind:
            text = ", ".join(kind)
            if self.kind_value_per_gift:
                text += f" (trị giá {format_number(self.kind_value_per_gift)} đồng)"
            parts.append(text)
        elif self.kind_value_per_gift:
            parts.append(f"hiện vật trị giá {format_number(self.kind_value_per_gift)} đồng")
        return " và ".join(parts)

    def sentence(self):
        """How reports write the batch: `Trao 200 suất quà, mỗi suất 500.000 đồng tiền mặt …`."""
        each = self.per_gift_text()
        if self.is_top_up:
            text = _("Bổ sung cho %(count)s hộ đã nhận ở đợt “%(first)s”") % {
                "count": format_number(self.count),
                "first": self.tops_up.title,
            }
            if each:
                text += _(", mỗi hộ %(each)s") % {"each": each}
        else:
            text = f"{self.title}: {format_number(self.count)} {self.unit_label}"
            if each:
                text += _(", mỗi suất %(each)s") % {"each": each}
        if self.total_value:
            text += _(", tổng trị giá %(value)s") % {"value": format_money(self.total_value, "đồng")}
        kind_total = (self.count or 0) * (self.kind_quantity or 0)
        if kind_total and self.count > 1 and self.kind_unit:
            text += _(" (tổng cộng %(qty)s %(unit)s)") % {
                "qty": format_number(kind_total),
                "unit": self.kind_unit,
            }
        return text

    def disbursement_purpose(self):
        return self.sentence()[:255]

    def clean(self):
        errors = {}
        self.title = " ".join((self.title or "").split())
        if not self.count:
            errors["count"] = _("Hãy ghi số suất quà (hoặc số hộ được bổ sung), lớn hơn 0.")
        if not self.value_per_gift and not self.kind_quantity and not self.kind_description:
            errors["cash_per_gift"] = _(
                "Mỗi suất cần có tiền mặt, hiện vật (ví dụ: 10 kg gạo) hoặc trị giá hiện vật."
            )
        if self.kind_quantity and not self.kind_unit.strip():
            errors["kind_unit"] = _("Hãy ghi đơn vị của hiện vật, ví dụ: kg gạo.")
        if self.paid == self.Paid.CASH and not self.cash_per_gift and self.kind_value_per_gift:
            errors["paid"] = _("Đợt này không có tiền mặt: chọn “Toàn bộ” hoặc “Không chi từ quỹ”.")
        if future_date_error(self.date):
            errors["date"] = future_date_error(self.date)
        if self.campaign_id and self.area_id and self.area.commune_id != self.campaign.commune_id:
            errors["area"] = _("Khu dân cư không thuộc xã của cuộc vận động.")
        if self.tops_up_id:
            first = self.tops_up
            if first.tops_up_id:
                errors["tops_up"] = _("Chỉ bổ sung cho một đợt trao quà, không bổ sung cho một đợt bổ sung.")
            elif self.pk and first.pk == self.pk:
                errors["tops_up"] = _("Một đợt không bổ sung cho chính nó.")
            elif first.campaign_id != self.campaign_id:
                errors["tops_up"] = _("Đợt được bổ sung phải thuộc cùng cuộc vận động.")
            elif self.count and self.count > first.count:
                errors["count"] = _(
                    "Đợt “%(first)s” chỉ có %(n)s %(unit)s: số hộ được bổ sung không vượt quá số đó."
                ) % {"first": first.title, "n": format_number(first.count), "unit": first.unit_label}
            elif self.date and first.date and self.date < first.date:
                errors["date"] = _("Đợt bổ sung phải sau đợt được bổ sung (%(date)s).") % {
                    "date": first.date.strftime("%d/%m/%Y")
                }
        if errors:
            raise ValidationError(errors)
        check_payout(self, FUND_FIGURES, {"date": "date", "funding_source": "funding_source"})

    def pending_disbursement(self):
        """The unsaved payout of the fund's part of this batch (see `services.save_gift_batch`)."""
        kinds = {choice.value for choice in Disbursement.Beneficiary}
        return Disbursement(
            campaign=self.campaign,
            date=self.date,
            amount=self.fund_amount,
            beneficiary_kind=self.beneficiary_kind
            if self.beneficiary_kind in kinds
            else Disbursement.Beneficiary.OTHER,
            beneficiary_count=self.count,
            purpose=self.disbursement_purpose(),
            area=self.area,
            funding_source=self.funding_source,
        )

    def check_recipients(self, recipients):
        """Refuse recipients that cannot be in this batch (Vietnamese ValidationError)."""
        recipients = list(recipients)
        if len(recipients) > (self.count or 0):
            raise ValidationError(
                _("Đã chọn %(n)s người nhận, nhiều hơn số suất (%(count)s).")
                % {"n": format_number(len(recipients)), "count": format_number(self.count or 0)}
            )
        other = [r for r in recipients if r.commune_id != self.campaign.commune_id]
        if other:
            raise ValidationError(
                _("Người nhận không thuộc xã của cuộc vận động: %(names)s.")
                % {"names": ", ".join(r.label for r in other)}
            )
        if self.tops_up_id:
            first_ids = set(self.tops_up.recipients.values_list("pk", flat=True))
            strangers = [r for r in recipients if first_ids and r.pk not in first_ids]
            if strangers:
                raise ValidationError(
                    _("Khoản bổ sung chỉ cho hộ đã nhận ở đợt “%(first)s”; không có trong đợt đó: %(names)s.")
                    % {"first": self.tops_up.title, "names": ", ".join(r.label for r in strangers)}
                )
