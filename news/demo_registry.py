"""Demo documents and announcements for `make demo`: six documents of xã Hòa Phú, each with a
small PDF drawn here (a page of text rendered by Pillow), and two announcements, one pinned and
current, one expired. Everything goes through `news.services`, as the admin does. Safe to run twice.
"""

import datetime
import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from congresses.models import Commune, Conference
from lib.vietnamese import slugify_vi

from . import services
from .announcements import Announcement
from .demo import _font, _wrap
from .documents import Document

BODY = "Ban Thường trực Ủy ban MTTQ Việt Nam xã Hòa Phú"
COMMITTEE = "Ủy ban MTTQ Việt Nam xã Hòa Phú"
CHAIR = "Lê Thị Thanh Hương, Chủ tịch"
DEPUTY = "Trần Văn Minh, Phó Chủ tịch"

# kind, number, issuing body, issued, effective, summary, field, signer, conference kind, paragraphs
DOCUMENTS = [
    (
        Document.Kind.PLAN,
        "12/KH-MTTQ",
        BODY,
        datetime.date(2026, 2, 10),
        None,
        "Kế hoạch vận động ủng hộ Quỹ “Vì người nghèo” xã Hòa Phú năm 2026",
        Document.Field.SOCIAL_WELFARE,
        CHAIR,
        None,
        [
            "Mục đích: huy động mọi nguồn lực trong nhân dân, cơ quan, doanh nghiệp để chăm lo hộ nghèo, "
            "hộ cận nghèo; phấn đấu mỗi thôn đạt trên 100% chỉ tiêu được giao.",
            "Thời gian vận động: từ ngày 15/02/2026 đến hết ngày 31/10/2026. Các Ban công tác Mặt trận thôn "
            "tổng hợp kết quả hằng tháng, gửi về Ban Thường trực trước ngày 25.",
            "Mọi khoản đóng góp được công khai trên cổng thông tin và niêm yết tại nhà văn hóa thôn.",
        ],
    ),
    (
        Document.Kind.RESOLUTION,
        "01/NQ-ĐH",
        "Đại hội đại biểu MTTQ Việt Nam xã Hòa Phú",
        datetime.date(2025, 7, 18),
        datetime.date(2025, 7, 18),
        "Nghị quyết Đại hội đại biểu Mặt trận Tổ quốc Việt Nam xã Hòa Phú nhiệm kỳ 2024 – 2029",
        Document.Field.FRONT_WORK,
        "Đoàn Chủ tịch Đại hội",
        Conference.Kind.CONGRESS,
        [
            "Đại hội thống nhất đánh giá kết quả thực hiện Nghị quyết nhiệm kỳ trước và thông qua phương "
            "hướng, nhiệm vụ nhiệm kỳ 2024 – 2029.",
            "Chỉ tiêu chủ yếu: 100% khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc; trên 95% hộ gia "
            "đình đạt danh hiệu “Gia đình văn hóa”; không còn hộ ở nhà tạm, nhà dột nát.",
        ],
    ),
    (
        Document.Kind.GUIDANCE,
        "05/HD-MTTQ",
        BODY,
        datetime.date(2026, 9, 20),
        datetime.date(2026, 10, 1),
        "Hướng dẫn tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm 2026",
        Document.Field.GREAT_UNITY,
        DEPUTY,
        None,
        [
            "Ngày hội tổ chức từ ngày 01/11 đến ngày 18/11/2026, gồm phần lễ và phần hội; phần lễ không quá "
            "60 phút.",
            "Ban công tác Mặt trận thôn báo cáo kết quả Ngày hội (số hộ tham dự, số tiền, quà vận động được) "
            "về Ủy ban MTTQ xã trước ngày 25/11/2026.",
        ],
    ),
    (
        Document.Kind.NOTICE,
        "08/TB-MTTQ",
        BODY,
        datetime.date(2026, 6, 5),
        None,
        "Thông báo kết quả giám sát việc chi trả trợ cấp xã hội hằng tháng tại xã Hòa Phú",
        Document.Field.SUPERVISION,
        CHAIR,
        None,
        [
            "Đoàn giám sát đã làm việc tại 7/7 thôn, đối chiếu danh sách 412 đối tượng hưởng trợ cấp.",
            "Kiến nghị Ủy ban nhân dân xã chỉ đạo chi trả đúng hạn, niêm yết công khai danh sách tại thôn.",
        ],
    ),
    (
        Document.Kind.REPORT,
        "15/BC-MTTQ",
        COMMITTEE,
        datetime.date(2026, 6, 28),
        None,
        "Báo cáo kết quả công tác Mặt trận 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2026",
        Document.Field.FRONT_WORK,
        CHAIR,
        Conference.Kind.MID_YEAR,
        [
            "Sáu tháng đầu năm, Ủy ban MTTQ xã đã phối hợp tổ chức 14 hội nghị, tiếp nhận 37 ý kiến, kiến "
            "nghị của cử tri và chuyển đến cơ quan có thẩm quyền giải quyết.",
            "Quỹ “Vì người nghèo” tiếp nhận 185.860.000 đồng, đạt 62% kế hoạch năm.",
        ],
    ),
    (
        Document.Kind.LETTER,
        "20/MTTQ-BTT",
        BODY,
        datetime.date(2025, 11, 3),
        None,
        "V/v tổ chức lấy ý kiến Nhân dân về dự thảo Quy chế dân chủ ở cơ sở",
        Document.Field.PROPAGANDA,
        DEPUTY,
        None,
        [
            "Đề nghị các Ban công tác Mặt trận thôn tổ chức họp dân, ghi biên bản ý kiến đóng góp và gửi về "
            "Ban Thường trực trước ngày 20/11/2025.",
        ],
    ),
]


def demo_pdf(title, lines, number):
    """A one-page A4 PDF (100 dpi) with a heading and the paragraphs, drawn with Pillow."""
    width, height = 827, 1169
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    small, heading, text = _font(18), _font(26), _font(20)
    draw.text((60, 50), "MẶT TRẬN TỔ QUỐC VIỆT NAM", font=small, fill=0)
    draw.text((60, 76), f"Số: {number}", font=small, fill=0)
    draw.text((470, 50), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=small, fill=0)
    draw.text((520, 76), "Độc lập – Tự do – Hạnh phúc", font=small, fill=0)
    y = 150
    for line in _wrap(draw, title.upper(), heading, width - 120):
        draw.text((60, y), line, font=heading, fill=0)
        y += 38
    y += 20
    for paragraph in lines:
        for line in _wrap(draw, paragraph, text, width - 120):
            draw.text((60, y), line, font=text, fill=0)
            y += 30
        y += 14
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=100, title=title)
    return buffer.getvalue()


def load(commune=None, log=print):
    """Create the demo documents and announcements once; returns how many documents were made."""
    commune = commune or Commune.objects.order_by("pk").first()
    if commune is None or Document.objects.filter(commune=commune).exists():
        log("  văn bản, thông báo: đã có, bỏ qua")
        return 0
    conferences = Conference.objects.filter(committee__commune=commune, committee__area__isnull=True)
    for kind, number, body, issued, effective, summary, field, signer, conference_kind, lines in DOCUMENTS:
        conference = (
            conferences.filter(kind=conference_kind).order_by("-starts_at").first()
            if conference_kind
            else None
        )
        if conference and kind == Document.Kind.RESOLUTION:
            # A congress's resolution is adopted, and takes effect, on the congress's day.
            issued = effective = timezone.localdate(conference.starts_at)
        document = Document(
            commune=commune,
            kind=kind,
            number=number,
            issuing_body=body,
            issued_on=issued,
            effective_on=effective,
            summary=summary,
            field=field,
            signer=signer,
            conference=conference,
        )
        pdf = SimpleUploadedFile(
            f"{slugify_vi(number)}.pdf", demo_pdf(summary, lines, number), content_type="application/pdf"
        )
        services.save_document(document, [pdf])
    now = timezone.now()
    # Times an office would write: from 07:30 two days ago, until 17:00 on a later day.
    morning = timezone.localtime(now).replace(hour=7, minute=30, second=0, microsecond=0)
    evening = morning.replace(hour=17, minute=0)
    services.save_announcement(
        Announcement(
            commune=commune,
            title="Tiếp nhận đăng ký hỗ trợ hộ nghèo, hộ khó khăn dịp Tết Nguyên đán Đinh Mùi 2027",
            body=(
                "<p>Ủy ban MTTQ Việt Nam xã Hòa Phú thông báo: từ nay đến hết ngày 20/12/2026, các Ban công "
                "tác Mặt trận thôn tiếp nhận danh sách hộ nghèo, hộ cận nghèo, hộ có hoàn cảnh đặc biệt khó "
                "khăn đề nghị hỗ trợ dịp Tết.</p><p>Bà con liên hệ trực tiếp Trưởng ban công tác Mặt trận "
                "thôn, hoặc Văn phòng Ủy ban MTTQ xã (giờ hành chính, sáng từ 7g30, chiều từ 13g30).</p>"
            ),
            starts_at=morning - timedelta(days=2),
            expires_at=evening + timedelta(days=19),
            is_pinned=True,
        )
    )
    services.save_announcement(
        Announcement(
            commune=commune,
            title="Tạm dừng tiếp công dân ngày 20/11/2026 để tổ chức Ngày hội Đại đoàn kết",
            body=(
                "<p>Ngày 20/11/2026, Thường trực Ủy ban MTTQ xã dự Ngày hội Đại đoàn kết toàn dân tộc tại "
                "các thôn nên tạm dừng tiếp công dân. Việc tiếp công dân trở lại bình thường từ ngày "
                "23/11/2026.</p>"
            ),
            starts_at=morning - timedelta(days=16),
            expires_at=evening - timedelta(days=10),
            is_pinned=True,
        )
    )
    log(f"  văn bản: {len(DOCUMENTS)} văn bản có tệp PDF; thông báo: 2 (1 đang ghim, 1 đã hết hạn)")
    return len(DOCUMENTS)
