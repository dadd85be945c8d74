"""Accounts: login lockout and unlock, strong passwords, sessions, and staff accounts with a role."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from lib import roles

LOGIN = "/quan-tri/login/"
PASSWORD = "Mattran@Hoaphu2026"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("truongthon", password=PASSWORD, is_staff=True)


def attempt(client, password, ip="203.0.113.7"):
    return client.post(
        LOGIN, {"username": "truongthon", "password": password, "next": "/quan-tri/"}, REMOTE_ADDR=ip
    )


def test_five_wrong_passwords_lock_the_username_from_that_address_for_30_minutes(client, officer, axes_on):
    for _ in range(4):
        assert attempt(client, "sai-mat-khau").status_code == 200
    locked = attempt(client, "sai-mat-khau")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Tạm khóa đăng nhập" in body and "30 phút" in body and "5 lần" in body

    # Even the right password is refused while locked…
    assert attempt(client, PASSWORD).status_code == 429
    # …but the same user from another address, and another user from this one, are not locked.
    assert attempt(Client(), PASSWORD, ip="198.51.100.20").status_code == 302


def test_the_lock_ends_after_30_minutes(client, officer, axes_on):
    for _ in range(5):
        attempt(client, "sai-mat-khau")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert attempt(client, PASSWORD).status_code == 302


def test_staff_unlock_a_locked_account_in_the_admin(client, officer, axes_on, staff_client):
    for _ in range(5):
        attempt(client, "sai-mat-khau")
    [locked] = AccessAttempt.objects.all()
    listing = staff_client.get("/quan-tri/axes/accessattempt/")
    assert "truongthon" in listing.content.decode()
    assert "Địa chỉ IP" in listing.content.decode() and "Khóa đăng nhập" in listing.content.decode()

    response = staff_client.post(
        "/quan-tri/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [locked.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(client, PASSWORD).status_code == 302


def test_every_login_attempt_is_logged(client, officer, axes_on):
    attempt(client, "sai-mat-khau")
    attempt(client, PASSWORD)
    assert AccessFailureLog.objects.filter(username="truongthon", ip_address="203.0.113.7").count() == 1
    assert AccessLog.objects.filter(username="truongthon", ip_address="203.0.113.7").count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Hp@2026", "Mật khẩu quá ngắn"),
        ("123456789012345", "hoàn toàn là số"),
        ("matkhaumattranhoaphu", "chữ cái và ít nhất một chữ số"),
        ("password12345", "quá phổ biến"),
    ],
)
def test_weak_passwords_are_refused_with_a_vietnamese_message(password, message):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(message in text for text in refused.value.messages)


def test_a_strong_password_is_accepted():
    assert validate_password("Hoa Phu mua lu 2026") is None


def test_changing_the_password_signs_out_the_other_sessions(officer):
    at_office, at_home = Client(), Client()
    at_office.force_login(officer)
    at_home.force_login(officer)
    assert at_home.get("/quan-tri/").status_code == 200

    response = at_office.post(
        "/quan-tri/password_change/",
        {"old_password": PASSWORD, "new_password1": "Moi@Hoaphu2027x", "new_password2": "Moi@Hoaphu2027x"},
    )
    assert response.status_code == 302
    assert at_office.get("/quan-tri/").status_code == 200
    assert at_home.get("/quan-tri/").url.startswith(LOGIN)


def test_idle_sessions_expire_and_each_request_moves_the_expiry(client, officer, settings):
    client.force_login(officer)
    client.get("/quan-tri/")
    session = Session.objects.get()
    expected = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((session.expire_date - expected).total_seconds()) < 5
    assert settings.SESSION_COOKIE_AGE <= 60 * 60

    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/quan-tri/").url.startswith(LOGIN)


def test_the_operator_creates_an_account_with_its_role_in_one_step(operator_client, django_user_model):
    response = operator_client.post(
        "/quan-tri/auth/user/add/",
        {
            "username": "bientap.lan",
            "password1": "Hoa-Phu@mua-lu-26",
            "password2": "Hoa-Phu@mua-lu-26",
            "role": roles.EDITOR,
            "first_name": "Lan",
            "last_name": "Nguyễn Thị",
            "email": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = django_user_model.objects.get(username="bientap.lan")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [roles.GROUP_NAMES[roles.EDITOR]]
    assert user.check_password("Hoa-Phu@mua-lu-26")


def test_the_account_form_offers_the_four_roles_in_vietnamese(operator_client):
    body = operator_client.get("/quan-tri/auth/user/add/").content.decode()
    assert "Vai trò" in body and "Tạo tài khoản với vai trò" in body
    for name in (roles.COMMUNE_STAFF, roles.CHAIR, roles.HAMLET_OFFICER, roles.EDITOR):
        assert f'value="{name}"' in body


def test_an_account_with_a_weak_password_is_not_created(operator_client, django_user_model):
    response = operator_client.post(
        "/quan-tri/auth/user/add/",
        {"username": "yeu", "password1": "12345678", "password2": "12345678", "role": roles.EDITOR},
    )
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn" in response.content.decode()
    assert not django_user_model.objects.filter(username="yeu").exists()
    assert roles.role_group(roles.EDITOR).user_set.count() == 0
