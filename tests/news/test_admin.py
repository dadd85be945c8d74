"""The editors' desk: a post with many photos in one go, rejected files listed, actions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Photo, Post

from .conftest import jpeg_upload

ADD_URL = reverse("admin:news_post_add")


def post_form(category, **fields):
    data = {
        "title": "Ngày hội Đại đoàn kết thôn Phú Lộc",
        "category": category.pk,
        "lead": "Bà con thôn Phú Lộc vui ngày hội.",
        "body": "<p>Ngày hội diễn ra vui tươi.</p>",
        "cover_alt": "",
        "author": "Thu Hà",
        "status": Post.Status.PUBLISHED,
        "published_at_0": "",
        "published_at_1": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def bomb_upload():
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
    return SimpleUploadedFile("bom.png", buffer.getvalue(), content_type="image/png")


def oversized_upload():
    # Noise does not compress: a 600 × 600 JPEG of noise weighs about 370 kB.
    buffer = io.BytesIO()
    Image.effect_noise((600, 600), 90).convert("RGB").save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile("to-qua.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_an_editor_creates_a_post_with_many_photos_at_once(editor_client, category):
    photos = [jpeg_upload(f"IMG_{n}.jpg") for n in range(1, 6)]
    response = editor_client.post(ADD_URL, post_form(category, new_photos=photos), follow=True)
    assert response.status_code == 200
    assert "Đã nhận 5 ảnh. Ảnh đang được xử lý và sẽ hiện trên trang khi xong." in response.content.decode()
    post = Post.objects.get()
    assert post.slug == "ngay-hoi-dai-doan-ket-thon-phu-loc"
    assert post.status == Post.Status.PUBLISHED
    assert [p.alt_text for p in post.photos.order_by("position")][
        -1
    ] == "Ngày hội Đại đoàn kết thôn Phú Lộc – ảnh 5"
    assert all(p.renditions["thumb"]["width"] for p in post.photos.all())


def test_the_slug_cannot_be_typed_by_hand(editor_client, category):
    editor_client.post(ADD_URL, post_form(category, slug="tu-go-tay"))
    assert Post.objects.get().slug == "ngay-hoi-dai-doan-ket-thon-phu-loc"


@pytest.mark.parametrize(
    ("bad_file", "message"),
    [
        (
            SimpleUploadedFile("thu-moi.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg"),
            "không phải là ảnh hợp lệ",
        ),
        (oversized_upload(), "vượt giới hạn"),
        (bomb_upload(), "quá lớn để xử lý"),
    ],
    ids=["not-an-image", "oversized", "decompression-bomb"],
)
def test_a_bad_file_among_good_ones_is_listed_and_nothing_is_saved(
    editor_client, category, settings, bad_file, message
):
    settings.IMAGE_MAX_BYTES = 200_000  # a real phone limit is 15 MB; the bomb itself is only 48 kB
    good = [jpeg_upload("tot-1.jpg"), jpeg_upload("tot-2.jpg")]
    response = editor_client.post(ADD_URL, post_form(category, new_photos=[good[0], bad_file, good[1]]))
    assert response.status_code == 200  # the form comes back with the errors
    page = response.content.decode()
    assert "Chưa lưu ảnh nào: 1 tệp bị từ chối." in page
    assert message in page
    assert bad_file.name in page
    assert Photo.objects.count() == 0
    assert Post.objects.count() == 0


def test_photos_added_to_an_existing_post_come_after_the_current_ones(editor_client, make_post):
    post = make_post()
    url = reverse("admin:news_post_change", args=[post.pk])
    editor_client.post(url, post_form(post.category, title=post.title, new_photos=[jpeg_upload()]))
    editor_client.post(
        url, post_form(post.category, title=post.title, new_photos=[jpeg_upload(), jpeg_upload()])
    )
    assert list(post.photos.order_by("position").values_list("position", flat=True)) == [1, 2, 3]


def test_a_rejected_cover_keeps_the_post_unchanged(editor_client, make_post):
    post = make_post("Bài cũ")
    url = reverse("admin:news_post_change", args=[post.pk])
    fake = SimpleUploadedFile("bia.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = editor_client.post(url, post_form(post.category, title="Bài mới", cover_upload=fake))
    assert "không phải là ảnh hợp lệ" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Bài cũ"
    assert not post.cover


def test_the_publish_action_publishes_drafts_now(editor_client, make_post):
    draft = make_post(status=Post.Status.DRAFT)
    changelist = reverse("admin:news_post_changelist")
    response = editor_client.post(
        changelist, {"action": "publish_now", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Đã đăng 1 bài." in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_public


def test_the_feature_action_marks_posts_for_the_home_page(editor_client, make_post):
    post = make_post()
    changelist = reverse("admin:news_post_changelist")
    editor_client.post(changelist, {"action": "mark_featured", "_selected_action": [post.pk]})
    post.refresh_from_db()
    assert post.is_featured


def test_the_post_list_and_the_change_page_open_in_vietnamese(editor_client, make_post):
    post = make_post()
    assert (
        "Thêm ảnh vào bài (chọn nhiều ảnh một lần)"
        in editor_client.get(reverse("admin:news_post_change", args=[post.pk])).content.decode()
    )
    assert (
        "Đăng ngay các bài đã chọn"
        in editor_client.get(reverse("admin:news_post_changelist")).content.decode()
    )


def test_the_post_list_tells_drafts_scheduled_and_published_apart(editor_client, make_post, clock):
    from datetime import timedelta

    make_post("Bài nháp", status=Post.Status.DRAFT)
    make_post("Bài hẹn giờ", published_at=clock.now + timedelta(hours=3))
    make_post("Bài đã đăng")
    page = editor_client.get(reverse("admin:news_post_changelist")).content.decode()
    assert "Bản nháp" in page and "Hẹn giờ: " in page and "Đã đăng" in page
    clock.move(hours=4)
    page = editor_client.get(reverse("admin:news_post_changelist")).content.decode()
    assert "Hẹn giờ: " not in page


def test_the_photo_rows_give_the_address_to_put_a_photo_in_the_body(editor_client, make_post):
    from news import services
    from tests.news.conftest import jpeg_upload

    post = make_post(status="draft")
    services.add_photos(post, [jpeg_upload()])
    page = editor_client.get(f"/quan-tri/news/post/{post.pk}/change/").content.decode()
    assert f"<code>{post.photos.get().medium.jpeg_url}</code>" in page


def test_a_body_image_from_the_posts_photos_is_kept_and_one_from_elsewhere_is_not(make_post):
    from news import services
    from tests.news.conftest import jpeg_upload

    post = make_post()
    services.add_photos(post, [jpeg_upload()])
    own = post.photos.get().medium.jpeg_url
    post.body = (
        f'<p>Chữ</p><img src="{own}" alt="Ảnh của bài"><img src="https://other.example/a.jpg" alt="x">'
    )
    post.save()
    post.refresh_from_db()
    assert own in post.body and "other.example" not in post.body
