"""Entries of the commune as a whole (no hamlet): entered by commune staff and the chair in the
admin and the import, never by a hamlet officer; counted in the commune's totals, progress,
rounds, sentence and reports, shown as a "Toàn xã" line beside the hamlets, never ranked."""

import datetime
import html
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from campaigns import exports, imports, selectors, services
from campaigns.models import Contribution, Round, RoundTarget
from campaigns.reports import summary_sentence
from tests.campaigns.test_import import HEADER, csv_file
from tests.conftest import PASSWORD

DAY = datetime.date(2025, 3, 10)


def page_text(client, campaign):
    response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).split())


def admin_entry(indicator, area="", amount="5.000.000", **extra):
    return {
        "indicator": indicator.pk,
        "area": area,
        "date": "10/03/2025",
        "amount": amount,
        "quantity": "0",
        "donor_kind": Contribution.DonorKind.BUSINESS,
        "donor_name": "Công ty TNHH Xây dựng Hòa Phát",
        "note": "",
        **extra,
    }


def test_staff_enter_a_commune_wide_entry_in_the_admin_and_the_page_counts_it_unranked(
    client, staff, fund, area_a, area_b, officer_a
):
    services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=3_000_000, date=DAY, donor_name="Ông Tám"
    )
    client.login(username=staff.username, password=PASSWORD)
    form = client.get("/quan-tri/campaigns/contribution/add/").content.decode()
    assert "Toàn xã (không thuộc khu dân cư nào)" in form
    response = client.post("/quan-tri/campaigns/contribution/add/", admin_entry(fund))
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = Contribution.objects.get(donor_name="Công ty TNHH Xây dựng Hòa Phát")
    assert entry.area is None and entry.entered_by == staff
    listing = client.get("/quan-tri/campaigns/contribution/").content.decode()
    assert "Toàn xã" in listing
    client.logout()
    text = page_text(client, fund.campaign)
    assert "8.000.000 / 21.000.000 đ — đạt 38%" in text  # the commune's total has both
    assert "Toàn xã</strong> (kết quả chung, không thuộc khu dân cư nào, không xếp hạng): 5.000.000 đ" in text
    page = selectors.campaign_page(fund.campaign)
    result = page["results"][0]
    assert [row.area_name for row in result.rows] == ["Thôn Đông"]  # the commune line is not ranked
    assert page["raised"] == 8_000_000
    assert summary_sentence(fund).startswith("Vận động Quỹ “Vì người nghèo” được 8.000.000/21.000.000 đồng")


def test_an_officer_cannot_enter_for_the_commune_as_a_whole(client, officer_a, fund, area_a):
    with pytest.raises(PermissionDenied, match="toàn xã"):
        services.record_contribution(
            by=officer_a, indicator=fund, area=None, amount=1_000_000, date=DAY, donor_name="Ông Tám"
        )
    client.login(username=officer_a.username, password=PASSWORD)
    response = client.post("/quan-tri/campaigns/contribution/add/", admin_entry(fund))
    assert response.status_code == 200  # the form again: the hamlet is required for an officer
    assert "Toàn xã (không thuộc" not in response.content.decode()
    assert not Contribution.objects.exists()


def test_an_officer_does_not_see_or_reverse_a_commune_wide_entry(client, staff, officer_a, fund, area_a):
    entry = services.record_contribution(
        by=staff, indicator=fund, area=None, amount=2_000_000, date=DAY, donor_name="Công ty Hòa Phát"
    )
    client.login(username=officer_a.username, password=PASSWORD)
    assert "Công ty Hòa Phát" not in client.get("/quan-tri/campaigns/contribution/").content.decode()
    assert client.get(f"/quan-tri/campaigns/contribution/{entry.pk}/change/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.reverse_contribution(entry, by=officer_a, reason="Nhập nhầm")
    reversal = services.reverse_contribution(entry, by=staff, reason="Nhập nhầm số tiền")
    assert reversal.area is None and reversal.amount == -2_000_000
    assert selectors.campaign_page(fund.campaign)["raised"] == 0


def test_the_chair_moves_an_entry_from_a_hamlet_to_the_commune_and_an_officer_cannot(
    chair, officer_a, fund, area_a
):
    entry = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=1_000_000, date=DAY, donor_name="Bưu điện xã"
    )
    entry.area = None
    with pytest.raises(PermissionDenied):
        services.save_contribution(entry, by=officer_a)
    entry.refresh_from_db()
    assert entry.area == area_a
    entry.area = None
    services.save_contribution(entry, by=chair, reason="Bưu điện ủng hộ chung cho xã")
    entry.refresh_from_db()
    assert entry.area is None


def test_staff_import_a_toan_xa_row_and_an_officers_is_refused_with_nothing_saved(
    staff, officer_a, fund, area_a
):
    rows = [
        "Quỹ “Vì người nghèo”,Toàn xã,10/03/2025,2.000.000,,Doanh nghiệp,Công ty Hòa Phát,",
        "Quỹ “Vì người nghèo”,Đông,10/03/2025,500.000,,,Ông Tám,",
    ]
    result = imports.import_contributions(csv_file(*rows), campaign=fund.campaign, by=officer_a)
    assert result.errors == [
        "Dòng 2: chỉ cán bộ Mặt trận xã nhập được kết quả chung của toàn xã; hãy ghi tên khu dân cư của mình"
    ]
    assert not Contribution.objects.exists()
    result = imports.import_contributions(csv_file(*rows), campaign=fund.campaign, by=staff)
    assert result.ok, result.errors
    wide = Contribution.objects.get(donor_name="Công ty Hòa Phát")
    assert wide.area is None and wide.amount == 2_000_000
    assert HEADER.startswith("Chỉ tiêu,Khu dân cư")


def test_the_staff_template_offers_toan_xa_and_the_officers_does_not(client, staff, officer_a, fund, area_a):
    for user, offered in ((staff, True), (officer_a, False)):
        client.login(username=user.username, password=PASSWORD)
        response = client.get(f"/quan-tri/campaigns/contribution/mau-nhap/{fund.campaign.pk}/")
        assert response.status_code == 200
        guide = load_workbook(io.BytesIO(response.content))["Hướng dẫn"]
        names = [row[0] for row in guide.iter_rows(values_only=True)]
        assert ("Toàn xã" in names) is offered
        client.logout()


def test_hedges_of_the_commune_line_stay_its_own(staff, officer_a, fund, area_a):
    from lib.figures import Figure, Qualifier

    services.record_contribution(
        by=staff,
        indicator=fund,
        area=None,
        amount=Figure(20_000_000, Qualifier.OVER),
        date=DAY,
        donor_kind=Contribution.DonorKind.RESIDENTS,
    )
    services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=1_000_000, date=DAY, donor_name="Ông Tám"
    )
    result = selectors.campaign_page(fund.campaign)["results"][0]
    assert result.commune_wide.figure == "trên 20.000.000 đ"
    assert result.rows[0].progress.figure == "1.000.000 đ"
    assert result.progress.figure == "trên 21.000.000 / 21.000.000 đ"
    assert Contribution.objects.get(area=None).public_donor_name == "Nhân dân toàn xã"


def test_rounds_the_export_and_the_period_report_count_the_commune_line(
    staff, chair, officer_a, fund, area_a, commune
):
    stage = services.add_round(
        fund.campaign,
        by=chair,
        name="Đợt 1",
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2025, 3, 31),
    )
    services.set_round_target(stage, fund, by=chair, amount=10_000_000)
    services.record_contribution(
        by=staff, indicator=fund, area=None, amount=4_000_000, date=DAY, donor_name="Công ty Hòa Phát"
    )
    services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=1_000_000, date=DAY, donor_name="Ông Tám"
    )
    assert Round.objects.count() == 1 and RoundTarget.objects.count() == 1
    sentence = summary_sentence(fund, round=stage)
    assert "được 5.000.000/10.000.000 đồng, đạt 50% chỉ tiêu đợt" in sentence
    workbook = load_workbook(io.BytesIO(exports.results_workbook(fund.campaign)))
    rows = list(workbook["Theo khu dân cư"].iter_rows(values_only=True))
    assert ("Quỹ “Vì người nghèo”", None, "Toàn xã", None, 4_000_000, 4_000_000, None) in rows
    from reports.content import _area_rows, _entry_rows

    area_rows = _area_rows(fund, None, None)
    assert area_rows[-1][0] == "Toàn xã" and area_rows[-1][3] == 4_000_000
    assert "Toàn xã" in [row[3] for row in _entry_rows(fund.campaign, fund, None, None)]


def test_the_thu_chi_table_groups_the_commune_line_apart(staff, fund, area_a, officer_a):
    from campaigns.funds import FundStatement
    from campaigns.thuchi import _raised

    services.record_contribution(
        by=staff, indicator=fund, area=None, amount=4_000_000, date=DAY, donor_name="Công ty Hòa Phát"
    )
    services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=1_000_000, date=DAY, donor_name="Ông Tám"
    )
    statement = FundStatement(
        indicator=fund, start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 6, 30)
    )
    lines = [(line.label, line.amount) for line in _raised(statement).lines]
    assert lines == [("Thôn Đông", 1_000_000), ("Cơ quan, đơn vị, cá nhân trên địa bàn xã", 4_000_000)]
