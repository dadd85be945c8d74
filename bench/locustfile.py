"""Citizens reading the public site: `bench/run_load.sh` runs this against gunicorn.

Each simulated reader opens pages the way people do from a shared link or the home page,
with a pause of 1-3 s between pages. The addresses of posts, categories and other public
pages are read from /sitemap.xml when the test starts, so new apps' pages are included
as soon as they are in the sitemap.

Two ways of choosing the posts (READERS=…):
- `shared` (the default): what one post shared on Zalo brings. Each reader arrives on that post
  (the newest, or SHARED_POST=/tin/…/), then reads on by following links: the post it opens next
  is one linked from the last page it read (the home page's and the list's cards, a search's
  results, a post's related posts), as a person on a phone does. The other tasks are as in
  `uniform` (the home page, the list, any other page of the sitemap, a search, the feed).
- `uniform`: every post read is drawn uniformly from the sitemap, the worst case for a cache
  (with 10,000 posts nearly every post read is one nobody read in the last minute).
"""

import os
import random
import re
from urllib.parse import urlparse

from locust import FastHttpUser, HttpUser, between, events, task

# FAST_HTTP=1: locust's geventhttpclient user, several times cheaper per request than the
# requests-based one, so one locust process can offer 1,000 readers' pages from the same machine.
BaseUser = FastHttpUser if os.environ.get("FAST_HTTP") == "1" else HttpUser

PAGES = {"posts": [], "other": [], "listed": [], "shared": ""}
READERS = os.environ.get("READERS", "shared")
POST_LINK = re.compile(r'href="(/tin/[^"#?]+/)"')
SEARCHES = ["mat tran", "đại đoàn kết", "hoi nghi", "vì người nghèo", "khu dân cư", "quỹ"]


@events.test_start.add_listener
def read_sitemap(environment, **kwargs):
    import urllib.request

    with urllib.request.urlopen(environment.host + "/sitemap.xml", timeout=30) as response:
        body = response.read().decode()
    for url in re.findall(r"<loc>([^<]+)</loc>", body):
        path = urlparse(url).path
        PAGES["posts" if path.startswith("/tin/") else "other"].append(path)
    if not PAGES["posts"]:
        raise RuntimeError("the sitemap lists no posts: load the demo data first")
    for page in ("/", "/tin-tuc/", "/tin-tuc/?page=2"):
        with urllib.request.urlopen(environment.host + page, timeout=30) as response:
            for path in POST_LINK.findall(response.read().decode()):
                if path not in PAGES["listed"]:
                    PAGES["listed"].append(path)
    PAGES["listed"] = PAGES["listed"] or PAGES["posts"]
    PAGES["shared"] = os.environ.get("SHARED_POST") or PAGES["listed"][0]


# How each answer was made, printed at the end: nginx's microcache (HIT, UPDATING, MISS, EXPIRED,
# BYPASS) when it is in front, and the page cache behind it (X-Page-Cache: hit or miss).
SOURCES = {}


@events.request.add_listener
def count_source(response=None, exception=None, **kwargs):
    if response is None or exception is not None:
        return
    headers = response.headers or {}
    source = f"nginx {headers.get('X-Microcache', '-')}, django {headers.get('X-Page-Cache', '-')}"
    SOURCES[source] = SOURCES.get(source, 0) + 1


@events.test_stop.add_listener
def print_sources(environment, **kwargs):
    total = sum(SOURCES.values()) or 1
    for source, count in sorted(SOURCES.items(), key=lambda item: -item[1]):
        print(f"answered by {source}: {count} ({100 * count / total:.1f} %)")


class Reader(BaseUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.links = []
        if READERS == "shared":
            self.read(PAGES["shared"], "/tin/[bài được chia sẻ]/")

    def read(self, path, name, **kwargs):
        """GET `path`; remember the posts it links to (what this reader can tap next)."""
        response = self.client.get(path, name=name, **kwargs)
        if READERS == "shared" and response.status_code == 200:
            self.links = POST_LINK.findall(response.text or "") or self.links

    def a_post(self):
        if READERS == "uniform":
            return random.choice(PAGES["posts"])
        return random.choice(self.links or PAGES["listed"])

    @task(4)
    def home(self):
        self.read("/", "/")

    @task(6)
    def post(self):
        self.read(self.a_post(), "/tin/[bài]/")

    @task(2)
    def post_list(self):
        self.read("/tin-tuc/", "/tin-tuc/")

    @task(2)
    def other_public_page(self):
        if PAGES["other"]:
            self.client.get(random.choice(PAGES["other"]), name="[trang khác trong sitemap]")

    @task(1)
    def search(self):
        self.read("/tim-kiem/", "/tim-kiem/?q=", params={"q": random.choice(SEARCHES)})

    @task(1)
    def feed(self):
        self.client.get("/rss/", name="/rss/")
