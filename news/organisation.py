"""The commune Front's own pages: giới thiệu and chức năng nhiệm vụ (text staff edit), and the
read models of the pages made from other records: cơ cấu tổ chức from the committee and its
members in `congresses`, liên hệ and the English page from the commune's site fields.

One page of each kind per commune (`Page.Kind`); a kind without a page shows a short notice,
never another commune's text. Writes go through `save_page`.
"""

from dataclasses import dataclass

from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from congresses import selectors as congress_selectors
from congresses.models import CommuneScopedQuerySet, Position
from lib.vietnamese import fold

from .sanitize import EDITOR_EXTENSIONS, clean_body


class PageQuerySet(CommuneScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Page(models.Model):
    """A text page of the commune Front: one of each kind per commune."""

    # A commune merger leaves it with the old commune: it is that commune's history.
    KEPT_BY_THE_OLD_COMMUNE = True

    class Kind(models.TextChoices):
        INTRODUCTION = "gioi-thieu", _("Giới thiệu")
        DUTIES = "chuc-nang-nhiem-vu", _("Chức năng, nhiệm vụ")
        ENGLISH = "english", _("Giới thiệu bằng tiếng Anh (trang English)")

    commune = models.ForeignKey(
        "congresses.Commune", on_delete=models.PROTECT, related_name="pages", verbose_name=_("xã, phường")
    )
    kind = models.CharField(_("trang"), max_length=24, choices=Kind.choices)
    title = models.CharField(
        _("tiêu đề"), max_length=200, blank=True, help_text=_("Bỏ trống để dùng tên trang, ví dụ: Giới thiệu")
    )
    body = ProseEditorField(_("nội dung"), config={"extensions": EDITOR_EXTENSIONS}, sanitize=True)
    is_published = models.BooleanField(_("hiện trên cổng"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PageQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trang giới thiệu")
        verbose_name_plural = _("trang giới thiệu, chức năng nhiệm vụ")
        ordering = ["commune", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "kind"], name="one_page_of_a_kind_per_commune")
        ]

    def __str__(self):
        return self.heading

    @property
    def heading(self):
        return self.title or str(self.Kind(self.kind).label).split(" (")[0]

    def get_absolute_url(self):
        return reverse(PAGE_URLS[self.kind])


PAGE_URLS = {
    Page.Kind.INTRODUCTION: "organisation:introduction",
    Page.Kind.DUTIES: "organisation:duties",
    Page.Kind.ENGLISH: "organisation:english",
}


def save_page(page):
    """Store a page as staff typed it, its body through the one HTML allowlist."""
    with transaction.atomic():
        page.body = clean_body(page.body)
        page.full_clean(exclude=["commune"])
        page.save()
    return page


def public_page(commune, kind):
    """The commune's published page of this kind, or None. One query."""
    return Page.objects.for_commune(commune).published().filter(kind=kind).first()


# --- cơ cấu tổ chức ----------------------------------------------------------------------------


@dataclass
class Structure:
    """The commune's Ủy ban MTTQ today and the Ban CTMT of each area, as the congresses app
    records them (nothing retyped)."""

    committee: object  # congresses.selectors.CommitteeView
    areas: list  # congresses.selectors.AreaRow

    @property
    def has_committee(self):
        return self.committee.current_term is not None


def structure(commune):
    """Cơ cấu tổ chức of a commune: its committee's running term with its members, and every
    current area with its head and deputies. Five queries, whatever the number of members."""
    return Structure(
        committee=congress_selectors.commune_page(commune, conferences_shown=0),
        areas=congress_selectors.directory(commune),
    )


# --- English ------------------------------------------------------------------------------------

# The usual English titles of the Front's positions (as the Front's own English pages write them).
POSITION_EN = {
    Position.Kind.HEAD: "Chairperson",
    Position.Kind.DEPUTY: "Vice Chairperson",
    Position.Kind.STANDING: "Standing Committee Member",
    Position.Kind.MEMBER: "Member",
}
RESIDENTIAL_POSITION_EN = {
    Position.Kind.HEAD: "Head",
    Position.Kind.DEPUTY: "Deputy Head",
    Position.Kind.MEMBER: "Member",
}
COMMUNE_KIND_EN = {"xa": "Commune", "phuong": "Ward", "dac_khu": "Special Zone"}


def english_position(membership, residential=False):
    table = RESIDENTIAL_POSITION_EN if residential else POSITION_EN
    return table.get(membership.position.kind, "Member")


def english_name(commune):
    """`Viet Nam Fatherland Front Committee of Hoa Phu Commune`: names without diacritics, as
    the English pages of Vietnamese agencies write them."""
    return (
        f"Viet Nam Fatherland Front Committee of {ascii_name(commune.name)} {COMMUNE_KIND_EN[commune.kind]}"
    )


def ascii_name(text):
    """`Hòa Phú` → `Hoa Phu` (fold keeps the case of nothing, so each word is capitalised again)."""
    return " ".join(word.capitalize() for word in fold(text).split())


def english_members(structure):
    """(membership, English title) of the committee's members today, in the page's order."""
    return [(m, english_position(m)) for m in structure.committee.members]
