"""What a congress (or a term conference) decided and reported, beside who it elected:

- `DocumentApproval`: a document voted on and the share of delegates approving it ("100% đại
  biểu biểu quyết thông qua Nghị quyết Đại hội");
- `TermSummaryItem`: the whole-term totals the outgoing committee reported (houses built,
  money raised, meetings held), as stated in the report. Where the campaigns app keeps the
  figures, its own panel on the conference page adds them computed from its entries
  (`campaigns.term_totals`); congresses never reads campaigns;
- `CongressAward`: awards presented at the congress (Bằng khen, Giấy khen) and to whom.

Writes go through `congresses.personnel_services`; all three are shown on the conference's page.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib import bounds
from lib.vietnamese import format_money, format_number, percent

from .models import CommuneScopedQuerySet, Conference


class OutcomeQuerySet(CommuneScopedQuerySet):
    commune_lookup = "conference__committee__commune"


class DocumentApproval(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("hội nghị, đại hội")
    )
    document = models.CharField(
        _("văn kiện"), max_length=255, help_text=_("Ví dụ: Nghị quyết Đại hội; Báo cáo chính trị")
    )
    votes_for = models.PositiveIntegerField(
        _("số đại biểu tán thành"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    votes_total = models.PositiveIntegerField(
        _("số đại biểu biểu quyết"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    approval_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ tán thành (%)"),
        null=True,
        blank=True,
        help_text=_("Điền khi không có số đại biểu"),
        validators=[bounds.CountLimit(), MaxValueValidator(100, _("Tỷ lệ tán thành không thể vượt 100%%."))],
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = OutcomeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biểu quyết thông qua văn kiện")
        verbose_name_plural = _("biểu quyết thông qua văn kiện")
        ordering = ["conference", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=bounds.within("approval_percent", 100), name="approval_percent_bounded"
            ),
            models.CheckConstraint(
                condition=bounds.within("votes_for", bounds.MAX_COUNT), name="approval_votes_for_bounded"
            ),
            models.CheckConstraint(
                condition=bounds.within("votes_total", bounds.MAX_COUNT), name="approval_votes_total_bounded"
            ),
        ]

    def __str__(self):
        # A form sent back with the share left empty still names the document in its title.
        return self.sentence if self.approval_percent is not None else self.document

    def clean(self):
        if (self.votes_for is None) != (self.votes_total is None):
            raise ValidationError(_("Hãy điền cả số tán thành và số biểu quyết, hoặc bỏ trống cả hai."))
        if self.votes_for is not None and self.votes_for > self.votes_total:
            raise ValidationError({"votes_for": _("Số tán thành không thể lớn hơn số biểu quyết.")})
        if self.votes_total is None and self.approval_percent is None:
            raise ValidationError(_("Hãy điền số đại biểu tán thành hoặc tỷ lệ tán thành."))

    @property
    def share(self):
        if self.votes_total:
            return percent(self.votes_for, self.votes_total)
        return self.approval_percent

    @property
    def sentence(self):
        """`100% đại biểu biểu quyết thông qua Nghị quyết Đại hội` (with the votes when known)."""
        text = f"{self.share}% đại biểu biểu quyết thông qua {self.document}"
        if self.votes_total:
            text += f" ({format_number(self.votes_for)}/{format_number(self.votes_total)} đại biểu)"
        return text


class TermSummaryItem(models.Model):
    class Unit(models.TextChoices):
        MONEY = "money", _("đồng")
        COUNT = "count", _("số lượng")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="term_summary", verbose_name=_("hội nghị, đại hội")
    )
    label = models.CharField(
        _("nội dung"),
        max_length=200,
        help_text=_("Ví dụ: Xây mới nhà Đại đoàn kết; Quỹ “Vì người nghèo” vận động"),
    )
    unit = models.CharField(_("loại số"), max_length=8, choices=Unit.choices, default=Unit.COUNT)
    amount = models.BigIntegerField(_("số tiền"), null=True, blank=True, validators=[bounds.AmountLimit()])
    quantity = models.PositiveIntegerField(
        _("số lượng"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    unit_label = models.CharField(
        _("đơn vị"), max_length=30, blank=True, help_text=_("Ví dụ: căn, cuộc, lượt người")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = OutcomeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả cả nhiệm kỳ")
        verbose_name_plural = _("kết quả cả nhiệm kỳ (theo báo cáo)")
        ordering = ["conference", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=bounds.within("amount", bounds.MAX_AMOUNT), name="summary_amount_bounded"
            ),
            models.CheckConstraint(
                condition=bounds.within("quantity", bounds.MAX_COUNT), name="summary_quantity_bounded"
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.figure}"

    def clean(self):
        if self.unit == self.Unit.MONEY and self.amount is None:
            raise ValidationError({"amount": _("Hãy điền số tiền.")})
        if self.unit == self.Unit.COUNT and self.quantity is None:
            raise ValidationError({"quantity": _("Hãy điền số lượng.")})

    @property
    def figure(self):
        """`1.250.000.000 đ`, `52 căn nhà`: the figure as the report gives it."""
        if self.unit == self.Unit.MONEY:
            return format_money(self.amount) if self.amount is not None else ""
        if self.quantity is None:
            return ""
        return f"{format_number(self.quantity)} {self.unit_label}".strip()

    figure.fget.short_description = _("số liệu")


class CongressAward(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="awards", verbose_name=_("hội nghị, đại hội")
    )
    award = models.CharField(
        _("hình thức khen thưởng"),
        max_length=255,
        help_text=_("Ví dụ: Bằng khen của Ủy ban MTTQ Việt Nam tỉnh"),
    )
    recipient = models.CharField(
        _("tập thể, cá nhân được khen"), max_length=255, help_text=_("Ví dụ: Ban công tác Mặt trận thôn Đông")
    )
    reason = models.CharField(_("thành tích"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = OutcomeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khen thưởng tại đại hội")
        verbose_name_plural = _("khen thưởng tại đại hội")
        ordering = ["conference", "position", "pk"]

    def __str__(self):
        return f"{self.award} — {self.recipient}"
