"""The contribution list as officers and the chair read it: states in words, filters folded
before the list (tests/e2e/test_admin_phone.py measures it at 360 px)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import give

LIST = reverse("admin:campaigns_contribution_changelist")


@pytest.fixture
def two_entries(fund, area_a, chair):
    give(fund, area_a, 500_000, donor_name="Hộ bà Lê Thị Hoa")
    give(
        fund, area_a, 750_000, donor_name="Hộ ông Trần Văn Ba", verified_by=chair, verified_at=timezone.now()
    )


@pytest.mark.parametrize("actor", ["officer_a", "chair"])
def test_verified_and_unverified_entries_are_words_not_red_crosses(client, request, two_entries, actor):
    client.force_login(request.getfixturevalue(actor))

    page = client.get(LIST).content.decode()

    cells = re.findall(r'<td class="field-verified">(.*?)</td>', page, re.S)
    assert len(cells) == 2
    assert sorted(re.sub(r"<[^>]+>", "", cell).strip() for cell in cells) == ["Chưa xác nhận", "Đã xác nhận"]
    assert "icon-no.svg" not in page and "icon-yes.svg" not in page


def test_the_filters_are_folded_in_a_toggle_that_comes_before_the_list_on_a_phone(
    client, officer_a, two_entries
):
    client.force_login(officer_a)

    page = client.get(LIST + "?xac-nhan=chua").content.decode()

    toggle = re.search(r'<details class="filter-toggle">\s*<summary>(.*?)</summary>', page, re.S)
    assert toggle, "the filters are not in a <details> toggle"
    assert re.sub(r"<[^>]+>|\s+", " ", toggle.group(1)).split() == ["Bộ", "lọc", "đang", "lọc"]
    assert page.index('id="changelist-filter"') > toggle.start()
    assert "css/admin-phone" in page
