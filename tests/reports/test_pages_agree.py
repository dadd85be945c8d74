"""The report's figures are the public pages' figures: the campaign page's totals and the
conferences the Front's pages list, for a period that holds all of them."""

import datetime

from django.urls import reverse

from campaigns.selectors import campaign_page
from reports.services import build_period_report

from .helpers import docx_of, paragraphs


def test_campaign_totals_and_sentences_equal_the_campaign_pages(client, half_year, staff):
    commune = half_year["commune"]
    run = build_period_report(commune, datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), by=staff)
    text = paragraphs(docx_of(run))
    for campaign in (half_year["fund"], half_year["blood"]):
        page = client.get(reverse("campaigns:detail", args=[campaign.slug])).content.decode()
        for result in campaign_page(campaign)["results"]:
            assert run.content.figures["campaign_totals"][result.indicator.pk] == result.progress.achieved
            assert result.sentence in page  # the page's own sentence …
            assert f"{result.sentence}." in text  # … is the report's, word for word
    assert run.content.figures["campaign_totals"][half_year["money"].pk] == 8_000_000
    assert run.content.figures["campaign_totals"][half_year["units"].pk] == 54


def test_conference_counts_equal_the_conference_list_and_the_area_pages(client, half_year, staff, area_a):
    commune = half_year["commune"]
    run = build_period_report(commune, datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), by=staff)
    listing = client.get(reverse("congresses:conferences")).content.decode()
    in_half = [c for c in half_year["conferences"] if c.title in listing]
    assert run.content.figures["conferences"] == len(in_half) == 3
    term_kind = client.get(reverse("congresses:conferences") + "?loai=term").content.decode()
    listed_terms = [c for c in half_year["conferences"] if c.title in term_kind]
    assert run.content.figures["conferences_by_kind"]["term"] == len(listed_terms) == 2
    area = client.get(area_a.get_absolute_url()).content.decode()
    assert "Hội nghị nhiệm kỳ Ban công tác Mặt trận thôn Đông" in area
