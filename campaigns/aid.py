"""What a campaign's page shows of the support it gave: houses by stage and gift batches, each
in the words reports use, from a fixed handful of queries (none beyond two when a campaign
has neither)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from lib.vietnamese import format_money, format_number

from .gifts import GiftBatch
from .houses import STAGE_FILTERS, House, HouseSource, Stage

HOUSES_ON_PAGE = 60
BATCHES_ON_PAGE = 30

# Stage counts as reports list them: what is finished first.
STAGE_ORDER = [Stage.HANDED_OVER, Stage.BUILDING, Stage.MONEY, Stage.APPROVED]
_STAGE_WORDS = {
    Stage.HANDED_OVER: "đã bàn giao",
    Stage.BUILDING: "đang xây dựng, sửa chữa",
    Stage.MONEY: "đã trao tiền hỗ trợ, chưa khởi công",
    Stage.APPROVED: "đã duyệt, chưa trao tiền",
}


@dataclass
class HouseGroup:
    """The houses of one kind: `52 căn nhà Đại đoàn kết … đã bàn giao 30 căn …`."""

    kind_label: str
    count: int
    value: int
    front: int
    front_paid: int
    new: int
    repair: int
    stages: list = field(default_factory=list)  # [(stage, label, count)] with count > 0

    def sentence(self):
        text = _("%(count)s căn %(kind)s") % {"count": format_number(self.count), "kind": self.kind_label}
        if self.new and self.repair:
            text += _(" (xây mới %(new)s căn, sửa chữa %(repair)s căn)") % {
                "new": format_number(self.new),
                "repair": format_number(self.repair),
            }
        elif self.repair:
            text += _(" (sửa chữa)")
        text += _(", tổng trị giá %(value)s") % {"value": format_money(self.value, "đồng")}
        if self.front:
            text += _(", trong đó Mặt trận xã hỗ trợ %(front)s từ quỹ") % {
                "front": format_money(self.front, "đồng")
            }
        stages = ", ".join(
            f"{_STAGE_WORDS[stage]} {format_number(n)} căn" for stage, _label, n in self.stages
        )
        return f"{text}; {stages}" if stages else text


def houses_section(campaign):
    """{"groups", "houses", "sources"} for the page, or None when the campaign has no house."""
    houses = House.objects.filter(campaign=campaign).counted()
    rows = (
        houses.values("kind")
        .annotate(
            count=Count("pk"),
            value=Coalesce(Sum("total_value"), 0),
            front=Coalesce(Sum("front_support"), 0),
            front_paid=Coalesce(Sum("front_support", filter=Q(money_handed_on__isnull=False)), 0),
            new=Count("pk", filter=Q(work=House.Work.NEW)),
            repair=Count("pk", filter=Q(work=House.Work.REPAIR)),
            **{str(stage): Count("pk", filter=condition) for stage, condition in STAGE_FILTERS.items()},
        )
        .order_by("kind")
    )
    labels = dict(House.Kind.choices)
    groups = [
        HouseGroup(
            kind_label=str(labels[row["kind"]]).replace("Nhà", "nhà", 1),
            count=row["count"],
            value=row["value"],
            front=row["front"],
            front_paid=row["front_paid"],
            new=row["new"],
            repair=row["repair"],
            stages=[(stage, Stage(stage).label, row[str(stage)]) for stage in STAGE_ORDER if row[str(stage)]],
        )
        for row in rows
    ]
    if not groups:
        return None
    sources = [
        (HouseSource.Kind(row["kind"]).label, row["total"], row["days"])
        for row in HouseSource.objects.filter(house__in=houses)
        .values("kind")
        .annotate(total=Coalesce(Sum("amount"), 0), days=Coalesce(Sum("workdays"), 0))
        .order_by("kind")
    ]
    listed = list(
        houses.select_related("area", "recipient").order_by("area__position", "pk")[:HOUSES_ON_PAGE]
    )
    return {
        "groups": groups,
        "houses": listed,
        "sources": sources,
        "more": sum(g.count for g in groups) > len(listed),
    }


def gifts_section(campaign):
    """{"batches", "summary", "sentence"} for the page, or None when no gift was handed out."""
    batches = list(
        GiftBatch.objects.filter(campaign=campaign)
        .select_related("area", "tops_up")
        .order_by("-date", "-pk")[:BATCHES_ON_PAGE]
    )
    if not batches:
        return None
    summary = GiftBatch.objects.filter(campaign=campaign).summary()
    return {"batches": batches, "summary": summary, "sentence": gifts_sentence(summary)}


def gifts_sentence(summary):
    """`Đã trao 607 phần quà, tổng trị giá 214.350.000 đồng (tiền mặt …); bổ sung cho 50 hộ …`."""
    text = _("Đã trao %(gifts)s suất quà, tổng trị giá %(value)s") % {
        "gifts": format_number(summary["gifts"]),
        "value": format_money(summary["value"], "đồng"),
    }
    if summary["cash"] and summary["kind_value"]:
        text += _(" (tiền mặt %(cash)s, hiện vật %(kind)s)") % {
            "cash": format_money(summary["cash"], "đồng"),
            "kind": format_money(summary["kind_value"], "đồng"),
        }
    if summary["topped_up"]:
        text += _("; trong đó bổ sung cho %(n)s lượt hộ đã nhận, thêm %(value)s") % {
            "n": format_number(summary["topped_up"]),
            "value": format_money(summary["top_up_value"], "đồng"),
        }
    return text


def aid_page(campaign):
    """The context the campaign page adds for houses and gifts."""
    return {"houses_section": houses_section(campaign), "gifts_section": gifts_section(campaign)}
