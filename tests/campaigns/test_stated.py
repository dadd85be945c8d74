"""Stated figures: what a report says, kept beside the data and checked with the arithmetic —
percentage against numerator and target, total against parts, unit value × count against the
total, and each against the ledger — flagged on the admin list before anything is published."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.stated import Range, StatedFigure
from lib.figures import Qualifier

REPORT_DAY = datetime.date(2025, 6, 30)


def _stated(staff, campaign, **fields):
    values = {
        "campaign": campaign,
        "quote": "đạt 123% chỉ tiêu",
        "source": "Báo cáo sơ kết 6 tháng",
        "source_date": REPORT_DAY,
    }
    values.update(fields)
    return services.record_stated_figure(by=staff, **values)


@pytest.fixture
def ledger(fund, area_a, staff):
    """25.830.000 đ raised against the 21.000.000 đ target: 123%."""
    services.record_contribution(
        by=staff,
        indicator=fund,
        area=area_a,
        amount=25_830_000,
        date=datetime.date(2025, 3, 1),
        donor_name="Nhân dân thôn Đông",
    )


def _texts(figure):
    return [(check.kind, check.ok, check.text) for check in figure.checks()]


def test_a_percentage_that_does_not_follow_from_its_figures_is_flagged(staff, campaign, fund):
    figure = _stated(
        staff, campaign, indicator=fund, percent=Decimal("123"), amount=2_400_000_000, target=1_900_000_000
    )
    (check,) = [c for c in figure.checks() if c.kind == "percent"]
    assert not check.ok
    assert check.text == ("Tỷ lệ nêu 123% không khớp: 2.400.000.000 đồng / 1.900.000.000 đồng = 126,3%.")


def test_a_percentage_rounded_as_reports_do_agrees(staff, campaign, fund):
    figure = _stated(
        staff, campaign, indicator=fund, percent=Decimal("126"), amount=2_400_000_000, target=1_900_000_000
    )
    assert [c.ok for c in figure.checks() if c.kind == "percent"] == [True]


def test_unit_value_times_count_against_a_hedged_total(staff, campaign):
    figure = _stated(
        staff,
        campaign,
        subject=StatedFigure.Subject.GIFTS,
        quote="607 phần quà trị giá trên 214 triệu đồng, mỗi suất 500.000 đồng",
        count=607,
        amount=214_000_000,
        amount_qualifier=Qualifier.OVER,
        unit_value=500_000,
    )
    (check,) = [c for c in figure.checks() if c.kind == "unit"]
    assert not check.ok
    assert check.text == (
        "607 phần quà × 500.000 đồng = 303.500.000 đồng, không khớp với tổng nêu trên 214.000.000 đồng."
    )


def test_a_hedged_total_meets_its_parts_within_the_hedge(staff, campaign, fund):
    figure = _stated(
        staff,
        campaign,
        indicator=fund,
        quote="vận động được trên 230 triệu đồng",
        amount=230_000_000,
        amount_qualifier=Qualifier.OVER,
        parts=[("Cấp xã", 150_000_000), ("Các thôn", 84_500_000)],
    )
    (check,) = [c for c in figure.checks() if c.kind == "parts"]
    assert check.ok
    assert "150.000.000 + 84.500.000 = 234.500.000 đồng" in check.text


def test_a_total_that_is_not_its_parts_is_flagged(staff, campaign, fund):
    figure = _stated(
        staff,
        campaign,
        indicator=fund,
        quote="tổng cộng 250 triệu đồng",
        amount=250_000_000,
        parts=[("Cấp xã", 150_000_000), ("Các thôn", 84_500_000)],
    )
    (check,) = [c for c in figure.checks() if c.kind == "parts"]
    assert not check.ok
    assert check.text == (
        "Tổng nêu 250.000.000 đồng không khớp với các phần: 150.000.000 + 84.500.000 = 234.500.000 đồng."
    )


def test_stated_figures_are_checked_against_the_ledger(staff, campaign, fund, ledger):
    agrees = _stated(staff, campaign, indicator=fund, percent=Decimal("123"))
    assert [(c.kind, c.ok) for c in agrees.checks()] == [("ledger_percent", True)]
    wrong = _stated(staff, campaign, indicator=fund, quote="được 30 triệu đồng", amount=30_000_000)
    (check,) = wrong.checks()
    assert not check.ok
    assert check.text == (
        "Nêu 30.000.000 đồng nhưng sổ ghi 25.830.000 đồng (văn bản nêu thừa 4.170.000 đồng so với sổ)."
    )


def test_a_stated_gift_count_is_checked_against_the_batches(staff, campaign):
    services.record_gift_batch(
        by=staff,
        campaign=campaign,
        title="Trao quà Tết",
        date=datetime.date(2025, 1, 20),
        count=1180,
        cash_per_gift=200_000,
        paid="ngoai_quy",
    )
    figure = _stated(
        staff, campaign, subject=StatedFigure.Subject.GIFTS, quote="trao 1.250 phần quà", count=1250
    )
    (check,) = [c for c in figure.checks() if c.kind == "ledger_count"]
    assert check.text == (
        "Nêu 1.250 phần quà nhưng sổ ghi 1.180 phần quà (văn bản nêu thừa 70 phần quà so với sổ)."
    )


@pytest.mark.parametrize(
    "value,qualifier,low,high",
    [
        (300, "", 300, 300),
        (300, Qualifier.OVER, 300, 330),
        (5000, Qualifier.NEARLY, 4500, 5000),
        (150, Qualifier.ABOUT, 135, 165),
    ],
)
def test_hedges_are_ranges(value, qualifier, low, high):
    assert Range.of(value, qualifier) == Range(low, high)


def test_a_stated_figure_needs_a_number(staff, campaign, fund):
    with pytest.raises(Exception) as error:
        _stated(staff, campaign, indicator=fund)
    assert "Hãy ghi ít nhất một con số được nêu" in str(error.value)


# --- the admin, as staff --------------------------------------------------------------------


def _post(campaign, fund, **changes):
    data = {
        "campaign": campaign.pk,
        "subject": StatedFigure.Subject.INDICATOR,
        "indicator": fund.pk,
        "quote": "đạt 123%, vận động được 2,4 tỷ đồng/1,9 tỉ KH giao",
        "percent_text": "đạt 123%",
        "amount_text": "2,4 tỷ",
        "count_text": "",
        "unit_value_text": "",
        "target_text": "1,9 tỷ",
        "source_kind": StatedFigure.SourceKind.ARTICLE,
        "source": "Báo Quảng Nam",
        "source_date": "30/06/2025",
        "source_url": "",
        "parts-TOTAL_FORMS": "0",
        "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_staff_enters_a_stated_figure_and_the_list_flags_it(client, staff, campaign, fund):
    client.force_login(staff)
    response = client.post(reverse("admin:campaigns_statedfigure_add"), _post(campaign, fund), follow=True)
    assert response.status_code == 200
    figure = StatedFigure.objects.get()
    assert (figure.percent, figure.amount, figure.target) == (Decimal("123"), 2_400_000_000, 1_900_000_000)
    text = response.content.decode()
    assert "Không khớp: Tỷ lệ nêu 123% không khớp: 2.400.000.000 đồng / 1.900.000.000 đồng = 126,3%." in text
    listing = client.get(reverse("admin:campaigns_statedfigure_changelist")).content.decode()
    assert "1 số liệu được nêu không khớp" in listing
    assert "= 126,3%" in listing
    flagged = client.get(reverse("admin:campaigns_statedfigure_changelist") + "?doi_chieu=khong_khop")
    assert "Báo Quảng Nam" in flagged.content.decode()


def test_a_hedged_amount_is_read_as_the_report_writes_it(client, staff, campaign, fund):
    client.force_login(staff)
    data = _post(campaign, fund, percent_text="", target_text="", amount_text="trên 214 triệu")
    assert client.post(reverse("admin:campaigns_statedfigure_add"), data).status_code == 302
    figure = StatedFigure.objects.get()
    assert (figure.amount, figure.amount_qualifier) == (214_000_000, Qualifier.OVER)
    page = client.get(reverse("admin:campaigns_statedfigure_change", args=[figure.pk])).content.decode()
    assert 'value="trên 214.000.000"' in page


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("percent_text", "một trăm", "Tỷ lệ chưa đúng. Viết như 123, 112,5 hoặc đạt 90,2%."),
        ("amount_text", "nhiều tiền", "Số chưa đúng. Viết như 214.000.000, trên 214 triệu"),
        ("target_text", "trên 2 tỷ", "Ô này ghi số đúng, không kèm “trên”, “gần”…"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_saves_nothing(
    client, staff, campaign, fund, field, value, message
):
    client.force_login(staff)
    response = client.post(
        reverse("admin:campaigns_statedfigure_add"), _post(campaign, fund, **{field: value})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StatedFigure.objects.exists()


def test_no_figure_at_all_is_refused_on_the_form(client, staff, campaign, fund):
    client.force_login(staff)
    data = _post(campaign, fund, percent_text="", amount_text="", target_text="")
    response = client.post(reverse("admin:campaigns_statedfigure_add"), data)
    assert response.status_code == 200
    assert "Hãy ghi ít nhất một con số được nêu" in response.content.decode()
