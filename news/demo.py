"""Demo news for `make demo`: three categories and fifteen original posts about xã Hòa Phú.

The photos are drawn with Pillow (sky, hills, a sun, a caption) and go through the same
upload path as an editor's, so their renditions are real. Safe to run twice.
"""

import io
import random
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont, ImageOps

from congresses.models import Commune, Conference
from lib.vietnamese import format_number

from . import services
from .models import Category, Post

CATEGORIES = [
    (
        "Hoạt động Mặt trận",
        "Hội nghị, đại hội, sơ kết, tổng kết của Ủy ban MTTQ xã và các Ban công tác Mặt trận thôn.",
    ),
    ("An sinh xã hội", "Quỹ “Vì người nghèo”, trao quà, hỗ trợ nhà ở, chăm lo gia đình chính sách."),
    (
        "Phong trào thi đua",
        "Các cuộc vận động, hiến máu tình nguyện, xây dựng nông thôn mới, khu dân cư văn minh.",
    ),
]

# (category index, title, lead, body paragraphs, number of gallery photos, featured, days ago)
POSTS = [
    (
        0,
        "Hội nghị Ban công tác Mặt trận thôn Đông nhiệm kỳ 2024 – 2026",
        "Sáng 07/01/2024, thôn Đông tổ chức Hội nghị Ban công tác Mặt trận nhiệm kỳ 2024 – 2026 với sự tham dự "
        "của 86 đại biểu đại diện cho 312 hộ gia đình trong thôn.",
        [
            "Dự hội nghị có đồng chí Phó Bí thư Đảng ủy xã, đại diện Thường trực Ủy ban MTTQ xã, Bí thư chi bộ, "
            "Trưởng thôn cùng các đoàn thể của thôn. Hội nghị đã nghe báo cáo kết quả hoạt động nhiệm kỳ 2021 – 2024 "
            "và thảo luận phương hướng cho nhiệm kỳ mới.",
            "<h2>Những kết quả nổi bật</h2>",
            "Trong nhiệm kỳ qua, Ban công tác Mặt trận thôn đã vận động nhân dân hiến <strong>1.250 m² đất</strong> "
            "để mở rộng đường liên xóm, đóng góp gần 180 triệu đồng làm đường bê tông và lắp 46 bóng đèn "
            "chiếu sáng. Quỹ “Vì người nghèo” của thôn mỗi năm đều đạt trên 100% kế hoạch xã giao.",
            "<ul><li>7/7 tổ tự quản được duy trì sinh hoạt đều đặn;</li><li>02 hộ nghèo được hỗ trợ "
            "sửa chữa nhà ở;</li><li>96% hộ gia đình đạt danh hiệu “Gia đình văn hóa”.</li></ul>",
            "Hội nghị đã hiệp thương cử 9 ông, bà vào Ban công tác Mặt trận thôn nhiệm kỳ 2024 – 2026; ông "
            "Nguyễn Văn Tâm được tín nhiệm giữ chức Trưởng ban. Hội nghị cũng bầu 5 đại biểu đi dự Đại hội "
            "đại biểu MTTQ Việt Nam xã Hòa Phú.",
        ],
        8,
        True,
        3,
    ),
    (
        0,
        "Đồng loạt tổ chức hội nghị Ban công tác Mặt trận ở 7/7 thôn",
        "Trong hai ngày cuối tuần, 7/7 thôn của xã Hòa Phú đã hoàn thành hội nghị Ban công tác Mặt trận "
        "nhiệm kỳ 2024 – 2026, bảo đảm đúng Điều lệ và hướng dẫn của cấp trên.",
        [
            "Các hội nghị diễn ra trang trọng, dân chủ. Tổng cộng có 604 đại biểu tham dự, đại diện cho hơn "
            "2.100 hộ gia đình. Mỗi Ban công tác Mặt trận có từ 7 đến 11 thành viên, trong đó có đại diện các "
            "chi hội, người có uy tín và đồng bào có đạo.",
            "Theo Thường trực Ủy ban MTTQ xã, cơ cấu các Ban năm nay trẻ hơn: 23% thành viên dưới 40 tuổi, "
            "38% là nữ. Các thôn cũng đã bầu đủ số đại biểu dự Đại hội MTTQ xã theo phân bổ.",
        ],
        6,
        False,
        9,
    ),
    (
        0,
        "Ủy ban MTTQ xã sơ kết công tác Mặt trận 6 tháng đầu năm",
        "Chiều 08/7, Ủy ban MTTQ Việt Nam xã Hòa Phú tổ chức hội nghị sơ kết công tác Mặt trận 6 tháng "
        "đầu năm và triển khai nhiệm vụ trọng tâm 6 tháng cuối năm.",
        [
            "Sáu tháng qua, Mặt trận xã và các tổ chức thành viên đã phối hợp tổ chức 42 buổi tuyên truyền với "
            "gần 1.900 lượt người tham dự; tiếp nhận và chuyển 18 ý kiến, kiến nghị của cử tri đến các cơ quan có "
            "thẩm quyền.",
            "Hội nghị thống nhất sáu tháng cuối năm tập trung vào cuộc vận động “Toàn dân đoàn kết xây dựng "
            "nông thôn mới, đô thị văn minh”, tăng cường giám sát việc sử dụng quỹ và chuẩn bị chu đáo cho "
            "Ngày hội Đại đoàn kết toàn dân tộc 18/11.",
        ],
        0,
        False,
        16,
    ),
    (
        0,
        "Hội nghị đối thoại giữa Thường trực Mặt trận với các Ban công tác Mặt trận",
        "Lần đầu tiên, Thường trực Ủy ban MTTQ xã ngồi lại với Trưởng ban công tác Mặt trận của cả 7 thôn "
        "để lắng nghe khó khăn từ cơ sở.",
        [
            "Các ý kiến tập trung vào kinh phí hoạt động còn hạn chế, việc ghi chép sổ sách quỹ và cách vận động "
            "người trẻ tham gia sinh hoạt khu dân cư. Thường trực Mặt trận xã đã giải đáp trực tiếp 11 ý kiến "
            "và ghi nhận 4 ý kiến để đề xuất lên cấp trên.",
            "<blockquote>“Cái khó nhất ở thôn là giữ được lửa cho các tổ tự quản. Có đối thoại thế này, chúng tôi "
            "biết việc mình làm được ghi nhận.” — ông Lê Văn Bình, Trưởng ban thôn An Bình.</blockquote>",
        ],
        0,
        False,
        24,
    ),
    (
        0,
        "Thôn Hòa Thuận ra mắt mô hình “Khu dân cư không rác thải nhựa”",
        "Ban công tác Mặt trận thôn Hòa Thuận phối hợp Chi hội Phụ nữ ra mắt mô hình phân loại rác tại "
        "nguồn, với 145 hộ đăng ký tham gia ngay từ buổi đầu.",
        [
            "Mỗi hộ được phát một bộ hai thùng rác và túi vải đi chợ. Tổ tự quản sẽ thu gom phế liệu mỗi sáng "
            "Chủ nhật; tiền bán phế liệu được đưa vào Quỹ “Vì người nghèo” của thôn.",
            "Sau một tháng thực hiện, lượng rác đưa đi chôn lấp của thôn giảm khoảng một phần ba.",
        ],
        7,
        False,
        31,
    ),
    (
        1,
        "Trao 120 suất quà Tết cho hộ nghèo, hộ có hoàn cảnh khó khăn",
        "Từ Quỹ “Vì người nghèo” và sự đóng góp của các nhà hảo tâm, Ủy ban MTTQ xã trao 120 suất quà Tết, "
        "mỗi suất trị giá 500.000 đồng.",
        [
            "Những phần quà gồm gạo, dầu ăn, bánh kẹo và tiền mặt đã đến tận tay các hộ nghèo, hộ cận nghèo, "
            "người cao tuổi neo đơn ở 7 thôn. Tổng giá trị đợt trao quà là <strong>60.000.000 đồng</strong>.",
            "Thường trực Mặt trận xã cảm ơn 14 doanh nghiệp, hộ kinh doanh và nhiều người con quê hương đang "
            "sinh sống xa đã chung tay để mọi nhà đều có Tết.",
        ],
        10,
        True,
        6,
    ),
    (
        1,
        "Khởi công nhà Đại đoàn kết cho gia đình bà Trần Thị Lài, thôn Tây",
        "Ngôi nhà rộng 60 m², tổng kinh phí 120 triệu đồng, trong đó Quỹ “Vì người nghèo” xã hỗ trợ 60 triệu "
        "đồng, phần còn lại do người thân, hàng xóm góp công, góp của.",
        [
            "Bà Lài năm nay 67 tuổi, sống một mình trong căn nhà tạm đã xuống cấp. Ban công tác Mặt trận thôn Tây "
            "đã vận động được 35 ngày công lao động từ thanh niên và cựu chiến binh trong thôn.",
            "Dự kiến ngôi nhà sẽ hoàn thành và bàn giao trước mùa mưa bão.",
        ],
        6,
        False,
        12,
    ),
    (
        1,
        "Phát động tháng cao điểm “Vì người nghèo” năm nay",
        "Ủy ban MTTQ xã phát động tháng cao điểm vận động Quỹ “Vì người nghèo” từ 17/10 đến 18/11, phấn đấu "
        "vận động được 150 triệu đồng.",
        [
            "Mỗi cán bộ, công chức xã đóng góp ít nhất một ngày lương; mỗi hộ gia đình ủng hộ tùy tâm. Kết quả "
            "vận động sẽ được niêm yết công khai tại nhà văn hóa các thôn và trên cổng thông tin này.",
            "<h3>Cách ủng hộ</h3>",
            "<ol><li>Nộp trực tiếp cho Ban công tác Mặt trận thôn và nhận biên nhận;</li><li>Nộp tại trụ sở "
            "Ủy ban MTTQ xã, thôn Trung, trong giờ hành chính.</li></ol>",
        ],
        0,
        False,
        20,
    ),
    (
        1,
        "Trao học bổng “Tiếp sức đến trường” cho 25 học sinh",
        "Nhân dịp khai giảng năm học mới, Mặt trận xã phối hợp Hội Khuyến học trao 25 suất học bổng, mỗi suất "
        "1.000.000 đồng, cho học sinh vượt khó học tốt.",
        [
            "Các em được chọn từ danh sách do Ban công tác Mặt trận các thôn giới thiệu, ưu tiên con em gia đình "
            "chính sách và hộ nghèo. Cùng với học bổng là 250 quyển vở và 25 chiếc cặp sách.",
        ],
        0,
        False,
        45,
    ),
    (
        2,
        "Thôn Đồng Tâm về đích khu dân cư nông thôn mới kiểu mẫu",
        "Sau hai năm nỗ lực, thôn Đồng Tâm đạt đủ các tiêu chí khu dân cư nông thôn mới kiểu mẫu, là thôn "
        "thứ hai của xã đạt danh hiệu này.",
        [
            "Người dân đã đóng góp hơn 420 triệu đồng và hàng nghìn ngày công để bê tông hóa 100% đường xóm, "
            "trồng 2,3 km hàng rào xanh và xây dựng sân thể thao của thôn.",
        ],
        0,
        False,
        38,
    ),
    (
        2,
        "Ra quân “Ngày Chủ nhật xanh” trên toàn xã",
        "Hơn 500 người dân ở 7 thôn cùng ra quân dọn vệ sinh đường làng, khơi thông cống rãnh, trồng hoa "
        "dọc các tuyến đường chính.",
        [
            "Phong trào do Mặt trận xã phát động, các tổ chức đoàn thể đảm nhận từng đoạn đường. Thôn Trung và "
            "thôn An Bình trồng mới gần 1.200 cây hoa chiều tím.",
        ],
        0,
        False,
        52,
    ),
    (
        2,
        "Tổng kết cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
        "Nhiều hộ kinh doanh trên địa bàn xã cam kết bày bán hàng Việt Nam có nguồn gốc rõ ràng, bảo đảm "
        "an toàn thực phẩm.",
        [
            "Mặt trận xã đã phối hợp tổ chức 2 phiên chợ hàng Việt về nông thôn, giới thiệu sản phẩm của các hợp "
            "tác xã trong tỉnh.",
        ],
        0,
        False,
        70,
    ),
]

DRAFT = (
    0,
    "Dự thảo: Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
    "Bản nháp để Thường trực góp ý trước khi đăng.",
    ["Nội dung đang được hoàn thiện."],
)
SCHEDULED = (
    2,
    "Thông báo lịch tiếp nhận hiến máu đợt 2 tại nhà văn hóa thôn Trung",
    "Đợt hiến máu thứ hai trong năm sẽ diễn ra vào 07 giờ 30 phút sáng Chủ nhật tới tại nhà văn hóa thôn Trung.",
    ["Người hiến máu mang theo căn cước công dân, ăn sáng nhẹ và ngủ đủ giấc trước ngày hiến."],
)

CAPTIONS = [
    "Quang cảnh buổi lễ tại nhà văn hóa thôn.",
    "Đại biểu phát biểu ý kiến.",
    "Bà con chăm chú theo dõi chương trình.",
    "Thường trực Mặt trận xã trao quà.",
    "Đoàn viên thanh niên hỗ trợ ban tổ chức.",
    "Người cao tuổi trong thôn tham dự.",
    "Các đại biểu chụp ảnh lưu niệm.",
    "Tình nguyện viên chuẩn bị hội trường từ sớm.",
]
PALETTES = [
    ((255, 196, 120), (190, 40, 50)),
    ((150, 210, 255), (40, 90, 170)),
    ((255, 230, 150), (220, 110, 40)),
    ((180, 235, 200), (30, 120, 90)),
    ((230, 200, 255), (110, 60, 160)),
]
FONT_PATHS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
]


def _font(size):
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def demo_photo(caption, seed, size=(1024, 683)):
    """A pleasant JPEG: a sky gradient, a sun, rolling hills and a caption band."""
    rng = random.Random(seed)
    width, height = size
    top, bottom = PALETTES[seed % len(PALETTES)]
    gradient = Image.linear_gradient("L").resize(size)
    image = ImageOps.colorize(gradient, top, bottom).convert("RGB")
    draw = ImageDraw.Draw(image)
    sun_x, sun_r = rng.randint(width // 5, width * 4 // 5), rng.randint(60, 110)
    draw.ellipse([sun_x - sun_r, 140 - sun_r, sun_x + sun_r, 140 + sun_r], fill=(255, 236, 160))
    for layer in range(3):
        base = height * (55 + layer * 10) // 100
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base + rng.randint(-50, 40)))
        points.append((width, height))
        shade = 60 + layer * 35
        draw.polygon(points, fill=(shade // 2, 90 + layer * 30, shade // 2))
    font = _font(34)
    lines = _wrap(draw, caption, font, width - 80)[:2]
    band = 40 + 50 * len(lines)
    draw.rectangle([0, height - band, width, height], fill=(140, 0, 20))
    for number, line in enumerate(lines):
        draw.text((40, height - band + 20 + 50 * number), line, font=font, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _upload(caption, seed):
    return SimpleUploadedFile(f"anh-{seed}.jpg", demo_photo(caption, seed), content_type="image/jpeg")


def _body(paragraphs):
    return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)


def blood_drive_post(blood):
    """The featured post about the year's blood drive, in the (category, title, …) shape of POSTS.

    `blood` holds the figures the campaign records ({"units", "target", "percent", "rounds",
    "year"}), so the post says what the campaign page says; None leaves the post out.
    """
    if not blood:
        return None
    units, target = format_number(blood["units"]), format_number(blood["target"])
    reached = f", đạt {blood['percent']}% chỉ tiêu tỉnh giao" if blood["percent"] is not None else ""
    return (
        2,
        f"Hiến máu tình nguyện năm {blood['year']}: {units} đơn vị máu sau {blood['rounds']} đợt",
        f"Qua {blood['rounds']} đợt hiến máu tại Trạm Y tế xã, đoàn viên, thanh niên và Nhân dân các thôn "
        f"đã hiến {units} đơn vị máu trên chỉ tiêu {target} đơn vị{reached}.",
        [
            "Người hiến máu nhiều tuổi nhất năm nay là một cựu chiến binh 58 tuổi của thôn Phú Lộc, với lần "
            "hiến thứ 12. Đoàn viên thanh niên chiếm gần một nửa số người tham gia.",
            "Ban tổ chức cảm ơn Trạm Y tế xã và các tình nguyện viên đã hỗ trợ suốt các buổi sáng hiến máu.",
        ],
        9,
        True,
        2,
    )


def load(commune=None, log=print, figures=None):
    """Create the demo categories and posts once; returns the number of posts made.

    `figures` are what other apps record (given by the portal's demo loader, since news does
    not read campaigns): posts that quote figures are written from them.
    """
    commune = commune or Commune.objects.order_by("pk").first()
    if commune is None:
        commune = Commune.objects.create(name="Hòa Phú")
    # Documents and announcements (news/demo_registry.py, drawn with this module's fonts).
    from . import demo_registry

    demo_registry.load(commune, log)
    if Category.objects.filter(commune=commune).exists():
        log("  tin tức: đã có, bỏ qua")
        return 0
    categories = [
        Category.objects.create(commune=commune, name=name, description=description, position=index)
        for index, (name, description) in enumerate(CATEGORIES, start=1)
    ]
    now = timezone.now()
    seed = 0
    posts = [*POSTS, blood_drive_post((figures or {}).get("blood"))]
    posts = [spec for spec in posts if spec]
    for index, (cat, title, lead, paragraphs, photo_count, featured, days_ago) in enumerate(posts):
        post = Post.objects.create(
            category=categories[cat],
            title=title,
            lead=lead,
            body=_body(paragraphs),
            author=["Thu Hà", "Minh Quân", "Ban Thường trực UB MTTQ xã"][index % 3],
            status=Post.Status.PUBLISHED,
            published_at=now - timedelta(days=days_ago, hours=index),
            is_featured=featured,
            view_count=37 + index * 13,
        )
        seed += 1
        services.set_cover(post, _upload(f"{categories[cat].name} · xã Hòa Phú", seed))
        uploads = []
        for number in range(1, photo_count + 1):
            seed += 1
            uploads.append(_upload(f"{title[:60]} – ảnh {number}", seed))
        for photo, caption in zip(services.add_photos(post, uploads), CAPTIONS * 2, strict=False):
            photo.caption = caption
            photo.save(update_fields=["caption"])
    for spec, status, when in (
        (DRAFT, Post.Status.DRAFT, None),
        (SCHEDULED, Post.Status.PUBLISHED, now + timedelta(days=2)),
    ):
        cat, title, lead, paragraphs = spec
        Post.objects.create(
            category=categories[cat],
            title=title,
            lead=lead,
            body=_body(paragraphs),
            status=status,
            published_at=when,
        )
    _link_conferences(commune)
    from . import demo_gallery

    demo_gallery.load(commune, log)
    from . import demo_media

    demo_media.load(commune, log)
    total = Post.objects.filter(category__commune=commune).count()
    log(f"  tin tức: {len(categories)} chuyên mục, {total} bài (1 bản nháp, 1 hẹn giờ)")
    return total


def _link_conferences(commune):
    """Point the conference reports of the demo at the conferences the congresses demo made."""
    conferences = Conference.objects.filter(committee__commune=commune).order_by("-starts_at")
    links = [
        (
            "Hội nghị Ban công tác Mặt trận thôn Đông",
            conferences.filter(kind=Conference.Kind.TERM, committee__area__name="Đông"),
        ),
        ("Hội nghị đối thoại", conferences.filter(kind=Conference.Kind.DIALOGUE)),
        ("sơ kết công tác Mặt trận 6 tháng", conferences.filter(kind=Conference.Kind.MID_YEAR)),
    ]
    for title_part, candidates in links:
        conference = candidates.first()
        if conference:
            Post.objects.filter(title__contains=title_part, conference__isnull=True).update(
                conference=conference
            )
