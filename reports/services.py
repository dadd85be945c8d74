"""Every write of the reports app: making a period report (one function, so that a task queue
can run it later as is) and keeping a commune's own Word template."""

import datetime
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lib.uploads import validate_document_upload

from . import documents, periods
from .content import build_content, commune_chair
from .models import Kind, ReportRun, ReportTemplate

NUMBER_SUFFIX = "BC-MTTQ"
DEFAULT_RECIPIENTS = [
    "- Ban Thường trực Ủy ban MTTQ tỉnh;",
    "- Đảng ủy, HĐND, UBND xã;",
    "- Các tổ chức thành viên;",
    "- Các Ban công tác Mặt trận;",
    "- Lưu: VT.",
]


def document_number(number):
    """`15/BC-MTTQ`; without a number `     /BC-MTTQ`, the space left to write it by hand."""
    number = (number or "").strip()
    if not number:
        return f"\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/{NUMBER_SUFFIX}"
    return number if "/" in number else f"{number}/{NUMBER_SUFFIX}"


def _body_lines(commune):
    name = commune.display_name
    prefix = "Ủy ban MTTQ Việt Nam "
    if name.startswith(prefix):
        return [prefix.strip().upper(), name[len(prefix) :].upper()]
    return [name.upper()]


def header_fields(commune, period, *, number, issued_on, signer_name, recipients):
    issued_text = f"ngày {issued_on.day:02d}/{issued_on.month}/{issued_on.year}"
    province = commune.province.full_name if commune.province_id else commune.province_name
    intro = (
        f"Thực hiện chương trình công tác Mặt trận, Ban Thường trực {commune.display_name} báo cáo kết quả "
        f"công tác Mặt trận {period.phrase} ({period.dates_text}) như sau:"
        if period.kind != Kind.CUSTOM
        else f"Ban Thường trực {commune.display_name} báo cáo kết quả công tác Mặt trận {period.phrase} như sau:"
    )
    return {
        "body_name": commune.display_name,
        "body_name_lines": _body_lines(commune),
        "commune_name": commune.name,
        "province_name": province or "",
        "number": document_number(number),
        "place_date": periods.document_date(issued_on, commune.name),
        "issued_text": issued_text,
        "title": period.title,
        "period_phrase": period.phrase,
        "start": date_format(period.start, "d/m/Y"),
        "end": date_format(period.end, "d/m/Y"),
        "intro": intro,
        "closing": f"Trên đây là báo cáo kết quả công tác Mặt trận {period.phrase} của {commune.display_name}./.",
        "recipients": recipients or DEFAULT_RECIPIENTS,
        "signer_for": "TM. BAN THƯỜNG TRỰC",
        "signer_title": "CHỦ TỊCH",
        "signer_name": signer_name or "",
    }


def _template_source(template):
    if template is None:
        return documents.DEFAULT_TEMPLATE, documents.DEFAULT_TEMPLATE_NAME
    template.file.open("rb")
    try:
        return _bytes_io(template.file.read()), template.name
    finally:
        template.file.close()


def _bytes_io(data):
    import io

    return io.BytesIO(data)


def build_period_report(
    commune,
    start,
    end,
    *,
    kind=Kind.CUSTOM,
    period=None,
    number="",
    issued_on=None,
    by=None,
    template=None,
    signer_name=None,
    recipients=None,
):
    """Make `commune`'s report for `start`–`end` (inclusive) from the records, store both files
    and return the ReportRun. Raises documents.TemplateRefused (nothing stored) when the Word
    template cannot be rendered. Synchronous; its arguments are plain values and ids-to-be so a
    queue can run it as is."""
    if end < start:
        raise ValidationError(_("Ngày cuối kỳ phải sau ngày đầu kỳ."))
    if template is not None and template.commune_id != commune.pk:
        raise ValidationError(_("Mẫu báo cáo này thuộc xã khác."))
    period = period or periods.for_kind(kind, start, end)
    issued_on = issued_on or timezone.localdate()
    if signer_name is None:
        signer_name = commune_chair(commune, issued_on)
    content = build_content(commune, start, end)
    header = header_fields(
        commune, period, number=number, issued_on=issued_on, signer_name=signer_name, recipients=recipients
    )
    source, template_name = _template_source(template)
    docx = documents.render_docx(source, documents.context_for(content, header))
    xlsx = documents.annex_workbook(content, period.title)
    with transaction.atomic():
        run = ReportRun(
            commune=commune,
            kind=period.kind,
            start=start,
            end=end,
            title=period.title,
            number=header["number"].strip("\u00a0"),
            issued_on=issued_on,
            signer_name=signer_name,
            template_name=template_name,
            created_by=by,
        )
        slug = run.download_name("docx")[:-5]
        run.docx.save(f"{slug}.docx", ContentFile(docx), save=False)
        run.xlsx.save(f"{slug}.xlsx", ContentFile(xlsx), save=False)
        run.save()
    run.content = content  # what was written, for the caller (tests, the admin's message)
    return run


def sample_check(uploaded, commune):
    """Render an uploaded template once with this commune's last six months: refuse it now,
    with the reason, rather than when the chair needs the report."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=183)
    period = periods.custom(start, today)
    content = build_content(commune, start, today)
    header = header_fields(
        commune,
        period,
        number="",
        issued_on=today,
        signer_name=commune_chair(commune, today),
        recipients=None,
    )
    uploaded.seek(0)
    documents.render_docx(_bytes_io(uploaded.read()), documents.context_for(content, header))
    uploaded.seek(0)


def check_template_upload(uploaded, commune):
    """A real DOCX within the size limit that renders; raises ValidationError in Vietnamese."""
    validate_document_upload(uploaded, allowed={".docx"}, max_bytes=documents.TEMPLATE_MAX_BYTES)
    sample_check(uploaded, commune)


def save_template(template, uploaded=None, *, by=None):
    """Store a commune's Word template after checking it (the admin's save goes through here)."""
    if uploaded is not None:
        check_template_upload(uploaded, template.commune)
        template.original_name = os.path.basename(uploaded.name)[:200]
        if template.uploaded_by_id is None:
            template.uploaded_by = by
    template.save()
    return template


def templates_for(commune):
    return ReportTemplate.objects.for_commune(commune).newest_first()
