"""The public campaign pages, asserted as a citizen reads them."""

import datetime
import re

from django.urls import reverse

from campaigns import services
from campaigns.models import Campaign, Contribution, Disbursement, Target
from campaigns.panels import area_panel
from congresses import panels

from .factories import give


def _page(client, campaign):
    response = client.get(reverse("campaigns:detail", args=[campaign.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_current_and_past_campaigns_but_not_drafts(client, campaign, fund, commune):
    Campaign.objects.create(
        commune=commune,
        name="Quỹ năm 2024",
        status=Campaign.Status.CLOSED,
        start_date=datetime.date(2024, 1, 1),
    )
    Campaign.objects.create(commune=commune, name="Bản nháp bí mật", start_date=datetime.date(2025, 1, 1))
    page = client.get(reverse("campaigns:list")).content.decode()
    assert "Đang diễn ra" in page and campaign.name in page
    assert "Đã kết thúc" in page and "Quỹ năm 2024" in page
    assert "Bản nháp bí mật" not in page
    assert "0 / 21.000.000 đ — đạt 0%" in page


def test_a_draft_campaign_page_is_not_found(client, commune):
    draft = Campaign.objects.create(commune=commune, name="Nháp", start_date=datetime.date(2025, 1, 1))
    assert client.get(reverse("campaigns:detail", args=[draft.slug])).status_code == 404


def test_the_campaign_page_shows_the_figure_bar_and_sentence(client, fund, area_a):
    give(fund, area_a, 8_000_000)
    page = _page(client, fund.campaign)
    assert "8.000.000 / 21.000.000 đ" in page and "đạt 38%" in page
    assert 'aria-label="8.000.000 / 21.000.000 đ — đạt 38%"' in page
    assert 'width="38"' in page
    assert "Vận động Quỹ “Vì người nghèo” được 8.000.000/21.000.000 đồng, đạt 38% kế hoạch." in page


def test_over_target_the_bar_is_full_and_marks_the_target(client, blood, area_a):
    give(blood, area_a, quantity=54)
    page = _page(client, blood.campaign)
    assert "54 / 44 đơn vị máu" in page and "đạt 123%" in page
    assert "Vượt chỉ tiêu 23%" in page
    assert 'width="100"' in page and 'x="81"' in page  # 44 of 54 → the target mark at 81%


def test_areas_are_ranked_against_their_own_targets(client, fund, area_a, area_b):
    Target.objects.create(indicator=fund, area=area_a, amount=10_000_000)
    Target.objects.create(indicator=fund, area=area_b, amount=2_000_000)
    give(fund, area_a, 5_000_000)
    give(fund, area_b, 3_000_000)
    page = _page(client, fund.campaign)
    ranking = page[page.index("Xếp hạng khu dân cư") :]
    assert ranking.index("Thôn Tây") < ranking.index("Thôn Đông")  # 150% before 50%
    assert "150%" in ranking and "50%" in ranking
    assert "Tổng chỉ tiêu giao cho các khu dân cư (12.000.000 đ) thấp hơn chỉ tiêu của xã 9.000.000 đ" in page


def test_the_split_note_is_absent_when_the_split_adds_up(client, fund, area_a, area_b):
    Target.objects.create(indicator=fund, area=area_a, amount=11_000_000)
    Target.objects.create(indicator=fund, area=area_b, amount=10_000_000)
    assert "Tổng chỉ tiêu giao cho các khu dân cư" not in _page(client, fund.campaign)


def test_the_chart_is_accessible_svg_with_a_data_table(client, fund, area_a):
    give(fund, area_a, 1_000_000, date=datetime.date(2025, 1, 10))
    give(fund, area_a, 2_000_000, date=datetime.date(2025, 3, 10))
    page = _page(client, fund.campaign)
    assert 'role="img"' in page and "<title>Tiến độ Quỹ “Vì người nghèo” theo tháng (lũy kế)</title>" in page
    assert "Lũy kế đến tháng 03/2025: 3.000.000 đồng; chỉ tiêu 21.000.000 đồng" in page
    table = page[page.index("Xem số liệu dạng bảng") :]
    assert "01/2025" in table and "1.000.000 đ" in table and "3.000.000 đ" in table
    assert not re.search(r'(x|y|width|height)="\d+,\d', page), "coordinates must not be localised"


def test_the_public_donor_list_hides_anonymous_names_and_corrections(client, fund, area_a):
    give(fund, area_a, 500_000, donor_kind=Contribution.DonorKind.ANONYMOUS, donor_name="Ông Tư bán gạo")
    wrong = give(fund, area_a, 9_000_000, donor_name="Nhập nhầm")
    give(fund, area_a, -9_000_000, reverses=wrong, donor_name="Nhập nhầm")
    give(
        fund, area_a, 1_000_000, donor_kind=Contribution.DonorKind.BUSINESS, donor_name="Công ty Gạch Hòa Phú"
    )
    page = _page(client, fund.campaign)
    assert "Nhà hảo tâm giấu tên" in page
    assert "Ông Tư bán gạo" not in page
    assert "Nhập nhầm" not in page
    assert "Công ty Gạch Hòa Phú" in page
    assert "1.500.000 / 21.000.000 đ" in page  # totals include the entry and its reversal


def test_disbursements_balance_and_amounts_in_words(client, fund, area_a):
    give(fund, area_a, 8_000_000)
    Disbursement.objects.create(
        campaign=fund.campaign,
        amount=3_000_000,
        purpose="Sửa nhà cho hộ bà Lê Thị Cúc",
        date=datetime.date(2025, 4, 1),
    )
    page = _page(client, fund.campaign)
    assert "Sửa nhà cho hộ bà Lê Thị Cúc" in page and "3.000.000 đ" in page
    assert "Tám triệu đồng" in page and "Ba triệu đồng" in page
    assert "5.000.000 đ" in page and "Năm triệu đồng" in page


def test_the_pages_have_no_inline_styles_or_scripts(client, fund, area_a):
    give(fund, area_a, 8_000_000)
    for url in (
        reverse("campaigns:list"),
        fund.campaign.get_absolute_url(),
        reverse("campaigns:donors", args=[fund.campaign.slug]),
    ):
        page = client.get(url).content.decode()
        assert "style=" not in page
        assert "<script>" not in page


def test_the_donor_page_is_paginated(client, fund, area_a):
    for number in range(55):
        give(fund, area_a, 100_000 + number, donor_name=f"Hộ số {number}")
    url = reverse("campaigns:donors", args=[fund.campaign.slug])
    assert "Trang 1/2" in client.get(url).content.decode()
    assert "Hộ số 0<" in client.get(url + "?trang=2").content.decode()


def test_the_menu_links_to_the_campaigns(client, db):
    assert f'href="{reverse("campaigns:list")}"' in client.get(reverse("campaigns:list")).content.decode()


def test_the_area_panel_shows_the_area_against_its_own_target(fund, area_a, area_b):
    Target.objects.create(indicator=fund, area=area_a, amount=4_000_000)
    give(fund, area_a, 1_000_000)
    give(fund, area_b, 7_000_000)
    panel = area_panel(area_a)
    assert panel["template"] == "campaigns/_area_panel.html"
    assert panel["title"] == "Kết quả vận động của Thôn Đông"
    [progress] = panel["context"]["results"]
    assert progress.label == "1.000.000 / 4.000.000 đ — đạt 25%"
    assert area_panel in panels._panels["area"]


def test_the_area_panel_renders(fund, area_a):
    from django.template.loader import render_to_string

    give(fund, area_a, 1_000_000)
    panel = area_panel(area_a)
    html = render_to_string(panel["template"], panel["context"])
    assert fund.campaign.name in html and "1.000.000 đ" in html


def test_an_area_without_results_gets_no_panel(fund, area_b):
    assert area_panel(area_b) is None


def test_the_campaign_list_is_paginated_current_first(client, commune):
    for number in range(13):
        Campaign.objects.create(
            commune=commune,
            name=f"Đợt vận động số {number}",
            status=Campaign.Status.CLOSED if number else Campaign.Status.ACTIVE,
            start_date=datetime.date(2020 + number, 1, 1),
        )
    first = client.get(reverse("campaigns:list")).content.decode()
    assert "Trang 1/2" in first
    assert first.index("Đợt vận động số 0<") < first.index("Đợt vận động số 12<")
    second = client.get(reverse("campaigns:list") + "?trang=2").content.decode()
    assert "Đợt vận động số 1<" in second and "Đang diễn ra" not in second


def test_area_and_indicator_names_are_escaped_in_the_ranking(client, campaign, commune):
    from campaigns.models import Indicator
    from congresses.models import ResidentialArea

    area = ResidentialArea.objects.create(commune=commune, name="<b>Bắc</b>", position=9)
    indicator = Indicator.objects.create(campaign=campaign, name="Quỹ <i>mới</i>")
    Target.objects.create(indicator=indicator, area=area, amount=100)
    give(indicator, area, 50)
    page = _page(client, campaign)
    assert "&lt;b&gt;Bắc&lt;/b&gt;" in page and "<b>Bắc</b>" not in page
    assert "<i>mới</i>" not in page


def test_the_sitemap_lists_public_campaigns_only(campaign, commune):
    from campaigns.sitemaps import CampaignSitemap

    draft = Campaign.objects.create(commune=commune, name="Nháp", start_date=datetime.date(2025, 1, 1))
    items = list(CampaignSitemap(commune).items())
    assert campaign in items and draft not in items
    assert CampaignSitemap().location(campaign) == f"/van-dong/{campaign.slug}/"


def test_spending_beyond_the_money_raised_says_where_the_money_came_from(client, fund, area_a, staff):
    give(fund, area_a, 140_000_000)
    services.record_disbursement(
        by=staff,
        campaign=fund.campaign,
        amount=150_000_000,
        purpose="Hỗ trợ hộ nghèo đón Tết và sửa nhà",
        date=datetime.date(2025, 12, 22),
        funding_source="tạm ứng từ ngân sách xã",
    )
    page = _page(client, fund.campaign)
    text = re.sub(r"\s+", " ", page)
    assert "Đã chi vượt số thu 10.000.000 đ, tạm ứng từ ngân sách xã." in text
    assert "Chi vượt số thu" in text and "Mười triệu đồng" in text
    assert "-10.000.000" not in text and "Số dư" not in text


def test_a_negative_balance_with_no_funding_source_written_is_still_not_shown_bare(
    client, fund, area_a, staff
):
    # Money raised can fall after it was spent: a contribution reversed later.
    entry = give(fund, area_a, 5_000_000)
    services.record_disbursement(by=staff, campaign=fund.campaign, amount=4_000_000, purpose="Tặng quà")
    services.reverse_entry(entry, by=staff, reason="Nhập trùng")
    text = re.sub(r"\s+", " ", _page(client, fund.campaign))
    assert "Đã chi vượt số thu 4.000.000 đ; nguồn bù khoản chênh lệch chưa được ghi." in text
    assert "-4.000.000" not in text
