"""Meetings as the Front reports them: a round of the same meeting held in every residential
area ("7/7 thôn đã tổ chức Hội nghị nhiệm kỳ Ban công tác Mặt trận"), and its coverage as of a
day.

The coverage is computed from the conferences held by each area's Ban CTMT where they are
entered; where the records are fewer than the report says (the areas are not all recorded),
the figure the report states is shown, with its date, and marked so. Writes go through
`congresses.event_services`.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib import bounds

from .models import Commune, CommuneScopedQuerySet, Conference, FrontCommittee, ResidentialArea


class MeetingRoundQuerySet(CommuneScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        from .supervision import staff_scope

        return staff_scope(super().visible_to(user), user)

    def touching(self, start, end):
        """Rounds running at some point between two days."""
        return self.filter(starts_on__lte=end).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=start)
        )


class MeetingRound(models.Model):
    """One meeting every area holds in a period: the Ban CTMT term conferences of 2024, the
    hamlets' mid-year reviews, the launch of a movement in each hamlet."""

    # A commune merger leaves it with the old commune: it is that commune's history.
    KEPT_BY_THE_OLD_COMMUNE = True

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="meeting_rounds", verbose_name=_("xã, phường")
    )
    title = models.CharField(
        _("tên đợt"),
        max_length=200,
        help_text=_("Ví dụ: Hội nghị nhiệm kỳ Ban công tác Mặt trận khu dân cư nhiệm kỳ 2024–2026"),
    )
    conference_kind = models.CharField(_("loại hội nghị"), max_length=12, choices=Conference.Kind.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    stated_held = models.PositiveSmallIntegerField(
        _("số khu dân cư đã tổ chức (theo báo cáo)"),
        null=True,
        blank=True,
        validators=[bounds.CountLimit(), MaxValueValidator(bounds.MAX_AREAS, bounds.AREAS_TOO_MANY)],
        help_text=_("Khi chưa nhập hội nghị của mọi khu dân cư; bỏ trống để tính từ các hội nghị đã nhập"),
    )
    stated_total = models.PositiveSmallIntegerField(
        _("tổng số khu dân cư (theo báo cáo)"),
        null=True,
        blank=True,
        validators=[bounds.CountLimit(), MaxValueValidator(bounds.MAX_AREAS, bounds.AREAS_TOO_MANY)],
    )
    stated_on = models.DateField(_("số liệu báo cáo tính đến ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    is_published = models.BooleanField(_("đăng trên cổng"), default=False)

    objects = MeetingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt hội nghị ở khu dân cư")
        verbose_name_plural = _("đợt hội nghị ở khu dân cư")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="meeting_round_ends_after_start",
            ),
            models.CheckConstraint(
                condition=bounds.within("stated_held", bounds.MAX_AREAS), name="meeting_round_held_bounded"
            ),
            models.CheckConstraint(
                condition=bounds.within("stated_total", bounds.MAX_AREAS), name="meeting_round_total_bounded"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc không thể trước ngày bắt đầu.")})
        held, total = self.stated_held, self.stated_total
        if held is not None and total is not None and held > total:
            raise ValidationError(
                {"stated_held": _("Số khu dân cư đã tổ chức không thể lớn hơn tổng số khu dân cư.")}
            )
        if (held is None) != (total is None):
            raise ValidationError(_("Hãy ghi cả số khu dân cư đã tổ chức và tổng số, hoặc bỏ trống cả hai."))
        if held is not None and not self.stated_on:
            raise ValidationError({"stated_on": _("Hãy ghi số liệu báo cáo tính đến ngày nào.")})

    def get_absolute_url(self):
        return reverse("congresses:meeting_round", kwargs={"pk": self.pk})

    @property
    def kind_label(self):
        return self.get_conference_kind_display()

    def coverage(self, on=None):
        """What the round reached by `on` (today, at most its last day). Three queries."""
        on = min(on or timezone.localdate(), self.ends_on or datetime.date.max)
        areas = list(
            ResidentialArea.objects.for_commune(self.commune).current(on).order_by("position", "name")
        )
        tz = timezone.get_current_timezone()
        since = datetime.datetime.combine(self.starts_on, datetime.time.min, tz)
        until = datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time.min, tz)
        held = (
            Conference.objects.for_commune(self.commune)
            .held()
            .filter(
                kind=self.conference_kind,
                committee__level=FrontCommittee.Level.RESIDENTIAL,
                starts_at__gte=since,
                starts_at__lt=until,
            )
            .select_related("committee__area")
            .order_by("starts_at")
        )
        first = {}
        ids = {area.pk for area in areas}
        for conference in held:
            area = conference.committee.area
            # A meeting of an area merged since counts for the area that took it in.
            key = area.pk if area.pk in ids else area.merged_into_id
            if key in ids:
                first.setdefault(key, conference)
        rows = [AreaMeeting(area, first.get(area.pk)) for area in areas]
        return Coverage(self, on, rows)


@dataclass
class AreaMeeting:
    area: ResidentialArea
    conference: Conference | None = None


@dataclass
class Coverage:
    round: MeetingRound
    on: datetime.date
    rows: list = field(default_factory=list)

    @property
    def recorded(self):
        return sum(row.conference is not None for row in self.rows)

    @property
    def is_stated(self):
        """The report's figure is shown when the records reach fewer areas than it says."""
        stated = self.round.stated_held
        return stated is not None and stated > self.recorded

    @property
    def held(self):
        return self.round.stated_held if self.is_stated else self.recorded

    @property
    def total(self):
        if self.is_stated and self.round.stated_total:
            return self.round.stated_total
        return len(self.rows)

    @property
    def as_of(self):
        return self.round.stated_on if self.is_stated else self.on

    @property
    def area_word(self):
        """`thôn` when every area is a thôn, else `khu dân cư`."""
        kinds = {row.area.kind for row in self.rows}
        if len(kinds) == 1:
            return self.rows[0].area.get_kind_display().lower()
        return "khu dân cư"

    @property
    def complete(self):
        return bool(self.total) and self.held >= self.total

    @property
    def bar(self):
        return min(100, round(100 * self.held / self.total)) if self.total else 0

    @property
    def sentence(self):
        """`7/7 thôn đã tổ chức Hội nghị nhiệm kỳ Ban công tác Mặt trận (tính đến ngày 20/01/2024)`."""
        text = f"{self.held}/{self.total} {self.area_word} đã tổ chức {self.round.kind_label}"
        text += f" (tính đến ngày {self.as_of:%d/%m/%Y}"
        text += ", theo báo cáo)" if self.is_stated else ")"
        return text


# --- what the public pages read -----------------------------------------------------------------


def public_rounds(commune, on=None):
    """Published rounds of a commune with their coverage: one query, then three per round
    (a commune runs a handful of rounds a year; the list shows the latest ones)."""
    rounds = list(MeetingRound.objects.for_commune(commune).published().select_related("commune")[:5])
    for meeting_round in rounds:
        meeting_round.covered = meeting_round.coverage(on)
    return rounds


def round_page(commune, pk, on=None):
    """Raises MeetingRound.DoesNotExist."""
    meeting_round = MeetingRound.objects.for_commune(commune).published().select_related("commune").get(pk=pk)
    meeting_round.covered = meeting_round.coverage(on)
    return meeting_round
