"""Demo data for `make demo`: fund drives, a blood drive, Tết gifts and Đại đoàn kết houses
in xã Hòa Phú, with targets per village, a few hundred entries, disbursements and one
officer account per two villages. Every name and figure is invented.

Dates follow the current year so the demo always looks alive.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from congresses.models import Commune, ResidentialArea
from lib.figures import Figure, Qualifier
from lib.roles import CHAIR, HAMLET_OFFICER, role_groups

from . import services
from .models import AreaOfficer, Campaign, Contribution, Disbursement, Indicator, Progress, Target

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Cúc",
    "Dũng",
    "Hoa",
    "Hùng",
    "Lan",
    "Lộc",
    "Mai",
    "Nam",
    "Phúc",
    "Sen",
    "Tâm",
    "Thảo",
    "Tùng",
]
BUSINESSES = [
    "Công ty TNHH Gạch men Hòa Phú",
    "Hợp tác xã Nông nghiệp Phú Lộc",
    "Cửa hàng Vật liệu xây dựng Minh Tâm",
    "Doanh nghiệp tư nhân Vận tải Thanh Bình",
    "Công ty Cổ phần Nước sạch Sông Tranh",
]
ORGANISATIONS = [
    "Chi hội Phụ nữ thôn",
    "Chi đoàn Thanh niên thôn",
    "Chi hội Cựu chiến binh thôn",
    "Trường Tiểu học Hòa Phú",
    "Trạm Y tế xã",
]
OFFICER_PASSWORD = "ThonXom@2026"
CHAIR_USERNAME, CHAIR_PASSWORD = "chutich", "ChuTich@2026"

BLOOD_INDICATOR = "Hiến máu tình nguyện"


def load(commune=None, log=print):
    commune = commune or Commune.objects.first()
    if commune is None:
        log("  Chưa có xã nào: bỏ qua dữ liệu cuộc vận động.")
        return None
    if Campaign.objects.filter(commune=commune).exists():
        log("  Cuộc vận động đã có sẵn: bỏ qua.")
        return commune
    rng = random.Random(2025)
    today = timezone.localdate()
    year = today.year
    areas = list(ResidentialArea.objects.current().filter(commune=commune).order_by("position"))
    groups = role_groups()
    chair = _user(CHAIR_USERNAME, CHAIR_PASSWORD, "Chủ tịch", "Võ Thị Hạnh", groups[CHAIR])
    officers = _officers(areas, groups[HAMLET_OFFICER], log)

    _poor_fund(commune, areas, officers, chair, rng, year, today)
    _blood_drive(commune, areas, officers, chair, rng, year, today)
    _tet_gifts(commune, areas, officers, chair, rng, year, today)
    _houses(commune, areas, officers, chair, rng, year, today)
    _past_fund(commune, areas, officers, chair, rng, year)
    _cultured_families(commune, areas, officers, chair, year)
    _rural_roads(commune, areas, officers, chair, year, today)
    log(
        f"  {Campaign.objects.filter(commune=commune).count()} cuộc vận động, "
        f"{Contribution.objects.filter(area__commune=commune).count()} kết quả đóng góp"
    )
    log(f"  Tài khoản Chủ tịch: {CHAIR_USERNAME} / {CHAIR_PASSWORD}")
    return commune


def _user(username, password, first, last, group):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True, "first_name": first, "last_name": last}
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(group)
    return user


def _officers(areas, group, log):
    """One officer account per two villages: {area id: user}."""
    by_area = {}
    names = ["Trần Văn Bảy", "Lê Thị Na", "Phạm Hữu Lợi", "Ngô Thị Tuyết"]
    for index in range(0, len(areas), 2):
        pair = areas[index : index + 2]
        username = "bct." + "-".join(area.slug.removeprefix("thon-") for area in pair)
        full_name = names[(index // 2) % len(names)]
        user = _user(username, OFFICER_PASSWORD, "Trưởng ban", full_name, group)
        for area in pair:
            AreaOfficer.objects.get_or_create(user=user, area=area)
            by_area[area.pk] = user
        log(f"  Trưởng ban CTMT {', '.join(a.full_name for a in pair)}: {username} / {OFFICER_PASSWORD}")
    return by_area


def _person(rng):
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _donor(rng, area):
    roll = rng.random()
    if roll < 0.12:
        return Contribution.DonorKind.ANONYMOUS, ""
    if roll < 0.22:
        return Contribution.DonorKind.BUSINESS, rng.choice(BUSINESSES)
    if roll < 0.35:
        return Contribution.DonorKind.ORGANISATION, f"{rng.choice(ORGANISATIONS)} {area.name}".replace(
            "xã Hòa Phú", ""
        )
    if roll < 0.6:
        return Contribution.DonorKind.FAMILY, f"Gia đình ông {_person(rng)}"
    return Contribution.DonorKind.PERSON, _person(rng)


def _day(rng, start, end):
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _targets(indicator, commune_amount, area_amounts, areas, by, assigned_by=Target.AssignedBy.COMMUNE):
    services.set_target(indicator, by=by, amount=commune_amount, assigned_by=assigned_by)
    for area, amount in zip(areas, area_amounts, strict=False):
        services.set_target(indicator, by=by, area=area, amount=amount)


def _entries(indicator, areas, officers, rng, count, start, end, figure):
    entries = []
    for _ in range(count):
        area = rng.choice(areas)
        kind, name = _donor(rng, area)
        amount, quantity = figure(rng, kind)
        entries.append(
            services.prepare_contribution(
                by=officers[area.pk],
                indicator=indicator,
                area=area,
                date=_day(rng, start, end),
                amount=amount,
                quantity=quantity,
                donor_kind=kind,
                donor_name=name,
            )
        )
    services.record_contributions(entries)
    return entries


def _money(rng, kind):
    if kind == Contribution.DonorKind.BUSINESS:
        return rng.choice([2, 3, 5, 10]) * 1_000_000, 0
    return rng.choice([100, 200, 200, 300, 500, 500, 1000, 2000]) * 1_000, 0


def _poor_fund(commune, areas, officers, chair, rng, year, today):
    campaign = Campaign.objects.create(
        commune=commune,
        name=f"Vận động Quỹ “Vì người nghèo” năm {year}",
        kind=Campaign.Kind.FUND,
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(year, 1, 1),
        end_date=datetime.date(year, 12, 31),
        description=(
            "Ủy ban MTTQ xã kêu gọi cán bộ, đảng viên, doanh nghiệp và bà con các thôn chung tay "
            "ủng hộ Quỹ “Vì người nghèo” để hỗ trợ sửa nhà, sinh kế và học bổng cho hộ nghèo, cận nghèo. "
            "Mỗi khoản ủng hộ đều được ghi nhận, công khai tại đây và tại nhà văn hóa các thôn."
        ),
    )
    indicator = Indicator.objects.create(
        campaign=campaign, name="Quỹ “Vì người nghèo”", report_phrase="Vận động Quỹ “Vì người nghèo”"
    )
    # The villages' targets add up to 200 million; the commune's plan is 210 million (the
    # commune itself calls on businesses for the rest): the page says so.
    millions = [36_000_000, 30_000_000, 34_000_000, 26_000_000, 28_000_000, 22_000_000, 24_000_000]
    _targets(indicator, 210_000_000, millions, areas, chair)
    _entries(indicator, areas, officers, rng, 150, datetime.date(year, 1, 5), today, _money)
    purposes = [
        ("Hỗ trợ sửa chữa nhà ở cho hộ nghèo", Disbursement.Beneficiary.POOR, 2, 30_000_000),
        ("Tặng bò giống hỗ trợ sinh kế", Disbursement.Beneficiary.NEAR_POOR, 3, 36_000_000),
        ("Học bổng cho học sinh nghèo vượt khó", Disbursement.Beneficiary.STUDENT, 12, 12_000_000),
        ("Thăm hỏi gia đình gặp hoạn nạn sau mưa lũ", Disbursement.Beneficiary.HARDSHIP, 5, 10_000_000),
        ("Hỗ trợ chi phí điều trị bệnh hiểm nghèo", Disbursement.Beneficiary.SICK, 2, 8_000_000),
        ("Tặng quà gia đình chính sách dịp 27/7", Disbursement.Beneficiary.POLICY, 20, 10_000_000),
    ]
    for index, (purpose, kind, count, amount) in enumerate(purposes):
        services.record_disbursement(
            by=chair,
            campaign=campaign,
            date=_day(rng, datetime.date(year, 2, 1), today),
            amount=amount,
            beneficiary_kind=kind,
            beneficiary_count=count,
            purpose=purpose,
            area=areas[index % len(areas)],
        )


def _cultured_families(commune, areas, officers, chair, year):
    """A movement reported as a yearly rate: the share of households that are “Gia đình văn
    hóa”, for the commune and each hamlet, against the commune's target of 90%."""
    from decimal import Decimal

    campaign = Campaign.objects.create(
        commune=commune,
        name="Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
        kind=Campaign.Kind.MOVEMENT,
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(year - 3, 1, 1),
        description="Bình xét danh hiệu Gia đình văn hóa mỗi năm một lần, tại hội nghị ở khu dân cư.",
    )
    indicator = Indicator.objects.create(
        campaign=campaign,
        name="Hộ gia đình đạt danh hiệu Gia đình văn hóa",
        unit=Indicator.Unit.RATE,
        report_phrase="Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa",
    )
    services.set_target(
        indicator, by=chair, amount=None, shape="ty_le", percent=Decimal(90), percent_of="số hộ gia đình"
    )
    for offset, value in ((3, "85.2"), (2, "86.9"), (1, "87.5")):
        services.record_rate(by=chair, indicator=indicator, year=year - offset, percent=Decimal(value))
    for number, area in enumerate(areas):
        share = Decimal("82.0") + Decimal(number * 17 % 13) / 2
        services.record_rate(
            by=officers[area.pk], indicator=indicator, year=year - 1, percent=share, area=area
        )


def _rural_roads(commune, areas, officers, chair, year, today):
    """Households giving land and workdays for the hamlets' roads: in-kind entries with several
    quantities each and, for one, the money value the hamlet put on them."""
    campaign = Campaign.objects.create(
        commune=commune,
        name=f"Hiến đất, góp ngày công làm đường giao thông nông thôn năm {year}",
        kind=Campaign.Kind.MOVEMENT,
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(year, 2, 1),
        description="Bà con hiến đất mở rộng đường thôn, góp ngày công và vật liệu cùng Nhà nước làm đường.",
    )
    indicator = Indicator.objects.create(
        campaign=campaign,
        name="Hộ hiến đất, góp ngày công làm đường",
        unit=Indicator.Unit.COUNT,
        unit_label="hộ",
        report_phrase="Nhân dân các thôn",
        sentence_form="tham_gia",
    )
    _targets(indicator, 40, [], [], chair)
    gifts = [
        (0, datetime.date(year, 3, 12), "Hộ ông Trần Văn Lộc", "350 m² đất\n12 ngày công", 0),
        (1, datetime.date(year, 4, 2), "Hộ bà Lê Thị Thu", "120 m² đất\n8 ngày công", 0),
        (2, datetime.date(year, 4, 20), "Các hộ xóm Bàu", "2,5 tấn xi măng\n40 ngày công", 4_500_000),
    ]
    for index, day, donor, items, value in gifts:
        if day > today or index >= len(areas):
            continue
        area = areas[index]
        services.record_contribution(
            by=officers[area.pk],
            indicator=indicator,
            area=area,
            date=day,
            quantity=1,
            amount=value,
            donor_kind=Contribution.DonorKind.FAMILY,
            donor_name=donor,
            items=items,
        )


def _blood_drive(commune, areas, officers, chair, rng, year, today):
    campaign = Campaign.objects.create(
        commune=commune,
        name=f"Ngày hội hiến máu tình nguyện năm {year}",
        kind=Campaign.Kind.MOVEMENT,
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(year, 3, 1),
        end_date=datetime.date(year, 12, 31),
        description="Ba đợt hiến máu tại Trạm Y tế xã. Mỗi giọt máu cho đi, một cuộc đời ở lại.",
    )
    indicator = Indicator.objects.create(
        campaign=campaign,
        name=BLOOD_INDICATOR,
        unit=Indicator.Unit.COUNT,
        unit_label="đơn vị máu",
        report_phrase="Vận động hiến máu tình nguyện",
        percent_decimals=1,
        excess_form="don_vi",
        # Each hamlet reports who registered and who gave beside the units collected.
        people_verb="hiến",
        counts_registered=True,
    )
    _targets(indicator, 44, [8, 6, 8, 5, 6, 5, 6], areas, chair, assigned_by=Target.AssignedBy.PROVINCE)
    days = [datetime.date(year, 3, 26), datetime.date(year, 6, 14), datetime.date(year, 9, 20)]
    # Three rounds, each with its own target; the page gives each round and the running total.
    for number, (day, target) in enumerate(zip(days, [15, 15, 14], strict=True), start=1):
        first = day.replace(day=1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        stage = services.add_round(campaign, by=chair, name=f"Đợt {number}", start_date=first, end_date=last)
        services.set_round_target(stage, indicator, by=chair, amount=target)
    entries = []
    if days[-1] <= today:
        entries.append(
            services.prepare_contribution(
                by=chair,
                indicator=indicator,
                # The commune's militia gave as a unit of the commune, not of one hamlet.
                area=None,
                date=days[-1],
                quantity=10,
                registered=12,
                participants=10,
                donor_kind=Contribution.DonorKind.ORGANISATION,
                donor_name="Cán bộ, chiến sĩ Ban Chỉ huy Quân sự xã",
            )
        )
    for area in areas:
        for day in days:
            if day > today:
                continue
            count = rng.randint(1, 4)
            entries.append(
                services.prepare_contribution(
                    by=officers[area.pk],
                    indicator=indicator,
                    area=area,
                    date=day,
                    quantity=count,
                    # One unit per donor; some who registered are turned away by the health check.
                    participants=count,
                    registered=count + (area.pk + day.month) % 3,
                    donor_kind=Contribution.DonorKind.ORGANISATION,
                    donor_name=f"Đoàn viên, thanh niên {area.full_name}",
                )
            )
    # People beside units: who came to give (some are turned away by the health check). The
    # militia reported its people as "hơn 10": the running total keeps the word.
    people = Indicator.objects.create(
        campaign=campaign,
        name="Người tham gia hiến máu",
        unit=Indicator.Unit.COUNT,
        unit_label="người",
        report_phrase="Ngày hội hiến máu",
        sentence_form="tham_gia",
        position=1,
    )
    entries += [
        services.prepare_contribution(
            by=entry.entered_by,
            indicator=people,
            area=entry.area,
            date=entry.date,
            quantity=Figure(
                entry.quantity + rng.randint(0, 2),
                Qualifier.MORE_THAN if entry.entered_by == chair else Qualifier.EXACT,
            ),
            donor_kind=entry.donor_kind,
            donor_name=entry.donor_name,
        )
        for entry in list(entries)
    ]
    services.record_contributions(entries)


def _tet_gifts(commune, areas, officers, chair, rng, year, today):
    start = datetime.date(year, 11, 1) if today.month >= 11 else datetime.date(year, 1, 2)
    season = year + 1 if today.month >= 11 else year
    campaign = Campaign.objects.create(
        commune=commune,
        name=f"Chương trình “Tết vì người nghèo” Xuân {season}",
        kind=Campaign.Kind.MOVEMENT,
        status=Campaign.Status.ACTIVE,
        start_date=start,
        end_date=start + datetime.timedelta(days=90),
        description="Mỗi phần quà gồm gạo, dầu ăn, bánh mứt và tiền mặt, trao tận tay hộ nghèo trước Tết.",
    )
    indicator = Indicator.objects.create(
        campaign=campaign,
        name="Quà Tết cho hộ nghèo, gia đình chính sách",
        unit=Indicator.Unit.COUNT,
        unit_label="phần quà",
        report_phrase="Vận động quà Tết",
    )
    _targets(indicator, 600, [90, 80, 95, 70, 80, 60, 70], areas, chair)

    def gifts(rng, kind):
        count = (
            rng.choice([2, 3, 5, 5, 10])
            if kind != Contribution.DonorKind.BUSINESS
            else rng.choice([20, 30, 50])
        )
        return count * 350_000, count

    _entries(
        indicator, areas, officers, rng, 90, start, min(today, start + datetime.timedelta(days=90)), gifts
    )


def _houses(commune, areas, officers, chair, rng, year, today):
    campaign = Campaign.objects.create(
        commune=commune,
        name=f"Xây dựng nhà “Đại đoàn kết” giai đoạn {year - 1}–{year + 1}",
        kind=Campaign.Kind.EMULATION,
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(year - 1, 1, 1),
        end_date=datetime.date(year + 1, 12, 31),
        description="Xóa nhà tạm, nhà dột nát cho hộ nghèo: Nhà nước hỗ trợ, Mặt trận vận động, bà con góp công.",
    )
    houses = Indicator.objects.create(
        campaign=campaign,
        name="Nhà “Đại đoàn kết”",
        unit=Indicator.Unit.COUNT,
        unit_label="căn nhà",
        report_phrase="Xây dựng nhà “Đại đoàn kết”",
        position=1,
    )
    money = Indicator.objects.create(
        campaign=campaign,
        name="Kinh phí xây nhà “Đại đoàn kết”",
        report_phrase="Vận động kinh phí xây nhà",
        position=2,
    )
    _targets(houses, 12, [2, 2, 2, 2, 2, 1, 1], areas, chair, assigned_by=Target.AssignedBy.PROVINCE)
    services.set_target(money, by=chair, amount=600_000_000, assigned_by=Target.AssignedBy.PROVINCE)
    entries = []
    for index in range(7):
        area = areas[index % len(areas)]
        day = _day(rng, datetime.date(year - 1, 3, 1), today)
        entries.append(
            services.prepare_contribution(
                by=officers[area.pk],
                indicator=houses,
                area=area,
                date=day,
                quantity=1,
                amount=0,
                donor_kind=Contribution.DonorKind.ORGANISATION,
                donor_name=f"Ban công tác Mặt trận {area.full_name}",
                note=f"Bàn giao nhà cho hộ {_person(rng)}",
            )
        )
        entries.append(
            services.prepare_contribution(
                by=officers[area.pk],
                indicator=money,
                area=area,
                date=day,
                amount=rng.choice([45, 50, 55, 60]) * 1_000_000,
                donor_kind=Contribution.DonorKind.BUSINESS,
                donor_name=rng.choice(BUSINESSES),
            )
        )
    services.record_contributions(entries)


def _past_fund(commune, areas, officers, chair, rng, year):
    campaign = Campaign.objects.create(
        commune=commune,
        name=f"Vận động Quỹ “Vì người nghèo” năm {year - 1}",
        kind=Campaign.Kind.FUND,
        status=Campaign.Status.CLOSED,
        start_date=datetime.date(year - 1, 1, 1),
        end_date=datetime.date(year - 1, 12, 31),
        description="Kết quả năm trước, đã tổng kết và khóa sổ.",
    )
    indicator = Indicator.objects.create(
        campaign=campaign, name="Quỹ “Vì người nghèo”", report_phrase="Vận động Quỹ “Vì người nghèo”"
    )
    _targets(indicator, 180_000_000, [], areas, chair, assigned_by=Target.AssignedBy.DISTRICT)
    _entries(
        indicator,
        areas,
        officers,
        rng,
        120,
        datetime.date(year - 1, 1, 10),
        datetime.date(year - 1, 12, 20),
        _money,
    )
    services.record_disbursement(
        by=chair,
        campaign=campaign,
        date=datetime.date(year - 1, 12, 22),
        amount=150_000_000,
        beneficiary_kind=Disbursement.Beneficiary.POOR,
        beneficiary_count=40,
        purpose="Hỗ trợ hộ nghèo đón Tết và sửa nhà",
        # More than the year raised: the page says where the difference came from.
        funding_source="tạm ứng từ ngân sách xã",
    )
    services.lock_period(
        campaign, until=datetime.date(year - 1, 12, 31), by=chair, note="Tổng kết năm, khóa sổ"
    )


def figures(commune):
    """What the demo campaigns record, for the demo posts that quote them (the portal's demo
    loader hands these to news): the year's blood drive as the campaign page shows it."""
    indicator = (
        Indicator.objects.filter(campaign__commune=commune, name=BLOOD_INDICATOR)
        .select_related("campaign")
        .order_by("-campaign__start_date")
        .first()
    )
    if indicator is None:
        return {}
    units = indicator.totals()["quantity"]
    target = indicator.commune_target()
    return {
        "blood": {
            "units": units,
            "target": target.amount if target else None,
            # As the campaign page writes it, in the indicator's decimals: `106,8`.
            "percent": Progress(indicator, units, target.amount).percent_text.rstrip("%")
            if target and target.amount
            else None,
            "rounds": indicator.contributions.values("date").distinct().count(),
            "year": indicator.campaign.start_date.year,
        }
    }


PROVINCE_STAFF_USERNAME, PROVINCE_STAFF_PASSWORD = "canbo.tinh", "CanBoTinh@2026"
# The province's fund: its target, and each commune's share (the rest of the communes none).
PROVINCE_FUND_SHARES = {"Hòa Phú": 120_000_000, "Hòa An": 100_000_000, "Hòa Ninh": 80_000_000}


def load_province_campaign(province, log=print):
    """The province's Quỹ “Vì người nghèo” of the year, split across its communes by the province
    staff, each commune's share split across its villages, a few results in each village."""
    from congresses.models import StaffProfile
    from lib.roles import PROVINCE_STAFF

    from . import province_services
    from .models import ProvinceCampaign, ProvinceIndicator

    if ProvinceCampaign.objects.filter(province=province).exists():
        log("  Cuộc vận động của tỉnh đã có sẵn: bỏ qua.")
        return
    staff = _user(
        PROVINCE_STAFF_USERNAME,
        PROVINCE_STAFF_PASSWORD,
        "Cán bộ",
        "Lê Văn Tỉnh",
        role_groups()[PROVINCE_STAFF],
    )
    StaffProfile.objects.get_or_create(user=staff, defaults={"province": province})
    today = timezone.localdate()
    campaign = ProvinceCampaign(
        province=province,
        name=f"Quỹ “Vì người nghèo” tỉnh {province.name} năm {today.year}",
        kind=Campaign.Kind.FUND,
        status=Campaign.Status.ACTIVE,
        start_date=datetime.date(today.year, 1, 1),
        end_date=datetime.date(today.year, 12, 31),
        description="Ủy ban MTTQ tỉnh phát động; mỗi xã, phường nhận phần chỉ tiêu và chia cho các thôn.",
    )
    fund = ProvinceIndicator(
        name="Quỹ “Vì người nghèo”", report_phrase="Vận động Quỹ “Vì người nghèo”", target=300_000_000
    )
    province_services.save_province_campaign(campaign, by=staff, indicators=[fund])
    communes = {commune.name: commune for commune in province.communes.all()}
    province_services.set_commune_shares(
        fund,
        by=staff,
        shares={communes[name]: amount for name, amount in PROVINCE_FUND_SHARES.items() if name in communes},
    )
    rng = random.Random(17)
    for copy in Indicator.objects.filter(province_indicator=fund).select_related("campaign__commune"):
        areas = list(
            ResidentialArea.objects.current().filter(commune=copy.campaign.commune).order_by("position")
        )
        share = PROVINCE_FUND_SHARES.get(copy.campaign.commune.name)
        if not areas or not share:
            continue
        for area in areas:
            Target.objects.create(indicator=copy, area=area, amount=share // len(areas), set_by=staff)
        entries = [
            services.prepare_contribution(
                by=staff,
                indicator=copy,
                area=rng.choice(areas),
                date=_day(rng, campaign.start_date, today),
                amount=rng.choice([200, 500, 1000, 2000, 5000]) * 1_000,
                donor_kind=Contribution.DonorKind.FAMILY,
                donor_name=f"Gia đình ông {_person(rng)}",
            )
            for _ in range(rng.randint(25, 60))
        ]
        services.record_contributions(entries)
    log(
        f"  {campaign.name}: giao {len(PROVINCE_FUND_SHARES)} xã; cán bộ tỉnh {PROVINCE_STAFF_USERNAME} / {PROVINCE_STAFF_PASSWORD}"
    )
