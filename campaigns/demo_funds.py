"""Demo data for funds: the poor fund's opening balance carried over from last year, money from
the province's fund, money passed up, a second fund (Quỹ cứu trợ) in the same campaign, and the
công khai thu – chi table of the first half of the year, locked and published. Runs after the
other campaign demos (it locks the first half year), through the services."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from congresses.models import ResidentialArea
from lib.money import parse_money

from . import services
from .demo import CHAIR_USERNAME
from .funds import FundStatement, FundTransfer
from .models import Campaign, Contribution, Disbursement, Indicator


def load(commune, log=print):
    campaign = (
        Campaign.objects.filter(commune=commune, name__startswith="Vận động Quỹ “Vì người nghèo”")
        .order_by("-start_date")
        .first()
    )
    if campaign is None or FundTransfer.objects.filter(indicator__campaign=campaign).exists():
        return None
    chair = get_user_model().objects.get(username=CHAIR_USERNAME)
    fund = campaign.indicators.get(name="Quỹ “Vì người nghèo”")
    year = campaign.start_date.year
    today = timezone.localdate()
    half_end = datetime.date(year, 6, 30)
    if half_end >= today:
        log("  Chưa hết 6 tháng đầu năm: bỏ qua bảng công khai thu – chi.")
        return None
    Kind = FundTransfer.Kind
    services.record_opening_balance(
        by=chair,
        fund=fund,
        amount="18.450.000",
        source=f"Số dư Quỹ “Vì người nghèo” năm {year - 1} chuyển sang",
        date=datetime.date(year, 1, 1),
    )
    services.record_fund_transfer(
        by=chair,
        fund=fund,
        kind=Kind.FROM_UPPER,
        amount="40 triệu",
        counterpart="Ban vận động Quỹ “Vì người nghèo” tỉnh Quảng Nam",
        note="Hỗ trợ xây 01 nhà Đại đoàn kết (Quyết định số 15/QĐ-BVĐ)",
        date=datetime.date(year, 3, 12),
    )
    services.record_fund_transfer(
        by=chair,
        fund=fund,
        kind=Kind.TO_UPPER,
        amount="12.000.000",
        counterpart="Quỹ “Vì người nghèo” tỉnh Quảng Nam (điều tiết theo kế hoạch)",
        date=datetime.date(year, 6, 20),
    )
    # A second fund in the same campaign, with a balance of its own: what the hamlets gave after
    # the storm and what the province's Front sent for it.
    relief = Indicator.objects.create(
        campaign=campaign, name="Quỹ cứu trợ", report_phrase="Vận động Quỹ cứu trợ", position=9
    )
    storm = min(datetime.date(year, 10, 2), today)
    areas = list(ResidentialArea.objects.current().filter(commune=commune).order_by("position")[:3])
    for area, amount, donor in zip(
        areas,
        ("4.500.000", "3.200.000", "2.800.000"),
        ("Nhân dân", "Chi hội Phụ nữ", "Đoàn viên thanh niên"),
        strict=False,
    ):
        services.record_contribution(
            by=chair,
            indicator=relief,
            area=area,
            amount=parse_money(amount),
            date=storm,
            donor_kind=Contribution.DonorKind.ORGANISATION,
            donor_name=f"{donor} {area.in_sentence}",
        )
    services.record_fund_transfer(
        by=chair,
        fund=relief,
        kind=Kind.FROM_UPPER,
        amount="25.000.000",
        counterpart="Ủy ban MTTQ tỉnh Quảng Nam (cứu trợ sau bão)",
        date=storm,
    )
    services.record_disbursement(
        by=chair,
        campaign=campaign,
        indicator=relief,
        amount=18_000_000,
        purpose="Hỗ trợ hộ bị tốc mái, sập nhà sau bão",
        beneficiary_kind=Disbursement.Beneficiary.HARDSHIP,
        beneficiary_count=9,
        date=storm,
    )
    services.lock_period(campaign, until=half_end, by=chair, note="Khóa sổ 6 tháng đầu năm")
    statement = services.save_fund_statement(
        FundStatement(
            indicator=fund,
            period_name=f"6 tháng đầu năm {year}",
            start_date=datetime.date(year, 1, 1),
            end_date=half_end,
            number=f"08/BC-MTTQ-{year}",
            signed_on=datetime.date(year, 7, 6),
            prepared_by_name="Nguyễn Thị Mai",
        ),
        by=chair,
    )
    services.publish_fund_statement(statement, by=chair)
    log(f"  Công khai thu – chi: {statement}")
    return statement
