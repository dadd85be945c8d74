"""Two panels of an area's page: its lineage (the areas merged or renamed into it, generation
after generation, with their dates) and its Ngày hội Đại đoàn kết year by year, its
predecessors' included. Each runs one query whatever the number of areas or years."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .festivals import FestivalArea
from .models import ResidentialArea


@dataclass
class Lineage:
    area: ResidentialArea
    predecessors: list = field(default_factory=list)


def lineage(area, areas=None):
    """The tree of the areas that became `area`: each node an area and the areas merged into it.
    `areas` are the commune's areas (fetched in one query when not given)."""
    if areas is None:
        areas = list(ResidentialArea.objects.filter(commune_id=area.commune_id).order_by("position", "name"))
    merged_from = {}
    for other in areas:
        if other.merged_into_id:
            merged_from.setdefault(other.merged_into_id, []).append(other)

    def build(node, seen):
        # `seen` guards against a cycle typed by hand in the database: a tree, never a loop.
        children = [child for child in merged_from.get(node.pk, []) if child.pk not in seen]
        return Lineage(node, [build(child, seen | {child.pk}) for child in children])

    return build(area, {area.pk})


def ancestor_ids(tree):
    ids = []
    for node in tree.predecessors:
        ids += [node.area.pk, *ancestor_ids(node)]
    return ids


def lineage_panel(area):
    tree = lineage(area)
    if not tree.predecessors:
        return None
    return {
        "title": _("Lịch sử hình thành %(area)s") % {"area": area.in_sentence},
        "template": "congresses/_area_lineage.html",
        "context": {"tree": tree},
        "order": 80,
    }


def festivals_panel(area):
    """The published Ngày hội of the area (and of the areas merged into it), newest first."""
    areas = list(ResidentialArea.objects.filter(commune_id=area.commune_id))
    ids = [area.pk, *ancestor_ids(lineage(area, areas))]
    by_id = {other.pk: other for other in areas}
    rows = list(
        FestivalArea.objects.filter(area_id__in=ids, festival__is_published=True)
        .select_related("festival")
        .order_by("-festival__year", "pk")
    )
    if not rows:
        return None
    for row in rows:
        row.area = by_id[row.area_id]  # already fetched: no query per row
    return {
        "title": _("Ngày hội Đại đoàn kết ở %(area)s") % {"area": area.in_sentence},
        "template": "congresses/_area_festivals.html",
        "context": {"rows": rows, "area": area},
        "order": 60,
    }
