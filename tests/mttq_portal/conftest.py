"""Actors of the site-wide tests. Accounts and groups are managed by the platform's operator
only (no role may change users: whoever may edit users may promote themselves, see
mttq_portal/roles.py), so the account pages are tested as that operator, a superuser by
design; every other admin page is tested as the role that uses it."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from lib.roles import COMMUNE_STAFF, role_groups


@pytest.fixture
def operator(db):
    """The operator who runs the platform and manages its accounts."""
    return get_user_model().objects.create_superuser("vanhanh", "vanhanh@example.vn", "VanHanh@2026")


@pytest.fixture
def operator_client(operator):
    client = Client()
    client.force_login(operator)
    return client


@pytest.fixture
def staff_client(db):
    """A client of its own signed in as commune staff (Cán bộ Mặt trận xã)."""
    user = get_user_model().objects.create_user("canbo.xa", password="MatKhau@12345", is_staff=True)
    user.groups.add(role_groups()[COMMUNE_STAFF])
    client = Client()
    client.force_login(user)
    return client
