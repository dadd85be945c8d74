"""Citizens reading the public site: `bench/run_load.sh` runs this against gunicorn.

Each simulated reader opens pages the way people do from a shared link or the home page,
with a pause of 1-3 s between pages. The addresses of posts, categories and other public
pages are read from /sitemap.xml when the test starts, so new apps' pages are included
as soon as they are in the sitemap.
"""

import os
import random
import re
from urllib.parse import urlparse

from locust import FastHttpUser, HttpUser, between, events, task

# FAST_HTTP=1: locust's geventhttpclient user, several times cheaper per request than the
# requests-based one, so one locust process can offer 1,000 readers' pages from the same machine.
BaseUser = FastHttpUser if os.environ.get("FAST_HTTP") == "1" else HttpUser

PAGES = {"posts": [], "other": []}
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


class Reader(BaseUser):
    wait_time = between(1, 3)

    @task(4)
    def home(self):
        self.client.get("/", name="/")

    @task(6)
    def post(self):
        self.client.get(random.choice(PAGES["posts"]), name="/tin/[bài]/")

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
