"""Activities planned for a period against those held: "77 cuộc/2.288 lượt người tham dự",
"đạt 77/80 cuộc theo kế hoạch".

A plan (kế hoạch) of a commune covers a period and plans, per kind of activity, how many
(conferences, voter meetings, Ngày hội in the areas, supervisions, social reviews) and how many
people. What was held is counted from the records of the period where they exist; where the
records are not all entered, the figure the report states is kept beside it and shown instead,
marked so. Writes go through `congresses.activity_services`.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib import bounds
from lib.figures import Figure, Qualifier, total
from lib.vietnamese import format_number, percent

from .models import Commune, CommuneScopedQuerySet, Conference


class ActivityPlanQuerySet(CommuneScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        from .supervision import staff_scope

        return staff_scope(super().visible_to(user), user)


class ActivityPlan(models.Model):
    # A commune merger leaves it with the old commune: it is that commune's history.
    KEPT_BY_THE_OLD_COMMUNE = True
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="activity_plans", verbose_name=_("xã, phường")
    )
    title = models.CharField(
        _("tên kế hoạch"),
        max_length=200,
        help_text=_("Ví dụ: Kế hoạch hoạt động của Ủy ban MTTQ xã năm 2026"),
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    note = models.TextField(_("ghi chú"), blank=True)
    is_published = models.BooleanField(_("đăng trên cổng"), default=False)

    objects = ActivityPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch hoạt động")
        verbose_name_plural = _("kế hoạch hoạt động: kế hoạch và thực hiện")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="activity_plan_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def period(self):
        return f"{self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc không thể trước ngày bắt đầu.")})

    def get_absolute_url(self):
        return reverse("congresses:activity_plan", kwargs={"pk": self.pk})

    def results(self, on=None):
        """One PlanResult per planned line, then the total of all lines (None without lines)."""
        lines = [line.result(on) for line in self.lines.all()]
        return lines, PlanResult.sum(lines) if lines else None


class PlannedActivityQuerySet(CommuneScopedQuerySet):
    commune_lookup = "plan__commune"

    def visible_to(self, user):
        from .supervision import staff_scope

        return staff_scope(super().visible_to(user), user)


class PlannedActivity(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE = "hoi_nghi", _("Hội nghị")
        VOTER_MEETING = "tiep_xuc", _("Hội nghị tiếp xúc cử tri")
        UNITY_FESTIVAL = "ngay_hoi", _("Ngày hội Đại đoàn kết ở khu dân cư")
        SUPERVISION = "giam_sat", _("Cuộc giám sát")
        SOCIAL_REVIEW = "phan_bien", _("Hội nghị phản biện xã hội")

    plan = models.ForeignKey(
        ActivityPlan, on_delete=models.PROTECT, related_name="lines", verbose_name=_("kế hoạch")
    )
    kind = models.CharField(_("hoạt động"), max_length=10, choices=Kind.choices)
    conference_kind = models.CharField(
        _("loại hội nghị"),
        max_length=12,
        choices=Conference.Kind.choices,
        blank=True,
        help_text=_("Chỉ với “Hội nghị”; bỏ trống để đếm mọi loại hội nghị"),
    )
    planned_count = models.PositiveIntegerField(_("số cuộc theo kế hoạch"), validators=[bounds.CountLimit()])
    planned_people = models.PositiveIntegerField(
        _("số lượt người theo kế hoạch"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    stated_held = models.PositiveIntegerField(
        _("số cuộc đã tổ chức (theo báo cáo)"),
        null=True,
        blank=True,
        validators=[bounds.CountLimit()],
        help_text=_("Khi chưa nhập đủ từng cuộc vào hệ thống; bỏ trống để tính từ các bản ghi"),
    )
    stated_people = models.PositiveIntegerField(
        _("số lượt người dự (theo báo cáo)"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    stated_people_qualifier = models.CharField(
        _("cách ghi số người"), max_length=8, choices=Qualifier.choices, blank=True, default=""
    )

    objects = PlannedActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động theo kế hoạch")
        verbose_name_plural = _("hoạt động theo kế hoạch")
        ordering = ["plan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "conference_kind"],
                name="one_plan_line_per_kind",
                violation_error_message=_("Kế hoạch đã có một dòng cho hoạt động này; hãy sửa dòng đó."),
            ),
            models.CheckConstraint(
                condition=bounds.within("planned_count", bounds.MAX_COUNT), name="plan_line_count_bounded"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        if self.kind == self.Kind.CONFERENCE and self.conference_kind:
            return self.get_conference_kind_display()
        return self.get_kind_display()

    @property
    def stated_people_figure(self):
        return Figure.of(self.stated_people, self.stated_people_qualifier)

    def clean(self):
        if self.conference_kind and self.kind != self.Kind.CONFERENCE:
            raise ValidationError({"conference_kind": _("Loại hội nghị chỉ ghi cho dòng “Hội nghị”.")})

    def recorded(self, on=None):
        """(count, people Figure or None) of what the records of the period show, up to `on`
        (today): one or two queries, whatever the number of records."""
        plan = self.plan
        last = min(plan.ends_on, on or timezone.localdate())
        start = plan.starts_on
        if self.kind == self.Kind.CONFERENCE:
            return _conferences(plan.commune_id, start, last, self.conference_kind)
        if self.kind == self.Kind.VOTER_MEETING:
            from .opinions import VoterMeeting

            rows = VoterMeeting.objects.filter(commune_id=plan.commune_id, starts_on__range=(start, last))
            return _hedged(rows, "attendees", "attendees_qualifier")
        if self.kind == self.Kind.UNITY_FESTIVAL:
            from .festivals import FestivalArea

            rows = FestivalArea.objects.filter(festival__commune_id=plan.commune_id).held()
            day = Q(held_on__range=(start, last)) | Q(
                held_on__isnull=True, festival__held_on__range=(start, last)
            )
            return _hedged(rows.filter(day), "participants", "participants_qualifier")
        from .supervision import Supervision

        rows = Supervision.objects.filter(commune_id=plan.commune_id, starts_on__range=(start, last))
        rows = rows.social_reviews() if self.kind == self.Kind.SOCIAL_REVIEW else rows.supervisions()
        return rows.count(), None

    def result(self, on=None):
        count, people = self.recorded(on)
        return PlanResult(
            label=self.label,
            planned=self.planned_count,
            planned_people=self.planned_people,
            recorded=count,
            recorded_people=people,
            stated=self.stated_held,
            stated_people=self.stated_people_figure,
        )


def _conferences(commune_id, start, last, kind=""):
    """Conferences held in the period: one that records several sessions ("5 cuộc") counts them."""
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tz)
    until = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tz)
    rows = Conference.objects.held().filter(
        committee__commune_id=commune_id,
        starts_at__gte=since,
        starts_at__lt=until,
        starts_at__lte=timezone.now(),
    )
    if kind:
        rows = rows.filter(kind=kind)
    sums = rows.aggregate(
        held=Coalesce(Sum(Coalesce("sessions_count", 1)), 0),
        people=Sum("attendees_count"),
        with_people=Count("pk", filter=Q(attendees_count__isnull=False)),
    )
    people = Figure(sums["people"]) if sums["with_people"] else None
    return sums["held"], people


def _hedged(rows, value, qualifier):
    """Count of rows and the honest sum of a hedged figure, grouped by its word: one query."""
    count, figures = 0, []
    for group in (
        rows.values(qualifier).annotate(n=Count("pk"), s=Sum(value), k=Count(value)).order_by(qualifier)
    ):
        count += group["n"]
        if group["k"]:
            figures.append(Figure(group["s"], group[qualifier]))
    return count, total(figures)


@dataclass
class PlanResult:
    label: str
    planned: int
    planned_people: int | None
    recorded: int
    recorded_people: Figure | None
    stated: int | None = None
    stated_people: Figure | None = None

    @property
    def held(self):
        """The report's own count where it gives one (the records are not all entered), else
        the records'."""
        return self.stated if self.stated is not None else self.recorded

    @property
    def people(self):
        return self.stated_people if self.stated_people is not None else self.recorded_people

    @property
    def is_stated(self):
        return self.stated is not None or self.stated_people is not None

    @property
    def share(self):
        return percent(self.held, self.planned) if self.planned else None

    @property
    def bar(self):
        return min(100, self.share or 0)

    @property
    def sentence(self):
        """`77 cuộc/2.288 lượt người tham dự`."""
        text = f"{format_number(self.held)} cuộc"
        if self.people is not None:
            text += f"/{self.people.with_unit('lượt người tham dự')}"
        return text

    @property
    def against_plan(self):
        """`đạt 77/80 cuộc theo kế hoạch (96%)`."""
        text = f"đạt {format_number(self.held)}/{format_number(self.planned)} cuộc theo kế hoạch"
        return f"{text} ({self.share}%)" if self.share is not None else text

    @classmethod
    def sum(cls, results):
        planned_people = [r.planned_people for r in results if r.planned_people is not None]
        return cls(
            label=str(_("Tổng cộng")),
            planned=sum(r.planned for r in results),
            planned_people=sum(planned_people) if planned_people else None,
            recorded=sum(r.held for r in results),
            recorded_people=total(r.people for r in results),
        )


# --- what the public pages read -----------------------------------------------------------------


def public_plans(commune):
    """Published plans of a commune, newest first: one query."""
    return ActivityPlan.objects.for_commune(commune).published()


def plan_page(commune, pk):
    """A published plan, its lines and what was held of each: two queries, then one or two per
    line (a plan has a handful of lines, whatever the number of records counted). Raises
    ActivityPlan.DoesNotExist."""
    plan = ActivityPlan.objects.for_commune(commune).published().select_related("commune").get(pk=pk)
    plan.line_results, plan.overall = plan.results()
    return plan
