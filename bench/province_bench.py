"""A whole province on one installation: each commune's public pages against a one-commune
installation, and the province's roll-up page, on PostgreSQL.

Usage (the databases are created if missing, filled once, reused by later runs):

    DATABASE_URL=postgres://mttq:mttq@127.0.0.1:5432/mttq_province_bench \\
        .venv/bin/python bench/province_bench.py [--communes 100] [--areas 8] [--posts 200] \\
        [--photos 3] [--contributions 1000000] [--runs 15] [--sample 10] [--rounds 6] [--fresh]

Two databases are built from the same per-commune shape: `<name>_scale` holds --communes
communes of one province (their posts, galleries as photo rows without files, a campaign of
their own, their part of the province's fund, conferences and voters' opinions) and
--contributions entries loaded with COPY; `<name>_one` holds one commune alone with the same
per-commune data (its share of the entries). Each is measured in a child process of its own
(Django's test client, production settings, the page cache off so pages are rendered): the
median wall time, this process's CPU time, SQL time, requests per second and query count of
each public page for --sample communes, and the province's pages. The two installations run
in turn --rounds times (the order flipped each round) with the load average noted around each;
each round's pair is compared on its own and the medians over the rounds are reported, so a
minute of load on the machine moves one round, not the result. Smaller sizes are for a quick
run (`--communes 10 --contributions 100000`); CI does not run it.
"""

import argparse
import datetime
import io
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--areas", type=int, default=8)
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--photos", type=int, default=3, help="photo rows per post (no files)")
    parser.add_argument("--contributions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sample", type=int, default=10, help="communes measured in the big installation")
    parser.add_argument(
        "--rounds", type=int, default=6, help="the two installations in turn, this many times; medians kept"
    )
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the databases")
    parser.add_argument("--child", choices=["scale", "one"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# --- parent: builds nothing itself, runs one child per installation, prints the comparison --------


def database_url(base, suffix):
    head, _, name = base.rpartition("/")
    return f"{head}/{name}_{suffix}"


def ensure_database(url, fresh):
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    admin = psycopg2.connect(
        host=config["HOST"],
        port=config["PORT"],
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    admin.close()


def parent(args):
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("Cần PostgreSQL: đặt DATABASE_URL=postgres://…/mttq_province_bench")
    for kind in ("one", "scale"):
        ensure_database(database_url(base, kind), args.fresh)
    rounds = []  # one {"one": …, "scale": …} per round
    # This machine's load changes by the minute (other sessions' suites): the two installations
    # are measured in turn, a short child each, several rounds, each round's pair compared on
    # its own and the medians of the rounds reported; the order flips every round so neither
    # side always runs first.
    for number in range(args.rounds):
        pair = {}
        for kind in ("one", "scale") if number % 2 == 0 else ("scale", "one"):
            pair[kind] = run_child(args, base, kind, fresh=args.fresh and number == 0)
        rounds.append(pair)
    report(args, rounds)


def run_child(args, base, kind, fresh):
    # Rendered pages, not the anonymous page cache: the cache would hide what the data costs.
    env = {
        **os.environ,
        "DATABASE_URL": database_url(base, kind),
        "DEBUG": "0",
        "DEMO": "1",
        "PAGE_CACHE_SECONDS": "0",
    }
    argv = [sys.executable, __file__, *sys.argv[1:], "--child", kind]
    argv = [a for a in argv if a != "--fresh"]
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    output = subprocess.run(argv, env=env, capture_output=True, text=True)
    if output.returncode:
        sys.exit(f"[{kind}] lỗi:\n{output.stdout[-2000:]}\n{output.stderr[-4000:]}")
    lines = output.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(f"[{kind}] {line}")
    result = json.loads(lines[-1])
    result["load"] = (load_before, os.getloadavg()[0])
    print(
        f"[{kind}] xong sau {time.perf_counter() - started:.0f} s "
        f"(tải trung bình 1 phút {result['load'][0]:.1f} → {result['load'][1]:.1f})"
    )
    return result


def report(args, rounds):
    one, scale = rounds[-1]["one"], rounds[-1]["scale"]
    loads = [value for pair in rounds for result in pair.values() for value in result["load"]]
    print(
        f"\n{args.communes} xã × {args.areas} khu × {args.posts} bài ({scale['posts']:,} bài, "
        f"{scale['photos']:,} ảnh), {scale['contributions']:,} kết quả; "
        f"một xã: {one['posts']:,} bài, {one['contributions']:,} kết quả; {len(rounds)} vòng xen kẽ, "
        f"tải trung bình 1 phút {min(loads):.1f}–{max(loads):.1f}"
    )
    head = ("1 xã ms", "tỉnh ms", "1 xã CPU", "tỉnh CPU", "1 xã SQL", "tỉnh SQL", "1 xã r/s", "tỉnh r/s")
    print(
        f"\n{'Trang của một xã (trung vị các vòng)':<34}"
        + "".join(f"{h:>10}" for h in head)
        + "  r/s tỉnh/1 xã (min…max)  truy vấn"
    )
    for page in one["pages"]:
        cells = [
            median_of(rounds, kind, "pages", page, figure)
            for figure in ("median", "cpu", "sql", "rps")
            for kind in ("one", "scale")
        ]
        # Each round's pair compared on its own: the two ran a minute apart, under the same load.
        ratios = sorted(
            pair["scale"]["pages"][page]["rps"] / pair["one"]["pages"][page]["rps"] for pair in rounds
        )
        row = "".join(f"{value:>10.1f}" for value in cells)
        change = (statistics.median(ratios) - 1) * 100
        spread = f"{(ratios[0] - 1) * 100:+.0f}…{(ratios[-1] - 1) * 100:+.0f}%"
        queries = f"{one['pages'][page]['queries']} / {scale['pages'][page]['queries']}"
        print(f"{page:<34}{row}{change:>+9.1f}% ({spread}){queries:>10}")
    for page in scale["province"]:
        cells = [
            median_of(rounds, "scale", "province", page, figure) for figure in ("median", "cpu", "sql", "rps")
        ]
        worst = max(pair["scale"]["province"][page]["median"] for pair in rounds)
        print(
            f"{page:<34}{'':>10}{cells[0]:>10.1f}{'':>10}{cells[1]:>10.1f}{'':>10}{cells[2]:>10.1f}"
            f"{'':>10}{cells[3]:>10.1f}  chậm nhất {worst:.1f} ms{scale['province'][page]['queries']:>6}"
        )
    print("\n" + json.dumps(rounds, ensure_ascii=False))


def median_of(rounds, kind, group, page, figure):
    return statistics.median(pair[kind][group][page][figure] for pair in rounds)


# --- child: one installation, built if empty, then measured ---------------------------------------


def child(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mttq_portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    logging.disable(logging.INFO)  # the request log would drown the figures
    call_command("migrate", verbosity=0)
    alone = args.child == "one"
    communes = 1 if alone else args.communes
    contributions = args.contributions // args.communes if alone else args.contributions
    build(args, communes, contributions, with_province=not alone)
    print(json.dumps(measure_all(args, alone)))


def build(args, communes, contributions, with_province):
    from django.db import connection
    from django.utils import timezone

    from campaigns.models import (
        Campaign,
        CommuneShare,
        Contribution,
        Indicator,
        ProvinceCampaign,
        ProvinceIndicator,
        Target,
    )
    from campaigns.province_services import sync_commune_campaigns
    from congresses.models import Commune, Conference, FrontCommittee, Opinion, Province, ResidentialArea
    from news.models import Category, Photo, Post, search_words

    if Commune.objects.exists():
        print(
            f"Dữ liệu đã có: {Commune.objects.count()} xã, {Contribution.objects.count():,} kết quả — dùng lại."
        )
        return
    started = time.perf_counter()
    rng = random.Random(13)
    now = timezone.now()
    province = Province.objects.create(name="Thử tải", host="tinh.bench.vn") if with_province else None
    made = []
    for number in range(communes):
        commune = Commune.objects.create(
            name=f"Thử {number:03d}",
            host=f"xa{number:03d}.bench.vn" if with_province else None,
            province=province,
        )
        areas = ResidentialArea.objects.bulk_create(
            ResidentialArea(commune=commune, name=f"Khu {n}", slug=f"x{number}-khu-{n}", position=n)
            for n in range(args.areas)
        )
        made.append((commune, areas))
    # Posts with galleries (photo rows without files: the pages read the rows, not the images).
    photos = []
    for commune, _areas in made:
        category = Category.objects.create(
            commune=commune, name="Hoạt động Mặt trận", slug=f"hd-{commune.pk}"
        )
        posts = []
        for n in range(args.posts):
            title = f"Hội nghị Ban công tác Mặt trận khu {n % args.areas} lần {n} xã {commune.name}"
            lead = "Tin hoạt động của Mặt trận ở khu dân cư, bà con hưởng ứng các cuộc vận động."
            body = "<p>" + " ".join(["Nội dung bài viết về hoạt động của Ủy ban Mặt trận."] * 20) + "</p>"
            posts.append(
                Post(
                    category=category, title=title, slug=f"bai-{commune.pk}-{n}", lead=lead, body=body,
                    status=Post.Status.PUBLISHED, published_at=now - datetime.timedelta(hours=n),
                    is_featured=n < 3, search_text=" " + search_words(f"{title} {lead} {body}"),
                    search_title=" " + search_words(title),
                )
            )  # fmt: skip
        posts = Post.objects.bulk_create(posts, batch_size=1000)
        photos += [
            Photo(
                post=post,
                image=f"news/bench/{post.pk}-{k}.jpg",
                width=1600,
                height=1067,
                position=k,
                alt_text="Ảnh",
            )
            for post in posts
            for k in range(args.photos)
        ]
    Photo.objects.bulk_create(photos, batch_size=5000)
    print(f"Xã, khu, bài, ảnh: {time.perf_counter() - started:.1f} s")

    # Each commune: its own fund (targets per area), conferences, voters' opinions.
    started = time.perf_counter()
    indicators = []  # (indicator, areas)
    targets, conferences, opinions = [], [], []
    for commune, areas in made:
        campaign = Campaign.objects.create(
            commune=commune, name=f"Quỹ “Vì người nghèo” xã {commune.name}", status=Campaign.Status.ACTIVE,
            start_date=datetime.date(2025, 1, 1),
        )  # fmt: skip
        indicator = Indicator.objects.create(campaign=campaign, name="Quỹ “Vì người nghèo”")
        indicators.append((indicator, areas))
        targets.append(Target(indicator=indicator, amount=800_000_000))
        targets += [Target(indicator=indicator, area=area, amount=100_000_000) for area in areas]
        committee = FrontCommittee.objects.create(commune=commune, level=FrontCommittee.Level.COMMUNE)
        conferences.append(
            Conference(committee=committee, kind=Conference.Kind.CONGRESS, title=f"Đại hội {commune.name}",
                       slug=f"dai-hoi-{commune.pk}", starts_at=now - datetime.timedelta(days=30))
        )  # fmt: skip
        for area in areas:
            ctmt = FrontCommittee.objects.create(
                commune=commune, area=area, level=FrontCommittee.Level.RESIDENTIAL
            )
            conferences.append(
                Conference(committee=ctmt, kind=Conference.Kind.TERM, title=f"Hội nghị {area.name}",
                           slug=f"hn-{area.pk}", starts_at=now - datetime.timedelta(days=40))
            )  # fmt: skip
        fields = [value for value, _label in Opinion.Field.choices]
        opinions += [
            Opinion(commune=commune, reference_code=f"BN{commune.pk:04d}{n:04d}", source=Opinion.Source.VOTER_MEETING,
                    field=rng.choice(fields), summary="Kiến nghị sửa đường", area=rng.choice(areas),
                    status=rng.choice([Opinion.Status.RECEIVED, Opinion.Status.ANSWERED]))
            for n in range(20)
        ]  # fmt: skip
    Conference.objects.bulk_create(conferences, batch_size=2000)
    Opinion.objects.bulk_create(opinions, batch_size=2000)
    if with_province:
        fund = ProvinceCampaign.objects.create(
            province=province, name="Quỹ “Vì người nghèo” của tỉnh", status=Campaign.Status.ACTIVE,
            start_date=datetime.date(2025, 1, 1),
        )  # fmt: skip
        share_of = ProvinceIndicator.objects.create(campaign=fund, name="Quỹ “Vì người nghèo” của tỉnh")
        sync_commune_campaigns(fund)
        by_commune = {areas[0].commune_id: areas for _commune, areas in made}
        for copy in Indicator.objects.filter(province_indicator=share_of).select_related("campaign"):
            areas = by_commune[copy.campaign.commune_id]
            indicators.append((copy, areas))
            targets.append(Target(indicator=copy, amount=400_000_000, assigned_by=Target.AssignedBy.PROVINCE))
            targets += [Target(indicator=copy, area=area, amount=50_000_000) for area in areas]
        CommuneShare.objects.bulk_create(
            CommuneShare(indicator=share_of, commune=commune, amount=400_000_000) for commune, _areas in made
        )
    Target.objects.bulk_create(targets, batch_size=5000)
    print(f"Cuộc vận động, hội nghị, ý kiến: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    columns = (
        "indicator_id, area_id, date, amount, quantity, donor_kind, donor_name, note, receipt, entered_at, "
        "search_text, amount_qualifier, quantity_qualifier, registered, participants"
    )
    stamp = datetime.datetime.now(datetime.UTC).isoformat()
    first_day = datetime.date(2025, 1, 1)
    batch = 200_000
    with connection.cursor() as cursor:
        for offset in range(0, contributions, batch):
            buffer = io.StringIO()
            for _ in range(min(batch, contributions - offset)):
                indicator, areas = indicators[rng.randrange(len(indicators))]
                amount = rng.choice((100_000, 200_000, 500_000, 1_000_000))
                day = first_day + datetime.timedelta(days=rng.randrange(330))
                kind = "giau_ten" if rng.random() < 0.1 else "ca_nhan"
                donor = f"Người ủng hộ {rng.randrange(100000)}"
                buffer.write(
                    f"{indicator.pk}\t{areas[rng.randrange(len(areas))].pk}\t{day}\t{amount}\t0\t{kind}\t"
                    f"{donor}\t\t\t{stamp}\t nguoi ung ho\t\t\t0\t0\n"
                )
            buffer.seek(0)
            cursor.cursor.copy_expert(f"COPY campaigns_contribution ({columns}) FROM STDIN", buffer)
        # As autovacuum would after a load: statistics, and the visibility map that lets the
        # covering indexes answer sums without reading the table.
        cursor.execute("VACUUM ANALYZE")
    print(f"Nạp {contributions:,} kết quả bằng COPY: {time.perf_counter() - started:.1f} s")
    # COPY goes around the services, which keep the running totals: make them from the entries.
    started = time.perf_counter()
    from django.core.management import call_command

    call_command("rebuild_contribution_totals")
    print(f"Tổng cộng dồn theo chỉ tiêu và khu: {time.perf_counter() - started:.1f} s")


def timed(client, url, host, runs, cold=False):
    """(median ms, requests per second, queries) of GET url at host, after one warm-up;
    `cold`: the shared cache emptied before each request (host table, menus and footers made again)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, (url, host, response.status_code)
    timings, cpu, sql = [], [], []
    for _ in range(runs):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, HTTP_HOST=host)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, (url, host, response.status_code)
        sql.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
    return (
        statistics.median(timings) * 1000,
        runs / sum(timings),
        len(queries),
        statistics.median(sql),
        statistics.median(cpu) * 1000,
    )


def measure_all(args, alone):
    from django.test import Client

    from campaigns.models import Campaign, Contribution
    from congresses.models import Commune
    from news.models import Photo, Post

    client = Client()
    communes = list(Commune.objects.order_by("pk"))
    step = max(1, len(communes) // args.sample)
    sample = communes[::step][: args.sample]
    pages = {}
    for commune in sample:
        host = commune.host or "testserver"
        post = Post.objects.filter(category__commune=commune).order_by("-published_at")[5]
        own = Campaign.objects.filter(commune=commune, province_campaign__isnull=True).get()
        urls = {
            "Trang chủ": "/",
            "Danh sách tin": "/tin-tuc/",
            "Bài viết (3 ảnh)": post.get_absolute_url(),
            "Danh sách cuộc vận động": "/van-dong/",
            "Trang cuộc vận động của xã": own.get_absolute_url(),
        }
        for page, url in urls.items():
            pages.setdefault(page, []).append(timed(client, url, host, args.runs))
    result = {
        "communes": len(communes),
        "posts": Post.objects.count(),
        "photos": Photo.objects.count(),
        "contributions": Contribution.objects.count(),
        "pages": {page: summarise(rows) for page, rows in pages.items()},
        "province": {},
    }
    if not alone:
        part = Campaign.objects.filter(province_campaign__isnull=False).order_by("pk").first()
        ranking = part.province_campaign.get_absolute_url()
        province_pages = {
            "Trang của xã: phần việc của tỉnh": (part.get_absolute_url(), part.commune.host, False),
            "Trang tỉnh (tổng hợp)": ("/", "tinh.bench.vn", False),
            "Trang tỉnh: xếp hạng các xã": (ranking, "tinh.bench.vn", False),
            "Trang tỉnh, bộ nhớ đệm trống": ("/", "tinh.bench.vn", True),
            "Xếp hạng, bộ nhớ đệm trống": (ranking, "tinh.bench.vn", True),
        }
        for page, (url, host, cold) in province_pages.items():
            runs = max(3, args.runs // 3) if cold else args.runs
            result["province"][page] = summarise([timed(client, url, host, runs, cold=cold)])
    return result


def summarise(rows):
    return {
        "median": statistics.median(row[0] for row in rows),
        "rps": statistics.median(row[1] for row in rows),
        "queries": max(row[2] for row in rows),
        "sql": statistics.median(row[3] for row in rows),
        # This process's CPU per request (PostgreSQL's work is in "sql"): less swayed by the
        # other processes on the machine than the wall-clock figures.
        "cpu": statistics.median(row[4] for row in rows),
    }


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.child:
        child(arguments)
    else:
        parent(arguments)
