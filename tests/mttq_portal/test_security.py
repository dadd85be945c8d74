"""Security headers on public and admin pages, error pages, and the production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "DEMO": "0",
    "TESTING": "0",
    "SECRET_KEY": "t" * 20 + "-production-like-secret-key-for-the-check-0123456789abcdefXYZ",
    "ALLOWED_HOSTS": "mattran.hoaphu.example.vn",
    "BEHIND_PROXY": "1",
    "EMAIL_HOST": "smtp.example.vn",
    "ADMINS": "Cán bộ kỹ thuật:kythuat@example.vn",
}


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/", "/quan-tri/login/", "/khong-co-trang-nay/"])
def test_every_page_carries_the_security_headers(client, db, url):
    response = client.get(url)
    csp = directives(response)
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )


def test_admin_pages_for_signed_in_staff_carry_the_headers_and_are_not_cached(staff_client):
    response = staff_client.get("/quan-tri/")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in directives(response)["script-src"]
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]


def test_https_responses_carry_hsts(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")


def test_a_template_nonce_is_the_one_in_the_policy(rf, db):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.template import engines

    template = engines["django"].from_string('<script nonce="{{ CSP_NONCE }}">1</script>')

    def view(request):
        return HttpResponse(template.render({}, request))

    request = rf.get("/")
    response = CSPMiddleware(view)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]


def test_a_host_not_allowed_gets_the_vietnamese_400_page(client, db):
    response = client.get("/", HTTP_HOST="ke-gia-mao.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_staff_without_permission_get_the_vietnamese_403_page(client, django_user_model):
    clerk = django_user_model.objects.create_user("canbo", is_staff=True)
    client.force_login(clerk)
    response = client.get("/quan-tri/auth/user/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in body and "Traceback" not in body


def test_a_form_without_its_csrf_token_gets_the_vietnamese_page_without_the_reason(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/quan-tri/login/", {"username": "a", "password": "b"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in body
    assert "CSRF" not in body and "token" not in body


def test_the_500_page_renders_with_the_database_down_and_its_style_passes_the_policy(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    broken = mock.patch("mttq_portal.views.render", side_effect=RuntimeError("boom: secret detail"))
    no_db = mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=RuntimeError)
    with broken, no_db:
        response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in body and "secret detail" not in body
    nonce = re.search(r'<style nonce="([^"]+)">', body).group(1)
    assert f"'nonce-{nonce}'" in directives(response)["style-src"]


def test_deploy_check_is_clean_with_production_settings(settings, monkeypatch):
    # Set by the browser tests' conftest for Playwright; never set in deployment.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    settings.DEBUG = False
    settings.SECRET_KEY = PRODUCTION_ENV["SECRET_KEY"]
    settings.ALLOWED_HOSTS = ["mattran.hoaphu.example.vn"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    call_command("check", "--deploy", "--fail-level", "WARNING")


def _production_python(code):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "PYTEST_CURRENT_TEST", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="mttq_portal.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_settings_module_is_production_ready_from_the_environment_alone():
    """The real settings module, imported with production environment variables only."""
    result = _production_python(
        "from django.conf import settings as s;"
        "from django.core.management import call_command;"
        "call_command('check', '--deploy', '--fail-level', 'WARNING');"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SAMESITE,"
        " s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.AXES_ENABLED,"
        " s.LOGGING['loggers']['django.request']['handlers'], s.EMAIL_BACKEND)"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == (
        "True True __Host-sessionid Lax ('HTTP_X_FORWARDED_PROTO', 'https') True 31536000 True"
        " ['stdout', 'mail_admins'] django.core.mail.backends.smtp.EmailBackend"
    )


def test_the_settings_refuse_to_start_in_production_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(PRODUCTION_ENV, SECRET_KEY="", DJANGO_SETTINGS_MODULE="mttq_portal.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_public_page_with_an_unknown_session_cookie_writes_no_session(client, db):
    """A stale or made-up session cookie is dropped, not turned into a new session row on every
    page (SESSION_SAVE_EVERY_REQUEST saves any session it cannot prove empty)."""
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.cookies["sessionid"] = "phien-bia-dat-ra"
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tin-tuc/")
    assert response.status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert not Session.objects.exists()
    assert response.cookies["sessionid"].value == ""  # told to forget it
