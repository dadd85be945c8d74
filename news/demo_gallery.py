"""Demo tags and a photo album (drawn with news.demo's photos), for `make demo`."""

import datetime

from .models import Album, Post, Tag

ALBUM_TITLE = "Ngày hội Đại đoàn kết toàn dân tộc năm 2026"
ALBUM_CAPTIONS = [
    "Lễ chào cờ mở đầu ngày hội tại nhà văn hóa thôn Đông.",
    "Đồng chí Chủ tịch Ủy ban MTTQ xã phát biểu.",
    "Trao Giấy khen cho các gia đình văn hóa tiêu biểu.",
    "Bà con cùng thưởng thức mâm cơm đoàn kết.",
    "Tiết mục văn nghệ của chi hội phụ nữ thôn Tây.",
    "Trò chơi kéo co giữa các chi hội.",
    "Các cụ cao tuổi tham dự ngày hội.",
    "Thanh niên dọn vệ sinh khuôn viên sau buổi lễ.",
    "Ảnh lưu niệm của Ban công tác Mặt trận thôn.",
]
TAGS = {
    "Đại đoàn kết": ["Đại đoàn kết", "ngày hội"],
    "Vì người nghèo": ["người nghèo", "hộ nghèo", "Vì người nghèo"],
    "Hiến máu": ["hiến máu"],
}


def load(commune, log=print):
    """Tags on the demo posts and one album of nine photos, once."""
    from . import services
    from .demo import _upload

    if Album.objects.filter(commune=commune).exists():
        log("  thư viện ảnh: đã có, bỏ qua")
        return
    posts = Post.objects.filter(category__commune=commune)
    for name, words in TAGS.items():
        tag = Tag.objects.create(commune=commune, name=name)
        for post in posts:
            if any(word.lower() in post.title.lower() for word in words):
                post.tags.add(tag)
    album = Album.objects.create(
        commune=commune,
        title=ALBUM_TITLE,
        description="Những hình ảnh ngày hội ở các thôn, khu dân cư của xã.",
        taken_on=datetime.date(2026, 11, 18),
    )
    uploads = [_upload(caption[:60], 900 + number) for number, caption in enumerate(ALBUM_CAPTIONS)]
    for photo, caption in zip(services.add_album_photos(album, uploads), ALBUM_CAPTIONS, strict=True):
        photo.caption = caption
        photo.save(update_fields=["caption"])
    log(f"  thư viện ảnh: {len(TAGS)} từ khóa, 1 album {len(ALBUM_CAPTIONS)} ảnh")
