"""Two app servers behind nginx share everything a reader or an editor can notice.

Usage (PostgreSQL, Redis and an S3-compatible store running, as `.ci/run` starts them):
    DATABASE_URL=postgres://mttq:mttq@127.0.0.1:5432/mttq_two_servers \\
    REDIS_URL=redis://127.0.0.1:6390/5 S3_ENDPOINT=http://127.0.0.1:8333 \\
    .venv/bin/python bench/two_servers.py

Starts two gunicorn instances (production settings, the same database, Redis and bucket) on
free ports and nginx (/usr/sbin/nginx, as the current user, its config in a temporary folder,
the proxy and microcache snippets of deploy/) in front of them, round robin. Then, talking to
each server directly so that which one answers is known:
- a session and a CSRF token made by A are accepted by B (an editor signed in on A posts a
  form with A's token to B);
- a photo uploaded through B is served through A (a signed redirect into the bucket);
- an invalidation on one is seen on the other (B's cached news list shows the post published
  through B when read on A, and A's after an edit on A when read on B);
- the login lockout counts failures made on both (django-axes, in the database);
- through nginx, both servers answer and a signed-in editor's pages work whichever answers.
Exit status 0 when every check holds. With CI=true a missing service is a failure; otherwise
the script says what is missing and exits 2. Every process it starts is stopped at the end.
"""

import contextlib
import getpass
import http.client
import io
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "haimaychu.example.vn"
PASSWORD = "HaiMayChu@2026"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
FAILED = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        FAILED.append(what)


def missing(what):
    print(f"missing: {what}", file=sys.stderr)
    sys.exit(1 if os.environ.get("CI") else 2)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(url):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=1):
            return True
    except OSError:
        return False


class Browser:
    """Cookies kept across servers, as one browser behind a load balancer would."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        sent = {"Host": HOST, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        response.body = data.decode("utf-8", "replace")
        response.raw = data
        conn.close()
        return response

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, fields, files=None):
        from urllib3 import encode_multipart_formdata

        if files:
            body, content_type = encode_multipart_formdata(list(fields.items()) + files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return self.request(port, "POST", path, body, {"Content-Type": content_type})


def token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def login(browser, port, username, password):
    page = browser.get(port, "/quan-tri/login/?next=/quan-tri/")
    return browser.post(
        port,
        "/quan-tri/login/?next=/quan-tri/",
        {
            "csrfmiddlewaretoken": token(page.body),
            "username": username,
            "password": password,
            "next": "/quan-tri/",
        },
    )


def jpeg(color):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def post_fields(category_id, title, csrf):
    return {
        "csrfmiddlewaretoken": csrf,
        "title": title,
        "category": str(category_id),
        "lead": "Bà con dự ngày hội.",
        "body": "<p>Ngày hội diễn ra vui tươi.</p>",
        "cover_alt": "",
        "author": "Thu Hà",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }


def environment(work, database, redis_url, endpoint, bucket):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mttq_portal.settings", DATABASE_URL=database, REDIS_URL=redis_url,
        DEBUG="0", DEMO="0", TESTING="0", HTTPS="0", BEHIND_PROXY="1", SECRET_KEY="hai-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS=f"{HOST},127.0.0.1", CSRF_TRUSTED_ORIGINS=f"http://{HOST}", STATIC_ROOT=f"{work}/static",
        MEDIA_ROOT=f"{work}/media-never-used", PRIVATE_MEDIA_ROOT=f"{work}/private-never-used",
        VIEW_COUNTER_DIR=f"{work}/view-counts", LOG_LEVEL="WARNING", AXES_ENABLED="1", AXES_FAILURE_LIMIT="4",
        PAGE_CACHE_SECONDS="600", AWS_STORAGE_BUCKET_NAME=bucket, AWS_S3_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="mttq-two", AWS_SECRET_ACCESS_KEY="mttq-two-secret", AWS_S3_REGION_NAME="us-east-1",
        MEDIA_PUBLIC_PREFIX=f"{bucket}-run/public", MEDIA_PRIVATE_PREFIX=f"{bucket}-run/private",
    )  # fmt: skip
    return env


def prepare(env, bucket, endpoint):
    """Database migrated, a commune with an editor and a category, the bucket made."""
    import boto3

    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="mttq-two", aws_secret_access_key="mttq-two-secret",
        region_name="us-east-1",
    )  # fmt: skip
    with contextlib.suppress(
        client.exceptions.BucketAlreadyOwnedByYou, client.exceptions.BucketAlreadyExists
    ):
        client.create_bucket(Bucket=bucket)
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from congresses.models import Commune, StaffProfile
    from lib.roles import EDITOR, role_groups
    from news.models import Category

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    commune, _ = Commune.objects.get_or_create(host=HOST, defaults={"name": "Hai Máy Chủ"})
    category, _ = Category.objects.get_or_create(commune=commune, name="Hoạt động")
    User = get_user_model()
    run = uuid.uuid4().hex[:6]
    users = {}
    for name in ("bientap", "khoa"):
        user = User.objects.create_user(f"{name}-{run}", password=PASSWORD, is_staff=True)
        user.groups.add(role_groups()[EDITOR])
        StaffProfile.objects.create(user=user, commune=commune)
        users[name] = user.username
    return category.pk, users


def start_gunicorn(env, port, work, name):
    log = open(f"{work}/{name}.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--chdir", str(ROOT), "-w", "2", "-k", "sync", "-b", f"127.0.0.1:{port}",
         "--access-logfile", f"{work}/{name}-access.log", "--log-level", "warning", "mttq_portal.wsgi:application"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    return process


def start_worker(env, work):
    """The task worker that makes the photos' renditions, writing them to the shared store."""
    log = open(f"{work}/worker.log", "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.5"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def nginx_config(work, port, upstreams):
    proxy = (ROOT / "deploy" / "nginx-mttq-proxy.conf").read_text()
    proxy = proxy.replace("proxy_pass http://127.0.0.1:8000;", "proxy_pass http://mttq_apps;")
    Path(work, "proxy.conf").write_text(proxy)
    shutil.copy(ROOT / "deploy" / "nginx-mttq-microcache.conf", Path(work, "microcache.conf"))
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in upstreams)
    # As root, nginx's workers would switch to "nobody" and lose the temporary folder.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    Path(work, "nginx.conf").write_text(f"""
{user}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {work}/nginx-access.log;
    client_body_temp_path {work}/body; proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi; uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
    client_max_body_size 30m;
    proxy_cache_path {work}/cache levels=1:2 keys_zone=mttq_pages:10m max_size=64m inactive=10m use_temp_path=off;
    map $http_cookie $mttq_personal {{
        default 0;
        "~(^|;)\\s*(__Host-)?sessionid=" 1;
        "~(^|;)\\s*messages=" 1;
    }}
    map $http_accept_encoding $mttq_gzip {{
        default "";
        "~*gzip" ":gzip";
    }}
    upstream mttq_apps {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        server_name {HOST};
        location = /quan-tri/login/ {{ include {work}/proxy.conf; }}
        location /media/news/ {{ include {work}/proxy.conf; }}
        location / {{
            include {work}/proxy.conf;
            include {work}/microcache.conf;
        }}
    }}
}}
""")
    return Path(work, "nginx.conf")


def wait_for(port, seconds=120):
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/healthz", headers={"Host": HOST})
            conn.getresponse().read()
            return True
        except OSError:
            time.sleep(0.3)
    return False


def access_lines(path):
    return Path(path).read_text().count("\n") if Path(path).exists() else 0


def run_checks(a, b, front, category_id, users, work):
    # 1. A session and a CSRF token made by A are valid on B.
    editor = Browser()
    signed = login(editor, a, users["bientap"], PASSWORD)
    check(signed.status == 302 and "sessionid" in editor.cookies, "an editor signs in on server A")
    check(editor.get(b, "/quan-tri/").status == 200, "server B accepts the session made by A")
    form = editor.get(a, "/quan-tri/news/post/add/")
    csrf = token(form.body)
    check(form.status == 200 and bool(csrf), "server A gives the post form and its CSRF token")

    # 2. The news list cached on both before the upload.
    reader = Browser()
    for port in (a, b):
        reader.get(port, "/tin-tuc/")
    check(
        reader.get(a, "/tin-tuc/").getheader("X-Page-Cache") == "hit", "the news list is cached (read on A)"
    )

    # 3. Photo uploaded through B with A's form token; served through A.
    title = f"Ngày hội hai máy chủ {uuid.uuid4().hex[:6]}"
    files = [
        ("new_photos", (f"IMG_{n}.jpg", jpeg(color), "image/jpeg"))
        for n, color in ((1, "orange"), (2, "teal"))
    ]
    created = editor.post(b, "/quan-tri/news/post/add/", post_fields(category_id, title, csrf), files)
    check(
        created.status == 302, f"server B accepts A's CSRF token and saves the post (status {created.status})"
    )
    page = None
    for _ in range(20):  # the photos' renditions may be made by a worker
        listing = reader.get(a, "/tin-tuc/")
        if title in listing.body:
            break
        time.sleep(0.5)
    check(title in listing.body, "an invalidation on B is seen on A: A's cached list shows the new post")
    slug = re.search(r'href="(/tin/[^"]+/)">' + re.escape(title), listing.body)
    images = []
    for _ in range(240 if slug else 0):  # the worker makes the renditions, in the shared store
        page = reader.get(a, slug.group(1))
        images = re.findall(r'src="(/media/news/\d+/[^"]+\.jpg)"', page.body)
        if images:
            break
        time.sleep(0.5)
    check(bool(images), "the post page on A shows the photos uploaded through B")
    if images:
        served = reader.get(a, images[0])
        location = served.getheader("Location") or ""
        check(served.status == 302 and "X-Amz-Signature=" in location, "A answers a photo with a signed URL")
        parts = urlsplit(location)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.request("GET", parts.path + "?" + parts.query)
        photo = conn.getresponse()
        body = photo.read()
        check(
            photo.status == 200 and body[:3] == b"\xff\xd8\xff", "the photo is in the shared bucket (a JPEG)"
        )

    # 4. A post published through A is seen on B's cached list within a second.
    reader.get(b, "/tin-tuc/")
    check(reader.get(b, "/tin-tuc/").getheader("X-Page-Cache") == "hit", "B has the list cached again")
    second = f"Hội nghị hai máy chủ {uuid.uuid4().hex[:6]}"
    form = editor.get(a, "/quan-tri/news/post/add/")
    saved = editor.post(a, "/quan-tri/news/post/add/", post_fields(category_id, second, token(form.body)))
    check(saved.status == 302, f"server A saves a second post (status {saved.status})")
    # B's processes keep the tokens they read for PAGE_CACHE_LOCAL_SECONDS (0.25 s): within
    # that time of the save B may still serve its old page, never after.
    saved_at = time.monotonic()
    while second not in (listing := reader.get(b, "/tin-tuc/")).body and time.monotonic() - saved_at < 1:
        time.sleep(0.05)
    check(
        second in listing.body,
        f"an invalidation on A is seen on B within a second: B's list shows it "
        f"({time.monotonic() - saved_at:.2f} s after the save)",
    )

    # 5. The lockout counts failures on both servers.
    guesser = Browser()
    for n in range(4):
        login(guesser, (a, b)[n % 2], users["khoa"], "sai-mat-khau")
    locked = login(Browser(), b, users["khoa"], PASSWORD)
    check(
        locked.status != 302 and "sessionid" not in (locked.getheader("Set-Cookie") or ""),
        "after 4 wrong passwords split over A and B, the right one is refused on B (locked out)",
    )
    locked_a = login(Browser(), a, users["khoa"], PASSWORD)
    check(locked_a.status != 302, "and on A")

    # 6. Through nginx: round robin, and a signed-in editor works whichever server answers.
    before = (access_lines(f"{work}/a-access.log"), access_lines(f"{work}/b-access.log"))
    statuses = [editor.get(front, "/quan-tri/news/post/").status for _ in range(8)]
    after = (access_lines(f"{work}/a-access.log"), access_lines(f"{work}/b-access.log"))
    check(all(s == 200 for s in statuses), f"through nginx the editor's pages all answer 200 ({statuses})")
    check(
        after[0] > before[0] and after[1] > before[1], f"nginx sent requests to both servers {before}→{after}"
    )
    first = reader.get(front, "/tin-tuc/")
    check(first.status == 200 and title in first.body, "through nginx the reader sees the post")


def main():
    database = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    endpoint = os.environ.get("S3_ENDPOINT", os.environ.get("TEST_S3_ENDPOINT", ""))
    if not database.startswith("postgres"):
        missing("DATABASE_URL of a PostgreSQL database")
    if not redis_url or not listening(redis_url):
        missing(f"Redis at REDIS_URL ({redis_url or 'unset'})")
    if not endpoint or not listening(endpoint):
        missing(f"an S3-compatible store at S3_ENDPOINT ({endpoint or 'unset'})")
    if not os.access(NGINX, os.X_OK):
        missing(f"nginx at {NGINX}")
    work = tempfile.mkdtemp(prefix="mttq-two-servers-")
    bucket = "mttq-two-servers"
    env = environment(work, database, redis_url, endpoint, bucket)
    started = time.monotonic()
    category_id, users = prepare(env, bucket, endpoint)
    a, b, front = free_port(), free_port(), free_port()
    processes = [
        start_gunicorn(env, a, work, "a"),
        start_gunicorn(env, b, work, "b"),
        start_worker(env, work),
    ]
    config = nginx_config(work, front, (a, b))
    processes.append(
        subprocess.Popen([NGINX, "-c", str(config), "-p", work, "-e", f"{work}/nginx-error.log"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    )  # fmt: skip
    try:
        if not (wait_for(a) and wait_for(b) and wait_for(front)):
            check(False, f"servers answer (logs in {work})")
        else:
            run_checks(a, b, front, category_id, users, work)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    print(f"{len(FAILED)} failed; {time.monotonic() - started:.0f} s; logs in {work}")
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
