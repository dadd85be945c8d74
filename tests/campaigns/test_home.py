"""The home page and the area page show campaign progress, as the seeds write it."""

import datetime

from campaigns import services
from campaigns.models import Campaign


def test_home_shows_a_current_campaign_with_its_progress(client, fund, area_a, staff):
    services.record_contribution(
        by=staff,
        indicator=fund,
        area=area_a,
        amount=8_000_000,
        date=datetime.date(2025, 3, 1),
        donor_name="Gia đình ông Lê Văn Tám",
    )

    page = client.get("/").content.decode()

    assert "Các cuộc vận động đang diễn ra" in page
    assert "Vận động Quỹ “Vì người nghèo” năm 2025" in page
    assert "8.000.000" in page and "21.000.000" in page
    assert "38%" in page


def test_home_leaves_out_finished_campaigns(client, campaign):
    campaign.status = Campaign.Status.CLOSED
    campaign.save()
    assert "Các cuộc vận động đang diễn ra" not in client.get("/").content.decode()


def test_area_page_shows_its_results_styled_like_the_campaign_page(client, fund, area_a, staff):
    services.record_contribution(
        by=staff,
        indicator=fund,
        area=area_a,
        amount=2_000_000,
        date=datetime.date(2025, 3, 1),
        donor_name="Chi hội Phụ nữ thôn Đông",
    )
    page = client.get(area_a.get_absolute_url()).content.decode()
    assert "Kết quả vận động của Thôn Đông" in page
    assert "2.000.000" in page
    assert "css/public" in page  # the one stylesheet, which holds the campaign cards' styles
