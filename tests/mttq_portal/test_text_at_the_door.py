"""Text cleaned at the door: every query-string and form value, before any view or form sees it."""

import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from congresses.models import Position
from lib.roles import COMMUNE_STAFF, role_groups

PASSWORD = "MatKhau@12345"


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_user("canbo.mattran", password=PASSWORD, is_staff=True)
    user.groups.add(role_groups()[COMMUNE_STAFF])
    client.force_login(user)
    return client


def test_a_nul_in_a_password_is_refused_in_vietnamese(client, db):
    get_user_model().objects.create_user("truongban", password=PASSWORD, is_staff=True)
    response = client.post(reverse("admin:login"), {"username": "truongban", "password": PASSWORD + "\x00"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không được có ký tự rỗng (NUL)" in page
    assert "Null characters" not in page


def test_a_name_typed_in_nfd_is_the_same_name_as_in_nfc(staff_client):
    """Uniqueness holds: the NFD spelling of an existing position is refused, not a second row."""
    response = staff_client.post(
        reverse("admin:congresses_position_add"),
        {
            "name": unicodedata.normalize("NFD", "Trưởng ban"),
            "kind": "head",
            "level": "residential",
            "rank": "1",
        },
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["name"]
    assert "đã tồn tại" in response.content.decode()
    assert not Position.objects.filter(name=unicodedata.normalize("NFD", "Trưởng ban")).exists()


def test_an_autocomplete_search_with_a_nul_answers(staff_client, db):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "dong\x00", "app_label": "congresses", "model_name": "membership", "field_name": "person"},
    )
    assert response.status_code == 200


def test_the_search_page_shows_the_term_without_its_control_characters(client, db):
    response = client.get(reverse("news:search"), {"q": "hội\x00 nghị\u202e"})
    assert response.status_code == 200
    assert response.context["query"] == "hội nghị"
