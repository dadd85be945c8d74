"""Figures a post or a report quotes (`đạt 123%`, `1.250 phần quà`, `trên 214 triệu đồng`),
checked against the campaign's books with the working — on a staff page where the text is
pasted — and stated figures that disagree flagged beside the report sentence in the admin."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.text_check import check_text, find_figures

DAY = datetime.date(2025, 3, 1)


@pytest.fixture
def raised(fund, area_a, staff):
    """23.000.000 đ against the 21.000.000 đ target: 109,5%."""
    services.record_contribution(
        by=staff, indicator=fund, area=area_a, amount=15_000_000, date=DAY, donor_name="Công ty Hòa Bình"
    )
    services.record_contribution(
        by=staff, indicator=fund, area=area_a, amount=8_000_000, date=DAY, donor_name="Nhân dân thôn Đông"
    )
    return fund


def _texts(report):
    return [(check.ok, check.text) for check in report.checks]


def test_figures_are_found_as_reports_write_them():
    found = find_figures(
        "Trao 1.250 phần quà trị giá trên 214 triệu đồng, quỹ đạt 112,5% kế hoạch, vượt 12,5%; "
        "huy động 962.983.373 đồng và 1,3 tỷ đồng.",
        {"phần quà"},
    )
    assert [(q.kind, q.quote) for q in found] == [
        ("count", "1.250 phần quà"),
        ("money", "trên 214 triệu đồng"),
        ("percent", "đạt 112,5%"),
        ("excess_percent", "vượt 12,5%"),
        ("money", "962.983.373 đồng"),
        ("money", "1,3 tỷ đồng"),
    ]
    # `1,3 tỷ` is good to half of 0,1 tỷ; `trên 214 triệu` reaches a tenth above.
    assert (found[5].stated.low, found[5].stated.high) == (1_250_000_000, 1_350_000_000)
    assert found[1].stated.low == 214_000_000


def test_a_text_that_agrees_with_the_books_passes(raised):
    report = check_text(
        "Đến nay xã vận động Quỹ “Vì người nghèo” được 23 triệu đồng, đạt 110% kế hoạch, vượt 2 triệu đồng.",
        raised.campaign,
    )
    assert [ok for ok, _text in _texts(report)] == [True, True, True]
    assert not report.disagreements


def test_a_text_that_overstates_is_flagged_with_the_books_figures(raised):
    report = check_text("Quỹ “Vì người nghèo” của xã đạt 123%, với trên 30 triệu đồng.", raised.campaign)
    texts = [text for ok, text in _texts(report) if not ok]
    assert texts == [
        "Bài viết nêu “đạt 123%” (tức từ 122,5% đến 123,5%), nhưng sổ ghi Quỹ “Vì người nghèo”: 109,5%.",
        "Bài viết nêu “trên 30 triệu đồng” (tức từ 30.000.000 đến 33.000.000 đồng), nhưng sổ ghi "
        "Quỹ “Vì người nghèo”: 23.000.000 đồng.",
    ]


def test_counts_are_compared_with_the_indicator_of_their_unit_and_with_the_gifts(
    raised, blood, area_a, staff, campaign
):
    services.record_contribution(
        by=staff, indicator=blood, area=area_a, quantity=40, date=DAY, donor_name="Đoàn Thanh niên"
    )
    services.record_gift_batch(
        by=staff, campaign=campaign, title="Trao quà Tết", date=DAY, count=20, cash_per_gift=500_000
    )
    report = check_text(
        "Xã tiếp nhận 40 đơn vị máu và trao 25 suất quà, mỗi suất 500.000 đồng; 07 thôn tham gia.", campaign
    )
    assert _texts(report)[:2] == [
        (True, "Bài viết nêu “40 đơn vị máu”, khớp với sổ (Hiến máu tình nguyện: 40 đơn vị máu)."),
        (False, "Bài viết nêu “25 suất quà” (tức 25 suất quà), nhưng sổ ghi quà đã trao: 20 phần quà."),
    ]


def test_staff_paste_a_post_and_see_the_flag_before_publishing(client, staff, raised):
    client.force_login(staff)
    url = reverse("admin:campaigns_campaign_check_text", args=[raised.campaign.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Kiểm tra số liệu trong bài viết" in page.content.decode()
    response = client.post(url, {"text": "Quỹ đạt 123% kế hoạch, vận động được 23.000.000 đồng."})
    text = " ".join(html.unescape(response.content.decode()).split())
    assert "Có 1 con số không khớp với sổ" in text
    assert "nhưng sổ ghi Quỹ “Vì người nghèo”: 109,5%" in text
    assert "khớp với sổ (Quỹ “Vì người nghèo”: 23.000.000 đồng)" in text


def test_an_empty_text_is_asked_for_again(client, chair, raised):
    client.force_login(chair)
    url = reverse("admin:campaigns_campaign_check_text", args=[raised.campaign.pk])
    response = client.post(url, {"text": "  "})
    assert response.status_code == 200
    assert "Hãy dán nội dung bài viết cần kiểm tra." in html.unescape(response.content.decode())


def test_a_hamlet_officer_may_not_use_the_check(client, officer_a, raised):
    client.force_login(officer_a)
    url = reverse("admin:campaigns_campaign_check_text", args=[raised.campaign.pk])
    assert client.post(url, {"text": "đạt 123%"}).status_code == 403


def test_the_sentence_in_the_admin_carries_the_flag_of_a_stated_figure_that_disagrees(client, staff, raised):
    services.record_stated_figure(
        by=staff,
        campaign=raised.campaign,
        indicator=raised,
        quote="Quỹ “Vì người nghèo” đạt 123% chỉ tiêu",
        source="Báo cáo sơ kết 6 tháng",
        source_date=datetime.date(2025, 6, 30),
        percent=Decimal("123"),
    )
    client.force_login(staff)
    response = client.get(reverse("admin:campaigns_campaign_change", args=[raised.campaign.pk]))
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", response.content.decode())).split())
    assert "Vận động Quỹ “Vì người nghèo” được 23.000.000/21.000.000 đồng, đạt 110% kế hoạch." in text
    assert (
        "✘ Số liệu được nêu không khớp: “Quỹ “Vì người nghèo” đạt 123% chỉ tiêu” (Báo cáo sơ kết 6 tháng)"
        in text
    )
    assert "Tỷ lệ nêu 123%, theo sổ: 23.000.000 đồng / 21.000.000 đồng = 109,5%." in text
    indicator_page = client.get(reverse("admin:campaigns_indicator_changelist"))
    assert "Số liệu được nêu không khớp" in html.unescape(indicator_page.content.decode())
