"""A committee's make-up as its decision gives it ("11 thành viên, 4 nữ, 7 đảng viên") while
the names are not entered, counted from the names once they are."""

import datetime

import pytest
from django.urls import reverse

from congresses import services
from tests.congresses.helpers import running_village, today

from .opinion_fixtures import PASSWORD

pytestmark = pytest.mark.django_db


def _stated_term(area, **parts):
    now = today()
    return services.committee_for_area(area).terms.create(
        start_date=now.replace(year=now.year - 1),
        end_date=now.replace(year=now.year + 1),
        stated_members=11,
        **parts,
    )


def test_the_decisions_make_up_is_shown_before_the_names(client, area_a):
    _stated_term(area_a, stated_women=4, stated_party=7)
    page = client.get(area_a.get_absolute_url()).content.decode()
    assert "Cơ cấu thành phần" in page
    assert "4 (36%)" in page and "7 (64%)" in page  # of 11, rounded half up
    assert "Theo quyết định công nhận" in page
    assert "Trẻ (dưới 35 tuổi)" not in page  # a part the decision does not give is left out


def test_without_any_stated_part_there_is_no_empty_make_up(client, area_a):
    _stated_term(area_a)
    page = client.get(area_a.get_absolute_url()).content.decode()
    assert "Gồm 11 thành viên (danh sách chưa được đăng)" in page
    assert "Cơ cấu thành phần" not in page


def test_once_names_are_entered_the_make_up_is_counted_from_them(client, area_a):
    _committee, _past, current = running_village(area_a, size=4)
    current.stated_members, current.stated_women = 11, 9
    current.save()
    page = client.get(area_a.get_absolute_url()).content.decode()
    assert "Cơ cấu thành phần" in page and "Tính tự động từ danh sách thành viên" in page
    assert "Theo quyết định công nhận" not in page and "9 (" not in page


def test_staff_cannot_state_more_women_than_members(client, area_a, staff):
    term = _stated_term(area_a)
    assert client.login(username=staff.username, password=PASSWORD)
    url = reverse("admin:congresses_term_change", args=[term.pk])
    data = {
        "committee": term.committee_id,
        "start_date": term.start_date.strftime("%d/%m/%Y"),
        "end_date": term.end_date.strftime("%d/%m/%Y"),
        "ended_on": "",
        "end_reason": "",
        "congress_ordinal": "",
        "stated_members": "11",
        "stated_women": "12",
        "stated_young": "",
        "stated_minorities": "",
        "stated_religious": "",
        "stated_party": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Không thể lớn hơn số thành viên (11)." in response.content.decode()
    term.refresh_from_db()
    assert term.stated_women is None
    data["stated_women"] = "4"
    assert client.post(url, data).status_code == 302
    term.refresh_from_db()
    assert term.stated_women == 4


def test_a_part_needs_the_number_of_members():
    from django.core.exceptions import ValidationError

    from congresses.models import Term

    term = Term(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2026, 12, 31), stated_party=3)
    with pytest.raises(ValidationError) as error:
        term.clean_stated_parts()
    assert error.value.message_dict["stated_party"] == ["Hãy ghi số thành viên trước khi ghi cơ cấu."]
