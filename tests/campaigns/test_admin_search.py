"""The campaigns admin searches as news and congresses do: without diacritics, and its area
pickers offer only the areas that still exist."""

import datetime

import pytest
from django.urls import reverse

from campaigns import services
from congresses.models import ResidentialArea
from congresses.services import merge_areas


@pytest.fixture
def entries(fund, officer_a, area_a):
    named = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=500_000, donor_name="Nguyễn Văn Tú"
    )
    other = services.record_contribution(
        by=officer_a, indicator=fund, area=area_a, amount=200_000, donor_name="Trần Thị Lan", note="Đợt Tết"
    )
    return named, other


def _changelist(client, user, name, query):
    client.force_login(user)
    response = client.get(reverse(f"admin:campaigns_{name}_changelist"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_staff_find_a_donor_typed_without_accents(client, staff, entries):
    page = _changelist(client, staff, "contribution", "nguyen van tu")
    assert "Nguyễn Văn Tú" in page
    assert "Trần Thị Lan" not in page


def test_a_note_is_found_without_accents_too(client, staff, entries):
    page = _changelist(client, staff, "contribution", "dot tet")
    assert "Trần Thị Lan" in page
    assert "Nguyễn Văn Tú" not in page


def test_an_officer_searching_finds_only_their_own_areas_entries(client, officer_b, entries):
    page = _changelist(client, officer_b, "contribution", "nguyen van tu")
    assert "Nguyễn Văn Tú" not in page


def test_the_chair_finds_a_campaign_and_an_indicator_without_accents(client, chair, fund):
    assert "Vận động Quỹ “Vì người nghèo” năm 2025" in _changelist(
        client, chair, "campaign", "vi nguoi ngheo"
    )
    assert "Quỹ “Vì người nghèo”" in _changelist(client, chair, "indicator", "QUY VI NGUOI")


def test_a_merged_area_is_not_offered_by_the_area_picker(client, chair, fund, area_a, area_b):
    merge_areas([area_b], into=area_a, on=datetime.date(2025, 7, 1))
    client.force_login(chair)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "campaigns", "model_name": "target", "field_name": "area", "term": ""},
    )
    assert response.status_code == 200
    offered = {row["text"] for row in response.json()["results"]}
    assert ResidentialArea.objects.get(pk=area_a.pk).full_name in offered
    assert ResidentialArea.objects.get(pk=area_b.pk).full_name not in offered
