"""Concurrent writes on PostgreSQL: two officers entering at once lose nothing.

Transactional tests end with a flush; post_migrate follows it and puts back the rows data
migrations seed (role groups, positions), so these tests may run in any order.
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from campaigns import services
from campaigns.models import Contribution
from tests.campaigns.factories import give

MARCH = datetime.date(2025, 3, 10)


@pytest.mark.django_db(transaction=True)
def test_officers_entering_at_the_same_moment_lose_nothing(
    postgres_only, fund, area_a, area_b, officer_a, officer_b
):
    """Eight threads on PostgreSQL, each with its own connection, saving entries at once."""
    barrier = threading.Barrier(8)
    failures = []

    def enter(user, area):
        try:
            barrier.wait()
            for number in range(10):
                services.record_contribution(
                    by=user,
                    indicator=fund,
                    area=area,
                    amount=100_000 + number,
                    date=MARCH,
                    donor_name="Hộ dân",
                )
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=enter, args=(officer_a if i % 2 else officer_b, area_a if i % 2 else area_b))
        for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert Contribution.objects.count() == 80
    assert fund.totals()["measure"] == 8 * sum(100_000 + n for n in range(10))
    assert (
        fund.totals(area=area_a)["measure"] + fund.totals(area=area_b)["measure"] == fund.totals()["measure"]
    )


@pytest.mark.django_db(transaction=True)
def test_two_people_reversing_the_same_entry_at_once_make_one_reversal(
    postgres_only, fund, area_a, officer_a, chair
):
    entry = give(fund, area_a, 3_000_000, date=MARCH)
    barrier = threading.Barrier(4)
    outcomes = []

    def reverse(user):
        try:
            barrier.wait()
            services.reverse_contribution(entry, by=user, reason="Nhập trùng")
            outcomes.append("ok")
        except (ValidationError, Exception) as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=reverse, args=(officer_a if i % 2 else chair,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert Contribution.objects.filter(reverses=entry).count() == 1
    assert fund.totals()["measure"] == 0
