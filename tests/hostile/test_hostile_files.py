"""Each hostile file, fed to every upload or import it could reach, is refused in Vietnamese,
quickly, with nothing saved: no row, and no file under MEDIA_ROOT."""

import datetime
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Contribution
from congresses.models import Person
from news.models import Photo, Post
from tests.news.conftest import jpeg_upload

from . import files

IMAGE_CASES = {
    "truncated-jpeg": (files.truncated_jpeg, "tệp bị hỏng hoặc chưa tải lên hết"),
    "gif-with-script": (files.gif_with_script_tail, "có chứa mã (HTML, script)"),
    "png-bomb": (files.png_bomb, "quá lớn để xử lý"),
    "huge-jpeg-header": (files.huge_dimension_jpeg, "quá lớn để xử lý"),
    "svg": (files.svg, "không phải là ảnh hợp lệ"),
}


def upload(builder):
    name, data = builder()
    return SimpleUploadedFile(name, data)


def post_form(category, **fields):
    data = {
        "title": "Ngày hội Đại đoàn kết thôn Phú Lộc",
        "category": category.pk,
        "lead": "Bà con thôn Phú Lộc vui ngày hội.",
        "body": "<p>Ngày hội diễn ra vui tươi.</p>",
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


@pytest.fixture
def timed():
    """Asserts the block it wraps took under 5 s (the budget the issue sets for a rejection)."""

    class Timer:
        def __enter__(self):
            self.start = time.monotonic()

        def __exit__(self, *exc):
            assert time.monotonic() - self.start < 5.0

    return Timer()


@pytest.mark.parametrize("case", IMAGE_CASES)
def test_the_photo_upload_refuses_the_file_and_saves_nothing(
    client, editor, category, media_files, timed, case
):
    builder, message = IMAGE_CASES[case]
    client.force_login(editor)
    good = [jpeg_upload("tot-1.jpg"), jpeg_upload("tot-2.jpg")]
    with timed:
        response = client.post(
            reverse("admin:news_post_add"),
            post_form(category, new_photos=[good[0], upload(builder), good[1]]),
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chưa lưu ảnh nào: 1 tệp bị từ chối." in page and message in page
    assert not Post.objects.exists() and not Photo.objects.exists()
    assert media_files() == []


@pytest.mark.parametrize("case", IMAGE_CASES)
def test_the_cover_upload_refuses_the_file_and_keeps_the_post(
    client, editor, category, media_files, timed, case
):
    builder, message = IMAGE_CASES[case]
    post = Post.objects.create(category=category, title="Bài cũ", lead="Sa pô", status=Post.Status.DRAFT)
    client.force_login(editor)
    with timed:
        response = client.post(
            reverse("admin:news_post_change", args=[post.pk]),
            post_form(category, title="Bài mới", cover_upload=upload(builder)),
        )
    assert response.status_code == 200
    assert message in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Bài cũ" and not post.cover and post.cover_renditions == {}
    assert media_files() == []


@pytest.mark.parametrize("case", IMAGE_CASES)
def test_the_portrait_upload_refuses_the_file(client, staff, commune, media_files, timed, case):
    builder, message = IMAGE_CASES[case]
    client.force_login(staff)
    data = {"commune": commune.pk, "full_name": "Phan Thị Ánh", "gender": "female", "ethnicity": "Kinh"}
    with timed:
        response = client.post(reverse("admin:congresses_person_add"), {**data, "photo": upload(builder)})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["photo"]
    assert message in errors[0]
    assert not Person.objects.exists()
    assert media_files() == []


@pytest.mark.parametrize("case", IMAGE_CASES)
def test_a_receipt_is_refused(fund, area_a, officer_a, media_files, timed, case):
    builder, message = IMAGE_CASES[case]
    entry = Contribution(
        indicator=fund,
        area=area_a,
        date=datetime.date(2025, 1, 7),
        amount=100_000,
        donor_name="Nguyễn Văn An",
    )
    entry.receipt = upload(builder)
    with timed, pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert message in " ".join(error.value.message_dict["receipt"])
    assert not Contribution.objects.exists()
    assert media_files() == []


DOCUMENT_CASES = {
    "pdf-with-javascript": (files.pdf_with_javascript, "có chứa mã chạy tự động"),
    "pdf-with-hidden-javascript": (files.pdf_with_hidden_javascript, "có chứa mã chạy tự động"),
    "docx-zip-bomb": (files.docx_zip_bomb, "nén quá mức bình thường"),
}


@pytest.fixture
def meeting(area_a):
    from congresses import services
    from congresses.models import Conference

    committee = services.committee_for_area(area_a)
    return Conference.objects.create(
        committee=committee,
        kind=Conference.Kind.COMMITTEE,
        title="Hội nghị Ban công tác Mặt trận thôn Đông",
        starts_at=datetime.datetime(2025, 1, 7, 8, tzinfo=datetime.UTC),
    )


@pytest.mark.parametrize("case", DOCUMENT_CASES)
def test_a_conference_document_is_refused(meeting, media_files, timed, case):
    from congresses.models import ConferenceDocument

    builder, message = DOCUMENT_CASES[case]
    document = ConferenceDocument(conference=meeting, file=upload(builder))
    with timed, pytest.raises(ValidationError) as error:
        document.full_clean()
    assert message in " ".join(error.value.message_dict["file"])
    assert not meeting.documents.exists()
    assert media_files() == []


SPREADSHEET_CASES = {
    "ten-million-rows": files.ten_million_row_xlsx,
    "declared-ten-million-rows": files.declared_ten_million_rows_xlsx,
    "six-thousand-empty-rows": files.empty_rows_xlsx,
    "one-cell-in-row-ten-million": files.far_row_xlsx,
}


@pytest.mark.parametrize("case", SPREADSHEET_CASES)
def test_the_contribution_import_refuses_the_file(client, fund, officer_a, timed, case):
    client.force_login(officer_a)
    with timed:
        response = client.post(
            reverse("admin:campaigns_contribution_import"),
            {"campaign": fund.campaign_id, "file": upload(SPREADSHEET_CASES[case])},
        )
    assert response.status_code == 200
    assert "Tệp có hơn 5.000 dòng" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_docx_bomb_renamed_xlsx_is_refused_by_the_import(client, fund, officer_a, timed):
    _name, data = files.docx_zip_bomb()
    client.force_login(officer_a)
    with timed:
        response = client.post(
            reverse("admin:campaigns_contribution_import"),
            {"campaign": fund.campaign_id, "file": SimpleUploadedFile("ket-qua.xlsx", data)},
        )
    assert "giải nén ra" in response.content.decode()
    assert not Contribution.objects.exists()
