"""Figures stay within lib.bounds in the database, and a row that escaped them never takes a page down."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Sum
from django.urls import reverse

from campaigns import services
from campaigns.models import Contribution, Progress, Target
from lib import bounds

from .factories import give

# The largest a 64-bit column holds: any honest entry added to it overflows SQLite's SUM.
CORRUPT = 2**63 - 1


def _write_bypassing_checks(sql, params):
    """Write as a raw UPDATE from before the constraints would have: SQLite is told to skip
    CHECKs, PostgreSQL loses the constraint for this test's transaction only."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = 1")
            try:
                cursor.execute(sql, params)
            finally:
                cursor.execute("PRAGMA ignore_check_constraints = 0")
        else:
            # Deferred foreign-key checks of the rows just made would block the ALTER.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE campaigns_contribution DROP CONSTRAINT contribution_amount_bounded")
            cursor.execute(sql, params)


@pytest.fixture
def corrupted(fund, area_a):
    """Area A has honest entries of 8.000.000 đ and 922 tỷ đ, and one row of 2^63 - 1 đ."""
    give(fund, area_a, 8_000_000, donor_name="Hộ ông Phan Văn Lộc")
    bad = give(fund, area_a, 1_000, donor_name="Dòng hỏng")
    _write_bypassing_checks("UPDATE campaigns_contribution SET amount = %s WHERE id = %s", [CORRUPT, bad.pk])
    give(fund, area_a, 922_000_000_000, donor_name="Doanh nghiệp lớn")
    Target.objects.create(indicator=fund, area=area_a, amount=5_000_000)
    return bad


def test_the_database_refuses_an_amount_beyond_the_bound(fund, area_a):
    entry = give(fund, area_a, 1_000)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE campaigns_contribution SET amount = %s WHERE id = %s", [bounds.MAX_AMOUNT + 1, entry.pk]
        )
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE campaigns_contribution SET quantity = %s WHERE id = %s", [bounds.MAX_COUNT + 1, entry.pk]
        )
    entry.refresh_from_db()
    assert (entry.amount, entry.quantity) == (1_000, 0)


def test_the_database_refuses_a_target_beyond_the_bound(fund):
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.filter(pk=fund.commune_target().pk).update(amount=bounds.MAX_AMOUNT + 1)


def test_a_model_refuses_an_amount_beyond_the_bound_in_vietnamese(fund, area_a):
    entry = Contribution(
        indicator=fund, area=area_a, amount=bounds.MAX_AMOUNT + 1, donor_name="Nguyễn Văn An"
    )
    with pytest.raises(Exception) as refused:
        entry.full_clean(exclude=["receipt"])
    assert "Số tiền tối đa cho một lần nhập là 1.000 tỷ đồng." in str(refused.value)


def test_a_corrupted_row_overflows_a_plain_sum_on_sqlite(corrupted):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL sums bigint as numeric; the absurd figure is the problem there")
    with pytest.raises(OperationalError, match="integer overflow"), transaction.atomic():
        Contribution.objects.aggregate(total=Sum("amount"))


@pytest.mark.parametrize("page", ["home", "campaign", "area"])
def test_a_corrupted_row_does_not_take_a_public_page_down(client, corrupted, fund, area_a, page):
    url = {
        "home": reverse("home"),
        "campaign": fund.campaign.get_absolute_url(),
        "area": area_a.get_absolute_url(),
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    # The honest entries are summed; the corrupted one is left out of every total.
    assert "922.008.000.000" in text
    assert "9.223.372.036.854.775.807" not in text
    assert "trên 1.000%" in text


def test_the_admin_still_shows_the_corrupted_row(client, corrupted, staff):
    client.force_login(staff)
    page = client.get(reverse("admin:campaigns_contribution_changelist")).content.decode()
    assert "Dòng hỏng" in page
    assert "9.223.372.036.854.775.807 đ" in page


def test_an_absurd_percentage_is_shown_as_over_a_thousand(fund):
    progress = Progress(fund, achieved=bounds.MAX_AMOUNT, target=21_000_000)
    assert progress.label == "1.000.000.000.000 / 21.000.000 đ — đạt trên 1.000%"
    assert Progress(fund, achieved=21_000_000 * 10, target=21_000_000).label.endswith("đạt 1.000%")


def test_a_payment_can_still_be_recorded_beside_a_corrupted_row(client, corrupted, fund, staff):
    client.force_login(staff)
    response = client.post(
        reverse("admin:campaigns_disbursement_add"),
        {
            "campaign": fund.campaign_id,
            "date": "10/03/2025",
            "amount": "1.000.000",
            "beneficiary_kind": "ho_ngheo",
            "beneficiary_count": "1",
            "purpose": "Tặng quà Tết",
            "funding_source": "",
        },
    )
    assert response.status_code == 302
    assert fund.campaign.fund_balance() == 922_008_000_000 - 1_000_000


def test_the_service_refuses_an_amount_beyond_the_bound_and_stores_nothing(fund, area_a, officer_a):
    with pytest.raises(ValidationError) as refused:
        services.record_contribution(
            by=officer_a,
            indicator=fund,
            area=area_a,
            amount=bounds.MAX_AMOUNT + 1,
            donor_name="Nguyễn Văn An",
        )
    assert refused.value.message_dict["amount"] == ["Số tiền tối đa cho một lần nhập là 1.000 tỷ đồng."]
    assert not Contribution.objects.exists()
