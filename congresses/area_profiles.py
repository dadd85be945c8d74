"""What a residential area is made of, year by year, and how areas split and are re-drawn.

- `AreaProfile`: households, persons, ethnic-minority and religious households, poor and
  near-poor households of one area in one year, as the hamlet's officer or commune staff
  report them. Shown on the area's page.
- `AreaSuccession`: an area that ended and went, wholly or in part, into one or several other
  areas (a split, or boundaries re-drawn). A merger of a whole area into one other is still
  `ResidentialArea.merged_into`; this adds the many-to-many case. Old addresses go to the best
  successor (`best_successor`): the one marked principal, else the one that took most households.

Writes go through `congresses.personnel_services`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib import bounds
from lib.fields import recorded_by
from lib.vietnamese import format_number, percent

from .festivals import officer_area_ids, sees_every_area
from .models import CommuneScopedQuerySet, ResidentialArea


def _count(label, help_text=""):
    return models.PositiveIntegerField(
        label, null=True, blank=True, validators=[bounds.CountLimit()], help_text=help_text
    )


class AreaProfileQuerySet(CommuneScopedQuerySet):
    commune_lookup = "area__commune"

    def visible_to(self, user):
        mine = super().visible_to(user)
        if sees_every_area(user):
            return mine
        return mine.filter(area_id__in=officer_area_ids(user))


PROFILE_PARTS = [
    "minority_households",
    "religious_households",
    "poor_households",
    "near_poor_households",
]


class AreaProfile(models.Model):
    """One area in one year: how many households and people, and of which kinds."""

    area = models.ForeignKey(
        ResidentialArea, on_delete=models.PROTECT, related_name="profiles", verbose_name=_("khu dân cư")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    households = _count(_("số hộ"))
    persons = _count(_("số nhân khẩu"))
    minority_households = _count(_("hộ đồng bào dân tộc thiểu số"))
    religious_households = _count(_("hộ theo tôn giáo"))
    poor_households = _count(_("hộ nghèo"))
    near_poor_households = _count(_("hộ cận nghèo"))
    source = models.CharField(
        _("nguồn số liệu"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Kết quả rà soát hộ nghèo cuối năm của UBND xã"),
    )
    entered_by = recorded_by(_("người nhập"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = AreaProfileQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu khu dân cư theo năm")
        verbose_name_plural = _("số liệu khu dân cư theo năm")
        ordering = ["area__position", "area__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="one_area_profile_per_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=1945) & models.Q(year__lte=2200), name="area_profile_year_sane"
            ),
            *[
                models.CheckConstraint(
                    condition=bounds.within(name, bounds.MAX_COUNT), name=f"area_profile_{name}_bounded"
                )
                for name in ["households", "persons", *PROFILE_PARTS]
            ],
        ]

    def __str__(self):
        return f"{self.area} — {self.year}"

    def clean(self):
        errors = {}
        if self.households is not None:
            for name in PROFILE_PARTS:
                value = getattr(self, name)
                if value is not None and value > self.households:
                    label = self._meta.get_field(name).verbose_name
                    errors[name] = _("Số %(label)s không thể lớn hơn số hộ (%(households)s).") % {
                        "label": label,
                        "households": format_number(self.households),
                    }
            if self.persons is not None and self.persons < self.households:
                errors["persons"] = _("Số nhân khẩu không thể ít hơn số hộ.")
        if (
            self.poor_households is not None
            and self.near_poor_households is not None
            and self.households is not None
            and self.poor_households + self.near_poor_households > self.households
        ):
            errors.setdefault(
                "near_poor_households", _("Hộ nghèo và hộ cận nghèo cộng lại không thể vượt số hộ.")
            )
        if errors:
            raise ValidationError(errors)

    def share(self, name):
        """Whole-number percent of the households that `name` counts, or None."""
        value = getattr(self, name)
        if value is None or not self.households:
            return None
        return percent(value, self.households)

    def rows(self):
        """(label, count, percent of households) of the figures entered, for the area page."""
        out = []
        for name in ["households", "persons", *PROFILE_PARTS]:
            value = getattr(self, name)
            if value is not None:
                share = self.share(name) if name in PROFILE_PARTS else None
                out.append((self._meta.get_field(name).verbose_name, value, share))
        return out


class AreaSuccessionQuerySet(CommuneScopedQuerySet):
    commune_lookup = "predecessor__commune"


class AreaSuccession(models.Model):
    """Part (or all) of an ended area went into `successor` on `on`."""

    predecessor = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="successions",
        verbose_name=_("khu dân cư trước đây"),
    )
    successor = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="predecessions",
        verbose_name=_("khu dân cư tiếp nhận"),
    )
    on = models.DateField(_("từ ngày"))
    households = _count(_("số hộ chuyển sang"))
    is_principal = models.BooleanField(
        _("phần chính"),
        default=False,
        help_text=_("Địa chỉ cũ của khu dân cư chuyển về khu tiếp nhận phần chính"),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = AreaSuccessionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chia tách, điều chỉnh khu dân cư")
        verbose_name_plural = _("chia tách, điều chỉnh khu dân cư")
        ordering = ["-on", "predecessor", "-is_principal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="one_succession_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="succession_not_to_itself"
            ),
            models.CheckConstraint(
                condition=bounds.within("households", bounds.MAX_COUNT), name="succession_households_bounded"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"

    def clean(self):
        if self.predecessor_id and self.successor_id:
            if self.predecessor_id == self.successor_id:
                raise ValidationError(_("Một khu dân cư không thể tách vào chính nó."))
            if self.predecessor.commune_id != self.successor.commune_id:
                raise ValidationError(_("Khu dân cư tiếp nhận phải cùng xã, phường."))


def _ranked(successions):
    return sorted(successions, key=lambda s: (not s.is_principal, -(s.households or 0), s.pk))


def best_successor(area, areas=None, successions=None):
    """Where an ended area's address leads today: follows mergers (`merged_into`) and splits
    (the principal part, else the part with most households), whichever came, until an area
    that still exists; stops on a loop. `areas` and `successions` of the commune may be given
    already fetched; otherwise two queries."""
    if areas is None:
        areas = {a.pk: a for a in ResidentialArea.objects.filter(commune_id=area.commune_id)}
    if successions is None:
        successions = list(AreaSuccession.objects.filter(predecessor__commune_id=area.commune_id))
    by_predecessor = {}
    for succession in successions:
        by_predecessor.setdefault(succession.predecessor_id, []).append(succession)
    node, seen = area, {area.pk}
    while True:
        if node.merged_into_id:
            following = node.merged_into_id
        elif node.pk in by_predecessor:
            following = _ranked(by_predecessor[node.pk])[0].successor_id
        else:
            return node
        if following in seen or following not in areas:
            return node
        seen.add(following)
        node = areas[following]
