"""Figures as the Front reports them: hedged entries, percentages with a decimal and the
excess, targets in every real form, rounds with the running total. Each shape is entered
through the services (or the screens that call them) and read back on the public page and
in the report sentence."""

import datetime
import html
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import imports, services
from campaigns.models import Campaign, Contribution, Indicator, Round, Target
from campaigns.reports import summary_sentence
from campaigns.target_shapes import Shape
from lib.figures import Figure
from tests.campaigns.test_import import csv_file
from tests.campaigns.test_officer_screen import entry_data

DAY = datetime.date(2025, 3, 1)


def page_text(client, campaign):
    response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).split())


@pytest.fixture
def gifts(campaign, chair):
    """Quà Tết: money, planned at 200 triệu."""
    indicator = Indicator.objects.create(campaign=campaign, name="Quà Tết", report_phrase="Vận động quà Tết")
    services.set_target(indicator, by=chair, amount=200_000_000)
    return indicator


@pytest.fixture
def volunteers(campaign):
    return Indicator.objects.create(
        campaign=campaign,
        name="Tình nguyện viên",
        unit=Indicator.Unit.COUNT,
        unit_label="người",
        report_phrase="Ra quân làm sạch môi trường",
    )


# --- hedged figures ---------------------------------------------------------------------


def test_an_officer_types_a_hedged_amount_and_the_total_keeps_the_word(client, gifts, area_a, officer_a):
    client.force_login(officer_a)
    response = client.post("/nhap-lieu/", entry_data(gifts, area_a, figure="trên 214 triệu"))
    assert response.status_code == 302
    entry = Contribution.objects.get(indicator=gifts)
    assert (entry.amount, entry.amount_qualifier) == (214_000_000, "tren")
    services.record_contribution(
        by=officer_a, indicator=gifts, area=area_a, amount=20_000_000, date=DAY, donor_name="Chi hội Phụ nữ"
    )

    sentence = summary_sentence(gifts)
    assert sentence == "Vận động quà Tết được trên 234.000.000/200.000.000 đồng, đạt trên 117% kế hoạch"
    text = page_text(client, gifts.campaign)
    assert "trên 234.000.000 / 200.000.000 đ — đạt trên 117%" in text
    assert "trên 214.000.000 đ" in text  # the donor list writes the entry with its word
    assert sentence in text


def test_nearly_plus_exact_is_nearly_and_nearly_never_meets_its_target(volunteers, area_a, staff, chair):
    services.set_target(volunteers, by=chair, amount=5_000)
    services.record_contribution(
        by=staff,
        indicator=volunteers,
        area=area_a,
        quantity=Figure(4_900, "gan"),
        date=DAY,
        donor_name="Nhân dân",
    )
    services.record_contribution(
        by=staff, indicator=volunteers, area=area_a, quantity=100, date=DAY, donor_name="Đoàn viên"
    )
    # gần 5.000 people is fewer than 5.000: the percentage rounds up and stays "gần".
    assert summary_sentence(volunteers) == (
        "Ra quân làm sạch môi trường được gần 5.000/5.000 người, đạt gần 100% kế hoạch"
    )


def test_a_floor_and_a_ceiling_together_say_only_about(volunteers, area_a, area_b, staff):
    for area, figure in ((area_a, Figure(300, "tren")), (area_b, Figure(40, "gan"))):
        services.record_contribution(
            by=staff, indicator=volunteers, area=area, quantity=figure, date=DAY, donor_name="Nhân dân"
        )
    assert summary_sentence(volunteers) == "Ra quân làm sạch môi trường được khoảng 340 người"
    assert (
        summary_sentence(volunteers, area=area_a)
        == "Thôn Đông: ra quân làm sạch môi trường được trên 300 người"
    )


def test_a_reversed_hedged_entry_leaves_an_exact_total(gifts, area_a, officer_a):
    hedged = services.record_contribution(
        by=officer_a,
        indicator=gifts,
        area=area_a,
        amount=Figure(50_000_000, "hon"),
        date=DAY,
        donor_name="Ông Ba",
    )
    services.record_contribution(
        by=officer_a, indicator=gifts, area=area_a, amount=30_000_000, date=DAY, donor_name="Bà Tư"
    )
    services.reverse_contribution(hedged, by=officer_a, reason="nhập nhầm")
    assert summary_sentence(gifts) == "Vận động quà Tết được 30.000.000/200.000.000 đồng, đạt 15% kế hoạch"


def test_a_hedge_word_without_a_number_is_refused_and_nothing_is_saved(client, gifts, area_a, officer_a):
    client.force_login(officer_a)
    response = client.post("/nhap-lieu/", entry_data(gifts, area_a, figure="trên"))
    assert response.status_code == 200
    assert "Số tiền chưa đúng" in response.content.decode()
    assert not Contribution.objects.exists()


def test_staff_enter_a_hedged_value_of_gifts_in_the_admin(client, campaign, area_a, staff):
    parcels = Indicator.objects.create(
        campaign=campaign,
        name="Phần quà",
        unit=Indicator.Unit.COUNT,
        unit_label="phần quà",
        report_phrase="Trao",
    )
    client.force_login(staff)
    response = client.post(
        reverse("admin:campaigns_contribution_add"),
        {
            "indicator": parcels.pk,
            "area": area_a.pk,
            "date": "01/03/2025",
            "amount": "214 triệu",
            "amount_qualifier": "tren",
            "quantity": "607",
            "quantity_qualifier": "",
            "donor_kind": Contribution.DonorKind.ORGANISATION,
            "donor_name": "Các nhà hảo tâm",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = Contribution.objects.get(indicator=parcels)
    assert entry.entered_by == staff
    assert entry.figure == "607 phần quà, trị giá trên 214.000.000 đ"
    assert summary_sentence(parcels) == "Trao được 607 phần quà, trị giá trên 214.000.000 đồng"


def test_the_import_reads_the_hedge_word_in_the_amount_column(gifts, area_a, officer_a):
    upload = csv_file('Quà Tết,Thôn Đông,07/01/2025,"trên 1,3 tỷ",,Cá nhân,Các hộ kinh doanh,')
    result = imports.import_contributions(upload, campaign=gifts.campaign, by=officer_a)
    assert result.errors == []
    entry = Contribution.objects.get(indicator=gifts)
    assert (entry.amount, entry.amount_qualifier, entry.entered_by) == (1_300_000_000, "tren", officer_a)


# --- percentages as reported ------------------------------------------------------------


@pytest.mark.parametrize(
    "excess_form,expected",
    [
        ("", "Vận động hiến máu tình nguyện được 45/40 đơn vị máu, đạt 112,5% chỉ tiêu tỉnh giao"),
        (
            "phan_tram",
            "Vận động hiến máu tình nguyện được 45/40 đơn vị máu, đạt 112,5% chỉ tiêu tỉnh giao, vượt 12,5%",
        ),
        (
            "don_vi",
            "Vận động hiến máu tình nguyện được 45/40 đơn vị máu, đạt 112,5% chỉ tiêu tỉnh giao, vượt 5 đơn vị máu",
        ),
    ],
)
def test_a_percentage_has_the_decimal_and_the_excess_staff_chose(
    client, blood, area_a, officer_a, chair, excess_form, expected
):
    blood.percent_decimals, blood.excess_form = 1, excess_form
    blood.save()
    services.set_target(blood, by=chair, amount=40, assigned_by=Target.AssignedBy.PROVINCE)
    services.record_contribution(
        by=officer_a, indicator=blood, area=area_a, quantity=45, date=DAY, donor_name="Đoàn"
    )
    assert summary_sentence(blood) == expected
    text = page_text(client, blood.campaign)
    assert "45 / 40 đơn vị máu — đạt 112,5%" in text
    assert expected in text


def test_whole_percentages_stay_whole_by_default(fund, area_a, officer_a):
    services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=8_000_000, date=DAY, donor_name="An"
    )
    assert summary_sentence(fund).endswith("đạt 38% kế hoạch")


# --- targets in every real form ---------------------------------------------------------


def test_a_floor_target_is_written_as_the_plan_writes_it(client, blood, area_a, officer_a, chair):
    services.set_target(blood, by=chair, amount=40, shape=Shape.FLOOR, assigned_by=Target.AssignedBy.PROVINCE)
    services.record_contribution(
        by=officer_a, indicator=blood, area=area_a, quantity=54, date=DAY, donor_name="Đoàn"
    )
    sentence = summary_sentence(blood)
    assert sentence == (
        "Vận động hiến máu tình nguyện được 54 đơn vị máu, "
        "đạt 135% chỉ tiêu tỉnh giao (không dưới 40 đơn vị máu)"
    )
    text = page_text(client, blood.campaign)
    assert "Chỉ tiêu: không dưới 40 đơn vị máu" in text
    assert sentence in text


@pytest.mark.parametrize(
    "built,words",
    [
        (2, "được 2 căn nhà, chưa đạt kế hoạch (từ 3 đến 4 căn nhà)"),
        (4, "được 4 căn nhà, đạt kế hoạch (từ 3 đến 4 căn nhà)"),
        (5, "được 5 căn nhà, vượt kế hoạch (từ 3 đến 4 căn nhà)"),
    ],
)
def test_a_range_target_says_met_short_or_past(campaign, area_a, staff, chair, built, words):
    houses = Indicator.objects.create(
        campaign=campaign,
        name="Nhà Đại đoàn kết",
        unit=Indicator.Unit.COUNT,
        unit_label="căn nhà",
        report_phrase="Xây",
    )
    services.set_target(houses, by=chair, amount=3, shape=Shape.RANGE, amount_max=4)
    services.record_contribution(
        by=staff, indicator=houses, area=area_a, quantity=built, date=DAY, donor_name="Xã"
    )
    assert summary_sentence(houses) == f"Xây {words}"


def test_a_share_of_an_unpublished_base_is_said_with_the_boards_assessment(
    client, campaign, area_a, staff, chair
):
    homes = Indicator.objects.create(
        campaign=campaign,
        name="Gia đình văn hóa",
        unit=Indicator.Unit.COUNT,
        unit_label="hộ",
        report_phrase="Xây dựng gia đình văn hóa",
    )
    services.set_target(
        homes, by=chair, amount=None, shape=Shape.PERCENT, percent=90, percent_of="số hộ gia đình", met=True
    )
    services.record_contribution(
        by=staff, indicator=homes, area=area_a, quantity=1_250, date=DAY, donor_name="Xã"
    )
    assert summary_sentence(homes) == (
        "Xây dựng gia đình văn hóa được 1.250 hộ, đạt chỉ tiêu (kế hoạch: 90% số hộ gia đình)"
    )
    text = page_text(client, campaign)
    assert "Chỉ tiêu: 90% số hộ gia đình" in text and "Đạt chỉ tiêu" in text


def test_a_target_met_but_never_numbered_never_reads_not_yet_assigned(
    client, volunteers, area_a, staff, chair
):
    services.set_target(volunteers, by=chair, amount=None, shape=Shape.MET_ONLY, met=True)
    services.record_contribution(
        by=staff, indicator=volunteers, area=area_a, quantity=200, date=DAY, donor_name="Xã"
    )
    listing = html.unescape(client.get(reverse("campaigns:list")).content.decode())
    card = listing[listing.index("Tình nguyện viên") :]
    assert "Đạt chỉ tiêu" in card
    assert "Chưa giao chỉ tiêu" not in card
    assert summary_sentence(volunteers) == "Ra quân làm sạch môi trường được 200 người, đạt chỉ tiêu"


def test_a_campaign_without_a_target_says_so_and_one_not_yet_given_says_that(
    client, volunteers, blood, chair
):
    Target.objects.filter(indicator=blood).delete()
    services.set_target(volunteers, by=chair, amount=None, shape=Shape.NONE)
    listing = html.unescape(client.get(reverse("campaigns:list")).content.decode())
    assert listing.count("Không giao chỉ tiêu") == 1
    assert listing.count("Chưa giao chỉ tiêu") == 1  # the blood drive, whose target is still to come


@pytest.mark.parametrize(
    "shape,message",
    [
        ({"shape": Shape.RANGE, "amount": 3}, "mức trên"),
        ({"shape": Shape.RANGE, "amount": 4, "amount_max": 3}, "Mức trên phải lớn hơn"),
        ({"shape": Shape.MET_ONLY, "amount": 5}, "không có con số"),
        ({"shape": Shape.PERCENT, "amount": None, "percent": 90}, "Tỷ lệ của cái gì"),
        ({"shape": Shape.FLOOR, "amount": None}, "Hãy nhập mức chỉ tiêu"),
    ],
)
def test_a_target_that_does_not_fit_its_form_is_refused(volunteers, chair, shape, message):
    fields = dict(shape)
    amount = fields.pop("amount")
    with pytest.raises(ValidationError) as refused:
        services.set_target(volunteers, by=chair, amount=amount, **fields)
    assert message in " ".join(refused.value.messages)
    assert not Target.objects.filter(indicator=volunteers).exists()


def test_the_chair_sets_a_range_target_in_the_admin(client, volunteers, chair):
    client.force_login(chair)
    response = client.post(
        reverse("admin:campaigns_target_add"),
        {
            "indicator": volunteers.pk,
            "shape": Shape.RANGE,
            "amount": "3",
            "amount_max": "4",
            "percent": "",
            "percent_of": "",
            "met": "",
            "assigned_by": Target.AssignedBy.COMMUNE,
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target = Target.objects.get(indicator=volunteers)
    assert (target.shape, target.amount, target.amount_max, target.set_by) == (Shape.RANGE, 3, 4, chair)


# --- rounds and fund years --------------------------------------------------------------


@pytest.fixture
def drive(commune, chair):
    """A blood drive in two rounds, 60 units planned for the year, 30 then 25 a round."""
    campaign = Campaign.objects.create(
        commune=commune, name="Hiến máu tình nguyện năm 2025", status=Campaign.Status.ACTIVE, start_date=DAY
    )
    units = Indicator.objects.create(
        campaign=campaign,
        name="Đơn vị máu",
        unit=Indicator.Unit.COUNT,
        unit_label="đơn vị máu",
        report_phrase="Vận động hiến máu",
        percent_decimals=1,
    )
    services.set_target(units, by=chair, amount=60)
    first = services.add_round(
        campaign,
        by=chair,
        name="Đợt 1",
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2025, 3, 31),
    )
    second = services.add_round(
        campaign,
        by=chair,
        name="Đợt 2",
        start_date=datetime.date(2025, 8, 1),
        end_date=datetime.date(2025, 8, 31),
    )
    services.set_round_target(first, units, by=chair, amount=30)
    services.set_round_target(second, units, by=chair, amount=25)
    return units, first, second


def test_a_round_is_divided_by_its_own_target_beside_the_running_total(client, drive, area_a, officer_a):
    units, first, second = drive
    for day, quantity in ((datetime.date(2025, 3, 26), 32), (datetime.date(2025, 8, 10), Figure(20, "hon"))):
        services.record_contribution(
            by=officer_a, indicator=units, area=area_a, quantity=quantity, date=day, donor_name="Đoàn viên"
        )
    assert summary_sentence(units, round=first) == (
        "Đợt 1 (từ 01/03/2025 đến 31/03/2025): vận động hiến máu được 32/30 đơn vị máu, "
        "đạt 106,7% chỉ tiêu đợt; lũy kế được 32/60 đơn vị máu, đạt 53,3% kế hoạch"
    )
    second_sentence = (
        "Đợt 2 (từ 01/08/2025 đến 31/08/2025): vận động hiến máu được hơn 20/25 đơn vị máu, "
        "đạt hơn 80% chỉ tiêu đợt; lũy kế được hơn 52/60 đơn vị máu, đạt hơn 86,6% kế hoạch"
    )
    assert summary_sentence(units, round=second) == second_sentence
    text = page_text(client, units.campaign)
    assert "Kết quả từng đợt và lũy kế" in text
    assert "Lũy kế: hơn 52 / 60 đơn vị máu — đạt hơn 86,6%" in text
    assert second_sentence in text


def test_a_fund_year_runs_from_october_to_september(campaign, chair):
    year = services.add_fund_year(campaign, by=chair, first_year=2025)
    assert (year.name, year.start_date, year.end_date) == (
        "Năm 2025–2026",
        datetime.date(2025, 10, 1),
        datetime.date(2026, 9, 30),
    )
    # The peak month (to 18/11) lies inside the year: a different kind, so no overlap.
    peak = services.add_round(
        campaign,
        by=chair,
        name="Tháng cao điểm",
        kind=Round.Kind.PEAK,
        start_date=datetime.date(2025, 10, 17),
        end_date=datetime.date(2025, 11, 18),
    )
    assert peak.target_phrase == "chỉ tiêu tháng cao điểm"


def test_rounds_of_one_kind_may_not_overlap(drive, chair):
    units, first, _second = drive
    with pytest.raises(ValidationError) as refused:
        services.add_round(
            first.campaign,
            by=chair,
            name="Đợt bổ sung",
            start_date=datetime.date(2025, 3, 20),
            end_date=datetime.date(2025, 4, 10),
        )
    assert "Trùng thời gian với Đợt 1" in " ".join(refused.value.messages)
    assert Round.objects.filter(campaign=first.campaign).count() == 2


@pytest.mark.parametrize("actor", ["officer_a", "staff"])
def test_only_the_chair_divides_a_campaign_into_rounds(request, campaign, actor):
    user = request.getfixturevalue(actor)
    with pytest.raises(PermissionDenied):
        services.add_round(
            campaign,
            by=user,
            name="Đợt 1",
            start_date=datetime.date(2025, 3, 1),
            end_date=datetime.date(2025, 3, 31),
        )
    assert not Round.objects.exists()


def test_the_chair_adds_a_round_with_its_target_in_the_admin(client, blood, chair, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:campaigns_round_add")).status_code == 403
    client.force_login(chair)
    form = client.get(reverse("admin:campaigns_round_add")).content.decode()
    # A text input: in a number input Chromium would read 1.500.000 as 1.5.
    assert re.search(r'<input type="text" name="targets-0-amount"', form)
    response = client.post(
        reverse("admin:campaigns_round_add"),
        {
            "campaign": blood.campaign.pk,
            "kind": Round.Kind.ROUND,
            "name": "Đợt 1",
            "start_date": "01/03/2025",
            "end_date": "31/03/2025",
            "targets-TOTAL_FORMS": "1",
            "targets-INITIAL_FORMS": "0",
            "targets-0-indicator": blood.pk,
            "targets-0-shape": Shape.FLOOR,
            "targets-0-amount": "20",
            "targets-0-amount_max": "",
            "targets-0-percent": "",
            "targets-0-percent_of": "",
            "targets-0-met": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stage = Round.objects.get(campaign=blood.campaign)
    target = stage.targets.get()
    assert (target.shape, target.amount) == (Shape.FLOOR, 20)


def test_the_targets_grid_keeps_a_met_only_target_its_blank_box_cannot_number(volunteers, area_a, chair):
    services.set_target(volunteers, by=chair, amount=None, shape=Shape.MET_ONLY, met=True)
    services.set_targets(volunteers, by=chair, commune=None, shares={area_a: 20})
    kept = Target.objects.get(indicator=volunteers, area__isnull=True)
    assert (kept.shape, kept.met) == (Shape.MET_ONLY, True)
    assert Target.objects.get(indicator=volunteers, area=area_a).amount == 20


# --- participants beside units ----------------------------------------------------------


def test_people_are_said_as_taking_part_and_units_as_collected(client, drive, area_a, officer_a, chair):
    units, first, _second = drive
    campaign = units.campaign
    registered = Indicator.objects.create(
        campaign=campaign,
        name="Người đăng ký hiến máu",
        unit=Indicator.Unit.COUNT,
        unit_label="người",
        report_phrase="Ngày hội hiến máu",
        sentence_form="dang_ky",
    )
    donors = Indicator.objects.create(
        campaign=campaign,
        name="Người hiến máu",
        unit=Indicator.Unit.COUNT,
        unit_label="người",
        report_phrase="Ngày hội hiến máu",
        sentence_form="tham_gia",
    )
    services.set_round_target(first, donors, by=chair, amount=30)
    day = datetime.date(2025, 3, 26)
    for indicator, figure in ((registered, Figure(40, "gan")), (donors, 32), (units, 32)):
        services.record_contribution(
            by=officer_a, indicator=indicator, area=area_a, quantity=figure, date=day, donor_name="Đoàn viên"
        )
    assert summary_sentence(registered) == "Ngày hội hiến máu có gần 40 người đăng ký"
    assert summary_sentence(donors, round=first) == (
        "Đợt 1 (từ 01/03/2025 đến 31/03/2025): ngày hội hiến máu có 32/30 người tham gia, "
        "đạt 107% chỉ tiêu đợt; lũy kế có 32 người tham gia"
    )
    text = page_text(client, campaign)
    assert "Ngày hội hiến máu có gần 40 người đăng ký" in text
    assert "vận động hiến máu được 32/30 đơn vị máu" in text
