"""Photos made by the background worker: the upload only checks and queues, the worker (the real
`run_worker` command) makes the files, the editor sees each photo's progress, the public page
shows only finished photos, a job runs twice into one set of files, a failing one stops after
its attempts with a Vietnamese message, and a worker killed mid-batch leaves nothing behind.

These run on the database queue (TASKS_BACKEND=database), as production does. The worker in
the test's own process serves every database; the test that SIGKILLs a separate worker process
needs a database two processes can open, so it runs on PostgreSQL (CI's PostgreSQL run; on
SQLite the suite's database lives in the test process's memory).
"""

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image

from news import services, tasks
from news.models import Photo, Post

from .test_admin import ADD_URL, post_form

BASE_DIR = Path(__file__).resolve().parents[2]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
Status = Photo.RenderStatus


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.TASK_RETRY_DELAY = 0


def run_worker():
    """The real worker command, in this process, until the queue is empty."""
    call_command("run_worker", batch=True, interval=0, verbosity=0)


def photo_jpeg(name, seed, size=(1600, 1200)):
    """A photo-like JPEG (noise does not compress, so it weighs like a real one)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = Image.effect_noise((size[0] // 4, size[1] // 4), 40 + seed % 30).convert("RGB").resize(size)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def media_files(root):
    root = Path(root)
    return (
        {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    )


def expected_files(photos):
    names = set()
    for photo in photos:
        if photo.image:
            names.add(photo.image.name)
        for entry in photo.renditions.values():
            names |= {entry["webp"], entry["jpeg"]}
    return names


pytestmark = pytest.mark.django_db(transaction=True)


def test_the_upload_only_checks_and_queues_and_the_worker_makes_the_photos(
    database_queue, editor_client, category, media_in_tmp
):
    uploads = [photo_jpeg(f"IMG_{n}.jpg", n, size=(1000, 750)) for n in range(1, 7)]
    response = editor_client.post(ADD_URL, post_form(category, new_photos=uploads), follow=True)
    assert "Đã nhận 6 ảnh. Ảnh đang được xử lý và sẽ hiện trên trang khi xong." in response.content.decode()
    post = Post.objects.get()
    assert set(post.photos.values_list("render_status", flat=True)) == {Status.QUEUED}
    assert DBTaskResult.objects.ready().count() == 6
    assert media_files(media_in_tmp) == set()  # nothing made in the request
    page = editor_client.get(reverse("admin:news_post_change", args=[post.pk])).content.decode()
    assert "6 ảnh: 0 xong, 6 đang xử lý, 0 lỗi" in page
    assert page.count("Đang chờ xử lý") == 6

    run_worker()

    photos = list(post.photos.order_by("position"))
    assert {photo.render_status for photo in photos} == {Status.READY}
    assert all(photo.large.width == 1000 and photo.thumb.width == 480 for photo in photos)
    assert media_files(media_in_tmp) == expected_files(photos)
    # The upload as received (with its EXIF and GPS) is gone once the photo is made.
    assert media_files(django_settings.PRIVATE_MEDIA_ROOT) == set()
    page = editor_client.get(reverse("admin:news_post_change", args=[post.pk])).content.decode()
    assert "6 ảnh: 6 xong, 0 đang xử lý, 0 lỗi" in page
    assert page.count(">Xong</span>") == 6


def test_a_post_is_published_with_the_photos_that_are_ready_and_never_shows_an_unmade_one(
    database_queue, editor_client, category
):
    from django.test import Client

    reader = Client()
    uploads = [photo_jpeg(f"IMG_{n}.jpg", n, size=(800, 600)) for n in range(1, 4)]
    response = editor_client.post(ADD_URL, post_form(category, new_photos=uploads), follow=True)
    assert "3 ảnh còn đang xử lý sẽ tự hiện trên trang khi xong" in response.content.decode()
    post = Post.objects.get()
    assert post.is_public
    page = reader.get(post.get_absolute_url()).content.decode()
    assert 'id="thu-vien-anh"' not in page and "/renditions/" not in page

    call_command("run_worker", batch=True, interval=0, max_tasks=1, verbosity=0)
    page = reader.get(post.get_absolute_url()).content.decode()
    assert "Ảnh (1)" in page and page.count('class="news-gallery-item"') == 1

    run_worker()
    page = reader.get(post.get_absolute_url()).content.decode()
    assert "Ảnh (3)" in page and page.count('class="news-gallery-item"') == 3
    for photo in post.photos.all():
        assert reader.get(photo.thumb.jpeg_url).status_code == 200


def test_a_photo_job_run_twice_makes_one_set_of_files(database_queue, make_post, media_in_tmp):
    post = make_post()
    [photo] = services.add_photos(post, [photo_jpeg("IMG_1.jpg", 1, size=(1200, 900))])
    source = photo.source.name
    run_worker()
    photo.refresh_from_db()
    first = media_files(media_in_tmp)
    assert first == expected_files([photo]) and len(first) == 7

    # A second job for the same photo (a retry racing a recovery): nothing new on disk.
    assert tasks.render_photo.call(photo.pk) == "skipped"
    # Even when it really runs again from the upload (a worker killed after writing the files).
    Photo.objects.filter(pk=photo.pk).update(render_status=Status.QUEUED, source=source)
    kept_upload = Path(django_settings.PRIVATE_MEDIA_ROOT) / source
    kept_upload.parent.mkdir(parents=True, exist_ok=True)
    kept_upload.write_bytes(default_storage.open(photo.image.name).read())
    assert tasks.render_photo.call(photo.pk) == "ready"
    photo.refresh_from_db()
    assert media_files(media_in_tmp) == first == expected_files([photo])


def test_a_failing_job_is_retried_a_bounded_number_of_times_then_shown_as_failed(
    database_queue, settings, make_post, editor_client, media_in_tmp, monkeypatch
):
    settings.TASK_MAX_ATTEMPTS = 3
    post = make_post()
    [photo] = services.add_photos(post, [photo_jpeg("IMG_1.jpg", 1, size=(800, 600))])
    calls = []

    def store_fails(name, data):
        calls.append(name)
        raise OSError("disk full")

    monkeypatch.setattr(tasks, "_put", store_fails)
    run_worker()
    photo.refresh_from_db()
    assert len(calls) == 3  # three attempts, then no more
    assert photo.render_status == Status.FAILED and photo.render_attempts == 3
    assert photo.render_error == "Không tạo được các cỡ ảnh (OSError). Đã thử 3 lần."
    assert media_files(media_in_tmp) == set()
    assert DBTaskResult.objects.ready().count() == 0
    page = editor_client.get(reverse("admin:news_post_change", args=[post.pk])).content.decode()
    assert "Lỗi: Không tạo được các cỡ ảnh (OSError). Đã thử 3 lần." in page
    assert "1 ảnh: 0 xong, 0 đang xử lý, 1 lỗi" in page

    # The store is back: the editor asks for the failed photos again.
    monkeypatch.undo()
    response = editor_client.post(
        reverse("admin:news_post_changelist"),
        {"action": "retry_photos", "_selected_action": [post.pk]},
        follow=True,
    )
    assert "Đã đưa 1 ảnh vào hàng đợi xử lý lại." in response.content.decode()
    run_worker()
    photo.refresh_from_db()
    assert photo.render_status == Status.READY and photo.render_error == ""


def test_a_photo_whose_file_turns_out_broken_is_failed_at_once_with_the_reason(
    database_queue, make_post, monkeypatch
):
    from django.core.exceptions import ValidationError

    post = make_post()
    [photo] = services.add_photos(post, [photo_jpeg("IMG_9.jpg", 9, size=(800, 600))])

    def broken(*args, **kwargs):
        raise ValidationError("Không đọc được ảnh “IMG_9.jpg”: tệp bị hỏng hoặc chưa tải lên hết.")

    monkeypatch.setattr(tasks, "decode_image", broken)
    run_worker()
    photo.refresh_from_db()
    assert photo.render_status == Status.FAILED and photo.render_attempts == 1
    assert "IMG_9.jpg" in photo.render_error


def test_a_photo_deleted_while_it_is_made_leaves_no_file(
    database_queue, make_post, media_in_tmp, monkeypatch
):
    post = make_post()
    [photo] = services.add_photos(post, [photo_jpeg("IMG_1.jpg", 1, size=(800, 600))])
    real = tasks._make_files

    def make_then_editor_deletes(photo):
        fields = real(photo)
        Photo.objects.filter(pk=photo.pk).delete()
        return fields

    monkeypatch.setattr(tasks, "_make_files", make_then_editor_deletes)
    run_worker()
    assert not Photo.objects.exists()
    assert media_files(media_in_tmp) == set()


def test_a_worker_killed_in_the_middle_of_30_photos_leaves_no_stray_file_and_the_next_one_finishes(
    postgres_only, database_queue, make_post, media_in_tmp, tmp_path
):
    post = make_post()
    photos = services.add_photos(
        post, [photo_jpeg(f"IMG_{n}.jpg", n, size=(1000, 750)) for n in range(1, 31)]
    )
    assert len(photos) == 30
    env = {
        **os.environ,
        "TESTING": "1",
        "TASKS_BACKEND": "database",
        "DATABASE_URL": "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
            **connection.settings_dict
        ),
        "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(django_settings.PRIVATE_MEDIA_ROOT),
    }
    command = [sys.executable, str(BASE_DIR / "manage.py"), "run_worker", "--interval", "0.1", "-v", "0"]
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                pytest.fail("the worker stopped by itself: " + (tmp_path / "worker.log").read_text())
            ready = Photo.objects.filter(render_status=Status.READY).count()
            busy = Photo.objects.filter(render_status=Status.PROCESSING).exists()
            if ready >= 3 and busy:
                break
            time.sleep(0.02)
        else:
            pytest.fail("the worker made no photo in 120 s: " + (tmp_path / "worker.log").read_text())
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    assert Photo.objects.filter(render_status=Status.READY).count() < 30
    assert Photo.objects.filter(render_status=Status.PROCESSING).exists()  # left half-made
    assert DBTaskResult.objects.running().exists()

    # The next worker (systemd restarts it) takes up the abandoned photo and the rest.
    again = subprocess.run([*command, "--batch"], cwd=BASE_DIR, env=env, capture_output=True, timeout=300)
    assert again.returncode == 0, again.stdout.decode() + again.stderr.decode()

    photos = list(Photo.objects.filter(post=post))
    assert {photo.render_status for photo in photos} == {Status.READY}
    assert media_files(django_settings.MEDIA_ROOT) == expected_files(photos)
    assert len(expected_files(photos)) == 30 * 7
    assert media_files(django_settings.PRIVATE_MEDIA_ROOT) == set()
    assert not DBTaskResult.objects.running().exists()
    assert DBTaskResult.objects.failed().filter(exception_class_path="lib.tasks.WorkerLost").count() == 1


def album_form(**extra):
    return {
        "title": "Trao quà Tết 2027",
        "taken_on": "20/01/2027",
        "description": "",
        "is_published": "on",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        **extra,
    }


def test_an_albums_upload_is_queued_and_the_worker_makes_its_photos(
    database_queue, editor_client, commune, media_in_tmp
):
    from django.test import Client

    from news.models import Album

    uploads = [photo_jpeg(f"IMG_{n}.jpg", n, size=(900, 600)) for n in range(1, 4)]
    response = editor_client.post(
        reverse("admin:news_album_add"), album_form(new_photos=uploads), follow=True
    )
    assert "Đã nhận 3 ảnh. Ảnh đang được xử lý và sẽ hiện trong album khi xong." in response.content.decode()
    album = Album.objects.get()
    assert set(album.photos.values_list("render_status", flat=True)) == {Status.QUEUED}
    assert media_files(media_in_tmp) == set()  # nothing made in the request
    page = editor_client.get(reverse("admin:news_album_change", args=[album.pk])).content.decode()
    assert "3 ảnh: 0 xong, 3 đang xử lý, 0 lỗi" in page
    reader = Client()
    page = reader.get(album.get_absolute_url()).content.decode()
    assert "/renditions/" not in page and reader.get(f"{album.get_absolute_url()}anh/1/").status_code == 404
    assert "0 ảnh" in reader.get(reverse("news:album_list")).content.decode()

    run_worker()

    photos = list(album.photos.order_by("position"))
    assert {photo.render_status for photo in photos} == {Status.READY}
    assert all(photo.image.name.startswith(f"albums/{album.pk}/photos/") for photo in photos)
    assert media_files(media_in_tmp) == expected_files(photos)
    assert media_files(django_settings.PRIVATE_MEDIA_ROOT) == set()
    page = reader.get(album.get_absolute_url()).content.decode()
    assert page.count(' data-jpeg="') == 3
    assert "3 ảnh" in reader.get(reverse("news:album_list")).content.decode()
    page = editor_client.get(reverse("admin:news_album_change", args=[album.pk])).content.decode()
    assert "3 ảnh: 3 xong, 0 đang xử lý, 0 lỗi" in page


def test_an_album_photo_a_dead_worker_left_half_made_is_taken_up_again(database_queue, commune, media_in_tmp):
    import datetime

    from news.models import Album

    album = Album.objects.create(commune=commune, title="Ngày hội", taken_on=datetime.date(2026, 11, 18))
    [photo] = services.add_album_photos(album, [photo_jpeg("IMG_1.jpg", 1, size=(800, 600))])
    DBTaskResult.objects.all().delete()  # the job was lost with its worker
    type(photo).objects.filter(pk=photo.pk).update(
        render_status=Status.PROCESSING, render_attempts=1, render_worker="gone:1:x"
    )
    assert tasks.recover_photos(lambda worker: worker == "gone:1:x") == 1
    run_worker()
    photo.refresh_from_db()
    assert photo.render_status == Status.READY and photo.large.width == 800
