"""A demo site of a checker's own: its database, uploads and cache, apart from `make demo`'s.

Used by tools/check_markup.py (vnu) and bench/axe_check.py / bench/lighthouse_check.py:

    env = demo_env("sqlite:////tmp/mttq-ci-demo.sqlite3")  # built there unless it exists
    with serve(env, 8199) as url: ...                       # runserver in demo mode, stopped after

The database is built once (migrate, load_demo, and the worker's queue run so the photos
have their renditions) and kept, so one CI run builds it for every checker.
"""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def demo_env(database_url=""):
    """The environment of a demo process on `database_url` (a fresh SQLite file when empty),
    the demo loaded into it first when the file does not exist yet."""
    if not database_url:
        database_url = f"sqlite:///{tempfile.gettempdir()}/mttq-checker-{os.getpid()}.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("TESTING", "REDIS_URL", "S3_ENDPOINT")}
    env.update(DEMO="1", DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="mttq_portal.settings")
    base = database_url.removeprefix("sqlite:///") if database_url.startswith("sqlite:///") else None
    folder = Path(base + ".files") if base else Path(tempfile.mkdtemp(prefix="mttq-checker-"))
    env.update(
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private-media"),
        # A cache of the checker's own: pages cached by another demo would hide a template's change.
        CACHE_DIR=str(folder / f"cache-{os.getpid()}"),
        VIEW_COUNTER_DIR=str(folder / f"counts-{os.getpid()}"),
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    if base is None or not Path(base).exists():
        started = time.monotonic()
        for command in (
            ["migrate", "--noinput"],
            ["load_demo"],
            # The photos' renditions are the worker's job: without them a gallery shows nothing.
            ["run_worker", "--batch", "--queue-name", "*"],
        ):
            subprocess.run(manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        print(f"demo_site: demo database built in {time.monotonic() - started:.0f} s", flush=True)
    # The pages name their static files by the manifest's hashed names.
    subprocess.run(manage + ["collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    return env


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve(env, port=None):
    """The demo served at http://127.0.0.1:PORT (Hòa Phú, SITE_FALLBACK_COMMUNE), for browsers."""
    port = port or free_port()
    log = open(Path(tempfile.gettempdir()) / f"mttq-checker-server-{port}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"the demo server stopped: see {log.name}") from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
