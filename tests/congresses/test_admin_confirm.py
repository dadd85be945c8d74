"""Who confirms a consultation's result: the chair, with the button on its admin page; commune
staff, who type the slate, see no button and are refused if they post anyway."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from congresses import services
from congresses.models import Consultation
from lib.roles import CHAIR, COMMUNE_STAFF, role_groups
from tests.congresses.helpers import conference, village_committee

D = datetime.date
BUTTON = "Xác nhận kết quả hiệp thương</button>"


def _in_role(username, role):
    user = get_user_model().objects.create_user(username, password="MatKhau@12345", is_staff=True)
    user.groups.add(role_groups()[role])
    return user


@pytest.fixture
def consultation(area_a):
    committee, old_term = village_committee(area_a, D(2021, 1, 10), D(2024, 1, 31), size=4)
    meeting = conference(committee, term=old_term, attendees_count=78)
    return services.propose_new_term(meeting, term_end=D(2026, 12, 31))


def _change_page(client, consultation):
    return client.get(
        reverse("admin:congresses_consultation_change", args=[consultation.pk])
    ).content.decode()


def test_the_chair_confirms_a_consultation_with_the_button(client, consultation):
    chair = _in_role("chutich.xa", CHAIR)
    client.force_login(chair)
    assert BUTTON in _change_page(client, consultation)
    url = reverse("admin:congresses_consultation_confirm", args=[consultation.pk])
    response = client.post(url, follow=True)
    assert "Đã xác nhận" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CONFIRMED
    assert consultation.confirmed_by == chair
    assert consultation.new_term.memberships.count() == 4
    assert BUTTON not in _change_page(client, consultation)


def test_commune_staff_see_no_confirm_button_and_cannot_confirm(client, consultation):
    client.force_login(_in_role("canbo.xa", COMMUNE_STAFF))
    assert BUTTON not in _change_page(client, consultation)
    url = reverse("admin:congresses_consultation_confirm", args=[consultation.pk])
    response = client.post(url, follow=True)
    assert "Bạn không có quyền xác nhận kết quả hiệp thương." in response.content.decode()
    consultation.refresh_from_db()
    assert not consultation.is_confirmed
    assert consultation.new_term is None


def test_only_the_chair_is_offered_the_confirm_action_on_the_list(client, consultation):
    url = reverse("admin:congresses_consultation_changelist")
    client.force_login(_in_role("canbo.xa", COMMUNE_STAFF))
    assert "confirm_selected" not in client.get(url).content.decode()
    client.force_login(_in_role("chutich.xa", CHAIR))
    client.post(url, {"action": "confirm_selected", "_selected_action": [consultation.pk]})
    consultation.refresh_from_db()
    assert consultation.is_confirmed
