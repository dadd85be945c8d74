import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from campaigns.models import AreaOfficer, Campaign, Contribution, Disbursement, Indicator, Progress, Target

from .factories import give


def test_progress_is_written_the_way_the_portals_write_it(fund):
    progress = Progress(fund, 8_000_000, 21_000_000)
    assert progress.label == "8.000.000 / 21.000.000 đ — đạt 38%"
    assert progress.bar_fill == 38
    assert progress.bar_target_mark is None


def test_progress_beyond_the_target_shows_the_whole_figure_and_marks_the_target(blood):
    progress = Progress(blood, 72_925_000, 45_295_000)
    assert progress.percent == 161
    assert progress.is_over
    assert progress.bar_fill == 100
    # The target sits at 62% of a bar that stands for 161%.
    assert progress.bar_target_mark == 62


def test_progress_without_target_has_no_percentage(blood):
    progress = Progress(blood, 9)
    assert progress.percent is None
    assert progress.label == "9 đơn vị máu"


def test_campaign_slug_keeps_the_letter_d_and_is_unique(commune):
    first = Campaign.objects.create(
        commune=commune, name="Nhà Đại đoàn kết", start_date=datetime.date(2025, 1, 1)
    )
    second = Campaign.objects.create(
        commune=commune, name="Nhà Đại đoàn kết", start_date=datetime.date(2026, 1, 1)
    )
    assert first.slug == "nha-dai-doan-ket"
    assert second.slug == "nha-dai-doan-ket-2"


def test_anonymous_donor_is_shown_as_such_whatever_name_was_kept(fund, area_a):
    entry = give(
        fund, area_a, 500_000, donor_kind=Contribution.DonorKind.ANONYMOUS, donor_name="Ông Tư bán gạo"
    )
    assert entry.is_anonymous
    assert entry.public_donor_name == "Nhà hảo tâm giấu tên"


def test_a_gift_can_have_both_a_quantity_and_a_value(campaign, area_a):
    gifts = Indicator.objects.create(
        campaign=campaign, name="Quà Tết", unit=Indicator.Unit.COUNT, unit_label="phần quà"
    )
    entry = give(gifts, area_a, amount=214_000_000, quantity=607)
    assert entry.figure == "607 phần quà, trị giá 214.000.000 đ"
    totals = gifts.totals()
    assert (totals["measure"], totals["amount"]) == (607, 214_000_000)


@pytest.mark.parametrize(
    ("fields", "field_with_error"),
    [
        ({"amount": -5_000}, "amount"),
        ({"amount": 0}, "amount"),
        ({"amount": 100_000, "quantity": 3}, "quantity"),
        ({"amount": 100_000, "donor_name": "  "}, "donor_name"),
    ],
)
def test_bad_contributions_are_refused_with_a_vietnamese_message(fund, area_a, fields, field_with_error):
    entry = Contribution(indicator=fund, area=area_a, date=datetime.date(2025, 3, 1), donor_name="Lê Văn Tám")
    for name, value in fields.items():
        setattr(entry, name, value)
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert field_with_error in error.value.message_dict
    assert all(message[0].isupper() for message in error.value.message_dict[field_with_error])


def test_a_count_indicator_needs_a_unit_label(campaign):
    indicator = Indicator(campaign=campaign, name="Hiến máu", unit=Indicator.Unit.COUNT)
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "unit_label" in error.value.message_dict


def test_totals_are_the_sum_of_the_entries(fund, area_a, area_b):
    give(fund, area_a, 3_000_000)
    give(fund, area_b, 5_000_000)
    give(fund, area_a, -1_000_000, reverses=give(fund, area_a, 1_000_000))
    assert fund.totals()["measure"] == 8_000_000
    assert fund.totals(area=area_a)["measure"] == 3_000_000
    assert fund.totals(start=datetime.date(2025, 4, 1))["entries"] == 0


def test_only_one_commune_target_per_indicator(fund):
    with pytest.raises(IntegrityError):
        Target.objects.create(indicator=fund, amount=5)


def test_a_target_must_be_positive(fund, area_a):
    target = Target(indicator=fund, area=area_a, amount=0)
    with pytest.raises(ValidationError):
        target.full_clean()


def test_the_report_phrase_names_who_assigned_the_target(fund, blood):
    assert fund.commune_target().report_phrase == "kế hoạch"
    assert blood.commune_target().report_phrase == "chỉ tiêu tỉnh giao"
    assert Target(assigned_by=Target.AssignedBy.DISTRICT).report_phrase == "KH huyện giao"


def test_drafts_are_not_public(commune):
    draft = Campaign.objects.create(commune=commune, name="Nháp", start_date=datetime.date(2025, 1, 1))
    assert draft not in Campaign.objects.public()


@pytest.fixture
def entries(fund, area_a, area_b):
    return give(fund, area_a, 1_000, donor_name="A"), give(fund, area_b, 2_000, donor_name="B")


def test_each_user_sees_the_contributions_of_the_areas_they_work_for(
    entries, officer_a, officer_b, staff, chair, django_user_model
):
    in_a, in_b = entries
    stranger = django_user_model.objects.create_user("khach", is_staff=True)
    assert list(Contribution.objects.visible_to(officer_a)) == [in_a]
    assert list(Contribution.objects.visible_to(officer_b)) == [in_b]
    assert set(Contribution.objects.visible_to(staff)) == {in_a, in_b}
    assert set(Contribution.objects.visible_to(chair)) == {in_a, in_b}
    assert not Contribution.objects.visible_to(stranger).exists()


def test_an_officer_with_no_area_yet_sees_nothing(entries, officer_a):
    AreaOfficer.objects.filter(user=officer_a).delete()
    officer_a._campaign_area_ids = None
    assert not Contribution.objects.visible_to(officer_a).exists()


def test_officers_see_their_areas_targets_but_not_the_communes_or_the_disbursements(
    fund, area_a, officer_a, staff
):
    own = Target.objects.create(indicator=fund, area=area_a, amount=5_000_000)
    Disbursement.objects.create(campaign=fund.campaign, amount=1, purpose="Quà", funding_source="Ngân sách")
    assert list(Target.objects.visible_to(officer_a)) == [own]
    assert Target.objects.visible_to(staff).count() == 2
    assert not Disbursement.objects.visible_to(officer_a).exists()
    assert Disbursement.objects.visible_to(staff).count() == 1


def test_both_ledgers_reverse_through_the_same_helper(fund, area_a, staff):
    gift = give(fund, area_a, 2_000_000, quantity=0, donor_name="Hộ ông Lộc")
    paid = Disbursement.objects.create(campaign=fund.campaign, amount=1_500_000, purpose="Quà")
    gift_back = gift.reversal(by=staff, reason="Nhập trùng", on=datetime.date(2025, 4, 1))
    paid_back = paid.reversal(by=staff, reason="Chi nhầm", on=datetime.date(2025, 4, 1))
    assert (gift_back.amount, gift_back.area, gift_back.donor_name, gift_back.reverses) == (
        -2_000_000,
        area_a,
        "Hộ ông Lộc",
        gift,
    )
    assert gift_back.note == f"Điều chỉnh bút toán #{gift.pk} ngày 01/03/2025: Nhập trùng"
    assert (paid_back.amount, paid_back.campaign, paid_back.reverses) == (-1_500_000, fund.campaign, paid)
    assert paid_back.purpose.endswith(": Chi nhầm")
    assert gift_back.entered_by == paid_back.entered_by == staff
