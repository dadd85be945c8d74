"""The registry's desk as editors and staff use it: documents with several files at once, bad
files and dates refused in Vietnamese, announcements with their time limits; never a 500."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.announcements import Announcement
from news.documents import Document, DocumentFile

from .registry import docx_upload, exe_renamed_pdf, make_announcement, make_document, pdf_upload

DOCUMENT_ADD = reverse("admin:news_document_add")
ANNOUNCEMENT_ADD = reverse("admin:news_announcement_add")


def document_form(**fields):
    data = {
        "kind": Document.Kind.GUIDANCE,
        "number": "05/HD-MTTQ",
        "issuing_body": "Ban Thường trực Ủy ban MTTQ Việt Nam xã Hòa Phú",
        "issued_on": "20/09/2026",
        "effective_on": "01/10/2026",
        "summary": "Hướng dẫn tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm 2026",
        "field": Document.Field.GREAT_UNITY,
        "signer": "Trần Văn Minh, Phó Chủ tịch",
        "conference": "",
        "is_published": "on",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def announcement_form(**fields):
    now = timezone.localtime()
    data = {
        "title": "Tạm dừng tiếp công dân ngày 20/11",
        "body": "<p>Thường trực dự Ngày hội ở các thôn.</p>",
        "starts_at_0": now.strftime("%d/%m/%Y"),
        "starts_at_1": "07:00",
        "expires_at_0": (now + timedelta(days=5)).strftime("%d/%m/%Y"),
        "expires_at_1": "17:00",
        "is_pinned": "on",
        "is_published": "on",
    }
    data.update(fields)
    return data


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_an_editor_adds_a_document_with_two_files_at_once(editor_client, commune):
    response = editor_client.post(
        DOCUMENT_ADD,
        document_form(new_files=[pdf_upload("huong-dan.pdf"), docx_upload("mau-bao-cao.docx")]),
        follow=True,
    )
    assert response.status_code == 200
    assert "Đã thêm 2 tệp." in response.content.decode()
    document = Document.objects.get()
    assert document.commune == commune
    assert document.effective_on == datetime.date(2026, 10, 1)
    assert sorted(document.files.values_list("original_name", flat=True)) == [
        "huong-dan.pdf",
        "mau-bao-cao.docx",
    ]
    assert all(
        not name.endswith(("huong-dan.pdf", "mau-bao-cao.docx"))
        for name in DocumentFile.objects.values_list("file", flat=True)
    )


def test_commune_staff_add_a_document_too(staff_client, commune):
    staff_client.post(DOCUMENT_ADD, document_form(new_files=[pdf_upload()]))
    assert Document.objects.get().files.count() == 1


def test_an_exe_renamed_pdf_is_refused_and_nothing_is_saved(editor_client, commune):
    response = editor_client.post(
        DOCUMENT_ADD, document_form(new_files=[pdf_upload("dung.pdf"), exe_renamed_pdf("ke-hoach.pdf")])
    )
    assert response.status_code == 200
    assert "Nội dung tệp “ke-hoach.pdf” không khớp với loại PDF" in response.content.decode()
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


def test_a_file_of_another_type_is_refused(editor_client, commune):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        DOCUMENT_ADD, document_form(new_files=[SimpleUploadedFile("chay.exe", b"MZ\x90\x00")])
    )
    assert "Tệp “chay.exe” không đúng loại. Chỉ nhận: DOCX, PDF." in response.content.decode()
    assert not Document.objects.exists()


def test_a_date_of_effect_before_the_issue_is_refused_in_vietnamese(editor_client, commune):
    response = editor_client.post(DOCUMENT_ADD, document_form(effective_on="19/09/2026"))
    assert response.status_code == 200
    assert "Ngày có hiệu lực không thể trước ngày ban hành (20/09/2026)." in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "fields,field_name",
    [
        ({"issued_on": "20/09/99999999999999999999"}, "issued_on"),
        ({"issued_on": "20/09/0001"}, "issued_on"),
        ({"effective_on": "32/13/2026"}, "effective_on"),
        ({"conference": "99999999999999999999999999"}, "conference"),
        ({"kind": "khong-co"}, "kind"),
        ({"number": "/-/"}, "number"),
        ({"number": "x" * 61}, "number"),
    ],
)
def test_bad_input_is_an_error_on_its_field_never_a_500(editor_client, commune, fields, field_name):
    response = editor_client.post(DOCUMENT_ADD, document_form(**fields))
    assert response.status_code == 200
    assert field_name in response.context["adminform"].form.errors
    assert not Document.objects.exists()


def test_a_number_already_used_that_year_is_refused(editor_client, commune):
    make_document(commune, number="05/HD-MTTQ", issued_on=datetime.date(2026, 3, 1))
    response = editor_client.post(DOCUMENT_ADD, document_form(number="05/hd-mttq"))
    assert "Năm 2026 đã có văn bản số 05/hd-mttq." in response.content.decode()
    assert Document.objects.count() == 1


def test_an_editor_takes_a_document_off_the_site_but_cannot_delete_it(editor_client, commune, anonymous):
    document = make_document(commune)
    changelist = reverse("admin:news_document_changelist")
    editor_client.post(changelist, {"action": "unpublish_selected", "_selected_action": [document.pk]})
    document.refresh_from_db()
    assert not document.is_published
    assert editor_client.get(reverse("admin:news_document_delete", args=[document.pk])).status_code == 403


def test_the_chair_and_hamlet_officers_do_not_reach_the_registry(client, chair, officer_a, commune):
    for user in (chair, officer_a):
        client.force_login(user)
        assert client.get(DOCUMENT_ADD).status_code == 403
        assert client.get(ANNOUNCEMENT_ADD).status_code == 403


def test_anonymous_is_sent_to_the_login(anonymous, commune):
    response = anonymous.get(DOCUMENT_ADD)
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]


def test_the_document_list_and_form_open_in_vietnamese(editor_client, commune):
    make_document(commune, [pdf_upload()])
    page = editor_client.get(reverse("admin:news_document_changelist")).content.decode()
    assert "12/KH-MTTQ" in page
    form = editor_client.get(
        reverse("admin:news_document_change", args=[Document.objects.get().pk])
    ).content.decode()
    assert "Tải tệp văn bản lên" in form
    assert "Trích yếu" in form or "trích yếu" in form


def test_an_editor_adds_a_pinned_announcement(editor_client, commune):
    response = editor_client.post(
        ANNOUNCEMENT_ADD,
        announcement_form(body='<p>Xem <a href="javascript:alert(1)">đây</a></p><script>x</script>'),
    )
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert announcement.commune == commune
    assert announcement.is_pinned
    assert "script" not in announcement.body
    assert "javascript" not in announcement.body


def test_an_expiry_before_the_start_is_refused(editor_client, commune):
    today = timezone.localdate().strftime("%d/%m/%Y")
    response = editor_client.post(
        ANNOUNCEMENT_ADD, announcement_form(expires_at_0=today, expires_at_1="06:00")
    )
    assert response.status_code == 200
    assert "Thời điểm hết hạn phải sau thời điểm bắt đầu hiện." in response.content.decode()
    assert not Announcement.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [{"starts_at_0": "01/01/99999999999"}, {"expires_at_1": "25:99"}, {"starts_at_0": ""}, {"title": ""}],
)
def test_bad_announcement_input_is_an_error_never_a_500(editor_client, commune, fields):
    response = editor_client.post(ANNOUNCEMENT_ADD, announcement_form(**fields))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Announcement.objects.exists()


def test_the_expire_action_ends_an_announcement_now_and_keeps_it(editor_client, commune):
    announcement = make_announcement(commune, is_pinned=True)
    changelist = reverse("admin:news_announcement_changelist")
    editor_client.post(changelist, {"action": "expire_now", "_selected_action": [announcement.pk]})
    announcement.refresh_from_db()
    assert announcement.expires_at <= timezone.now()
    assert Announcement.objects.expired().filter(pk=announcement.pk).exists()
    listing = editor_client.get(changelist, {"han": "het-han"}).content.decode()
    assert "Đã hết hạn (trong lưu trữ)" in listing
