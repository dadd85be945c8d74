"""Making a report in the admin, as the chair and staff do it; who may not; Word templates."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from reports.documents import DEFAULT_TEMPLATE
from reports.models import ReportRun, ReportTemplate
from tests.conftest import PASSWORD

from .helpers import docx_of, paragraphs

ADD = reverse("admin:reports_reportrun_add")


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def six_months(**extra):
    return {
        "kind": "6_thang_dau",
        "year": "2026",
        "number": "15",
        "issued_on": "05/07/2026",
        "signer_name": "Võ Thị Hạnh",
        "recipients": "- Ban Thường trực Ủy ban MTTQ tỉnh;\n- Lưu: VT.",
        **extra,
    }


@pytest.mark.parametrize("role", ["chair", "staff"])
def test_the_chair_and_staff_make_a_six_month_report_and_download_it(client, half_year, role, request):
    user = request.getfixturevalue(role)
    login(client, user)
    assert "Lập báo cáo" in client.get(ADD).content.decode()
    response = client.post(ADD, six_months())
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "admin:reports_reportrun_change", args=[run.pk]
    )
    assert run.created_by == user and run.number == "15/BC-MTTQ"
    page = client.get(response.url).content.decode()
    assert "Đã lập báo cáo “Kết quả công tác Mặt trận 6 tháng đầu năm 2026”" in page
    download = client.get(run.download_url("docx"))
    assert download.status_code == 200
    assert 'filename="ket-qua-cong-tac-mat-tran-6-thang-dau-nam-2026.docx"' in download["Content-Disposition"]
    document = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert "Hòa Phú, ngày 05 tháng 7 năm 2026" in document.tables[0].rows[0].cells[1].text
    assert client.get(run.download_url("xlsx")).status_code == 200
    assert run.title in client.get(reverse("admin:reports_reportrun_changelist")).content.decode()


def test_any_dates_typed_day_first(client, half_year, chair):
    login(client, chair)
    client.post(ADD, six_months(kind="tuy_chon", start="01/03/2026", end="31/05/2026"))
    run = ReportRun.objects.get()
    assert (run.start.isoformat(), run.end.isoformat()) == ("2026-03-01", "2026-05-31")
    text = paragraphs(docx_of(run))
    assert "Kết quả công tác Mặt trận từ ngày 01/03/2026 đến ngày 31/05/2026" in text
    # The fund's entries of February are outside: the sentence names the period it counts.
    assert any(p.startswith("Từ ngày 01/03/2026 đến ngày 31/05/2026, vận động Quỹ") for p in text)


@pytest.mark.parametrize(
    "data,message",
    [
        (
            {"kind": "tuy_chon", "start": "31/05/2026", "end": "01/03/2026"},
            "Ngày cuối kỳ phải sau ngày đầu kỳ.",
        ),
        (
            {"kind": "tuy_chon", "start": "2026-03-01", "end": "31/05/2026"},
            "Ngày chưa đúng. Viết như 30/06/2026.",
        ),
        ({"kind": "tuy_chon", "start": "", "end": ""}, "Hãy ghi cả ngày đầu và ngày cuối của kỳ báo cáo."),
        ({"kind": "nhiem_ky"}, "Hãy chọn nhiệm kỳ của báo cáo."),
    ],
)
def test_a_wrong_period_gets_a_vietnamese_message_and_makes_nothing(client, half_year, chair, data, message):
    login(client, chair)
    response = client.post(ADD, six_months(**data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportRun.objects.exists()


@pytest.mark.parametrize("role", ["editor", "officer_a"])
def test_editors_and_hamlet_officers_cannot_make_or_read_reports(client, half_year, staff, role, request):
    from reports import periods
    from reports.services import build_period_report

    period = periods.half_year(2026)
    run = build_period_report(half_year["commune"], period.start, period.end, period=period, by=staff)
    login(client, request.getfixturevalue(role))
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, six_months()).status_code == 403
    assert client.get(reverse("admin:reports_reportrun_changelist")).status_code == 403
    assert client.get(run.download_url("docx")).status_code in (403, 404)
    assert ReportRun.objects.count() == 1
    assert "Báo cáo định kỳ" not in client.get(reverse("admin:index")).content.decode()


def test_a_report_made_cannot_be_changed_or_deleted(client, half_year, chair):
    login(client, chair)
    client.post(ADD, six_months())
    run = ReportRun.objects.get()
    assert (
        client.post(reverse("admin:reports_reportrun_delete", args=[run.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert ReportRun.objects.filter(pk=run.pk).exists()


def _docx_with(text):
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, name, data, title="Mẫu của xã"):
    return client.post(
        reverse("admin:reports_reporttemplate_add"),
        {"name": title, "file": SimpleUploadedFile(name, data, content_type="application/octet-stream")},
    )


def test_staff_upload_their_own_template_and_the_report_uses_it(client, half_year, staff):
    login(client, staff)
    document = Document(str(DEFAULT_TEMPLATE))
    heading = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    heading.runs[0].text = "BÁO CÁO SƠ KẾT"
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    assert upload(client, "mau-so-ket.docx", data).status_code == 302
    template = ReportTemplate.objects.get()
    assert template.commune == half_year["commune"] and template.original_name == "mau-so-ket.docx"
    client.post(ADD, six_months(template=str(template.pk)))
    run = ReportRun.objects.get()
    assert run.template_name == "Mẫu của xã"
    assert "BÁO CÁO SƠ KẾT" in paragraphs(docx_of(run))


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("mau.docx", None, "có lỗi cú pháp ở một thẻ"),
        ("mau.docx", b"PK\x03\x04 not really a zip", "không khớp với loại DOCX"),
        ("mau.pdf", b"%PDF-1.4\n%%EOF\n", "không đúng loại. Chỉ nhận: DOCX"),
        ("mau.docx", b"PK\x03\x04" + b"0" * (5 * 1024 * 1024 + 10), "vượt giới hạn 5 MB"),
    ],
)
def test_a_bad_template_is_refused_with_a_vietnamese_message(client, half_year, staff, name, data, message):
    login(client, staff)
    data = _docx_with("Số liệu: {{ sections[0].title ") if data is None else data
    response = upload(client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportTemplate.objects.exists()


def test_a_template_that_fails_at_making_the_report_gives_a_message_not_a_500(client, half_year, staff):
    from django.core.files.base import ContentFile

    from lib.storage import private_storage

    template = ReportTemplate(commune=half_year["commune"], name="Mẫu hỏng", uploaded_by=staff)
    template.file.save(
        "hong.docx", ContentFile(_docx_with("{% for x in 5 %}{{ x }}{% endfor %}")), save=False
    )
    template.save()
    login(client, staff)
    response = client.post(ADD, six_months(template=str(template.pk)))
    assert response.status_code == 200
    assert "Mẫu báo cáo không dùng được" in response.content.decode()
    assert not ReportRun.objects.exists()
    assert private_storage().exists(template.file.name)


def test_the_template_variables_page_and_the_default_template(client, half_year, chair):
    login(client, chair)
    page = client.get(reverse("admin:reports_reportrun_variables")).content.decode()
    assert "body_name_lines" in page and "annexes" in page and "Tải mẫu mặc định" in page
    response = client.get(reverse("admin:reports_reportrun_default_template"))
    assert Document(io.BytesIO(b"".join(response.streaming_content))).paragraphs


def test_a_term_report_runs_from_the_terms_first_day(client, half_year, chair):
    from congresses.models import Term

    term = Term.objects.get(committee__level="commune")
    login(client, chair)
    form = client.get(ADD).content.decode()
    assert "nhiệm kỳ 2024–2029" in form
    client.post(ADD, six_months(kind="nhiem_ky", term=str(term.pk)))
    run = ReportRun.objects.get()
    assert run.start == term.start_date and run.kind == "nhiem_ky"
    assert run.title == "Kết quả công tác Mặt trận nhiệm kỳ 2024–2029"


def test_a_stored_template_opens_and_is_renamed_without_showing_its_file(client, half_year, staff):
    login(client, staff)
    document = Document(str(DEFAULT_TEMPLATE))
    buffer = io.BytesIO()
    document.save(buffer)
    upload(client, "mau.docx", buffer.getvalue())
    template = ReportTemplate.objects.get()
    url = reverse("admin:reports_reporttemplate_change", args=[template.pk])
    page = client.get(url)
    assert page.status_code == 200 and "mau.docx" in page.content.decode()
    assert client.post(url, {"name": "Mẫu năm 2026"}).status_code == 302
    template.refresh_from_db()
    assert template.name == "Mẫu năm 2026"
