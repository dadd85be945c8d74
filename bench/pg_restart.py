"""PostgreSQL restarted under a short load: requests fail only while it is down, and every
write the portal confirmed is still there afterwards.

Usage:  .venv/bin/python bench/pg_restart.py [--seconds 24] [--restart-at 8] [--readers 6]

Runs a PostgreSQL cluster of its own (initdb in a temporary folder, a free port on 127.0.0.1;
as root, through `runuser -u postgres`), never the machine's shared server. gunicorn (sync ×3,
production settings, persistent connections with health checks, as deployed) serves it. For
`--seconds`, readers ask for the home page, the news list and a post, and one writer
creates posts through the ORM in this process (its own connection, as a worker's); at `--restart-at` the cluster is
restarted (`pg_ctl restart -m fast`). Afterwards: every failure happened between the restart's
start and two seconds after it ended, every confirmed opinion is in the database, and reading
works again. Exit status 0 when both hold; loopback only, bounded in time.
"""

import argparse
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "khoidong.example.vn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not versions:
        sys.exit(f"missing: PostgreSQL's {name}")
    return str(versions[-1] / name)


def as_owner(command):
    """PostgreSQL refuses to run as root: as root, run it as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def cluster(work, port):
    data = Path(work, "pgdata")
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(work, "postgres")
        shutil.chown(data, "postgres")
    subprocess.run(
        as_owner([pg_bin("initdb"), "-D", str(data), "-U", "mttq", "--auth=trust", "-E", "UTF8", "--no-sync"]),
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    ctl = [pg_bin("pg_ctl"), "-D", str(data), "-l", f"{work}/pg.log", "-w", "-o",
           f"-p {port} -k {work} -c listen_addresses=127.0.0.1 -c fsync=on"]  # fmt: skip
    subprocess.run(as_owner([*ctl, "start"]), check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        as_owner([pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "mttq", "mttq"]), check=True
    )
    return ctl


def prepare(env):
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from congresses.models import Commune
    from news.models import Category, Post

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    commune = Commune.objects.create(name="Khởi Động", host=HOST)
    category = Category.objects.create(commune=commune, name="Hoạt động")
    from django.utils import timezone

    Post.objects.create(
        category=category, title="Bài đầu tiên", slug="bai-dau-tien", lead="Bài.", body="<p>Bài.</p>",
        status=Post.Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    from django.db import connections

    connections.close_all()


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), response
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=24)
    parser.add_argument("--restart-at", type=float, default=8)
    parser.add_argument("--readers", type=int, default=6)
    args = parser.parse_args()
    # A timeout's SIGTERM still stops the cluster and gunicorn (the `finally` below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    work = tempfile.mkdtemp(prefix="mttq-pg-restart-")
    pg_port, app_port = free_port(), free_port()
    ctl = cluster(work, pg_port)
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mttq_portal.settings", DATABASE_URL=f"postgres://mttq@127.0.0.1:{pg_port}/mttq",
        DEBUG="0", DEMO="0", TESTING="0", HTTPS="0", SECRET_KEY="pg-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS=HOST, STATIC_ROOT=f"{work}/static", MEDIA_ROOT=f"{work}/media", CACHE_DIR=f"{work}/cache",
        PRIVATE_MEDIA_ROOT=f"{work}/private", VIEW_COUNTER_DIR=f"{work}/view-counts", LOG_LEVEL="WARNING",
        PAGE_CACHE_SECONDS="0", REDIS_URL="",
    )  # fmt: skip
    server = None
    try:
        prepare(env)
        print(f"cluster on 127.0.0.1:{pg_port}, migrated; gunicorn on 127.0.0.1:{app_port}", flush=True)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--chdir", str(ROOT), "-w", "3", "-k", "sync",
             "-b", f"127.0.0.1:{app_port}", "--log-level", "warning", "mttq_portal.wsgi:application"],
            env=env, cwd=ROOT, stdout=open(f"{work}/gunicorn.log", "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
            start_new_session=True,
        )  # fmt: skip
        for _ in range(200):
            try:
                if request(app_port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        run(args, app_port, ctl, work)
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        subprocess.run(as_owner([*ctl, "stop", "-m", "fast"]), stdout=subprocess.DEVNULL, check=False)


def run(args, port, ctl, work):
    from news.models import Post

    started = time.monotonic()
    stop = started + args.seconds
    results = []  # (time, kind, ok)
    confirmed = []
    lock = threading.Lock()

    def reader(number):
        paths = ["/", "/tin-tuc/", "/tin/bai-dau-tien/"]
        n = number
        while time.monotonic() < stop:
            n += 1
            try:
                status = request(port, "GET", paths[n % len(paths)])[0]
                ok = status == 200
            except OSError:
                ok = False
            with lock:
                results.append((time.monotonic() - started, "read", ok))
            time.sleep(0.05)

    def writer():
        """A post created every quarter second; a confirmed one (committed) must survive."""
        import django.db

        n = 0
        while time.monotonic() < stop:
            n += 1
            title = f"Bài viết trong lúc tải {n}"
            try:
                from news.models import Category

                Post.objects.create(
                    category=Category.objects.get(), title=title, slug=f"bai-tai-{n}", lead=".", body="<p>.</p>",
                    status=Post.Status.DRAFT,
                )  # fmt: skip
                ok = True
                confirmed.append(title)
            except Exception:
                ok = False
                django.db.connections.close_all()
            with lock:
                results.append((time.monotonic() - started, "write", ok))
            time.sleep(0.25)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(args.readers)]
    threads.append(threading.Thread(target=writer))
    for thread in threads:
        thread.start()
    time.sleep(args.restart_at)
    down_from = time.monotonic() - started
    subprocess.run(as_owner([*ctl, "restart", "-m", "fast"]), stdout=subprocess.DEVNULL, check=True)
    down_to = time.monotonic() - started
    for thread in threads:
        thread.join()
    import django.db

    django.db.connections.close_all()
    failures = [(t, kind) for t, kind, ok in results if not ok]
    outside = [(round(t, 2), kind) for t, kind in failures if not (down_from - 0.1 <= t <= down_to + 2.0)]
    stored = set(Post.objects.filter(title__in=confirmed).values_list("title", flat=True))
    lost = [title for title in confirmed if title not in stored]
    after = request(port, "GET", "/tin-tuc/")[0]
    reads = [r for r in results if r[1] == "read"]
    writes = [r for r in results if r[1] == "write"]
    print(f"restart from {down_from:.2f} s to {down_to:.2f} s ({(down_to - down_from) * 1000:.0f} ms)")
    print(f"reads: {len(reads)}, failed {sum(not ok for *_, ok in reads)}; writes: {len(writes)}, "
          f"failed {sum(not ok for *_, ok in writes)}, confirmed {len(confirmed)}, lost {len(lost)}")  # fmt: skip
    if failures:
        print(f"failures between {min(t for t, _ in failures):.2f} s and {max(t for t, _ in failures):.2f} s")
    print(f"failures outside the restart (+2 s): {outside[:10]}")
    print(f"news list after the load: {after}")
    if outside or lost or after != 200:
        sys.exit(1)


if __name__ == "__main__":
    main()
