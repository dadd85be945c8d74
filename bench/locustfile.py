"""Citizens reading the public site: `bench/run_load.sh` runs this against gunicorn.

Each simulated reader opens pages the way people do from a shared link or the home page,
with a pause of 1-3 s between pages. The addresses of posts, categories and other public
pages are read from /sitemap.xml when the test starts, so new apps' pages are included
as soon as they are in the sitemap.

Two ways of choosing the posts (READERS=…):
- `shared` (the default): what one post shared on Zalo brings. Each reader arrives on that post
  (the newest, or SHARED_POST=/tin/…/), then reads on: the posts it opens are, four times in
  five, ones the home page and the news list show (their first two pages), and once in five any
  post of the sitemap (a search result, a related post, an old link).
- `uniform`: every post of the sitemap equally likely, the worst case for a cache (with 10,000
  posts nearly every post read is one nobody read in the last minute).
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
FROM_THE_LISTS = 0.8
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
            for path in re.findall(r'href="(/tin/[^"#?]+/)"', response.read().decode()):
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


def a_post():
    if READERS == "uniform" or random.random() >= FROM_THE_LISTS:
        return random.choice(PAGES["posts"])
    return random.choice(PAGES["listed"])


class Reader(BaseUser):
    wait_time = between(1, 3)

    def on_start(self):
        if READERS == "shared":
            self.client.get(PAGES["shared"], name="/tin/[bài được chia sẻ]/")

    @task(4)
    def home(self):
        self.client.get("/", name="/")

    @task(6)
    def post(self):
        self.client.get(a_post(), name="/tin/[bài]/")

    @task(2)
    def post_list(self):
        self.client.get("/tin-tuc/", name="/tin-tuc/")

    @task(2)
    def other_public_page(self):
        if PAGES["other"]:
            self.client.get(random.choice(PAGES["other"]), name="[trang khác trong sitemap]")

    @task(1)
    def search(self):
        self.client.get("/tim-kiem/", params={"q": random.choice(SEARCHES)}, name="/tim-kiem/?q=")

    @task(1)
    def feed(self):
        self.client.get("/rss/", name="/rss/")
