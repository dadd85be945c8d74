"""Operations: the health check, the request log, and uploaded files served safely."""

import logging
from unittest import mock

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.utils import OperationalError
from django.http import Http404
from django.test import override_settings

from mttq_portal import views


def test_healthz_answers_ok_when_the_database_is_reachable(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_not(client, db):
    with mock.patch(
        "mttq_portal.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"connection refused" not in response.content


def test_healthz_is_not_redirected_to_https_by_local_probes(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_requests_are_logged_with_path_status_and_user_id_but_health_checks_only_at_debug(
    client, django_user_model, caplog
):
    user = django_user_model.objects.create_user("canbo", is_staff=True)
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="mttq_portal.requests"):
        client.get("/healthz")
        client.get("/?q=so-dien-thoai-0905123456")
    [record] = [r for r in caplog.records if r.name == "mttq_portal.requests"]
    assert (record.method, record.path, record.status, record.user_id) == ("GET", "/", 200, str(user.pk))
    assert "0905123456" not in record.getMessage() + record.path
    assert "canbo" not in record.getMessage()


def test_a_log_line_has_time_level_path_status_and_user(client, db, settings):
    from mttq_portal.middleware import RequestFieldsFilter

    stream = logging.StreamHandler()
    formatter = logging.Formatter(settings.LOGGING["formatters"]["line"]["format"])
    stream.setFormatter(formatter)
    stream.addFilter(RequestFieldsFilter())
    lines = []
    stream.emit = lambda record: lines.append(formatter.format(record))
    logger = logging.getLogger("mttq_portal.requests")
    logger.addHandler(stream)
    try:
        client.get("/khong-co/")
    finally:
        logger.removeHandler(stream)
    assert len(lines) == 1
    assert " INFO mttq_portal.requests GET /khong-co/ 404 user=- " in lines[0]


def _serve(rf, path):
    with override_settings(SERVE_MEDIA=True):
        return views.media(rf.get(f"/media/{path}"), path)


def test_photos_are_shown_inline_with_nosniff(rf):
    default_storage.save("anh/2026/11/abc.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg"))
    response = _serve(rf, "anh/2026/11/abc.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("bien-ban.pdf", "application/pdf"),
        ("ke-hoach.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("ket-qua.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("to-trinh.doc", "application/msword"),
    ],
)
def test_documents_are_downloaded_as_attachments(rf, name, content_type):
    default_storage.save(f"tai-lieu/{name}", ContentFile(b"%PDF-1.4 or office bytes"))
    response = _serve(rf, f"tai-lieu/{name}")
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "name", ["logo.svg", "trang.html", "trang.htm", "x.xhtml", "script.js", "khong-duoi"]
)
def test_svg_html_and_unknown_files_are_never_shown_inline(rf, name):
    default_storage.save(
        f"tai-len/{name}", ContentFile(b"<svg onload=alert(1)><script>alert(1)</script></svg>")
    )
    response = _serve(rf, f"tai-len/{name}")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["../settings.py", "/etc/passwd", "anh/../../x"])
def test_media_paths_cannot_leave_the_media_folder(rf, path):
    # Django answers 404 or, for a path that climbs out, 400 (SuspiciousFileOperation).
    with pytest.raises((Http404, SuspiciousFileOperation)):
        _serve(rf, path)
