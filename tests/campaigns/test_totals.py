"""The running totals per indicator and hamlet equal the sums of the entries, whatever wrote
them: entries, corrections, changes, an import, the rebuild command."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Count, Sum

from campaigns import imports, services
from campaigns.models import Contribution, ContributionTotal

DAY = datetime.date(2025, 3, 1)


def totals_table():
    """{(indicator, area): (amount, quantity, entries)} as the table holds them (zero rows left out)."""
    return {
        (row.indicator_id, row.area_id): (row.amount, row.quantity, row.entries)
        for row in ContributionTotal.objects.all()
        if row.entries or row.amount or row.quantity
    }


def summed_from_entries():
    rows = (
        Contribution.objects.countable()
        .values("indicator_id", "area_id")
        .annotate(amount=Sum("amount"), quantity=Sum("quantity"), n=Count("id"))
        .order_by()
    )
    return {(r["indicator_id"], r["area_id"]): (r["amount"], r["quantity"], r["n"]) for r in rows}


def test_entries_of_officers_add_to_their_hamlets_totals(fund, blood, area_a, area_b, officer_a, officer_b):
    services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=1_500_000, donor_name="An", date=DAY
    )
    services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=500_000, donor_name="Bình", date=DAY
    )
    services.record_contribution(by=officer_b, indicator=blood, area=area_b, quantity=12, donor_name="Chi đoàn", date=DAY)  # fmt: skip
    assert totals_table() == summed_from_entries()
    assert totals_table()[(fund.pk, area_a.pk)] == (2_000_000, 0, 2)
    assert totals_table()[(blood.pk, area_b.pk)] == (0, 12, 1)


def test_a_correction_adds_its_opposite_entry_and_the_total_falls(fund, area_a, officer_a, staff):
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=2_000_000, donor_name="An", date=DAY
    )
    services.reverse_contribution(entry, by=staff, reason="Nhập nhầm số tiền")
    services.record_contribution(
        by=staff, indicator=fund, area=area_a, amount=200_000, donor_name="An", date=DAY
    )
    assert totals_table()[(fund.pk, area_a.pk)] == (200_000, 0, 3)
    assert totals_table() == summed_from_entries()


def test_a_changed_entry_moves_its_figures_to_the_new_hamlet(fund, area_a, area_b, officer_a, staff):
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=700_000, donor_name="An", date=DAY
    )
    entry = Contribution.objects.get(pk=entry.pk)
    entry.area, entry.amount = area_b, 900_000
    services.save_contribution(entry, by=staff, reason="Nhầm thôn")
    table = totals_table()
    assert (fund.pk, area_a.pk) not in table
    assert table[(fund.pk, area_b.pk)] == (900_000, 0, 1)
    assert table == summed_from_entries()


def test_a_refused_entry_adds_nothing(fund, area_a, area_b, officer_a):
    with pytest.raises(Exception, match="khu dân cư mình phụ trách"):
        services.record_contribution(
            by=officer_a, indicator=fund, area=area_b, amount=700_000, donor_name="An", date=DAY
        )
    assert ContributionTotal.objects.count() == 0


def test_an_import_adds_every_row_once(fund, blood, area_a, officer_a):
    text = "\n".join(
        [
            "Chỉ tiêu,Khu dân cư,Ngày,Số tiền (đồng),Số lượng,Người ủng hộ là,Tên người ủng hộ,Ghi chú",
            "Quỹ “Vì người nghèo”,Thôn Đông,07/01/2025,1.500.000,,Cá nhân,Nguyễn Văn An,",
            "quy vi nguoi ngheo,thon dong,08/01/2025,200000 đ,,Giấu tên,,",
            "Hiến máu tình nguyện,Đông,2025-03-26,,12,Cơ quan tổ chức,Chi đoàn thôn Đông,",
        ]
    )
    upload = SimpleUploadedFile("ket-qua.csv", (text + "\n").encode("utf-8-sig"), "text/csv")
    result = imports.import_contributions(upload, campaign=fund.campaign, by=officer_a)
    assert result.errors == []
    assert totals_table()[(fund.pk, area_a.pk)] == (1_700_000, 0, 2)
    assert totals_table() == summed_from_entries()


def test_the_rebuild_command_makes_the_same_table(fund, area_a, area_b, officer_a, staff):
    services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=300_000, donor_name="An", date=DAY
    )
    entry = services.record_contribution(by=staff, indicator=fund, area=area_b, amount=400_000, donor_name="Bá", date=DAY)  # fmt: skip
    services.reverse_contribution(entry, by=staff, reason="Trùng")
    before = totals_table()
    # Entries written around the services (a restore, a COPY) are counted by the rebuild.
    Contribution.objects.create(indicator=fund, area=area_a, amount=50_000, donor_name="Cũ", date=DAY)
    out = io.StringIO()
    call_command("rebuild_contribution_totals", stdout=out)
    assert "Đã tính lại" in out.getvalue()
    assert totals_table() == summed_from_entries()
    assert totals_table()[(fund.pk, area_a.pk)] == (before[(fund.pk, area_a.pk)][0] + 50_000, 0, 2)
