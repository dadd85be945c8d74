"""How long an editor waits for a 30-photo upload, and how long the worker then takes.

    .venv/bin/python bench/photo_upload_bench.py            # 30 photos of 4000 × 3000
    .venv/bin/python bench/photo_upload_bench.py --photos 10 --size 3000x2000

Thirty distinct camera-size JPEGs (noise under a gradient, quality 92: about 3–4 MB each,
like a phone's) are made with Pillow, then POSTed as one multipart form to the admin's "add
post" page through Django's test client (the whole request: multipart parsing, the checks,
the private copies, the rows and the 30 jobs), against a fresh SQLite file with the database
queue. Then `run_worker --batch` makes the photos and is timed too. Prints both.
"""

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))


def camera_jpeg(seed, size):
    from PIL import Image, ImageFilter

    noise = Image.effect_noise((size[0] // 6, size[1] // 6), 30 + seed % 40).convert("L")
    gradient = Image.linear_gradient("L").resize(noise.size)
    image = Image.merge("RGB", [noise, gradient, Image.blend(noise, gradient, 0.5)])
    image = image.resize(size, Image.BILINEAR).filter(ImageFilter.DETAIL)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=30)
    parser.add_argument("--size", default="4000x3000")
    args = parser.parse_args()
    size = tuple(int(part) for part in args.size.split("x"))

    work = Path(tempfile.mkdtemp(prefix="mttq-photo-bench-"))
    os.environ.update(
        TESTING="1",
        TASKS_BACKEND="database",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        PRIVATE_MEDIA_ROOT=str(work / "private"),
        DJANGO_SETTINGS_MODULE="mttq_portal.settings",
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from congresses.models import Commune
    from news.models import Category, Photo

    try:
        call_command("migrate", verbosity=0)
        commune = Commune.objects.create(name="Hòa Phú")
        category = Category.objects.create(commune=commune, name="Hoạt động Mặt trận")
        admin = get_user_model().objects.create_superuser("bench", "bench@example.vn", "Bench@2026-x")
        started = time.perf_counter()
        # Kept between runs: drawing 30 camera-size photos costs more than uploading them.
        cache = Path(tempfile.gettempdir()) / f"mttq-bench-photos-{size[0]}x{size[1]}"
        cache.mkdir(exist_ok=True)
        photos = []
        for n in range(args.photos):
            path = cache / f"{n}.jpg"
            if not path.exists():
                path.write_bytes(camera_jpeg(n, size))
            photos.append(path.read_bytes())
        made = time.perf_counter() - started
        total_mb = sum(len(p) for p in photos) / 1024 / 1024
        print(
            f"{args.photos} JPEGs of {size[0]} × {size[1]}: {total_mb:.1f} MB in all (made in {made:.1f} s)"
        )

        client = Client(HTTP_HOST="localhost")
        client.force_login(admin)
        form = {
            "title": "Ngày hội Đại đoàn kết thôn Phú Lộc",
            "category": category.pk,
            "lead": "Bà con thôn Phú Lộc vui ngày hội.",
            "body": "<p>Ngày hội diễn ra vui tươi.</p>",
            "status": "published",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
            "new_photos": [
                SimpleUploadedFile(f"IMG_{n:04d}.jpg", data, content_type="image/jpeg")
                for n, data in enumerate(photos, 1)
            ],
        }
        client.get(reverse("admin:news_post_add"))  # warm: URLs, admin and templates loaded once
        started, cpu = time.perf_counter(), time.process_time()
        response = client.post(reverse("admin:news_post_add"), form)
        upload, upload_cpu = time.perf_counter() - started, time.process_time() - cpu
        assert response.status_code == 302, (response.status_code, response.content.decode()[-3000:])
        assert Photo.objects.filter(render_status="queued").count() == args.photos
        print(
            f"upload request: {upload:.2f} s wall, {upload_cpu:.2f} s CPU of this process (with the test "
            f"client's encoding), {args.photos} photos queued; load average {os.getloadavg()[0]:.1f}"
        )

        started, cpu = time.perf_counter(), time.process_time()
        call_command("run_worker", batch=True, interval=0, verbosity=0)
        worker, worker_cpu = time.perf_counter() - started, time.process_time() - cpu
        ready = Photo.objects.filter(render_status="ready").count()
        print(
            f"worker: {worker:.1f} s wall, {worker_cpu:.1f} s CPU for {ready}/{args.photos} photos "
            f"({worker_cpu / max(ready, 1):.2f} s CPU a photo)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
