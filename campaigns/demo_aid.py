"""Demo data for the support campaigns give: a house programme with co-funding and stages, a
gift batch with a top-up and rice handed out in kind, and stated figures (one of which the check
flags). Runs after `campaigns.demo.load`, through the services, as the demo's chair."""

import datetime

from django.contrib.auth import get_user_model

from congresses.models import ResidentialArea

from . import services
from .demo import CHAIR_USERNAME
from .gifts import GiftBatch, Recipient
from .houses import House
from .models import Campaign, Indicator
from .stated import StatedFigure

# (household kind, work, total value, the Front's part, other sources, stage reached)
HOUSES = [
    (
        Recipient.Kind.POOR,
        House.Work.NEW,
        80_000_000,
        40_000_000,
        [("quy_cap_tren", 20_000_000), ("gia_dinh_dong_ho", 12_000_000), ("ngay_cong", 6_000_000, 30)],
        3,
    ),
    (
        Recipient.Kind.POOR,
        House.Work.NEW,
        75_000_000,
        40_000_000,
        [("quy_cap_tren", 20_000_000), ("gia_dinh_dong_ho", 8_000_000), ("ngay_cong", 4_000_000, 20)],
        3,
    ),
    (
        Recipient.Kind.POLICY,
        House.Work.NEW,
        90_000_000,
        40_000_000,
        [("nha_tai_tro", 30_000_000), ("ngay_cong", 5_000_000, 25)],
        2,
    ),
    (
        Recipient.Kind.NEAR_POOR,
        House.Work.REPAIR,
        30_000_000,
        20_000_000,
        [("gia_dinh_dong_ho", 6_000_000)],
        2,
    ),
    (Recipient.Kind.POOR, House.Work.NEW, 70_000_000, 40_000_000, [("quy_cap_tren", 20_000_000)], 1),
    (Recipient.Kind.POOR, House.Work.REPAIR, 25_000_000, 20_000_000, [], 0),
]


def load(commune, log=print):
    chair = get_user_model().objects.filter(username=CHAIR_USERNAME).first()
    campaigns = Campaign.objects.filter(commune=commune)
    houses_campaign = campaigns.filter(name__startswith="Xây dựng nhà").first()
    fund_campaign = campaigns.filter(kind=Campaign.Kind.FUND, status=Campaign.Status.ACTIVE).first()
    tet_campaign = campaigns.filter(name__contains="Tết vì người nghèo").first()
    if (
        not (chair and houses_campaign and fund_campaign)
        or Recipient.objects.filter(commune=commune).exists()
    ):
        return
    areas = list(ResidentialArea.objects.current().filter(commune=commune).order_by("position"))
    homes = _houses(commune, areas, chair, houses_campaign)
    _gifts(commune, areas, chair, fund_campaign, tet_campaign, homes)
    _stated(chair, fund_campaign, houses_campaign)
    log(
        f"  {House.objects.filter(campaign=houses_campaign).count()} căn nhà Đại đoàn kết, "
        f"{GiftBatch.objects.filter(campaign__commune=commune).count()} đợt trao quà, "
        f"{StatedFigure.objects.filter(campaign__commune=commune).count()} số liệu được nêu"
    )


def _houses(commune, areas, chair, campaign):
    start = campaign.start_date
    homes = []
    for index, (kind, work, total, front, sources, stage) in enumerate(HOUSES):
        area = areas[index % len(areas)]
        home = services.record_recipient(
            by=chair,
            commune=commune,
            kind=kind,
            area=area,
            label=f"{Recipient.Kind(kind).label} số {index + 1}",
        )
        homes.append(home)
        approved = start + datetime.timedelta(days=60 + 20 * index)
        dates = {
            "money_handed_on": approved + datetime.timedelta(days=20) if stage >= 1 else None,
            "started_on": approved + datetime.timedelta(days=30) if stage >= 2 else None,
            "handed_over_on": approved + datetime.timedelta(days=120) if stage >= 3 else None,
        }
        services.record_house(
            by=chair,
            campaign=campaign,
            recipient=home,
            work=work,
            total_value=total,
            front_support=front,
            approved_on=approved,
            sources=sources,
            **dates,
        )
    return homes


def _gifts(commune, areas, chair, fund_campaign, tet_campaign, homes):
    day = fund_campaign.start_date + datetime.timedelta(days=25)
    listed = [home for home in homes if home.kind == Recipient.Kind.POOR]
    first = services.record_gift_batch(
        by=chair,
        campaign=fund_campaign,
        title="Trao quà Tết cho hộ nghèo, cận nghèo",
        date=day,
        count=40,
        cash_per_gift=500_000,
        kind_quantity=10,
        kind_unit="kg gạo",
        kind_value_per_gift=150_000,
        paid=GiftBatch.Paid.CASH,
        giver="Ủy ban MTTQ xã phối hợp Ngân hàng Chính sách xã hội",
        recipients=listed,
        funding_source="Tạm ứng từ ngân sách xã" if fund_campaign.fund_balance() < 20_000_000 else "",
    )
    services.record_gift_batch(
        by=chair,
        campaign=fund_campaign,
        title="Bổ sung quà Tết cho hộ neo đơn",
        date=day + datetime.timedelta(days=5),
        tops_up=first,
        count=12,
        cash_per_gift=300_000,
        paid=GiftBatch.Paid.NOT_FROM_FUND,
        giver="Hội Chữ thập đỏ xã",
        recipients=listed[:2],
    )
    if tet_campaign is not None:
        services.record_gift_batch(
            by=chair,
            campaign=tet_campaign,
            title="Hỗ trợ gạo cứu đói giáp hạt",
            date=tet_campaign.start_date,
            area=areas[0],
            count=25,
            kind_quantity=15,
            kind_unit="kg gạo",
            paid=GiftBatch.Paid.NOT_FROM_FUND,
            giver="Doanh nghiệp tư nhân Thành Công",
        )


def _stated(chair, fund_campaign, houses_campaign):
    indicator = Indicator.objects.filter(campaign=fund_campaign, unit=Indicator.Unit.MONEY).first()
    raised = indicator.totals()["amount"] if indicator else 0
    day = fund_campaign.start_date + datetime.timedelta(days=60)
    # What the article says of the Tết gifts: 40 × 650.000 đ is 26 triệu, not "trên 28 triệu".
    services.record_stated_figure(
        by=chair,
        campaign=fund_campaign,
        subject=StatedFigure.Subject.GIFTS,
        quote="trao 40 suất quà Tết, mỗi suất 650.000 đồng, tổng trị giá trên 28 triệu đồng",
        source_kind=StatedFigure.SourceKind.ARTICLE,
        source="Bài “Tết ấm cho hộ nghèo” (bản thảo gửi Báo Quảng Nam)",
        source_date=day,
        count=40,
        unit_value=650_000,
        amount=28_000_000,
        amount_qualifier="tren",
    )
    # The commune's report: the houses as the ledger has them (agrees).
    services.record_stated_figure(
        by=chair,
        campaign=houses_campaign,
        subject=StatedFigure.Subject.HOUSES,
        quote=f"{len(HOUSES)} căn nhà Đại đoàn kết, tổng trị giá 370 triệu đồng",
        source="Báo cáo của Ban Thường trực Ủy ban MTTQ xã",
        source_date=houses_campaign.start_date + datetime.timedelta(days=300),
        count=len(HOUSES),
        amount=sum(row[2] for row in HOUSES),
    )
    if raised:
        services.record_stated_figure(
            by=chair,
            campaign=fund_campaign,
            indicator=indicator,
            quote="vận động Quỹ “Vì người nghèo” được khoảng "
            + f"{round(raised, -6) // 1_000_000} triệu đồng",
            source="Báo cáo sơ kết của Ban Thường trực",
            source_date=day,
            amount=round(raised, -6),
            amount_qualifier="khoang",
        )
