"""Campaigns and fund drives: what is measured, the targets, the entries hamlets report, the money paid out.

Every figure shown is the SQL sum of entries (never a stored running total), money is an
integer of đồng, and entries are never erased: after a period is locked a mistake is
corrected by a reversing entry that stays visible next to the original.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congresses.models import CommuneScopedQuerySet
from lib import bounds
from lib.fields import recorded_by
from lib.figures import Figure, Qualifier
from lib.slugs import unique_slug
from lib.storage import private_storage
from lib.uploads import RandomName, validate_image_upload
from lib.vietnamese import fold, format_money, format_number, percent

from . import wording
from .permissions import EVERY_AREA, area_scope
from .receipts import ReceiptField
from .target_shapes import Shape, TargetShape, meets

ANONYMOUS_DONOR = _("Nhà hảo tâm giấu tên")
# Where an entry of the commune as a whole (no area) is shown beside the hamlets: never ranked.
COMMUNE_WIDE = _("Toàn xã")


class CampaignQuerySet(CommuneScopedQuerySet):
    def public(self):
        """What citizens may see: every campaign but drafts. Views, sitemap and panels use this."""
        return self.exclude(status=Campaign.Status.DRAFT)

    def current(self):
        return self.public().filter(status=Campaign.Status.ACTIVE)

    def for_listing(self):
        """Current campaigns first, then the newest past ones."""
        current_first = models.Case(models.When(status=Campaign.Status.ACTIVE, then=0), default=1)
        return self.select_related("commune").order_by(current_first, "-start_date", "-id")


class Campaign(models.Model):
    class Kind(models.TextChoices):
        FUND = "quy", _("Vận động quỹ")
        MOVEMENT = "cuoc_van_dong", _("Cuộc vận động")
        EMULATION = "phong_trao", _("Phong trào thi đua")

    class Status(models.TextChoices):
        DRAFT = "nhap", _("Bản nháp (chưa công khai)")
        ACTIVE = "dang_dien_ra", _("Đang diễn ra")
        CLOSED = "da_ket_thuc", _("Đã kết thúc")

    commune = models.ForeignKey(
        "congresses.Commune", on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("xã, phường")
    )
    name = models.CharField(_("tên cuộc vận động"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True, editable=False)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.FUND)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # The commune's part of a campaign the province launched (None: the commune's own).
    province_campaign = models.ForeignKey(
        "ProvinceCampaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="commune_campaigns",
        verbose_name=_("cuộc vận động của tỉnh"),
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc vận động")
        verbose_name_plural = _("cuộc vận động")
        ordering = ["-start_date", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        return unique_slug(Campaign.objects.all(), self.name, 204, "cuoc-van-dong", exclude_pk=self.pk)

    def get_absolute_url(self):
        return reverse("campaigns:detail", args=[self.slug])

    @property
    def period_label(self):
        start = date_format(self.start_date, "d/m/Y")
        if not self.end_date:
            return _("từ %(start)s") % {"start": start}
        return f"{start} – {date_format(self.end_date, 'd/m/Y')}"

    def fund_balance(self, excluding=None):
        """Money raised (the money indicators' entries) less money paid out, in đồng.

        `excluding`: a disbursement left out of the sum, so a change is checked against the
        balance without its own old amount.
        """
        raised = (
            Contribution.objects.countable()
            .filter(indicator__campaign=self, indicator__unit=Indicator.Unit.MONEY)
            .aggregate(total=Coalesce(Sum("amount"), 0))["total"]
        )
        paid = self.disbursements.countable()
        if excluding is not None and excluding.pk:
            paid = paid.exclude(pk=excluding.pk)
        # Opening balances, money from and to the upper level: in the balance, not in "raised".
        moved = sum(
            fund_balance_moves(totals) for totals in transfer_totals(self.indicators.values("pk")).values()
        )
        return raised + moved - paid.aggregate(total=Coalesce(Sum("amount"), 0))["total"]

    def locked_until(self):
        """The last locked day (None when nothing is locked). A reopened lock no longer counts."""
        return self.locks.in_force().aggregate(last=Max("locked_until"))["last"]

    def check_can_lock(self, until):
        """Raise ValidationError (Vietnamese) when the books cannot be locked up to `until`."""
        if until > timezone.localdate():
            raise ValidationError(_("Không khóa sổ cho ngày trong tương lai."), code="future")
        current = self.locked_until()
        if current and until <= current:
            raise ValidationError(
                _("Sổ đã khóa đến hết ngày %(date)s; chỉ khóa được ngày sau đó.")
                % {"date": date_format(current, "d/m/Y")},
                code="not_forward",
            )

    def current_lock(self):
        """The lock in force that reaches furthest (None when nothing is locked)."""
        return (
            self.locks.in_force().select_related("locked_by").order_by("-locked_until", "-locked_at").first()
        )


class CampaignPartQuerySet(CommuneScopedQuerySet):
    """Indicators and period locks: the commune of their campaign."""

    commune_lookup = "campaign__commune"


class UnitWording:
    """How an indicator writes its figures: in đồng, or in its unit (`đơn vị máu`). Shared by
    a commune's indicator and the province's, so a figure reads the same on both pages.
    Needs `unit` and `unit_label`."""

    class Unit(models.TextChoices):
        MONEY = "tien", _("Tiền (đồng)")
        COUNT = "so_luong", _("Số lượng")
        # A share reported once a year (campaigns.rates), never summed from entries.
        RATE = "ty_le", _("Tỷ lệ % theo năm (không cộng dồn)")

    @property
    def is_money(self):
        return self.unit == self.Unit.MONEY

    @property
    def unit_text(self):
        """`đ` for money, else the unit label: `đơn vị máu`."""
        return "đ" if self.is_money else self.unit_label

    @property
    def unit_long(self):
        return "đồng" if self.is_money else self.unit_label

    @property
    def measure_field(self):
        """The contribution column this indicator counts: the amount for money, else the quantity."""
        return "amount" if self.is_money else "quantity"

    def format_value(self, value):
        if value is None:  # a target without a number (met-only, a share): see Target.text
            return "—"
        return format_money(value) if self.is_money else f"{format_number(value)} {self.unit_label}"


class Indicator(UnitWording, models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("cuộc vận động")
    )
    name = models.CharField(_("tên chỉ tiêu"), max_length=200, help_text=_("Ví dụ: Quỹ “Vì người nghèo”"))
    unit = models.CharField(
        _("đơn vị đo"), max_length=10, choices=UnitWording.Unit.choices, default=UnitWording.Unit.MONEY
    )
    unit_label = models.CharField(
        _("đơn vị tính"),
        max_length=40,
        blank=True,
        help_text=_("Với chỉ tiêu số lượng: đơn vị máu, phần quà, căn nhà, người, ca …"),
    )
    report_phrase = models.CharField(
        _("cụm từ trong báo cáo"),
        max_length=200,
        blank=True,
        help_text=_(
            "Mở đầu câu báo cáo, ví dụ: Vận động Quỹ “Vì người nghèo”. Để trống thì dùng tên chỉ tiêu."
        ),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # How reports of this indicator write percentages: staff pick, the sentence follows.
    percent_decimals = models.PositiveSmallIntegerField(
        _("cách ghi phần trăm"),
        default=0,
        choices=[(0, _("Số nguyên: đạt 112%")), (1, _("Một chữ số thập phân: đạt 112,5%"))],
    )
    excess_form = models.CharField(
        _("ghi phần vượt"),
        max_length=10,
        blank=True,
        choices=[
            ("", _("Không ghi, chỉ ghi đạt X%")),
            ("phan_tram", _("Vượt X% (phần trăm vượt chỉ tiêu)")),
            ("don_vi", _("Vượt N đơn vị (số vượt chỉ tiêu)")),
        ],
    )

    sentence_form = models.CharField(
        _("cách nói trong câu báo cáo"),
        max_length=10,
        blank=True,
        choices=[
            ("", _("… được 8.000.000 đồng (số vận động được)")),
            ("tham_gia", _("… có 200 tình nguyện viên tham gia (người tham gia)")),
            ("dang_ky", _("… có 250 người đăng ký (người đăng ký)")),
        ],
    )
    # People counted beside the units (`có 120 người đăng ký, 98 người hiến 98 đơn vị máu`):
    # each entry may carry how many registered and how many gave; the verb says what they did.
    people_verb = models.CharField(
        _("đếm người: họ làm gì"),
        max_length=30,
        blank=True,
        help_text=_(
            "Để trống nếu chỉ tiêu không đếm người. Ví dụ: hiến (máu), tham gia, ủng hộ. "
            "Câu báo cáo sẽ viết: … có 98 người hiến 98 đơn vị máu."
        ),
    )
    counts_registered = models.BooleanField(
        _("đếm cả người đăng ký"),
        default=False,
        help_text=_("Câu báo cáo: có 120 người đăng ký, 98 người hiến …"),
    )

    # The province indicator this one counts towards (set on the communes' copies).
    province_indicator = models.ForeignKey(
        "ProvinceIndicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="commune_indicators",
        verbose_name=_("chỉ tiêu của tỉnh"),
    )

    objects = CampaignPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["campaign", "position", "id"]

    def __str__(self):
        return f"{self.name} ({self.campaign})" if self.campaign_id else self.name

    def clean(self):
        if self.unit == self.Unit.COUNT and not self.unit_label:
            raise ValidationError({"unit_label": _("Chỉ tiêu số lượng cần đơn vị tính, ví dụ: đơn vị máu.")})
        self.people_verb = " ".join(self.people_verb.split())
        if self.counts_registered and not self.people_verb:
            raise ValidationError(
                {"people_verb": _("Muốn đếm người đăng ký, hãy ghi cả việc họ làm, ví dụ: hiến.")}
            )

    @property
    def is_rate(self):
        return self.unit == self.Unit.RATE

    @property
    def counts_people(self):
        """Whether entries of this indicator carry the people beside the units."""
        return bool(self.people_verb)

    def people_text(self, registered, participants):
        """`120 người đăng ký, 98 người hiến` ("" when the indicator counts no people or none came)."""
        if not self.counts_people:
            return ""
        parts = []
        if self.counts_registered and registered:
            parts.append(f"{format_number(registered)} người đăng ký")
        if participants:
            parts.append(f"{format_number(participants)} người {self.people_verb}")
        return ", ".join(parts)

    def totals(self, start=None, end=None, area=None):
        """Achieved figures of this indicator: {"measure", "amount", "quantity", "entries",
        "registered", "participants"} (the people are summed only when the indicator counts them)."""
        entries = self.contributions.countable()
        if start:
            entries = entries.filter(date__gte=start)
        if end:
            entries = entries.filter(date__lte=end)
        if area is not None:
            entries = entries.filter(area=area)
        people = (
            {"registered": Coalesce(Sum("registered"), 0), "participants": Coalesce(Sum("participants"), 0)}
            if self.counts_people
            else {}
        )
        sums = entries.aggregate(
            amount=Coalesce(Sum("amount"), 0),
            quantity=Coalesce(Sum("quantity"), 0),
            entries=Count("id"),
            **people,
        )
        sums.setdefault("registered", 0)
        sums.setdefault("participants", 0)
        sums["measure"] = sums[self.measure_field]
        return sums

    def commune_target(self):
        return self.targets.filter(area__isnull=True).first()

    def figure_text(self, figure):
        """A Figure with this indicator's long unit: `trên 214.000.000 đồng`, `hơn 3.000 phần quà`."""
        return figure.with_unit(self.unit_long)

    def targets_version(self):
        """The latest history id of this indicator's targets (0 when none): changes whenever
        any of its targets is set, changed or removed, so a page can tell it is out of date."""
        latest = Target.history.filter(indicator_id=self.pk).aggregate(latest=Max("history_id"))["latest"]
        return latest or 0


class Progress:
    """An achieved figure against a target, ready to show: `8.000.000 / 21.000.000 đ — đạt 38%`.

    `shape` is the target row (a Target or a round's target) when the caller has it, so a
    floor, a range, a share or a met-only target is said as such; `hedge` and `value_hedge`
    are the words the sum carries (`trên`, `gần` …, see campaigns.hedges). The bar stays
    honest beyond 100%: the whole bar is then the achieved figure and a mark shows where the
    target was, so 161% looks like 161%, not like a full 100% bar.
    """

    def __init__(
        self, indicator, achieved, target=None, value=0, *, shape=None, hedge="", value_hedge="", people=None
    ):
        self.indicator = indicator
        # (registered, participants) beside the units, for an indicator that counts people.
        self.people = tuple(people) if people else (0, 0)
        self.achieved = int(achieved or 0)
        self.shape = shape
        if shape is not None:
            target = shape.number
        self.target = int(target) if target else None
        self.value = int(value or 0)
        self.hedge, self.value_hedge = hedge or "", value_hedge or ""
        self.percent = percent(self.achieved, self.target) if self.target else None
        self.rate = None  # campaigns.rates.RateResult for a rate indicator (set by the selectors)
        self.in_kind = ""  # `350 m² đất, 120 ngày công`: the in-kind items summed (set by the selectors)

    @property
    def achieved_figure(self):
        return Figure.of(self.achieved, self.hedge)

    @cached_property
    def people_text(self):
        """`120 người đăng ký, 98 người hiến` beside the units ("" when none are counted)."""
        # A province indicator counts no people: it has no people_text.
        people_text = getattr(self.indicator, "people_text", None)
        return people_text(*self.people) if people_text else ""

    @property
    def value_figure(self):
        return Figure.of(self.value, self.value_hedge)

    @property
    def is_over(self):
        return self.percent is not None and self.percent > 100

    @property
    def bar_fill(self):
        """Width of the filled bar in a 0–100 box."""
        if self.percent is None:
            return 0
        if self.is_over:
            return 100
        return max(0, self.percent)

    @property
    def bar_target_mark(self):
        """Where the target sits in the 0–100 box when the figure is beyond it (else None)."""
        if not self.is_over:
            return None
        return percent(self.target, self.achieved)

    @property
    def plain_number(self):
        """True when the target is one number (or given as one): `54 / 44 đơn vị máu`."""
        return self.target is not None and (self.shape is None or self.shape.shape == Shape.NUMBER)

    @cached_property
    def figure(self):
        """`8.000.000 / 21.000.000 đ` or `trên 54 / 44 đơn vị máu`; otherwise just the figure."""
        unit = self.indicator.unit_text
        if not self.plain_number:
            return self.achieved_figure.with_unit(unit)
        return f"{self.achieved_figure} / {format_number(self.target)} {unit}"

    @cached_property
    def percent_text(self):
        """`112,5%`, `trên 107%` in the indicator's decimals ("" without a number to divide by)."""
        return wording.pct_text(
            wording.percent_figure(self.achieved_figure, self.target, self.indicator.percent_decimals)
        )

    @cached_property
    def over_percent_text(self):
        """`12,5%`: how far past 100% the figure is, in the indicator's decimals ("" if not past)."""
        pair = wording.percent_figure(self.achieved_figure, self.target, self.indicator.percent_decimals)
        if pair is None or pair[0] <= 100:
            return ""
        return wording.pct_text((pair[0] - 100, pair[1]))

    @cached_property
    def excess_text(self):
        """`vượt 12,5%` / `vượt 5 đơn vị máu` in the form staff chose for the indicator, or ""."""
        if self.target is None:
            return ""
        return wording.excess_text(
            self.indicator, self.achieved_figure, self.shape, self.target, self.indicator.percent_decimals
        )

    @cached_property
    def met(self):
        """True / False when it is known whether the target is met, else None."""
        if self.shape is not None:
            return self.shape.is_met(self.achieved_figure)
        return meets(self.achieved_figure, self.target)

    @cached_property
    def target_text(self):
        """The target when it is not one plain number: `không dưới 40 đơn vị máu` ("" otherwise)."""
        if self.shape is None or self.plain_number:
            return ""
        return self.shape.text(self.indicator)

    @cached_property
    def status(self):
        """What a card says in place of the bar: `Đạt chỉ tiêu`, `Không giao chỉ tiêu`,
        `Chưa giao chỉ tiêu` (only when there is no target at all); "" under a bar."""
        if self.target is not None:
            return ""
        if self.shape is None:
            return str(_("Chưa giao chỉ tiêu"))
        if self.met is not None:
            return str(_("Đạt chỉ tiêu") if self.met else _("Không đạt chỉ tiêu"))
        if self.shape.shape == Shape.NONE:
            return str(_("Không giao chỉ tiêu"))
        return str(_("Chưa đánh giá đạt chỉ tiêu"))

    @cached_property
    def label(self):
        """The full figure as the portals write it, also the bar's accessible name."""
        if self.percent is None:
            return self.figure
        return f"{self.figure} — đạt {self.percent_text}"


class AreaScopedQuerySet(CommuneScopedQuerySet):
    """Records of residential areas, each seen only by who works for that area.

    `visible_to(user)` is the one answer to "which of these may this user see": every row for
    commune staff and the chair, the rows of their own areas for a hamlet officer, none for
    anyone else. `area_lookup` names the record's area; None for records that belong to the
    commune as a whole (only staff and the chair see them).
    """

    area_lookup = "area"
    commune_lookup = "indicator__campaign__commune"

    def visible_to(self, user):
        rows = super().visible_to(user)  # the user's communes first
        scope = area_scope(user)
        if scope is EVERY_AREA:
            return rows
        if self.area_lookup is None or not scope:
            return rows.none()
        return rows.filter(**{f"{self.area_lookup}__in": scope})


class Target(TargetShape):
    class AssignedBy(models.TextChoices):
        PROVINCE = "tinh", _("Tỉnh giao")
        DISTRICT = "huyen", _("Huyện giao (trước 2025)")
        COMMUNE = "xa", _("Kế hoạch của xã")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("chỉ tiêu")
    )
    area = models.ForeignKey(
        "congresses.ResidentialArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaign_targets",
        verbose_name=_("khu dân cư"),
        help_text=_("Để trống: chỉ tiêu chung của cả xã."),
    )
    amount = models.BigIntegerField(
        _("mức chỉ tiêu"),
        null=True,
        blank=True,
        help_text=_("Số đồng hoặc số lượng, số nguyên (mức dưới với dạng “Từ … đến …”)."),
        validators=[bounds.AmountLimit()],
    )
    assigned_by = models.CharField(
        _("nguồn giao"), max_length=8, choices=AssignedBy.choices, default=AssignedBy.COMMUNE
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    set_by = recorded_by(_("người giao"))

    objects = AreaScopedQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử chỉ tiêu"))

    class Meta:
        verbose_name = _("mức chỉ tiêu")
        verbose_name_plural = _("mức chỉ tiêu")
        ordering = ["indicator", "area__position"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area"], name="one_target_per_indicator_area"),
            models.UniqueConstraint(
                fields=["indicator"], condition=Q(area__isnull=True), name="one_commune_target_per_indicator"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(amount__isnull=True), name="target_amount_positive"
            ),
            models.CheckConstraint(
                condition=bounds.within("amount", bounds.MAX_AMOUNT), name="target_amount_bounded"
            ),
        ]

    def __str__(self):
        whom = self.area.full_name if self.area_id else _("cả xã")
        shown = self.text(self.indicator) or self.get_shape_display()
        return f"{self.indicator.name} — {whom}: {shown}"

    def clean(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("Mức chỉ tiêu phải lớn hơn 0.")})
        self.clean_shape()
        if (
            self.amount
            and self.indicator_id
            and not self.indicator.is_money
            and self.amount > bounds.MAX_COUNT
        ):
            raise ValidationError({"amount": bounds.COUNT_TOO_LARGE})
        if self.area_id and self.indicator_id and self.area.commune_id != self.indicator.campaign.commune_id:
            raise ValidationError({"area": _("Khu dân cư không thuộc xã của cuộc vận động.")})

    @property
    def report_phrase(self):
        """How reports name the target: `KH huyện giao`, `chỉ tiêu tỉnh giao`, `kế hoạch`."""
        return {
            self.AssignedBy.PROVINCE: "chỉ tiêu tỉnh giao",
            self.AssignedBy.DISTRICT: "KH huyện giao",
        }.get(self.assigned_by, "kế hoạch")


def future_date_error(day):
    """The message refusing an entry dated after today (None when the date is fine): results and
    payouts are recorded once they happened, whichever way they come in (admin, import, service)."""
    if day and day > timezone.localdate():
        return _("Ngày %(date)s ở tương lai: chỉ ghi những gì đã diễn ra, đến hôm nay.") % {
            "date": date_format(day, "d/m/Y")
        }
    return None


class LockedPeriodMixin:
    """Entries dated on or before the campaign's lock date cannot be changed or removed."""

    # What to do with an entry that belongs to a locked period but was never entered.
    late_entry_advice = _(
        "Kết quả nhận trong kỳ đã khóa mà chưa nhập: hãy nhập với ngày hôm nay (%(today)s) "
        "và ghi ngày nhận thật vào ô ghi chú"
    )

    def campaign_for_lock(self):
        raise NotImplementedError

    def _stored_date(self):
        if not self.pk:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("date", flat=True).first()

    def is_locked(self, on_date=None):
        """True when `on_date` (default: the entry's date, or its stored date if it moved) is locked."""
        locked = self.campaign_for_lock().locked_until()
        if locked is None:
            return False
        dates = [on_date or self.date, self._stored_date()]
        return any(day and day <= locked for day in dates)

    def lock_explanation(self):
        """Why this entry cannot be saved as it is, in the words every screen shows ("" when it can).

        A stored entry inside the lock gets the correction advice; a new entry (or one moved
        into the lock) is a late entry and gets the advice for those.
        """
        lock = self.campaign_for_lock().current_lock()
        if lock is None:
            return ""
        stored = self._stored_date()
        if stored and stored <= lock.locked_until:
            return lock.explanation()
        if self.date and self.date <= lock.locked_until:
            return lock.explanation(late=True, late_entry=self.late_entry_advice)
        return ""

    def check_not_locked(self):
        explanation = self.lock_explanation()
        if explanation:
            raise ValidationError(explanation, code="locked")


class LedgerEntry(LockedPeriodMixin, models.Model):
    """What both ledgers (contributions and disbursements) are: a dated figure entered by
    someone, never erased, corrected by one reversing entry that stays beside the original.

    A subclass names the figures a reversal negates, the fields it copies, and the text
    field that carries the reason.
    """

    reversed_figures = ("amount",)
    copied_on_reversal = ()
    reason_field = "note"
    # Contributions belong to the area they were raised in (an officer writes their own);
    # a disbursement is the commune's, whatever area received it.
    scoped_by_area = True

    entered_by = recorded_by(_("người nhập"))
    entered_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("điều chỉnh cho bút toán"),
        editable=False,
    )

    class Meta:
        abstract = True

    @property
    def is_reversal(self):
        return self.reverses_id is not None

    def reversal_refusal(self):
        """Why this entry cannot be reversed (a Vietnamese sentence), or None when it can."""
        if self.is_reversal:
            return _("Đây là bút toán điều chỉnh, không điều chỉnh lại được.")
        if type(self).objects.filter(reverses=self).exists():
            return _("Bút toán này đã được điều chỉnh rồi.")
        return None

    def reversal(self, *, by, reason, on=None):
        """The unsaved entry that cancels this one: the same record with opposite figures,
        dated `on` (today by default), its reason written where the ledger keeps text."""
        entry = type(self)(reverses=self, entered_by=by, date=on or timezone.localdate())
        for name in self.copied_on_reversal:
            setattr(entry, name, getattr(self, name))
        for name in self.reversed_figures:
            setattr(entry, name, -(getattr(self, name) or 0))
        text = _("Điều chỉnh bút toán #%(id)s ngày %(date)s: %(reason)s") % {
            "id": self.pk,
            "date": date_format(self.date, "d/m/Y"),
            "reason": reason.strip(),
        }
        limit = self._meta.get_field(self.reason_field).max_length
        setattr(entry, self.reason_field, text[:limit])
        return entry


class ContributionQuerySet(AreaScopedQuerySet):
    def countable(self):
        """Entries whose figures are within `lib.bounds`: the ones every public total sums.

        The forms, the import and the database constraints keep every figure inside the
        bounds; a row outside them (restored from an old backup, written by raw SQL) is not
        an entry anyone made, and summing it would overflow SQLite's SUM or print
        thirteen-digit percentages. It stays visible in the admin, where it can be seen and
        corrected, and the public pages stay up with the figures people did enter.
        """
        return self.filter(
            bounds.within("amount", bounds.MAX_AMOUNT, signed=True),
            bounds.within("quantity", bounds.MAX_COUNT, signed=True),
        )

    def for_campaign(self, campaign):
        return self.filter(indicator__campaign=campaign)

    def with_related(self):
        """What an entry's card shows: its indicator and campaign, area, who entered and verified it."""
        return self.select_related("indicator__campaign", "area", "entered_by", "verified_by", "reverses")

    def public_donors(self):
        """Entries fit for the public donor list: real gifts within the bounds, not corrections
        or what they corrected."""
        # NOT EXISTS rather than a LEFT JOIN … IS NULL: PostgreSQL estimates the anti-join
        # well, and the page stays a top-N sort over one campaign's rows.
        corrected = Contribution.objects.filter(reverses=models.OuterRef("pk"))
        return self.countable().filter(reverses__isnull=True).filter(~models.Exists(corrected))


class Contribution(LedgerEntry):
    class DonorKind(models.TextChoices):
        PERSON = "ca_nhan", _("Cá nhân")
        FAMILY = "ho_gia_dinh", _("Hộ gia đình")
        ORGANISATION = "to_chuc", _("Cơ quan, tổ chức")
        BUSINESS = "doanh_nghiep", _("Doanh nghiệp")
        ANONYMOUS = "giau_ten", _("Giấu tên (theo nguyện vọng)")
        # As reports name them: several givers jointly, the people of a hamlet as a whole, and
        # the rest made up by residents with no names written down.
        JOINT = "nhieu_nguoi", _("Nhiều người cùng góp")
        RESIDENTS = "nhan_dan", _("Nhân dân khu dân cư")
        REMAINDER = "con_lai", _("Phần còn lại do nhân dân góp, không ghi tên")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("chỉ tiêu")
    )
    # Blank: an entry of the commune as a whole (a business giving to the commune's fund, the
    # commune's own event), not raised in one hamlet; only commune staff and the chair enter it.
    area = models.ForeignKey(
        "congresses.ResidentialArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("khu dân cư"),
        help_text=_("Để trống: kết quả chung của toàn xã, không thuộc khu dân cư nào (cán bộ xã nhập)."),
    )
    date = models.DateField(_("ngày"), default=timezone.localdate)
    # Signed: a reversing entry holds the negative of the entry it corrects.
    amount = models.BigIntegerField(
        _("số tiền (đồng)"), default=0, validators=[bounds.AmountFloor(), bounds.AmountLimit()]
    )
    quantity = models.BigIntegerField(
        _("số lượng"),
        default=0,
        help_text=_("Đơn vị máu, phần quà, căn nhà …"),
        validators=[bounds.CountFloor(), bounds.CountLimit()],
    )
    # A report's hedge (`trên 214 triệu`, `hơn 3.000 suất`): the column above holds the bound,
    # these the word; sums carry it (see campaigns.hedges).
    amount_qualifier = models.CharField(_("số tiền là"), max_length=8, blank=True, choices=Qualifier.choices)
    quantity_qualifier = models.CharField(
        _("số lượng là"), max_length=8, blank=True, choices=Qualifier.choices
    )
    # The people beside the units, for an indicator that counts them (Indicator.people_verb);
    # signed like the figures so that a reversal cancels them too.
    registered = models.BigIntegerField(
        _("số người đăng ký"),
        default=0,
        help_text=_("Chỉ với chỉ tiêu có đếm người, ví dụ ngày hội hiến máu."),
        validators=[bounds.CountFloor(), bounds.CountLimit()],
    )
    participants = models.BigIntegerField(
        _("số người tham gia"),
        default=0,
        help_text=_("Số người đã hiến, đã tham gia …"),
        validators=[bounds.CountFloor(), bounds.CountLimit()],
    )
    donor_kind = models.CharField(
        _("người ủng hộ là"), max_length=16, choices=DonorKind.choices, default=DonorKind.PERSON
    )
    donor_name = models.CharField(
        _("tên người ủng hộ"),
        max_length=200,
        blank=True,
        help_text=_("Với người giấu tên, tên (nếu có) chỉ cán bộ thấy, không công khai."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    # Donor and note folded (no diacritics, lower case) for the admin's search: `nguyen van tu`
    # finds `Nguyễn Văn Tú` on both databases. Kept by save() and by the batch writer.
    search_text = models.CharField(max_length=460, blank=True, default="", editable=False)
    # Normalised (upright, no EXIF/GPS, ≤ 2000 px) and kept in private storage: served only
    # by campaigns.officer_views.receipt to the people who may see the entry.
    receipt = ReceiptField(
        _("ảnh biên nhận"),
        upload_to=RandomName("bien-nhan"),
        storage=private_storage,
        validators=[validate_image_upload],
        blank=True,
    )
    verified_by = recorded_by(_("người xác nhận"))
    verified_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True, editable=False)

    reversed_figures = ("amount", "quantity", "registered", "participants")
    copied_on_reversal = ("indicator", "area", "donor_kind", "donor_name")

    objects = ContributionQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử kết quả"))

    class Meta:
        verbose_name = _("kết quả đóng góp")
        verbose_name_plural = _("kết quả đóng góp")
        ordering = ["-date", "-id"]
        indexes = [
            # Totals, ranking and charts read only these columns: with the figures as trailing
            # key columns the index covers the query (index-only scans on PostgreSQL, covering
            # index on SQLite), so a million rows are summed without touching the table.
            models.Index(fields=["indicator", "area", "amount", "quantity"], name="contrib_indicator_area"),
            models.Index(fields=["indicator", "date", "amount", "quantity"], name="contrib_indicator_date"),
            models.Index(fields=["area", "date"], name="contrib_area_date"),
            # The admin's newest-first list over every entry.
            models.Index(fields=["date", "id"], name="contrib_date_id"),
            # The people beside the units (campaigns.selectors._people_by), summed from the index
            # alone on PostgreSQL: only entries that carry people, with the columns the sum reads.
            models.Index(
                fields=["indicator"],
                include=["amount", "quantity", "registered", "participants"],
                condition=~Q(registered=0) | ~Q(participants=0),
                name="contrib_people",
            ),
            # The few hedged entries, read apart from the sums (campaigns.hedges).
            models.Index(
                fields=["indicator", "area", "date"],
                condition=~Q(amount_qualifier="") | ~Q(quantity_qualifier=""),
                name="contrib_hedged",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=bounds.within("amount", bounds.MAX_AMOUNT, signed=True),
                name="contribution_amount_bounded",
            ),
            models.CheckConstraint(
                condition=bounds.within("quantity", bounds.MAX_COUNT, signed=True),
                name="contribution_quantity_bounded",
            ),
            models.CheckConstraint(
                condition=bounds.within("registered", bounds.MAX_COUNT, signed=True)
                & bounds.within("participants", bounds.MAX_COUNT, signed=True),
                name="contribution_people_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.public_donor_name} — {self.figure}"

    def campaign_for_lock(self):
        return self.indicator.campaign

    @property
    def is_anonymous(self):
        return self.donor_kind == self.DonorKind.ANONYMOUS

    # Kinds that name no one: the name box may stay empty, the public name is made up.
    UNNAMED_KINDS = (DonorKind.ANONYMOUS, DonorKind.RESIDENTS, DonorKind.REMAINDER)

    @property
    def public_donor_name(self):
        """The name the public sees: `Nhà hảo tâm giấu tên` for a donor who asked for it,
        `Nhân dân thôn Đông` for the people of a hamlet, `Nhân dân thôn Đông (phần còn lại,
        không ghi tên)` for the rest residents made up."""
        if self.donor_kind == self.DonorKind.RESIDENTS and not self.donor_name:
            return f"Nhân dân {self.area.full_name}" if self.area_id else "Nhân dân toàn xã"
        if self.donor_kind == self.DonorKind.REMAINDER:
            where = f" {self.area.full_name}" if self.area_id else ""
            return f"Nhân dân{where} (phần còn lại, không ghi tên)"
        if self.is_anonymous or not self.donor_name:
            return str(ANONYMOUS_DONOR) if self.is_anonymous else self.get_donor_kind_display()
        return self.donor_name

    @property
    def area_name(self):
        """`Thôn Đông`, or `Toàn xã` for an entry of the commune as a whole."""
        return self.area.full_name if self.area_id else str(COMMUNE_WIDE)

    @property
    def receipt_url(self):
        """Where the signed-in people who may see this entry open its receipt ("" without one)."""
        return reverse("officer:receipt", args=[self.pk]) if self.receipt else ""

    @property
    def receipt_thumbnail_url(self):
        return reverse("officer:receipt_thumbnail", args=[self.pk]) if self.receipt else ""

    @property
    def figure(self):
        """`2.000.000 đ`, `3 phần quà`, or both: `607 phần quà, trị giá trên 214.000.000 đ`."""
        parts = []
        if self.quantity and not self.indicator.is_money:
            counted = Figure.of(self.quantity, self.quantity_qualifier)
            parts.append(counted.with_unit(self.indicator.unit_label))
        if self.amount:
            parts.append(Figure.of(self.amount, self.amount_qualifier).with_unit("đ"))
        text = ", trị giá ".join(parts) if parts else "0"
        people = self.indicator.people_text(self.registered, self.participants) if self.indicator_id else ""
        return f"{text} ({people})" if people else text

    def fold_search_text(self):
        self.search_text = fold(f"{self.donor_name} {self.note}")[:460]

    def save(self, *args, **kwargs):
        self.fold_search_text()
        if kwargs.get("update_fields") is not None and {"donor_name", "note"} & set(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.indicator_id:
            if self.indicator.is_money and not self.amount:
                errors["amount"] = _("Chỉ tiêu này tính bằng tiền: hãy nhập số tiền.")
            # An in-kind gift (350 m² đất, 120 ngày công) may carry only its items.
            if not self.indicator.is_money and not self.quantity and not getattr(self, "pending_items", None):
                errors["quantity"] = _("Chỉ tiêu này tính theo số lượng: hãy nhập số lượng.")
            if self.indicator.is_money and self.quantity:
                errors["quantity"] = _("Chỉ tiêu tiền không nhận số lượng; để trống ô này.")
            if self.indicator.is_rate:
                errors = {
                    "indicator": _(
                        "Chỉ tiêu tỷ lệ được ghi mỗi năm một lần ở mục “Tỷ lệ theo năm”, "
                        "không nhập như một khoản đóng góp."
                    )
                }
            if self.area_id and self.area.commune_id != self.indicator.campaign.commune_id:
                errors["area"] = _("Khu dân cư không thuộc xã của cuộc vận động.")
        if self.amount_qualifier and not self.amount:
            errors["amount_qualifier"] = _("Chữ “hơn, trên, gần, khoảng” cần đi kèm một số tiền.")
        if self.quantity_qualifier and not self.quantity:
            errors["quantity_qualifier"] = _("Chữ “hơn, trên, gần, khoảng” cần đi kèm một số lượng.")
        if self.indicator_id and not self.is_reversal:
            if not self.indicator.counts_people and (self.registered or self.participants):
                errors["participants"] = _(
                    "Chỉ tiêu này không đếm người tham gia; để trống số người đăng ký và số người tham gia."
                )
            elif not self.indicator.counts_registered and self.registered:
                errors["registered"] = _("Chỉ tiêu này không đếm người đăng ký; để trống ô này.")
        if not self.is_reversal and min(self.registered or 0, self.participants or 0) < 0:
            errors["participants"] = _("Số người không được âm.")
        if not self.is_reversal and (self.amount < 0 or self.quantity < 0):
            errors["amount"] = _(
                "Số tiền và số lượng không được âm. Muốn sửa sai, hãy lập bút toán điều chỉnh."
            )
        if self.donor_kind not in self.UNNAMED_KINDS and not self.donor_name.strip():
            errors["donor_name"] = _("Hãy nhập tên người ủng hộ, hoặc chọn “Giấu tên”.")
        if (
            self.donor_kind == self.DonorKind.JOINT
            and "," not in self.donor_name
            and " và " not in self.donor_name
        ):
            errors["donor_name"] = _(
                "Nhiều người cùng góp: ghi tên từng người, cách nhau bằng dấu phẩy hoặc chữ “và”."
            )
        if future_date_error(self.date):
            errors["date"] = future_date_error(self.date)
        if errors:
            raise ValidationError(errors)
        if self.indicator_id and self.date:
            self.check_not_locked()


class DisbursementQuerySet(AreaScopedQuerySet):
    area_lookup = None  # the commune's money: staff and the chair see it, officers do not
    commune_lookup = "campaign__commune"

    def countable(self):
        """Payments within `lib.bounds`, the ones the public balance sums (see Contribution's)."""
        return self.filter(bounds.within("amount", bounds.MAX_AMOUNT, signed=True))

    def with_related(self):
        return self.select_related("campaign", "area")


class Disbursement(LedgerEntry):
    class Beneficiary(models.TextChoices):
        POOR = "ho_ngheo", _("Hộ nghèo")
        NEAR_POOR = "ho_can_ngheo", _("Hộ cận nghèo")
        POLICY = "gia_dinh_chinh_sach", _("Gia đình chính sách")
        HARDSHIP = "hoan_nan", _("Gia đình gặp hoạn nạn, thiên tai")
        SICK = "benh_hiem_ngheo", _("Người mắc bệnh hiểm nghèo")
        STUDENT = "hoc_sinh", _("Học sinh có hoàn cảnh khó khăn")
        OTHER = "khac", _("Khác")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="disbursements", verbose_name=_("quỹ, cuộc vận động")
    )
    date = models.DateField(_("ngày chi"), default=timezone.localdate)
    # Signed: a reversing entry holds the negative of the payment it corrects.
    amount = models.BigIntegerField(
        _("số tiền (đồng)"), validators=[bounds.AmountFloor(), bounds.AmountLimit()]
    )
    beneficiary_kind = models.CharField(
        _("đối tượng thụ hưởng"), max_length=24, choices=Beneficiary.choices, default=Beneficiary.POOR
    )
    beneficiary_count = models.PositiveIntegerField(
        _("số hộ, người nhận"), default=1, validators=[bounds.CountLimit()]
    )
    purpose = models.CharField(_("nội dung chi"), max_length=255)
    area = models.ForeignKey(
        "congresses.ResidentialArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disbursements",
        verbose_name=_("khu dân cư"),
    )
    # The fund paid from, when a campaign has several (Quỹ “Vì người nghèo”, Quỹ cứu trợ): blank
    # is the campaign's main fund (campaigns.funds).
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disbursements",
        verbose_name=_("chi từ quỹ"),
        help_text=_("Cuộc vận động có nhiều quỹ: chọn quỹ chi. Để trống: quỹ đầu tiên của cuộc vận động."),
    )
    funding_source = models.CharField(
        _("nguồn ứng trước"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bắt buộc khi khoản chi vượt số dư của quỹ: tiền bù từ đâu, "
            "ví dụ: tạm ứng từ ngân sách xã. Được công khai trên trang cuộc vận động."
        ),
    )

    reversed_figures = ("amount",)
    copied_on_reversal = ("campaign", "indicator", "beneficiary_kind", "beneficiary_count", "area")
    reason_field = "purpose"
    scoped_by_area = False
    late_entry_advice = _(
        "Khoản chi trong kỳ đã khóa mà chưa nhập: hãy nhập với ngày hôm nay (%(today)s) "
        "và ghi ngày chi thật vào nội dung chi"
    )

    objects = DisbursementQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử khoản chi"))

    class Meta:
        verbose_name = _("khoản chi")
        verbose_name_plural = _("khoản chi")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["campaign", "date", "amount"], name="disb_campaign_date")]
        constraints = [
            models.CheckConstraint(
                condition=bounds.within("amount", bounds.MAX_AMOUNT, signed=True),
                name="disbursement_amount_bounded",
            ),
            models.CheckConstraint(
                condition=bounds.within("beneficiary_count", bounds.MAX_COUNT),
                name="disbursement_beneficiaries_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.purpose} — {format_money(self.amount)}"

    def campaign_for_lock(self):
        return self.campaign

    def clean(self):
        if self.amount is not None and self.amount <= 0 and not self.reverses_id:
            raise ValidationError({"amount": _("Số tiền chi phải lớn hơn 0.")})
        if future_date_error(self.date):
            raise ValidationError({"date": future_date_error(self.date)})
        self.funding_source = self.funding_source.strip()
        if (self.indicator_id and self.campaign_id) and (
            self.indicator.campaign_id != self.campaign_id or not self.indicator.is_money
        ):
            raise ValidationError({"indicator": _("Hãy chọn một quỹ (chỉ tiêu tiền) của cuộc vận động này.")})
        if self.campaign_id and self.amount and self.amount > 0 and not self.funding_source:
            fund = self.indicator if self.indicator_id else main_fund(self.campaign)
            balance = (
                fund_balance(fund, excluding=self) if fund else self.campaign.fund_balance(excluding=self)
            )
            if self.amount > balance:
                raise ValidationError({"funding_source": self._overspending_message(balance)})
        if self.campaign_id and self.date:
            self.check_not_locked()

    def _overspending_message(self, balance):
        figures = {"amount": format_money(self.amount), "balance": format_money(abs(balance))}
        if balance > 0:
            figures["over"] = format_money(self.amount - balance)
            text = _(
                "Số dư của quỹ hiện còn %(balance)s, khoản chi %(amount)s vượt %(over)s. "
                "Hãy ghi nguồn ứng trước, ví dụ: tạm ứng từ ngân sách xã."
            )
        elif balance == 0:
            text = _(
                "Quỹ đã chi hết số thu (số dư 0 đ): khoản chi %(amount)s cần ghi nguồn ứng trước, "
                "ví dụ: tạm ứng từ ngân sách xã."
            )
        else:
            text = _(
                "Quỹ đã chi vượt số thu %(balance)s: khoản chi %(amount)s cần ghi nguồn ứng trước, "
                "ví dụ: tạm ứng từ ngân sách xã."
            )
        return text % figures


class PeriodLockQuerySet(CommuneScopedQuerySet):
    commune_lookup = "campaign__commune"

    def in_force(self):
        """Locks that hold: a reopened lock stays as a record but locks nothing."""
        return self.filter(reopened_at__isnull=True)


class PeriodLock(models.Model):
    """The chair closes a campaign's books up to a date. Reopening keeps the row (who, when,
    why) and the history keeps both steps; nothing about a lock is ever deleted."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="locks", verbose_name=_("cuộc vận động")
    )
    locked_until = models.DateField(_("khóa sổ đến hết ngày"))
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người khóa")
    )
    locked_at = models.DateTimeField(_("khóa lúc"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    reopened_by = recorded_by(_("người mở lại"))
    reopened_at = models.DateTimeField(_("mở lại lúc"), null=True, blank=True, editable=False)
    reopen_reason = models.CharField(_("lý do mở lại"), max_length=255, blank=True, editable=False)

    objects = PeriodLockQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử khóa sổ"))

    class Meta:
        verbose_name = _("khóa sổ")
        verbose_name_plural = _("khóa sổ")
        ordering = ["-locked_until", "-locked_at"]

    def __str__(self):
        return _("%(campaign)s: khóa đến %(date)s") % {
            "campaign": self.campaign,
            "date": date_format(self.locked_until, "d/m/Y"),
        }

    @property
    def is_in_force(self):
        return self.reopened_at is None

    @property
    def locked_by_name(self):
        return person_name(self.locked_by)

    @property
    def reopened_by_name(self):
        return person_name(self.reopened_by) if self.reopened_by_id else ""

    def fact(self):
        """`Kỳ đến hết ngày 30/06/2026 đã khóa sổ bởi Chủ tịch Võ Thị Hạnh lúc 14:05 ngày 01/07/2026.`"""
        when = timezone.localtime(self.locked_at) if self.locked_at else timezone.localtime()
        return _("Kỳ đến hết ngày %(until)s đã khóa sổ bởi %(who)s lúc %(time)s ngày %(day)s.") % {
            "until": date_format(self.locked_until, "d/m/Y"),
            "who": self.locked_by_name,
            "time": date_format(when, "H:i"),
            "day": date_format(when, "d/m/Y"),
        }

    def explanation(self, *, late=False, late_entry=None):
        """Which period is locked, by whom, since when, and what to do: the one text the admin,
        the officer's screen, the import and every refusal show.

        `late` is for a new entry dated inside the lock (a result received then but entered
        only now): it is entered dated today, not corrected. `late_entry` words that advice
        for the kind of entry (`LockedPeriodMixin.late_entry_advice`).
        """
        if late:
            advice = (late_entry or LockedPeriodMixin.late_entry_advice) % {
                "today": date_format(timezone.localdate(), "d/m/Y")
            }
            advice = f"{advice}; " + _("cần ghi đúng ngày cũ, hãy đề nghị Chủ tịch mở lại kỳ.")
        else:
            advice = _(
                "Muốn sửa số đã nhập, hãy lập bút toán điều chỉnh (ghi ngày hôm nay); "
                "cần mở lại kỳ, hãy đề nghị Chủ tịch."
            )
        return f"{self.fact()} {advice}"

    def reopen_summary(self):
        """`Mở lại lúc 10:30 ngày 02/07/2026 bởi Chủ tịch Võ Thị Hạnh: lý do …` ("" while in force)."""
        if self.is_in_force:
            return ""
        when = timezone.localtime(self.reopened_at)
        return _("Mở lại lúc %(time)s ngày %(day)s bởi %(who)s: %(reason)s") % {
            "time": date_format(when, "H:i"),
            "day": date_format(when, "d/m/Y"),
            "who": self.reopened_by_name,
            "reason": self.reopen_reason,
        }


def person_name(user):
    """How a back-office account is named in sentences: the full name, else the login."""
    return (user.get_full_name() or "").strip() or user.get_username()


class AreaOfficerQuerySet(AreaScopedQuerySet):
    commune_lookup = "area__commune"


class AreaOfficer(models.Model):
    """A hamlet officer (Trưởng ban CTMT) and an area whose results they enter."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="campaign_areas",
        verbose_name=_("tài khoản"),
    )
    area = models.ForeignKey(
        "congresses.ResidentialArea",
        on_delete=models.PROTECT,
        related_name="officers",
        verbose_name=_("khu dân cư"),
    )

    objects = AreaOfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("người nhập liệu của khu dân cư")
        verbose_name_plural = _("người nhập liệu của khu dân cư")
        constraints = [models.UniqueConstraint(fields=["user", "area"], name="one_officer_row_per_area")]

    def __str__(self):
        return f"{self.user} — {self.area}"


# Rounds live in their own module; imported here so Django registers their models with the app.
# Recipients, gifts, houses and stated figures live in their own modules; imported here so
# Django finds their models (they import the ledger above).
from .funds import FundStatement, FundTransfer, fund_balance, main_fund, transfer_totals  # noqa: E402, F401
from .gifts import GiftBatch, Recipient  # noqa: E402, F401
from .houses import House, HouseSource  # noqa: E402, F401
from .inkind import InKindItem  # noqa: E402, F401
from .rounds import Round, RoundTarget  # noqa: E402, F401
from .stated import StatedFigure, StatedPart  # noqa: E402, F401
from .totals import ContributionTotal  # noqa: E402, F401


def fund_balance_moves(totals):
    """What a fund's transfers ({kind: total}) add to its balance: inflows less transfers up."""
    return sum(total if kind in FundTransfer.INFLOWS else -total for kind, total in totals.items())


# --- Campaigns the province launches --------------------------------------------------------
# The province's Front launches a campaign with a target for the province and a share for each
# commune. Each commune runs its part as one of its own campaigns (`Campaign.province_campaign`,
# its indicators copied with `Indicator.province_indicator`): its hamlets' shares, entries,
# locks and page are the commune's as for any campaign, and the province's figures are the
# sums of the communes' entries, so nothing is entered twice.


class ProvinceCampaignQuerySet(models.QuerySet):
    def for_province(self, province):
        """What the province's site shows: its campaigns but drafts (nothing without a province)."""
        if province is None:
            return self.none()
        return self.filter(province=province).exclude(status=Campaign.Status.DRAFT)

    def visible_to(self, user):
        """Province staff manage them; commune accounts see their commune's part instead."""
        from congresses.permissions import commune_scope

        return self if commune_scope(user) is None else self.none()


class ProvinceCampaign(models.Model):
    province = models.ForeignKey(
        "congresses.Province",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("tỉnh, thành phố"),
    )
    name = models.CharField(_("tên cuộc vận động"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True, editable=False)
    kind = models.CharField(
        _("loại"), max_length=16, choices=Campaign.Kind.choices, default=Campaign.Kind.FUND
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Campaign.Status.choices, default=Campaign.Status.DRAFT
    )
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = ProvinceCampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc vận động của tỉnh")
        verbose_name_plural = _("cuộc vận động của tỉnh")
        ordering = ["-start_date", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                ProvinceCampaign.objects.all(), self.name, 204, "cuoc-van-dong-tinh", exclude_pk=self.pk
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campaigns:detail", args=[self.slug])

    period_label = Campaign.period_label


class ProvinceIndicatorQuerySet(ProvinceCampaignQuerySet):
    def for_province(self, province):
        return self.none() if province is None else self.filter(campaign__province=province)


class ProvinceIndicator(UnitWording, models.Model):
    campaign = models.ForeignKey(
        ProvinceCampaign, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("cuộc vận động")
    )
    name = models.CharField(_("tên chỉ tiêu"), max_length=200, help_text=_("Ví dụ: Quỹ “Vì người nghèo”"))
    # Money or counts: the province sums its communes' entries; a yearly rate is not summed.
    unit = models.CharField(
        _("đơn vị đo"),
        max_length=10,
        choices=[c for c in Indicator.Unit.choices if c[0] != Indicator.Unit.RATE],
        default=Indicator.Unit.MONEY,
    )
    unit_label = models.CharField(
        _("đơn vị tính"),
        max_length=40,
        blank=True,
        help_text=_("Với chỉ tiêu số lượng: đơn vị máu, phần quà …"),
    )
    report_phrase = models.CharField(_("cụm từ trong báo cáo"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    target = models.BigIntegerField(
        _("chỉ tiêu toàn tỉnh"),
        null=True,
        blank=True,
        validators=[bounds.AmountLimit()],
        help_text=_("Để trống: chỉ tiêu của tỉnh là tổng phần giao các xã."),
    )

    objects = ProvinceIndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu của tỉnh")
        verbose_name_plural = _("chỉ tiêu của tỉnh")
        ordering = ["campaign", "position", "id"]

    def __str__(self):
        return f"{self.name} ({self.campaign})" if self.campaign_id else self.name

    def clean(self):
        if self.unit == Indicator.Unit.COUNT and not self.unit_label:
            raise ValidationError({"unit_label": _("Chỉ tiêu số lượng cần đơn vị tính, ví dụ: đơn vị máu.")})
        if self.target is not None and self.target <= 0:
            raise ValidationError({"target": _("Chỉ tiêu phải lớn hơn 0.")})

    # The province's page writes its figures in whole percentages, without the excess, in the
    # plain "được …" form (the communes' copies keep their own choices).
    percent_decimals = 0
    excess_form = ""
    sentence_form = ""

    def shares_version(self):
        """The latest history id of this indicator's shares (0 when none), as `targets_version`."""
        latest = CommuneShare.history.filter(indicator_id=self.pk).aggregate(latest=Max("history_id"))[
            "latest"
        ]
        return latest or 0


class CommuneShare(models.Model):
    """The part of a province indicator the province gives one commune (chỉ tiêu tỉnh giao).
    The commune's own target of its copy of the indicator follows it (services)."""

    # A commune merger leaves it with the old commune: the share the province gave it.
    KEPT_BY_THE_OLD_COMMUNE = True

    indicator = models.ForeignKey(
        ProvinceIndicator,
        on_delete=models.PROTECT,
        related_name="shares",
        verbose_name=_("chỉ tiêu của tỉnh"),
    )
    commune = models.ForeignKey(
        "congresses.Commune",
        on_delete=models.PROTECT,
        related_name="province_shares",
        verbose_name=_("xã, phường"),
    )
    amount = models.BigIntegerField(_("mức giao"), validators=[bounds.AmountLimit()])
    set_by = recorded_by(_("người giao"))

    objects = CommuneScopedQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("lịch sử phần giao của xã"))

    class Meta:
        verbose_name = _("phần chỉ tiêu tỉnh giao xã")
        verbose_name_plural = _("phần chỉ tiêu tỉnh giao xã")
        ordering = ["indicator", "commune__name"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "commune"], name="one_share_per_commune"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="commune_share_positive"),
        ]

    def __str__(self):
        return f"{self.indicator.name} — {self.commune}: {self.indicator.format_value(self.amount)}"
