"""Builders for the registry tests: real PDF and DOCX bytes, a document, an announcement."""

import datetime
import io
import zipfile
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def docx_upload(name="phu-luc.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def exe_renamed_pdf(name="ke-hoach.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf")


def make_document(commune, files=(), **fields):
    from news import services
    from news.documents import Document

    fields.setdefault("kind", Document.Kind.PLAN)
    fields.setdefault("number", "12/KH-MTTQ")
    fields.setdefault("issuing_body", "Ban Thường trực Ủy ban MTTQ Việt Nam xã Hòa Phú")
    fields.setdefault("issued_on", datetime.date(2026, 2, 10))
    fields.setdefault("summary", "Kế hoạch vận động ủng hộ Quỹ “Vì người nghèo” năm 2026")
    fields.setdefault("field", Document.Field.SOCIAL_WELFARE)
    fields.setdefault("signer", "Lê Thị Thanh Hương, Chủ tịch")
    return services.save_document(Document(commune=commune, **fields), list(files))


def make_announcement(commune, **fields):
    from news import services
    from news.announcements import Announcement

    now = timezone.now()
    fields.setdefault("title", "Tiếp nhận đăng ký hỗ trợ hộ nghèo dịp Tết")
    fields.setdefault("body", "<p>Bà con liên hệ Ban công tác Mặt trận thôn.</p>")
    fields.setdefault("starts_at", now - timedelta(days=1))
    fields.setdefault("expires_at", now + timedelta(days=10))
    return services.save_announcement(Announcement(commune=commune, **fields))
