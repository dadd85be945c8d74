import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from campaigns import services
from campaigns.models import Contribution, PeriodLock, Target

from .factories import give

MARCH = datetime.date(2025, 3, 10)


def test_officer_records_a_contribution_for_their_own_area(fund, area_a, officer_a):
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=2_000_000, date=MARCH, donor_name="Trần Thị Mai"
    )
    entry.refresh_from_db()
    assert entry.entered_by == officer_a
    assert entry.history.first().history_user == officer_a


def test_officer_cannot_record_for_another_area(fund, area_b, officer_a):
    with pytest.raises(PermissionDenied):
        services.record_contribution(by=officer_a, indicator=fund, area=area_b, amount=1_000, donor_name="A")
    assert not Contribution.objects.exists()


def test_chair_locks_a_period_and_an_entry_in_it_can_no_longer_change(fund, area_a, chair):
    entry = give(fund, area_a, 1_000_000, date=MARCH)
    services.lock_period(fund.campaign, until=datetime.date(2025, 3, 31), by=chair)
    entry.refresh_from_db()
    assert entry.is_locked()
    entry.amount = 9_000_000
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "khóa sổ" in str(error.value)


def test_an_entry_cannot_be_moved_out_of_a_locked_period(fund, area_a, chair):
    entry = give(fund, area_a, 1_000_000, date=MARCH)
    services.lock_period(fund.campaign, until=datetime.date(2025, 3, 31), by=chair)
    entry.date = datetime.date(2025, 5, 1)
    assert entry.is_locked()


def test_a_new_entry_dated_in_a_locked_period_is_refused(fund, area_a, officer_a, chair):
    services.lock_period(fund.campaign, until=datetime.date(2025, 3, 31), by=chair)
    with pytest.raises(ValidationError):
        services.record_contribution(
            by=officer_a, indicator=fund, area=area_a, amount=5, date=MARCH, donor_name="B"
        )
    assert not Contribution.objects.exists()


def test_only_the_chair_locks_and_locks_only_move_forward(fund, staff, chair):
    with pytest.raises(PermissionDenied):
        services.lock_period(fund.campaign, until=MARCH, by=staff)
    services.lock_period(fund.campaign, until=MARCH, by=chair)
    with pytest.raises(ValidationError):
        services.lock_period(fund.campaign, until=datetime.date(2025, 2, 1), by=chair)
    with pytest.raises(ValidationError):
        services.lock_period(fund.campaign, until=timezone.localdate() + datetime.timedelta(days=1), by=chair)
    assert PeriodLock.objects.count() == 1


def test_reversing_an_entry_adds_the_opposite_and_keeps_both(fund, area_a, officer_a, chair):
    entry = give(fund, area_a, 3_000_000, date=MARCH, donor_name="Lê Văn Tám")
    services.lock_period(fund.campaign, until=datetime.date(2025, 3, 31), by=chair)
    reversal = services.reverse_contribution(entry, by=officer_a, reason="Nhập trùng")
    assert reversal.amount == -3_000_000
    assert reversal.reverses == entry
    assert reversal.date == timezone.localdate()
    assert "Nhập trùng" in reversal.note
    assert Contribution.objects.count() == 2
    assert fund.totals()["measure"] == 0


def test_an_entry_is_reversed_only_once_and_a_reversal_never(fund, area_a, officer_a):
    entry = give(fund, area_a, 3_000_000, date=MARCH)
    reversal = services.reverse_contribution(entry, by=officer_a, reason="Sai số")
    with pytest.raises(ValidationError):
        services.reverse_contribution(entry, by=officer_a, reason="Lần nữa")
    with pytest.raises(ValidationError):
        services.reverse_contribution(reversal, by=officer_a, reason="Đảo lại")
    with pytest.raises(ValidationError):
        services.reverse_contribution(give(fund, area_a, 5, date=MARCH), by=officer_a, reason=" ")
    assert Contribution.objects.count() == 3


def test_officer_cannot_reverse_another_areas_entry(fund, area_b, officer_a):
    entry = give(fund, area_b, 3_000_000, date=MARCH)
    with pytest.raises(PermissionDenied):
        services.reverse_contribution(entry, by=officer_a, reason="Sai")
    assert Contribution.objects.count() == 1


def test_only_the_chair_verifies_and_history_says_who(fund, area_a, officer_a, chair):
    entry = give(fund, area_a, 3_000_000, date=MARCH)
    with pytest.raises(PermissionDenied):
        services.verify_contributions(Contribution.objects.all(), by=officer_a)
    assert services.verify_contributions(Contribution.objects.all(), by=chair) == 1
    entry.refresh_from_db()
    assert entry.verified_by == chair
    assert entry.history.first().history_user == chair


def test_only_the_chair_sets_targets_and_history_keeps_the_old_value(fund, area_a, staff, chair):
    with pytest.raises(PermissionDenied):
        services.set_target(fund, by=staff, area=area_a, amount=5_000_000)
    services.set_target(fund, by=chair, area=area_a, amount=5_000_000)
    target = services.set_target(fund, by=chair, area=area_a, amount=6_000_000)
    assert Target.objects.get(indicator=fund, area=area_a).amount == 6_000_000
    old_values = [record.amount for record in target.history.all()]
    assert old_values == [6_000_000, 5_000_000]
    assert {record.history_user for record in target.history.all()} == {chair}


def test_disbursement_reversal_keeps_both_and_the_balance_follows(fund, area_a, staff):
    give(fund, area_a, 2_000_000, date=MARCH)
    paid = services.record_disbursement(
        by=staff, campaign=fund.campaign, amount=2_000_000, purpose="Tặng quà"
    )
    services.reverse_disbursement(paid, by=staff, reason="Chi nhầm quỹ")
    assert sum(fund.campaign.disbursements.values_list("amount", flat=True)) == 0
    assert fund.campaign.disbursements.count() == 2


def test_an_officer_cannot_move_their_entry_to_another_area(fund, area_a, area_b, officer_a):
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=2_000_000, date=MARCH, donor_name="A"
    )
    entry.area = area_b
    with pytest.raises(PermissionDenied):
        services.save_contribution(entry, by=officer_a)
    entry.refresh_from_db()
    assert entry.area == area_a


def test_an_officer_cannot_change_another_areas_entry(fund, area_a, area_b, officer_a, officer_b):
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=2_000_000, date=MARCH, donor_name="A"
    )
    entry.area, entry.amount = area_b, 1
    with pytest.raises(PermissionDenied):
        services.save_contribution(entry, by=officer_b)
    entry.refresh_from_db()
    assert (entry.area, entry.amount) == (area_a, 2_000_000)


def test_a_reversal_cannot_be_changed(fund, area_a, officer_a):
    entry = give(fund, area_a, 2_000_000, date=MARCH)
    reversal = services.reverse_entry(entry, by=officer_a, reason="Nhập trùng")
    reversal.amount = -1
    with pytest.raises(ValidationError):
        services.save_contribution(reversal, by=officer_a)


def test_overspending_is_refused_by_the_service_without_a_funding_source(fund, area_a, staff):
    give(fund, area_a, 1_000_000, date=MARCH)
    with pytest.raises(ValidationError) as refused:
        services.record_disbursement(by=staff, campaign=fund.campaign, amount=1_000_001, purpose="Quà")
    assert "Số dư của quỹ hiện còn 1.000.000 đ" in str(refused.value)
    paid = services.record_disbursement(
        by=staff, campaign=fund.campaign, amount=1_000_001, purpose="Quà", funding_source="ngân sách xã"
    )
    assert fund.campaign.fund_balance() == -1
    assert paid.entered_by == staff


def test_the_import_and_the_admin_share_the_checks_of_the_service(fund, area_b, officer_a):
    with pytest.raises(PermissionDenied):
        services.prepare_contribution(by=officer_a, indicator=fund, area=area_b, amount=1, donor_name="A")
    entry = Contribution(indicator=fund, area=area_b, amount=1, donor_name="A", entered_by=officer_a)
    with pytest.raises(PermissionDenied):
        services.record_contributions([entry])
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("raised", "message"),
    [
        (0, "Quỹ đã chi hết số thu (số dư 0 đ): khoản chi 2.000.000 đ cần ghi nguồn ứng trước"),
        (1_000_000, "Số dư của quỹ hiện còn 1.000.000 đ, khoản chi 2.000.000 đ vượt 1.000.000 đ."),
    ],
)
def test_the_overspending_message_says_what_is_left(fund, area_a, staff, raised, message):
    if raised:
        give(fund, area_a, raised, date=MARCH)
    with pytest.raises(ValidationError) as refused:
        services.record_disbursement(by=staff, campaign=fund.campaign, amount=2_000_000, purpose="Quà")
    assert message in str(refused.value)


def test_a_fund_already_overspent_says_by_how_much(fund, area_a, staff):
    services.record_disbursement(
        by=staff, campaign=fund.campaign, amount=3_000_000, purpose="Quà", funding_source="ngân sách xã"
    )
    with pytest.raises(ValidationError) as refused:
        services.record_disbursement(by=staff, campaign=fund.campaign, amount=2_000_000, purpose="Quà")
    assert "Quỹ đã chi vượt số thu 3.000.000 đ: khoản chi 2.000.000 đ cần ghi nguồn ứng trước" in str(
        refused.value
    )
