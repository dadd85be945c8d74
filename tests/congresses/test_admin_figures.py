"""Counts of conferences and slates are typed as officers write them and held to lib.bounds."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from congresses.models import Conference
from lib.roles import COMMUNE_STAFF, role_groups
from tests.congresses.helpers import conference, village_committee
from tests.support import form_data


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_user("canbo.xa", password="x", is_staff=True)
    user.groups.add(role_groups()[COMMUNE_STAFF])
    client.force_login(user)
    return client


@pytest.fixture
def meeting(area_a):
    committee, term = village_committee(area_a, datetime.date(2021, 1, 10), datetime.date(2024, 1, 31))
    return conference(committee, term=term, attendees_count=2288)


def _change(client, meeting, **figures):
    url = reverse("admin:congresses_conference_change", args=[meeting.pk])
    data = form_data(client.get(url).content.decode(), "conference_form")
    data.update(figures)
    return client.post(url, data)


def test_the_change_form_shows_counts_grouped_in_text_inputs(staff_client, meeting):
    page = staff_client.get(reverse("admin:congresses_conference_change", args=[meeting.pk])).content.decode()
    assert 'name="attendees_count" value="2.288"' in page
    field = page[page.index('name="attendees_count"') - 200 : page.index('name="attendees_count"') + 100]
    assert 'type="text"' in field and 'autocomplete="off"' in field


def test_staff_type_counts_with_dots_and_they_are_stored_whole(staff_client, meeting):
    response = _change(staff_client, meeting, attendees_count="1.250", opinions_count="54", speakers_count="")
    assert response.status_code == 302, response.content.decode()[-3000:]
    meeting.refresh_from_db()
    assert (meeting.attendees_count, meeting.opinions_count, meeting.speakers_count) == (1250, 54, None)


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"attendees_count": "2,5"}, "Số lượng phải là số nguyên. Viết như 54 hoặc 2.288."),
        ({"attendees_count": "-3"}, "Số lượng không được âm."),
        ({"opinions_count": "10.000.001"}, "Số lượng tối đa cho một lần nhập là 10.000.000."),
        ({"areas_total": "40.000"}, "Số khu dân cư tối đa là 1.000."),
    ],
)
def test_a_count_that_is_not_whole_or_too_large_is_refused(staff_client, meeting, figures, message):
    response = _change(staff_client, meeting, **figures)
    assert response.status_code == 200
    assert message in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.attendees_count == 2288
    assert meeting.opinions_count is None


def test_conference_counts_are_bounded_in_the_database(meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        Conference.objects.filter(pk=meeting.pk).update(attendees_count=10_000_001)


def test_votes_in_a_consultations_slate_are_text_inputs(staff_client, meeting):
    page = staff_client.get(reverse("admin:congresses_consultation_add")).content.decode()
    votes = re.findall(r"<input[^>]*name=\"[\w-]*votes_(?:for|total)\"[^>]*>", page)
    percent = re.findall(r"<input[^>]*name=\"[\w-]*agreement_percent\"[^>]*>", page)
    assert votes and percent
    assert all('type="text"' in tag and 'autocomplete="off"' in tag for tag in votes + percent)
