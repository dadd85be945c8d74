"""Công khai thu – chi: the table's arithmetic, its groupings, the public page and its PDF, who
may publish, and the page cache and query budget of the public page."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from campaigns import services
from campaigns.funds import FundStatement, FundTransfer, fund_balance
from campaigns.models import Contribution, Disbursement
from campaigns.selectors import campaign_page
from campaigns.thuchi import build_table
from congresses.models import FrontCommittee, Membership, Person, Position, Term
from tests.conftest import PASSWORD

from .factories import give

Kind = FundTransfer.Kind
H1 = (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))


@pytest.fixture
def books(staff, fund, area_a, area_b):
    """Six months of a fund: a balance carried over, hamlets' gifts, money from the province's
    fund, a payout to six households of thôn Đông, money passed up; and one gift after."""
    campaign = fund.campaign
    services.record_opening_balance(
        by=staff, fund=fund, amount=3_000_000, source="Số dư Quỹ năm 2024", date=datetime.date(2025, 1, 1)
    )
    give(fund, area_a, 5_000_000, date=datetime.date(2025, 2, 1))
    give(fund, area_b, 2_000_000, date=datetime.date(2025, 3, 5), donor_kind=Contribution.DonorKind.BUSINESS)
    give(
        fund,
        area_a,
        1_005_000,
        date=datetime.date(2025, 3, 20),
        donor_kind=Contribution.DonorKind.ORGANISATION,
    )
    services.record_fund_transfer(
        by=staff,
        fund=fund,
        kind=Kind.FROM_UPPER,
        amount=4_000_000,
        counterpart="Ban vận động Quỹ “Vì người nghèo” tỉnh",
        date=datetime.date(2025, 4, 10),
    )
    services.record_disbursement(
        by=staff,
        campaign=campaign,
        amount=3_000_000,
        purpose="Hỗ trợ hộ nghèo dịp Tết",
        beneficiary_count=6,
        area=area_a,
        date=datetime.date(2025, 5, 1),
    )
    services.record_fund_transfer(
        by=staff,
        fund=fund,
        kind=Kind.TO_UPPER,
        amount=1_500_000,
        counterpart="Quỹ “Vì người nghèo” tỉnh (điều tiết)",
        date=datetime.date(2025, 6, 15),
    )
    give(fund, area_b, 1_000_000, date=datetime.date(2025, 8, 1))
    return fund


def _statement(by, fund, start, end, **fields):
    return services.save_fund_statement(
        FundStatement(
            indicator=fund,
            start_date=start,
            end_date=end,
            signed_on=datetime.date(2025, 7, 5),
            prepared_by_name="Lê Thị Thu",
            **fields,
        ),
        by=by,
    )


@pytest.fixture
def published(books, staff, chair):
    statement = _statement(staff, books, *H1, period_name="6 tháng đầu năm 2025")
    services.lock_period(books.campaign, until=H1[1], by=chair)
    return services.publish_fund_statement(statement, by=staff)


def test_opening_plus_receipts_minus_payments_is_the_closing_balance(books, staff):
    table = build_table(_statement(staff, books, *H1))
    assert table.opening == 3_000_000  # carried over on the first day of the period
    assert table.raised.total == 8_005_000
    assert table.received.total == 4_000_000
    assert table.paid.total == 3_000_000 and table.passed_up.total == 1_500_000
    assert table.closing == 3_000_000 + 8_005_000 + 4_000_000 - 3_000_000 - 1_500_000 == 10_505_000
    assert table.closing == fund_balance(books, until=H1[1])
    # The next half year opens with what the first one closed with.
    second = build_table(_statement(staff, books, datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)))
    assert second.opening == 10_505_000 and second.closing == 11_505_000 == fund_balance(books)


def test_receipts_are_grouped_by_hamlet_by_default_or_as_the_committee_chooses(books, staff):
    by_area = build_table(_statement(staff, books, *H1)).raised.lines
    assert [(line.label, line.amount) for line in by_area] == [
        ("Thôn Đông", 6_005_000),
        ("Thôn Tây", 2_000_000),
    ]
    by_kind = build_table(_statement(staff, books, *H1, grouping=FundStatement.Grouping.DONOR_KIND))
    assert [(line.label, line.amount) for line in by_kind.raised.lines] == [
        ("Cá nhân", 5_000_000),
        ("Cơ quan, tổ chức", 1_005_000),
        ("Doanh nghiệp", 2_000_000),
    ]
    by_month = build_table(_statement(staff, books, *H1, grouping=FundStatement.Grouping.MONTH))
    assert [(line.label, line.amount) for line in by_month.raised.lines] == [
        ("Tháng 02/2025", 5_000_000),
        ("Tháng 03/2025", 3_005_000),
    ]


def test_the_public_table_shows_every_line_the_totals_and_the_words(client, published):
    page = client.get(published.get_absolute_url()).content.decode()
    assert "BẢNG CÔNG KHAI THU – CHI" in page and "QUỸ “VÌ NGƯỜI NGHÈO”" in page
    assert "6 tháng đầu năm 2025 (từ ngày 01/01/2025 đến ngày 30/06/2025)" in page
    assert "Số dư Quỹ năm 2024" in page and "01/01/2025" in page
    assert "Thôn Đông" in page and "6.005.000" in page
    assert "Ban vận động Quỹ “Vì người nghèo” tỉnh" in page and "4.000.000" in page
    assert "Hỗ trợ hộ nghèo dịp Tết" in page and "Hộ nghèo: 6, thôn Đông" in page
    assert "Quỹ “Vì người nghèo” tỉnh (điều tiết)" in page and "1.500.000" in page
    assert "10.505.000" in page
    assert "Mười triệu năm trăm linh năm nghìn đồng" in page
    assert "Hòa Phú, ngày 05 tháng 7 năm 2025" in page
    assert "NGƯỜI LẬP BIỂU" in page and "Lê Thị Thu" in page
    assert "TM. BAN THƯỜNG TRỰC" in page and "CHỦ TỊCH" in page


def test_the_signature_names_the_chair_of_the_term(client, books, staff, chair, commune):
    committee = FrontCommittee.objects.create(commune=commune, level=FrontCommittee.Level.COMMUNE)
    term = Term.objects.create(
        committee=committee, start_date=datetime.date(2024, 10, 1), end_date=datetime.date(2029, 10, 1)
    )
    head = Position.objects.ensure_standard().get(name="Chủ tịch")
    person = Person.objects.create(commune=commune, full_name="Võ Thị Hạnh", gender="female")
    Membership.objects.create(term=term, person=person, position=head)
    table = build_table(_statement(staff, books, *H1))
    assert table.signer_name == "Võ Thị Hạnh"
    assert (
        build_table(_statement(staff, books, *H1, signer_name="Trần Văn Bình")).signer_name == "Trần Văn Bình"
    )


def test_a_full_period_table_equals_the_campaign_pages_figures(client, books, staff, chair):
    statement = _statement(staff, books, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    services.lock_period(books.campaign, until=datetime.date(2025, 12, 31), by=chair)
    services.publish_fund_statement(statement, by=chair)
    figures = campaign_page(books.campaign)
    table = build_table(statement)
    assert table.raised.total == figures["raised"] == 9_005_000
    assert table.paid.total == figures["disbursed"]
    assert table.received.total == figures["received"] and table.passed_up.total == figures["passed_up"]
    assert table.closing == figures["balance"] == 11_505_000
    campaign_html = client.get(books.campaign.get_absolute_url()).content.decode()
    table_html = client.get(statement.get_absolute_url()).content.decode()
    assert "11.505.000 đ" in campaign_html and "11.505.000" in table_html
    assert "Mười một triệu năm trăm linh năm nghìn đồng" in campaign_html
    assert "Mười một triệu năm trăm linh năm nghìn đồng" in table_html


def test_the_pdf_opens_and_holds_the_same_totals_and_words(client, published):
    response = client.get(published.pdf_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "cong-khai-thu-chi-" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4: 210 mm
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=1)  # 297 mm
    assert "BẢNG CÔNG KHAI THU – CHI" in text
    for figure in ("3.000.000", "12.005.000", "4.500.000", "10.505.000"):
        assert figure in text
    assert "Mười triệu năm trăm linh năm nghìn đồng" in text
    assert "Hòa Phú, ngày 05 tháng 7 năm 2025" in text


def test_the_campaign_page_links_only_published_tables(client, published, staff, books):
    draft = _statement(staff, books, datetime.date(2025, 7, 1), datetime.date(2025, 12, 31))
    page = client.get(books.campaign.get_absolute_url()).content.decode()
    assert "Công khai thu – chi" in page
    assert published.get_absolute_url() in page and published.pdf_url() in page
    assert draft.get_absolute_url() not in page


def test_anonymous_readers_get_no_unpublished_table(client, books, staff):
    draft = _statement(staff, books, *H1)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.pdf_url()).status_code == 404


def test_staff_preview_an_unpublished_table(client, books, staff):
    draft = _statement(staff, books, *H1)
    client.login(username=staff.username, password=PASSWORD)
    page = client.get(reverse("admin:campaigns_fundstatement_preview", args=[draft.pk])).content.decode()
    assert "Bản xem trước: bảng này chưa công khai" in page and "10.505.000" in page
    pdf = client.get(reverse("admin:campaigns_fundstatement_pdf", args=[draft.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_publishing_asks_for_the_period_to_be_locked(books, staff):
    statement = _statement(staff, books, *H1)
    with pytest.raises(ValidationError) as refused:
        services.publish_fund_statement(statement, by=staff)
    assert "chưa khóa đến hết ngày 30/06/2025" in str(refused.value)
    statement.refresh_from_db()
    assert not statement.is_published


def test_a_hamlet_officer_cannot_publish_nor_see_the_tables(client, books, staff, chair, officer_a):
    statement = _statement(staff, books, *H1)
    services.lock_period(books.campaign, until=H1[1], by=chair)
    with pytest.raises(PermissionDenied):
        services.publish_fund_statement(statement, by=officer_a)
    with pytest.raises(PermissionDenied):
        services.save_fund_statement(
            FundStatement(indicator=books, start_date=H1[0], end_date=H1[1]), by=officer_a
        )
    client.login(username=officer_a.username, password=PASSWORD)
    response = client.post(
        reverse("admin:campaigns_fundstatement_changelist"),
        {"action": "publish_selected", "_selected_action": [statement.pk]},
    )
    assert response.status_code == 403
    statement.refresh_from_db()
    assert not statement.is_published


def test_staff_publish_from_the_admin_list(client, books, staff, chair):
    statement = _statement(staff, books, *H1)
    services.lock_period(books.campaign, until=H1[1], by=chair)
    client.login(username=staff.username, password=PASSWORD)
    response = client.post(
        reverse("admin:campaigns_fundstatement_changelist"),
        {"action": "publish_selected", "_selected_action": [statement.pk]},
        follow=True,
    )
    assert "Đã công khai 1 bảng thu – chi." in response.content.decode()
    statement.refresh_from_db()
    assert statement.is_published and statement.published_by == staff
    client.logout()
    assert client.get(statement.get_absolute_url()).status_code == 200


def test_a_published_tables_period_cannot_be_changed(published, staff):
    published.end_date = datetime.date(2025, 5, 31)
    with pytest.raises(ValidationError) as refused:
        services.save_fund_statement(published, by=staff)
    assert "thôi công khai trước" in str(refused.value)


def test_the_public_table_is_served_from_the_page_cache(client, published, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get(published.get_absolute_url())
    second = client.get(published.get_absolute_url())
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    pdf_first, pdf_again = client.get(published.pdf_url()), client.get(published.pdf_url())
    assert pdf_again["X-Page-Cache"] == "hit"
    assert pdf_again["Content-Disposition"] == pdf_first["Content-Disposition"]


def _queries(client, statement, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(statement.get_absolute_url()).status_code == 200
    return len(captured)


def test_the_public_tables_queries_do_not_grow_with_the_books(
    client, published, staff, area_a, django_assert_max_num_queries
):
    few = _queries(client, published, django_assert_max_num_queries, 30)
    fund = published.indicator
    for n in range(40):
        give(fund, area_a, 10_000 + n, date=datetime.date(2025, 1 + n % 6, 1 + n % 28))
    Disbursement.objects.bulk_create(
        Disbursement(
            campaign=fund.campaign,
            indicator=fund,
            amount=1_000,
            purpose=f"Chi {n}",
            area=area_a,
            date=datetime.date(2025, 1 + n % 6, 2),
        )
        for n in range(40)
    )
    many = _queries(client, published, django_assert_max_num_queries, 30)
    assert many == few


def test_amounts_in_the_table_match_the_pattern_of_the_notice_board(client, published):
    page = client.get(published.get_absolute_url()).content.decode()
    assert re.search(
        r"Số dư cuối kỳ \(I \+ II − III\)</th>\s*<td class=\"thuchi-amount\">10\.505\.000</td>", page
    )


def test_a_query_string_is_sent_back_to_the_one_address(client, published):
    # Each query string would be a page of its own in the cache, and a PDF a new typesetting.
    for url in (published.get_absolute_url(), published.pdf_url()):
        response = client.get(url + "?lan=2")
        assert response.status_code == 301 and response["Location"] == url


def test_making_a_pdf_leaves_the_upload_checks_refusing_truncated_photos(client, published, monkeypatch):
    # Importing WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process; a first
    # PDF (WeasyPrint imported afresh here) must leave half-sent photos refused.
    import sys

    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)
    for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    assert client.get(published.pdf_url()).status_code == 200
    assert "weasyprint.images" in sys.modules  # it was imported again by that PDF
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
