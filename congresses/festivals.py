"""Ngày hội Đại đoàn kết toàn dân tộc (around 18/11), held in each residential area each year,
and the commune's roll-up as its report writes it: "161/170 khu dân cư tổ chức phần lễ và hội,
161 khu dân cư tổ chức bữa cơm đại đoàn kết, với trên 20.000 lượt người tham gia".

A hamlet officer enters their own area's day; staff enter any area's. The roll-up is computed
from those rows against the areas that existed on the day. Writes go through
`congresses.activity_services`.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lib import bounds
from lib.figures import Figure, Qualifier, total
from lib.vietnamese import format_number

from .models import Commune, CommuneScopedQuerySet, ResidentialArea

UNITY_DAY = (11, 18)  # Ngày truyền thống MTTQ Việt Nam, 18/11/1930


def sees_every_area(user):
    from lib.roles import CHAIR, COMMUNE_STAFF, PROVINCE_STAFF, has_role

    return any(has_role(user, role) for role in (COMMUNE_STAFF, CHAIR, PROVINCE_STAFF))


def officer_area_ids(user):
    """The areas a hamlet officer is named for. The names are kept with the campaigns' results
    (AreaOfficer); read here through the area's reverse relation, so that this app imports
    nothing of campaigns. Cached on the user for the request."""
    from lib.roles import HAMLET_OFFICER, has_role

    if not has_role(user, HAMLET_OFFICER):
        return frozenset()
    ids = getattr(user, "_festival_area_ids", None)
    if ids is None:
        ids = frozenset(ResidentialArea.objects.filter(officers__user=user).values_list("pk", flat=True))
        user._festival_area_ids = ids
    return ids


def may_enter_for_area(user, area):
    """Staff (and the chair, province staff) for any area of their communes; an officer for theirs."""
    from .permissions import works_for_commune

    if area is None or not works_for_commune(user, area.commune_id):
        return False
    return sees_every_area(user) or area.pk in officer_area_ids(user)


class UnityFestivalQuerySet(CommuneScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        if sees_every_area(user) or officer_area_ids(user):
            return super().visible_to(user)
        return self.none()


class UnityFestival(models.Model):
    """The commune's Ngày hội of one year: the day, the commune-level event, the roll-up."""

    # A commune merger leaves it with the old commune: it is that commune's history.
    KEPT_BY_THE_OLD_COMMUNE = True

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="unity_festivals", verbose_name=_("xã, phường")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày tổ chức ở xã"), null=True, blank=True)
    theme = models.CharField(
        _("chủ đề"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Kỷ niệm 96 năm Ngày truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2026)"),
    )
    summary = models.TextField(_("nội dung, kết quả chung"), blank=True)
    is_published = models.BooleanField(_("đăng trên cổng"), default=False)

    objects = UnityFestivalQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ngày hội Đại đoàn kết toàn dân tộc")
        verbose_name_plural = _("Ngày hội Đại đoàn kết toàn dân tộc")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="one_unity_festival_per_commune_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=1930) & models.Q(year__lte=2200), name="unity_festival_year_sane"
            ),
        ]

    def __str__(self):
        return f"Ngày hội Đại đoàn kết toàn dân tộc năm {self.year}"

    @property
    def reference_day(self):
        """The day whose areas count: the commune's day, or 18/11 of the year."""
        return self.held_on or datetime.date(self.year, *UNITY_DAY)

    def clean(self):
        if self.held_on and self.year and self.held_on.year != self.year:
            raise ValidationError(
                {"held_on": _("Ngày tổ chức phải thuộc năm %(year)s.") % {"year": self.year}}
            )

    def get_absolute_url(self):
        return reverse("congresses:unity_festival", kwargs={"year": self.year})

    def roll_up(self, areas=None, rows=None):
        """The roll-up of this year's rows against the areas current on the day. `areas` and
        `rows` may be given already fetched (the public page prefetches them)."""
        if areas is None:
            areas = list(
                ResidentialArea.objects.current(self.reference_day).filter(commune_id=self.commune_id)
            )
        if rows is None:
            rows = list(self.areas.select_related("area"))
        return RollUp.of(areas, rows)


class FestivalAreaQuerySet(CommuneScopedQuerySet):
    commune_lookup = "festival__commune"

    def visible_to(self, user):
        mine = super().visible_to(user)
        if sees_every_area(user):
            return mine
        return mine.filter(area_id__in=officer_area_ids(user))

    def held(self):
        return self.filter(models.Q(ceremony=True) | models.Q(festivities=True) | models.Q(shared_meal=True))


class FestivalArea(models.Model):
    """One residential area's Ngày hội in one year: which parts it held and who came."""

    festival = models.ForeignKey(
        UnityFestival, on_delete=models.PROTECT, related_name="areas", verbose_name=_("Ngày hội năm")
    )
    area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="unity_festivals",
        verbose_name=_("khu dân cư"),
    )
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True)
    ceremony = models.BooleanField(_("phần lễ"), default=False)
    festivities = models.BooleanField(_("phần hội"), default=False)
    shared_meal = models.BooleanField(_("bữa cơm đại đoàn kết"), default=False)
    participants = models.PositiveIntegerField(
        _("lượt người tham gia"), null=True, blank=True, validators=[bounds.CountLimit()]
    )
    participants_qualifier = models.CharField(
        _("cách ghi số người"), max_length=8, choices=Qualifier.choices, blank=True, default=""
    )
    guests = models.TextField(_("đại biểu dự"), blank=True, help_text=_("Mỗi dòng một đại biểu, kèm chức vụ"))
    awards = models.TextField(
        _("khen thưởng"),
        blank=True,
        help_text=_("Ví dụ: 05 hộ gia đình văn hóa tiêu biểu được tặng giấy khen"),
    )
    note = models.TextField(_("ghi chú"), blank=True, help_text=_("Lý do chưa tổ chức, nội dung nổi bật"))

    objects = FestivalAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ngày hội ở khu dân cư")
        verbose_name_plural = _("Ngày hội ở khu dân cư")
        ordering = ["festival", "area__position", "area__name"]
        constraints = [
            models.UniqueConstraint(fields=["festival", "area"], name="one_festival_row_per_area"),
            models.CheckConstraint(
                condition=bounds.within("participants", bounds.MAX_COUNT),
                name="festival_participants_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.festival} — {self.area}"

    @property
    def held(self):
        return self.ceremony or self.festivities or self.shared_meal

    @property
    def participants_figure(self):
        return Figure.of(self.participants, self.participants_qualifier)

    @property
    def parts_label(self):
        parts = [
            label
            for flag, label in (
                (self.ceremony, _("phần lễ")),
                (self.festivities, _("phần hội")),
                (self.shared_meal, _("bữa cơm đại đoàn kết")),
            )
            if flag
        ]
        return ", ".join(str(part) for part in parts) or str(_("chưa tổ chức"))


@dataclass
class RollUp:
    """How many of the day's areas held which part, and how many people took part."""

    areas_total: int
    recorded: int
    ceremony_and_festivities: int
    ceremony: int
    shared_meal: int
    held: int
    participants: Figure | None
    missing: list = field(default_factory=list)

    @classmethod
    def of(cls, areas, rows):
        area_ids = {area.pk for area in areas}
        # An area with a row counts even when it is no longer current on the day (merged
        # later in the year, or the day was moved): it held its Ngày hội as an area.
        counted = list(rows)
        recorded_ids = {row.area_id for row in counted}
        return cls(
            areas_total=len(area_ids | recorded_ids),
            recorded=len(counted),
            ceremony_and_festivities=sum(1 for row in counted if row.ceremony and row.festivities),
            ceremony=sum(1 for row in counted if row.ceremony),
            shared_meal=sum(1 for row in counted if row.shared_meal),
            held=sum(1 for row in counted if row.held),
            participants=total(row.participants_figure for row in counted),
            missing=[area for area in areas if area.pk not in recorded_ids],
        )

    @property
    def sentence(self):
        """`161/170 khu dân cư tổ chức phần lễ và hội, 161 khu dân cư tổ chức bữa cơm đại đoàn
        kết, với trên 20.000 lượt người tham gia`."""
        text = (
            f"{format_number(self.ceremony_and_festivities)}/{format_number(self.areas_total)} "
            "khu dân cư tổ chức phần lễ và hội, "
            f"{_pad(self.shared_meal)} khu dân cư tổ chức bữa cơm đại đoàn kết"
        )
        if self.participants is not None:
            text += f", với {self.participants.with_unit('lượt người')} tham gia"
        return text

    @property
    def share(self):
        """Percent of the areas that held both parts, for the progress bar."""
        if not self.areas_total:
            return 0
        return round(100 * self.ceremony_and_festivities / self.areas_total)


def _pad(number):
    """Reports zero-pad counts under ten: `07/07 thôn`."""
    return f"{number:02d}" if 0 <= number < 10 else format_number(number)


# --- what the public pages read -----------------------------------------------------------------


def _current_on(areas, day):
    return [
        area
        for area in areas
        if (area.valid_from is None or area.valid_from <= day)
        and (area.valid_until is None or area.valid_until > day)
    ]


def public_festivals(commune):
    """Published Ngày hội of a commune, newest year first, each with its `roll_up` computed:
    three queries whatever the number of years and areas."""
    rows = FestivalArea.objects.order_by("pk")
    festivals = list(
        UnityFestival.objects.for_commune(commune)
        .published()
        .prefetch_related(models.Prefetch("areas", rows))
    )
    areas = list(ResidentialArea.objects.filter(commune=commune)) if festivals else []
    for festival in festivals:
        festival.summary_roll_up = RollUp.of(_current_on(areas, festival.reference_day), festival.areas.all())
    return festivals


@dataclass
class AreaLine:
    area: ResidentialArea
    row: FestivalArea | None


def festival_page(commune, year):
    """A published Ngày hội, its roll-up and one line per area (rows, and the day's areas not
    yet entered): three queries. Raises UnityFestival.DoesNotExist."""
    festival = UnityFestival.objects.for_commune(commune).published().get(year=year)
    rows = list(festival.areas.select_related("area").order_by("area__position", "area__name"))
    areas = _current_on(
        list(ResidentialArea.objects.filter(commune=commune).order_by("position", "name")),
        festival.reference_day,
    )
    festival.page_roll_up = RollUp.of(areas, rows)
    entered = {row.area_id for row in rows}
    festival.lines = [AreaLine(row.area, row) for row in rows] + [
        AreaLine(area, None) for area in areas if area.pk not in entered
    ]
    return festival
