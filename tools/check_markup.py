"""The W3C Nu HTML checker (vnu) over every public page shape of the demo: 0 errors, or exit 1.

    make tools                                     # vnu-jar from tools/package.json
    python tools/check_markup.py                   # builds a demo database of its own in /tmp
    python tools/check_markup.py --database-url sqlite:////tmp/x.sqlite3   # built there once, then reused

Pages are rendered by Django's test client as an anonymous reader (no server to start). The
pages are found by crawling from the home page and the sitemap of each site (Hòa Phú and the
province): every link inside the site is followed, and the first two pages of each URL name
(news:post_detail, congresses:area_detail …) are kept, so a page shape added later is checked
without editing this list. A few pages no link reaches (a search with results, the 404, the
404) are added by hand below.
"""

import argparse
import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HOSTS = ("hoaphu.localhost", "tinh.localhost")
# Pages no link reaches, or shapes a crawl would see only by chance.
EXTRA = {
    "hoaphu.localhost": [
        "/tim-kiem/?q=hoi+nghi",
        "/tim-kiem/?q=khong-co-ket-qua-nao-xyz",
        "/tim-kiem/?q=Hoa+Phu",
        "/trang-khong-co/",
        "/mat-tran/khong-co-khu-dan-cu/",
    ],
    "tinh.localhost": ["/trang-khong-co/"],
}
PER_SHAPE = 2
# Not public pages, or not HTML: the admin, the officers' screen, files, feeds.
SKIP = re.compile(
    r"^/(quan-tri|nhap-lieu|media|static|favicon\.ico|robots\.txt|healthz)(/|$)|\.(xml|ics|csv|json|pdf|docx|xlsx)$"
)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _setup(database_url):
    """Django set up in this process on the demo database (built by tools/demo_site.py)."""
    sys.path.insert(0, str(ROOT))
    from tools.demo_site import demo_env

    if not database_url:
        # A database of this run's own, removed at the end.
        file = Path(tempfile.gettempdir()) / f"mttq-check-markup-{os.getpid()}.sqlite3"
        database_url = f"sqlite:///{file}"
        atexit.register(shutil.rmtree, f"{file}.files", True)
        atexit.register(file.unlink, missing_ok=True)
    env = demo_env(database_url)
    atexit.register(shutil.rmtree, env["CACHE_DIR"], True)
    atexit.register(shutil.rmtree, env["VIEW_COUNTER_DIR"], True)
    os.environ.clear()
    os.environ.update(env)
    import logging

    # The request log of every page crawled would bury the checker's report.
    logging.disable(logging.WARNING)
    import django

    django.setup()


def _gallery_posts(host):
    """A post with a gallery, of the host's commune, ahead of the crawl (the viewer's markup)."""
    from django.db.models import Count

    from congresses.models import Commune
    from news.models import Post

    if not host.startswith("hoaphu."):
        return []
    posts = Post.objects.published().annotate(shown=Count("photos")).filter(shown__gt=1)
    commune = Commune.objects.filter(slug="xa-hoa-phu").first()
    post = posts.for_commune(commune).order_by("-shown").first() if commune else None
    return [post.get_absolute_url()] if post else []


def crawl(hosts=HOSTS, per_shape=PER_SHAPE):
    """{(host, path): html} of the pages kept, every response checked for a 5xx on the way."""
    from django.test import Client
    from django.urls import Resolver404, resolve

    pages, errors = {}, []
    client = Client(raise_request_exception=False)
    for host in hosts:
        seen_shapes = {}
        queue = deque(["/"] + _gallery_posts(host) + EXTRA.get(host, []))
        sitemap = client.get("/sitemap.xml", HTTP_HOST=host)
        if sitemap.status_code == 200:
            for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode()):
                queue.append(urlsplit(loc).path)
        visited = set()
        while queue:
            path = queue.popleft()
            if path in visited or SKIP.search(urlsplit(path).path):
                continue
            visited.add(path)
            bare = urlsplit(path).path
            try:
                shape = resolve(bare).view_name
            except Resolver404:
                shape = "404"
            # A query string is its own shape only for the pages asked for by hand.
            if urlsplit(path).query and path not in EXTRA.get(host, []):
                continue
            if seen_shapes.get(shape, 0) >= per_shape:
                continue
            response = client.get(path, HTTP_HOST=host)
            if response.status_code in (301, 302):
                target = urlsplit(response["Location"])
                if not target.netloc or target.netloc == host:
                    queue.append(target.path + (f"?{target.query}" if target.query else ""))
                continue
            if response.status_code >= 500:
                errors.append(f"{host}{path}: {response.status_code}")
                continue
            if "text/html" not in response.get("Content-Type", ""):
                continue
            seen_shapes[shape] = seen_shapes.get(shape, 0) + 1
            html = response.content.decode()
            pages[(host, path)] = html
            parser = Links()
            parser.feed(html)
            for href in parser.hrefs:
                href = urldefrag(href)[0]
                parts = urlsplit(href)
                if parts.scheme and parts.scheme not in ("http", "https"):
                    continue
                if parts.netloc and parts.netloc != host:
                    continue
                if parts.path.startswith("/"):
                    queue.append(parts.path)
        print(f"check_markup: {host}: {len(seen_shapes)} page shapes, {sum(seen_shapes.values())} pages")
    return pages, errors


def validate(pages):
    """vnu's errors per page, in one Java run over files written to a temporary directory."""
    if not VNU.exists():
        sys.exit(f"check_markup: {VNU} is missing: run `make tools`")
    names = {}
    with tempfile.TemporaryDirectory(prefix="mttq-vnu-") as folder:
        for number, ((host, path), html) in enumerate(sorted(pages.items())):
            name = Path(folder) / f"page{number:04d}.html"
            name.write_text(html, encoding="utf-8")
            names[name.resolve().as_uri().replace("file:///", "file:/")] = f"http://{host}{path}"
        result = subprocess.run(
            ["java", "-Xss4m", "-jar", str(VNU), "--format", "json", "--exit-zero-always", folder],
            capture_output=True,
            text=True,
            check=True,
        )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    by_page = {}
    for message in messages:
        if message.get("type") != "error":
            continue
        page = names.get(message.get("url"), message.get("url"))
        by_page.setdefault(page, []).append(message)
    return by_page


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="", help="a database with the demo loaded (default: build one)"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the database this run builds")
    parser.add_argument("--list", action="store_true", help="print the pages checked")
    args = parser.parse_args()
    _setup(args.database_url)
    pages, server_errors = crawl()
    by_page = validate(pages)
    if args.list:
        for host, path in sorted(pages):
            print(f"  http://{host}{path}")
    total = sum(len(errors) for errors in by_page.values())
    for page, errors in sorted(by_page.items()):
        print(f"{page}: {len(errors)} errors")
        for message in errors:
            print(f"  line {message.get('lastLine')}: {message['message']}")
            if message.get("extract"):
                print(f"    {message['extract'].strip()!r}")
    for line in server_errors:
        print(f"server error: {line}")
    print(f"check_markup: {len(pages)} pages, {total} vnu errors, {len(server_errors)} server errors")
    return 1 if total or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
