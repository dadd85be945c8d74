"""The ledgers in the admin as staff, the chair and officers use them: history versions stay
inside the area rules, a change clears a verification, disbursements are reversed like
contributions, and spending beyond the fund's balance needs its funding source."""

import datetime

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import Contribution, Disbursement, Target

from .factories import give

MARCH = datetime.date(2025, 3, 1)


@pytest.fixture
def login(client, request):
    def as_actor(actor):
        client.logout()
        client.force_login(request.getfixturevalue(actor))
        return client

    return as_actor


def _contribution_form(entry, **changes):
    data = {
        "indicator": entry.indicator_id,
        "area": entry.area_id,
        "date": entry.date.strftime("%d/%m/%Y"),
        "amount": entry.amount,
        "quantity": entry.quantity,
        "donor_kind": entry.donor_kind,
        "donor_name": entry.donor_name,
        "note": entry.note,
    }
    data.update(changes)
    return data


def _version_url(obj, record):
    name = f"admin:campaigns_{obj._meta.model_name}_simple_history"
    return reverse(name, args=[obj.pk, record.history_id])


# --- history versions ------------------------------------------------------------------------


@pytest.fixture
def moved_entry(fund, area_a, area_b, officer_a, staff):
    """An entry officer A made for area A, which staff later moved to area B and corrected."""
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=2_000_000, date=MARCH, donor_name="Hộ ông Lộc"
    )
    entry.area, entry.amount, entry._history_user = area_b, 3_000_000, staff
    entry.save()
    return entry


def test_an_officer_cannot_open_an_old_version_of_an_entry_moved_to_another_area(login, moved_entry):
    old = moved_entry.history.earliest("history_date")
    assert old.area_id != moved_entry.area_id
    assert login("officer_a").get(_version_url(moved_entry, old)).status_code == 404


def test_an_officer_cannot_revert_an_entry_moved_to_another_area_back_to_their_own(
    login, moved_entry, area_a, area_b
):
    old = moved_entry.history.earliest("history_date")
    data = _contribution_form(moved_entry, area=area_a.pk, amount=2_000_000)
    response = login("officer_a").post(_version_url(moved_entry, old), data)
    assert response.status_code == 404
    moved_entry.refresh_from_db()
    assert (moved_entry.area, moved_entry.amount) == (area_b, 3_000_000)


def test_an_officer_cannot_read_another_areas_target_through_a_historical_version(login, fund, area_a, chair):
    target = services.set_target(fund, by=chair, area=area_a, amount=5_000_000)
    record = target.history.first()
    assert login("officer_b").get(_version_url(target, record)).status_code == 404
    page = login("officer_a").get(_version_url(target, record))
    assert page.status_code == 200 and "5000000" in page.content.decode().replace(".", "")


def test_an_officer_who_may_only_view_a_target_cannot_revert_it(login, fund, area_a, chair):
    target = services.set_target(fund, by=chair, area=area_a, amount=5_000_000)
    first = target.history.first()
    services.set_target(fund, by=chair, area=area_a, amount=7_000_000)
    data = {"indicator": fund.pk, "area": area_a.pk, "amount": 5_000_000, "assigned_by": "xa", "note": ""}
    assert login("officer_a").post(_version_url(target, first), data).status_code == 403
    target.refresh_from_db()
    assert target.amount == 7_000_000


def test_an_officer_reverts_their_own_entry_and_the_history_says_it_was_a_revert(
    login, fund, area_a, officer_a
):
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=2_000_000, date=MARCH, donor_name="Hộ ông Lộc"
    )
    first = entry.history.first()
    entry.amount = 9_000_000
    services.save_contribution(entry, by=officer_a)
    response = login("officer_a").post(
        _version_url(entry, first), _contribution_form(entry, amount=2_000_000)
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.amount == 2_000_000
    latest = entry.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        officer_a,
        "Khôi phục theo một phiên bản trong lịch sử",
    )


def test_an_officer_cannot_revert_a_locked_entry(login, fund, area_a, officer_a, chair):
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=2_000_000, date=MARCH, donor_name="Hộ ông Lộc"
    )
    first = entry.history.first()
    services.lock_period(fund.campaign, until=datetime.date(2025, 3, 31), by=chair)
    response = login("officer_a").post(_version_url(entry, first), _contribution_form(entry, amount=1))
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.amount == 2_000_000


# --- verification ------------------------------------------------------------------------------


@pytest.fixture
def verified_entry(fund, area_a, officer_a, chair):
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=2_000_000, date=MARCH, donor_name="Hộ ông Lộc"
    )
    services.verify_contributions(Contribution.objects.filter(pk=entry.pk), by=chair)
    entry.refresh_from_db()
    assert entry.verified_by == chair
    return entry


@pytest.mark.parametrize("actor", ["officer_a", "staff"])
def test_changing_a_verified_entrys_amount_clears_its_verification_and_the_history_says_so(
    login, verified_entry, actor
):
    url = reverse("admin:campaigns_contribution_change", args=[verified_entry.pk])
    response = login(actor).post(url, _contribution_form(verified_entry, amount=2_500_000))
    assert response.status_code == 302
    verified_entry.refresh_from_db()
    assert (verified_entry.amount, verified_entry.verified_by, verified_entry.verified_at) == (
        2_500_000,
        None,
        None,
    )
    assert verified_entry.history.first().history_change_reason == "Bỏ xác nhận vì đã sửa số tiền (đồng)"
    history = login(actor).get(reverse("admin:campaigns_contribution_history", args=[verified_entry.pk]))
    assert "Bỏ xác nhận vì đã sửa số tiền (đồng)" in history.content.decode()


def test_changing_only_the_note_of_a_verified_entry_keeps_its_verification(login, verified_entry, chair):
    url = reverse("admin:campaigns_contribution_change", args=[verified_entry.pk])
    response = login("officer_a").post(url, _contribution_form(verified_entry, note="Nộp tại nhà văn hóa"))
    assert response.status_code == 302
    verified_entry.refresh_from_db()
    assert (verified_entry.note, verified_entry.verified_by) == ("Nộp tại nhà văn hóa", chair)


def test_moving_a_verified_entry_to_another_day_clears_its_verification(login, verified_entry):
    url = reverse("admin:campaigns_contribution_change", args=[verified_entry.pk])
    login("staff").post(url, _contribution_form(verified_entry, date="02/03/2025"))
    verified_entry.refresh_from_db()
    assert verified_entry.date == datetime.date(2025, 3, 2)
    assert verified_entry.verified_at is None
    assert "ngày" in verified_entry.history.first().history_change_reason


# --- disbursements: reversal and overspending --------------------------------------------------


def _disbursement_form(campaign, **changes):
    data = {
        "campaign": campaign.pk,
        "date": "10/03/2025",
        "amount": "12000000",
        "beneficiary_kind": Disbursement.Beneficiary.POOR,
        "beneficiary_count": 2,
        "purpose": "Hỗ trợ sửa nhà cho hộ nghèo",
        "area": "",
        "funding_source": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def paid(fund, area_a, staff):
    give(fund, area_a, 5_000_000, date=MARCH)
    return services.record_disbursement(
        by=staff, campaign=fund.campaign, amount=3_000_000, purpose="Tặng quà hộ nghèo", date=MARCH
    )


def test_staff_see_the_reversal_button_on_a_disbursement(login, paid):
    page = login("staff").get(reverse("admin:campaigns_disbursement_change", args=[paid.pk])).content.decode()
    assert "Lập bút toán điều chỉnh" in page
    assert reverse("admin:campaigns_disbursement_reverse", args=[paid.pk]) in page


@pytest.mark.parametrize("actor", ["staff", "chair"])
def test_staff_and_the_chair_reverse_a_disbursement_in_the_admin(login, paid, fund, actor, request):
    url = reverse("admin:campaigns_disbursement_reverse", args=[paid.pk])
    assert (
        "Khoản chi ngày 01/03/2025: Tặng quà hộ nghèo — 3.000.000 đ."
        in login(actor).get(url).content.decode()
    )
    response = login(actor).post(url, {"reason": "Chi nhầm quỹ"})
    assert response.status_code == 302
    reversal = Disbursement.objects.get(reverses=paid)
    assert (reversal.amount, reversal.entered_by) == (-3_000_000, request.getfixturevalue(actor))
    assert "Chi nhầm quỹ" in reversal.purpose
    assert fund.campaign.fund_balance() == 5_000_000
    again = login(actor).post(url, {"reason": "Lần nữa"})
    assert "đã được điều chỉnh" in again.content.decode()
    assert Disbursement.objects.count() == 2


def test_a_reversed_disbursement_is_read_only_and_says_which_entry_corrected_it(login, paid, staff):
    reversal = services.reverse_entry(paid, by=staff, reason="Chi nhầm quỹ")
    page = login("staff").get(reverse("admin:campaigns_disbursement_change", args=[paid.pk])).content.decode()
    assert f"Đã điều chỉnh bằng bút toán #{reversal.pk}" in page
    changelist = login("staff").get(reverse("admin:campaigns_disbursement_changelist")).content.decode()
    assert f"Điều chỉnh cho #{paid.pk}" in changelist


def test_a_reversal_needs_a_reason(login, paid):
    url = reverse("admin:campaigns_disbursement_reverse", args=[paid.pk])
    response = login("staff").post(url, {"reason": " "})
    assert response.status_code == 200
    assert not Disbursement.objects.filter(reverses=paid).exists()


def test_officers_cannot_open_the_disbursement_reversal_page(login, paid):
    url = reverse("admin:campaigns_disbursement_reverse", args=[paid.pk])
    assert login("officer_a").post(url, {"reason": "Sai"}).status_code == 404
    assert Disbursement.objects.count() == 1


@pytest.mark.parametrize("actor", ["staff", "chair"])
def test_spending_beyond_the_balance_without_a_funding_source_is_refused_showing_the_balance(
    login, paid, fund, actor
):
    response = login(actor).post(
        reverse("admin:campaigns_disbursement_add"), _disbursement_form(fund.campaign)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Số dư của quỹ hiện còn 2.000.000 đ, khoản chi 12.000.000 đ vượt 10.000.000 đ" in page
    assert "tạm ứng từ ngân sách xã" in page
    assert Disbursement.objects.count() == 1


def test_spending_beyond_the_balance_with_a_funding_source_is_saved(login, paid, fund, staff):
    data = _disbursement_form(fund.campaign, funding_source="tạm ứng từ ngân sách xã")
    response = login("staff").post(reverse("admin:campaigns_disbursement_add"), data)
    assert response.status_code == 302
    entry = Disbursement.objects.get(amount=12_000_000)
    assert (entry.funding_source, entry.entered_by) == ("tạm ứng từ ngân sách xã", staff)
    assert entry.history.first().history_user == staff


def test_spending_within_the_balance_needs_no_funding_source(login, paid, fund):
    data = _disbursement_form(fund.campaign, amount="2000000")
    assert login("staff").post(reverse("admin:campaigns_disbursement_add"), data).status_code == 302
    assert fund.campaign.fund_balance() == 0


def test_raising_a_disbursement_beyond_the_balance_is_checked_without_its_own_old_amount(login, paid, fund):
    url = reverse("admin:campaigns_disbursement_change", args=[paid.pk])
    within = _disbursement_form(fund.campaign, amount="5000000", date="01/03/2025", purpose=paid.purpose)
    assert login("staff").post(url, within).status_code == 302
    beyond = dict(within, amount="5000001")
    assert "vượt 1 đ" in login("staff").post(url, beyond).content.decode()
    paid.refresh_from_db()
    assert paid.amount == 5_000_000


def test_officers_cannot_see_disbursements(login, paid):
    assert login("officer_a").get(reverse("admin:campaigns_disbursement_changelist")).status_code == 403
    change = reverse("admin:campaigns_disbursement_change", args=[paid.pk])
    assert login("officer_a").get(change).status_code == 404


def test_the_chair_changes_a_target_only_through_the_service_rules(login, fund, area_a, chair):
    data = {"indicator": fund.pk, "area": area_a.pk, "amount": 5_000_000, "assigned_by": "xa", "note": ""}
    assert login("chair").post(reverse("admin:campaigns_target_add"), data).status_code == 302
    target = Target.objects.get(area=area_a)
    assert (target.amount, target.set_by, target.history.first().history_user) == (5_000_000, chair, chair)
