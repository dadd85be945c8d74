"""Requests per second of cached public pages against the bare reference view, same run.

Usage:  .venv/bin/python bench/page_cache_bench.py [--posts 1000] [--seconds 8] [--clients 8]
        [--redis redis://127.0.0.1:6390/0]

Same data and server as `post_page_bench.py` (SQLite, 1,000 posts with a cover and 6 photos,
gunicorn sync ×5, production settings with `bench.settings`), the page cache on. Cases, two
interleaved rounds each: the bare reference view (`bench/reference.py`), the home page, the
news list (3 pages), 200 post pages, a fund drive's page and its 6 hamlets' area pages from the
cache (warmed first), then the same pages rendered (a `sessionid` cookie makes the cache step
aside, as for staff). Without `--redis` the cache is the production default without Redis:
files on this machine.
"""

import argparse
import http.client
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from post_page_bench import PORT, environment, load  # noqa: E402

UNCACHED = {"Cookie": "sessionid=khong-co-phien"}


def load_campaign_and_areas(areas=6, gifts=40):
    """The commune's hamlets and an active fund drive with a target and gifts in each hamlet:
    the campaign page and the area pages the issue names beside home, list and post."""
    import datetime

    from campaigns.models import Campaign, Contribution, Indicator, Target
    from congresses.models import Commune, ResidentialArea

    commune = Commune.objects.get(name="Thử tải")
    hamlets = [
        ResidentialArea.objects.create(commune=commune, name=f"Thôn {n}", position=n)
        for n in range(1, areas + 1)
    ]
    campaign = Campaign.objects.create(
        commune=commune, name="Vận động Quỹ “Vì người nghèo”", status=Campaign.Status.ACTIVE,
        start_date=datetime.date(2026, 1, 1),
    )  # fmt: skip
    fund = Indicator.objects.create(
        campaign=campaign, name="Quỹ “Vì người nghèo”", report_phrase="Vận động Quỹ"
    )
    Target.objects.create(indicator=fund, amount=600_000_000)
    for hamlet in hamlets:
        Target.objects.create(indicator=fund, area=hamlet, amount=100_000_000)
        Contribution.objects.bulk_create(
            Contribution(indicator=fund, area=hamlet, amount=750_000 + 50_000 * n, donor_name=f"Hộ ông {n}",
                         date=datetime.date(2026, 3, 1) + datetime.timedelta(days=n))
            for n in range(gifts)
        )  # fmt: skip
    return [campaign.get_absolute_url()], [hamlet.get_absolute_url() for hamlet in hamlets]


def hammer(paths, seconds, clients, headers=None):
    done, errors, hits = [0] * clients, [0] * clients, [0] * clients
    stop = time.monotonic() + seconds

    def client(number):
        rng = random.Random(number)
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.monotonic() < stop:
            try:
                conn.request("GET", rng.choice(paths), headers=headers or {})
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    done[number] += 1
                    hits[number] += response.getheader("X-Page-Cache") == "hit"
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
    return sum(done) / seconds, sum(errors), sum(hits) / max(1, sum(done))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--redis", default="")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="mttq-page-cache-bench-")
    env = environment(work)
    env.update(PAGE_CACHE_SECONDS="600", CACHE_DIR=f"{work}/cache", REDIS_URL=args.redis)
    os.environ.update(env)
    slugs = load(args.posts)
    campaigns, areas = load_campaign_and_areas()
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--chdir", str(ROOT), "-w", "5", "-k", "sync", "-b", f"127.0.0.1:{PORT}",
         "--log-level", "warning", "bench.settings_wsgi:application"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(300):  # until a worker answers, not only the master's socket
            try:
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
                conn.request("GET", "/bench/bare/")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.5)
        posts = [f"/tin/{slug}/" for slug in slugs[:200]]
        lists = ["/tin-tuc/", "/tin-tuc/?trang=2", "/tin-tuc/?trang=3"]
        cases = {
            "bare reference view": (["/bench/bare/"], None),
            "home, cached": (["/"], None),
            "news list, cached": (lists, None),
            "post page, cached": (posts, None),
            "campaign, cached": (campaigns, None),
            "area, cached": (areas, None),
            "home, rendered": (["/"], UNCACHED),
            "news list, rendered": (lists, UNCACHED),
            "post page, rendered": (posts, UNCACHED),
            "campaign, rendered": (campaigns, UNCACHED),
            "area, rendered": (areas, UNCACHED),
        }
        for path in ["/", *lists, *posts, *campaigns, *areas]:  # every page once: the cache holds them all
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
            conn.request("GET", path)
            conn.getresponse().read()
        for paths, headers in cases.values():
            hammer(paths, 2, 2, headers)  # warm up: templates compiled, connections open
        results = {name: [] for name in cases}
        for _ in range(2):
            for name, (paths, headers) in cases.items():
                results[name].append(hammer(paths, args.seconds, args.clients, headers))
        reference = sum(run[0] for run in results["bare reference view"]) / 2
        store = f"Redis {args.redis}" if args.redis else "file cache"
        print(f"{args.posts} posts, 6 photos each; gunicorn sync ×5, SQLite, {store}; "
              f"{args.clients} clients, 2 × {args.seconds} s per case")  # fmt: skip
        print(f"{'case':<26} {'req/s':>8} {'× ref':>7} {'hits':>6} {'errors':>7}")
        for name, runs in results.items():
            rps = sum(r[0] for r in runs) / len(runs)
            hit = sum(r[2] for r in runs) / len(runs)
            print(f"{name:<26} {rps:>8.1f} {rps / reference:>7.3f} {hit:>6.0%} {sum(r[1] for r in runs):>7}")
    finally:
        server.send_signal(15)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
