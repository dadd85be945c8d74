"""Demo videos, website links and banners, for `make demo`. No video file is kept in the
repository: the demo's videos are YouTube links (an uploaded MP4 is made only when ffmpeg is
on the machine), their posters and the banners drawn here."""

import datetime
import io
import shutil
import subprocess
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from .albums import Album
from .links import Banner, WebLink
from .models import Post
from .videos import Video

# Public YouTube videos standing in for a commune's own (privacy-enhanced player, tapped to play).
VIDEOS = [
    (
        "Phim tài liệu: Mặt trận Tổ quốc Việt Nam – 95 năm đoàn kết",
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "Video minh họa của bản demo: thay bằng video của xã trong trang quản trị.",
    ),
    (
        "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
        "https://youtu.be/ScMzIvxBSi4",
        "Video minh họa của bản demo, gắn với album và bài viết về ngày hội.",
    ),
]
LINKS = [
    ("Ủy ban Trung ương MTTQ Việt Nam", "https://mattran.org.vn"),
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Cổng Thông tin điện tử tỉnh", "https://www.tinh.example.vn"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
]
BANNERS = [
    ("Hưởng ứng Tháng cao điểm “Vì người nghèo”", "/van-dong/", Banner.Place.SIDE, (176, 0, 0)),
    ("Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh", "", Banner.Place.FOOTER, (0, 90, 150)),
]


def banner_image(text, colour, size=(1200, 300)):
    """A plain banner: the colour, a yellow band and the text in white; JPEG bytes."""
    from .demo import _font, _wrap

    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, size[1] - 24, size[0], size[1]], fill=(250, 204, 21))
    font = _font(56)
    lines = _wrap(draw, text, font, size[0] - 120)[:3]
    top = (size[1] - 24 - 70 * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((60, top + 70 * number), line, font=font, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def tiny_mp4():
    """A two-second MP4 made by ffmpeg when it is installed; None otherwise."""
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = f"{folder}/video.mp4"
        command = [
            ffmpeg,
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x180:rate=15",
            "-t",
            "2",
            "-pix_fmt",
            "yuv420p",
            "-movflags",
            "+faststart",
            target,
        ]
        if subprocess.run(command, check=False, timeout=60).returncode != 0:  # noqa: S603
            return None
        with open(target, "rb") as handle:
            return handle.read()


def load(commune, log=print):
    from . import services
    from .demo import demo_photo

    if Video.objects.filter(commune=commune).exists():
        log("  video, liên kết, băng rôn: đã có, bỏ qua")
        return
    album = Album.objects.filter(commune=commune).first()
    post = Post.objects.published().for_commune(commune).filter(title__icontains="Đại đoàn kết").first()
    for number, (title, url, description) in enumerate(VIDEOS):
        poster = SimpleUploadedFile(f"poster-{number}.jpg", demo_photo(title, 700 + number, (1280, 720)))
        video = Video(
            commune=commune,
            title=title,
            description=description,
            recorded_on=datetime.date(2026, 11, 18) - datetime.timedelta(days=30 * number),
            album=album if number == 1 else None,
            post=post if number == 1 else None,
        )
        services.save_video(video, youtube_url=url, poster=poster)
    data = tiny_mp4()
    if data:
        services.save_video(
            Video(commune=commune, title="Ra quân dọn vệ sinh môi trường thôn Tây"),
            file=SimpleUploadedFile("ra-quan.mp4", data, content_type="video/mp4"),
        )
    for position, (title, url) in enumerate(LINKS):
        services.save_web_link(WebLink(commune=commune, title=title, url=url, position=position))
    now = timezone.now()
    for position, (title, url, place, colour) in enumerate(BANNERS):
        banner = Banner(
            commune=commune,
            title=title,
            url=url,
            place=place,
            position=position,
            starts_at=now - datetime.timedelta(days=1),
            ends_at=now + datetime.timedelta(days=60),
        )
        services.save_banner(
            banner, SimpleUploadedFile(f"bang-ron-{position}.jpg", banner_image(title, colour))
        )
    log(
        f"  video: {Video.objects.filter(commune=commune).count()}, liên kết: {len(LINKS)}, băng rôn: {len(BANNERS)}"
    )
