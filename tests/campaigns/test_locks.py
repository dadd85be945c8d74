"""Locked periods explain themselves, and the chair locks (after confirming) and reopens (with a
reason), both kept in the history. Acted as the chair, commune staff and a hamlet officer."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import Contribution, Disbursement, PeriodLock

from .factories import give

END_OF_MARCH = datetime.date(2025, 3, 31)
LOCKED_AT = datetime.datetime(2025, 4, 1, 14, 5, tzinfo=datetime.UTC) - datetime.timedelta(hours=7)
FACT = "Kỳ đến hết ngày 31/03/2025 đã khóa sổ bởi Chủ tịch Võ Thị Hạnh lúc 14:05 ngày 01/04/2025."
CORRECTION = "Muốn sửa số đã nhập, hãy lập bút toán điều chỉnh (ghi ngày hôm nay); cần mở lại kỳ, hãy đề nghị Chủ tịch."
LATE_ADVICE = "hãy nhập với ngày hôm nay"


@pytest.fixture
def named_chair(chair):
    chair.first_name, chair.last_name = "Chủ tịch", "Võ Thị Hạnh"
    chair.save()
    return chair


@pytest.fixture
def lock(fund, named_chair):
    """March 2025 locked by the chair at 14:05 on 01/04/2025 (Asia/Ho_Chi_Minh)."""
    made = services.lock_period(fund.campaign, until=END_OF_MARCH, by=named_chair)
    PeriodLock.objects.filter(pk=made.pk).update(locked_at=LOCKED_AT)
    made.refresh_from_db()
    return made


@pytest.fixture
def entry(fund, area_a):
    return give(fund, area_a, 2_000_000, date=datetime.date(2025, 3, 5), donor_name="Hộ ông Phan Văn Lộc")


def _contribution_form(fund, area, **extra):
    return {
        "indicator": fund.pk,
        "area": area.pk,
        "date": "05/03/2025",
        "amount": "1500000",
        "quantity": "0",
        "donor_kind": "ca_nhan",
        "donor_name": "Võ Thị Lan",
        "note": "",
        **extra,
    }


# --- the words -------------------------------------------------------------------------------


def test_a_stored_entry_in_the_lock_gets_the_correction_advice(lock, entry):
    assert entry.lock_explanation() == f"{FACT} {CORRECTION}"
    entry.amount = 9
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert error.value.messages == [f"{FACT} {CORRECTION}"]


def test_a_late_entry_gets_the_late_entry_advice_not_the_correction(lock, fund, area_a, officer_a):
    with pytest.raises(ValidationError) as error:
        services.record_contribution(
            by=officer_a,
            indicator=fund,
            area=area_a,
            amount=5,
            date=datetime.date(2025, 3, 20),
            donor_name="B",
        )
    (message,) = error.value.messages
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert message.startswith(FACT)
    assert f"{LATE_ADVICE} ({today})" in message
    assert "đề nghị Chủ tịch mở lại kỳ" in message
    assert "bút toán điều chỉnh" not in message
    assert not Contribution.objects.exists()


def test_an_entry_after_the_lock_has_nothing_to_explain(lock, fund, area_a):
    assert give(fund, area_a, 1_000, date=datetime.date(2025, 4, 2)).lock_explanation() == ""


def test_officer_sees_why_a_locked_entry_is_read_only(client, lock, entry, officer_a):
    client.force_login(officer_a)
    page = client.get(reverse("admin:campaigns_contribution_change", args=[entry.pk])).content.decode()
    assert 'name="amount"' not in page
    assert "Bút toán này thuộc kỳ đã khóa sổ, chỉ xem được." in page
    assert FACT in page and CORRECTION in page


def test_officer_adding_a_late_entry_in_the_admin_is_told_to_date_it_today(
    client, lock, fund, area_a, officer_a
):
    client.force_login(officer_a)
    response = client.post(reverse("admin:campaigns_contribution_add"), _contribution_form(fund, area_a))
    page = response.content.decode()
    assert response.status_code == 200
    assert FACT in page and LATE_ADVICE in page
    assert CORRECTION not in page
    assert not Contribution.objects.exists()


def test_the_import_gives_the_late_entry_advice(lock, fund, area_a, officer_a):
    from campaigns import imports

    from .test_import import csv_file

    upload = csv_file("Quỹ “Vì người nghèo”,Thôn Đông,07/03/2025,1.500.000,,Cá nhân,Nguyễn Văn An,")
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    text = " ".join(str(error) for error in result.errors)
    assert FACT in text and LATE_ADVICE in text
    assert not Contribution.objects.exists()


def test_staff_sees_why_a_locked_disbursement_is_read_only(client, lock, fund, staff):
    payout = Disbursement.objects.create(
        campaign=fund.campaign, amount=500_000, purpose="Hỗ trợ hộ nghèo", date=datetime.date(2025, 2, 1)
    )
    client.force_login(staff)
    page = client.get(reverse("admin:campaigns_disbursement_change", args=[payout.pk])).content.decode()
    assert FACT in page and 'name="amount"' not in page
    assert reverse("admin:campaigns_disbursement_reverse", args=[payout.pk]) in page  # the way out, at hand


# --- locking: the chair confirms -------------------------------------------------------------


def test_chair_confirms_a_lock_before_it_is_made(client, fund, entry, named_chair):
    client.force_login(named_chair)
    url = reverse("admin:campaigns_periodlock_add")
    assert client.get(f"{url}?campaign={fund.campaign.pk}").status_code == 200
    data = {"campaign": fund.campaign.pk, "locked_until": "31/03/2025", "note": "Sơ kết quý I"}
    page = client.post(url, data).content.decode()
    assert (
        f"Khóa sổ “{fund.campaign.name}” đến hết ngày 31/03/2025: sau khi khóa không ai sửa được "
        "các bút toán trong kỳ. Xác nhận?"
    ) in page
    assert "Trong kỳ có 1 kết quả đóng góp và 0 khoản chi." in page
    assert not PeriodLock.objects.exists()  # nothing locked until confirmed

    response = client.post(url, {**data, "xac-nhan": "Xác nhận khóa sổ"})
    assert response.status_code == 302
    lock = PeriodLock.objects.get()
    assert (lock.locked_until, lock.locked_by, lock.note) == (END_OF_MARCH, named_chair, "Sơ kết quý I")
    (record,) = lock.history.all()
    assert (record.history_type, record.history_user) == ("+", named_chair)
    entry.refresh_from_db()
    assert entry.is_locked()


def test_going_back_from_the_confirmation_locks_nothing(client, fund, chair):
    client.force_login(chair)
    data = {"campaign": fund.campaign.pk, "locked_until": "31/03/2025", "note": "", "sua": "Quay lại sửa"}
    page = client.post(reverse("admin:campaigns_periodlock_add"), data).content.decode()
    assert 'name="locked_until"' in page and "Xác nhận?" not in page
    assert not PeriodLock.objects.exists()


def test_a_lock_in_the_future_is_refused_in_vietnamese(client, fund, chair):
    client.force_login(chair)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    data = {"campaign": fund.campaign.pk, "locked_until": tomorrow, "xac-nhan": "1"}
    page = client.post(reverse("admin:campaigns_periodlock_add"), data).content.decode()
    assert "Không khóa sổ cho ngày trong tương lai." in page
    assert not PeriodLock.objects.exists()


@pytest.mark.parametrize("actor", ["staff", "officer_a"])
def test_only_the_chair_locks(client, request, fund, actor):
    client.force_login(request.getfixturevalue(actor))
    url = reverse("admin:campaigns_periodlock_add")
    data = {"campaign": fund.campaign.pk, "locked_until": "31/03/2025", "xac-nhan": "1"}
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert not PeriodLock.objects.exists()


# --- reopening: the chair, with a reason ----------------------------------------------------


def test_chair_reopens_a_lock_with_a_reason_and_the_period_is_editable_again(
    client, lock, entry, named_chair
):
    client.force_login(named_chair)
    url = reverse("admin:campaigns_periodlock_reopen", args=[lock.pk])
    assert FACT in client.get(url).content.decode()
    response = client.post(url, {"reason": "Thôn Đông nộp bổ sung biên nhận tháng 3"}, follow=True)
    assert "Đã mở lại kỳ đến hết ngày 31/03/2025" in response.content.decode()
    lock.refresh_from_db()
    assert (lock.reopened_by, lock.reopen_reason) == (named_chair, "Thôn Đông nộp bổ sung biên nhận tháng 3")
    assert not lock.is_in_force and fund_locked_until(lock) is None
    entry.refresh_from_db()
    assert not entry.is_locked() and entry.lock_explanation() == ""
    change = client.get(reverse("admin:campaigns_contribution_change", args=[entry.pk])).content.decode()
    assert 'name="amount"' in change


def fund_locked_until(lock):
    return lock.campaign.locked_until()


def test_lock_and_reopen_are_both_in_the_history(client, lock, named_chair):
    services.reopen_period(lock, by=named_chair, reason="Sửa số liệu thôn Tây")
    assert PeriodLock.objects.count() == 1  # the lock stays, reopened
    records = list(lock.history.order_by("history_id"))
    assert [(r.history_type, r.history_user, r.reopen_reason) for r in records] == [
        ("+", named_chair, ""),
        ("~", named_chair, "Sửa số liệu thôn Tây"),
    ]
    client.force_login(named_chair)
    history = client.get(reverse("admin:campaigns_periodlock_history", args=[lock.pk]))
    assert history.status_code == 200
    listing = client.get(reverse("admin:campaigns_periodlock_changelist")).content.decode()
    assert "Mở lại lúc" in listing and "Sửa số liệu thôn Tây" in listing


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopening_without_a_reason_is_refused(client, lock, named_chair, reason):
    client.force_login(named_chair)
    response = client.post(reverse("admin:campaigns_periodlock_reopen", args=[lock.pk]), {"reason": reason})
    assert response.status_code == 200
    assert "Hãy ghi lý do mở lại kỳ" in response.content.decode()
    lock.refresh_from_db()
    assert lock.is_in_force
    with pytest.raises(ValidationError):
        services.reopen_period(lock, by=named_chair, reason=reason)


@pytest.mark.parametrize("actor", ["staff", "officer_a"])
def test_only_the_chair_reopens(client, request, lock, actor):
    user = request.getfixturevalue(actor)
    client.force_login(user)
    url = reverse("admin:campaigns_periodlock_reopen", args=[lock.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Muốn sửa"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.reopen_period(lock, by=user, reason="Muốn sửa")
    lock.refresh_from_db()
    assert lock.is_in_force


def test_a_later_lock_must_be_reopened_first(lock, fund, named_chair):
    later = services.lock_period(fund.campaign, until=datetime.date(2025, 6, 30), by=named_chair)
    with pytest.raises(ValidationError) as error:
        services.reopen_period(lock, by=named_chair, reason="Sửa quý I")
    assert "30/06/2025" in error.value.messages[0]
    services.reopen_period(later, by=named_chair, reason="Sửa quý II")
    assert fund.campaign.locked_until() == END_OF_MARCH
    with pytest.raises(ValidationError):
        services.reopen_period(later, by=named_chair, reason="Lần nữa")


def test_after_a_reopen_the_chair_can_lock_the_same_date_again(lock, fund, named_chair):
    services.reopen_period(lock, by=named_chair, reason="Bổ sung biên nhận")
    again = services.lock_period(fund.campaign, until=END_OF_MARCH, by=named_chair)
    assert fund.campaign.current_lock() == again


def test_a_late_disbursement_is_told_to_write_the_real_date_in_its_purpose(lock, entry, fund, staff):
    with pytest.raises(ValidationError) as error:
        services.record_disbursement(
            by=staff, campaign=fund.campaign, amount=500_000, purpose="Hỗ trợ", date=datetime.date(2025, 3, 2)
        )
    (message,) = error.value.messages
    assert message.startswith(FACT)
    assert "Khoản chi trong kỳ đã khóa mà chưa nhập" in message and "nội dung chi" in message
    assert not Disbursement.objects.exists()
