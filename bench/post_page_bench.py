"""Requests per second of the post page with and without its write, against a bare Django view.

Usage:  .venv/bin/python bench/post_page_bench.py [--posts 1000] [--seconds 10] [--clients 8]

Builds a SQLite database in a temporary folder (posts with a cover and a 6-photo gallery,
made with bulk_create), starts gunicorn (sync ×5, production settings, `bench.settings`) and
asks, in rounds, for: the bare reference view, the post page with the UPDATE it used to do on
every GET (`/bench/tin-ghi/…`), the post page as it is (`/tin/…`), the news list. Each round
lasts `--seconds` with `--clients` keep-alive clients spread over the posts; two rounds each,
interleaved, so a noisy neighbour hurts all alike. Prints req/s and the ratio to the reference.
"""

import argparse
import http.client
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", 8111))
FAKE = {
    size: {"webp": f"r/x-{size}.webp", "jpeg": f"r/x-{size}.jpg", "width": w, "height": w * 2 // 3}
    for size, w in (("thumb", 480), ("medium", 960), ("large", 1600))
}


def environment(work):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings", DATABASE_URL=f"sqlite:///{work}/bench.sqlite3",
        DEBUG="0", DEMO="0", TESTING="0", HTTPS="0", SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1", MEDIA_ROOT=f"{work}/media", STATIC_ROOT=f"{work}/static",
        VIEW_COUNTER_DIR=f"{work}/view-counts", LOG_LEVEL="WARNING", AXES_ENABLED="1",
    )  # fmt: skip
    return env


def load(posts):
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from congresses.models import Commune
    from news.models import Category, Photo, Post, search_words

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    commune = Commune.objects.create(name="Thử tải")
    category = Category.objects.create(commune=commune, name="Hoạt động")
    now = timezone.now()
    body = "<p>" + "Bà con thôn Đông dự hội nghị, đóng góp ý kiến xây dựng nông thôn mới. " * 30 + "</p>"
    created = Post.objects.bulk_create(
        Post(category=category, title=f"Hội nghị thôn Đông số {n}", slug=f"bai-{n}", lead="Bà con dự hội nghị.",
             body=body, status=Post.Status.PUBLISHED, published_at=now - timedelta(hours=n), cover="news/x.jpg",
             cover_width=1600, cover_height=1067, cover_renditions=FAKE,
             search_text=" " + search_words(body), search_title=" " + search_words(f"Hội nghị thôn Đông số {n}"))
        for n in range(posts)
    )  # fmt: skip
    Photo.objects.bulk_create(
        Photo(post=post, image="news/p.jpg", width=1600, height=1067, renditions=FAKE, alt_text=f"ảnh {n}",
              position=n)
        for post in created for n in range(6)
    )  # fmt: skip
    return [post.slug for post in created]


def hammer(paths, seconds, clients):
    done = [0] * clients
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def client(number):
        rng = random.Random(number)
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.monotonic() < stop:
            try:
                conn.request("GET", rng.choice(paths))
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    done[number] += 1
                else:
                    errors[number] += 1
            except OSError:
                errors[number] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds, sum(errors)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="mttq-post-bench-")
    env = environment(work)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    slugs = load(args.posts)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--chdir", str(ROOT), "-w", "5", "-k", "sync", "-b", f"127.0.0.1:{PORT}",
         "--log-level", "warning", "bench.settings_wsgi:application"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=2).request("GET", "/bench/bare/")
                break
            except OSError:
                time.sleep(0.2)
        sample = slugs[:200]
        cases = {
            "bare reference view": ["/bench/bare/"],
            "post page, UPDATE on GET (before)": [f"/bench/tin-ghi/{slug}/" for slug in sample],
            "post page, counted in the cache (after)": [f"/tin/{slug}/" for slug in sample],
            "news list": ["/tin-tuc/", "/tin-tuc/?trang=2", "/tin-tuc/?trang=3"],
        }
        for paths in cases.values():
            hammer(paths, 2, 2)  # warm up: templates compiled, connections open
        results = {name: [] for name in cases}
        for _ in range(2):
            for name, paths in cases.items():
                results[name].append(hammer(paths, args.seconds, args.clients))
        reference = sum(rps for rps, _ in results["bare reference view"]) / 2
        print(f"{args.posts} posts, 6 photos each; gunicorn sync ×5, SQLite; {args.clients} clients, "
              f"2 × {args.seconds} s per case")  # fmt: skip
        print(f"{'case':<42} {'req/s':>8} {'× ref':>7} {'errors':>7}")
        for name, runs in results.items():
            rps = sum(r for r, _ in runs) / len(runs)
            print(f"{name:<42} {rps:>8.1f} {rps / reference:>7.3f} {sum(e for _, e in runs):>7}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
