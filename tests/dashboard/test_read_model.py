"""The dashboard's own reads: the stated figures' ledgers read in bulk equal each figure's own,
the same day last year, and the province's page."""

import datetime

import pytest

from campaigns import services
from campaigns.dashboard import a_year_before, stated_ledgers
from campaigns.gifts import GiftBatch, Recipient
from campaigns.houses import House
from campaigns.stated import StatedFigure


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 12, 1), datetime.date(2025, 12, 1)),
        (datetime.date(2028, 2, 29), datetime.date(2027, 2, 28)),
        (datetime.date(2026, 1, 1), datetime.date(2025, 1, 1)),
    ],
)
def test_a_year_before_is_the_same_day_of_the_year(day, expected):
    assert a_year_before(day) == expected


@pytest.mark.django_db
def test_bulk_ledgers_equal_each_stated_figures_own(commune, area_a, chair, staff, fund, wrong_figure):
    campaign = fund.campaign
    home = services.record_recipient(
        by=chair, commune=commune, kind=Recipient.Kind.POOR, area=area_a, label="Hộ số 1"
    )
    services.record_house(
        by=chair,
        campaign=campaign,
        recipient=home,
        work=House.Work.NEW,
        total_value=80_000_000,
        front_support=40_000_000,
        approved_on=campaign.start_date,
        sources=[("quy_cap_tren", 20_000_000)],
    )
    first = services.record_gift_batch(
        by=chair,
        campaign=campaign,
        title="Trao quà Tết",
        date=campaign.start_date,
        count=40,
        cash_per_gift=500_000,
        kind_quantity=10,
        kind_unit="kg gạo",
        kind_value_per_gift=150_000,
        paid=GiftBatch.Paid.NOT_FROM_FUND,
        giver="Ngân hàng Chính sách xã hội",
    )
    services.record_gift_batch(
        by=chair,
        campaign=campaign,
        title="Bổ sung quà Tết",
        date=campaign.start_date,
        tops_up=first,
        count=12,
        cash_per_gift=300_000,
        paid=GiftBatch.Paid.NOT_FROM_FUND,
        giver="Hội Chữ thập đỏ xã",
    )
    made = [wrong_figure]
    for subject, fields in (
        (StatedFigure.Subject.GIFTS, {"count": 40, "amount": 30_000_000}),
        (StatedFigure.Subject.HOUSES, {"count": 1, "amount": 80_000_000}),
        (StatedFigure.Subject.DISBURSED, {"amount": 5_000_000}),
    ):
        made.append(
            services.record_stated_figure(
                by=staff,
                campaign=campaign,
                subject=subject,
                quote=f"Nêu về {subject}",
                source="Báo cáo sơ kết",
                source_date=campaign.start_date,
                **fields,
            )
        )
    figures = list(StatedFigure.objects.filter(pk__in=[f.pk for f in made]).for_listing())
    bulk = stated_ledgers(figures)
    for figure in figures:
        assert bulk[figure.pk] == figure.ledger(), figure.subject
    gifts = next(f for f in figures if f.subject == StatedFigure.Subject.GIFTS)
    assert bulk[gifts.pk] == {"amount": 40 * 650_000 + 12 * 300_000, "count": 40}


@pytest.mark.django_db
def test_without_last_years_edition_a_new_campaign_has_no_comparison(client, chair, fund_campaign):
    client.force_login(chair)
    page = client.get("/quan-tri/").content.decode()
    assert "Chưa có số cùng kỳ năm trước." in page
