"""Campaign pages with a million contributions: load the data with COPY, then time the pages.

Usage (PostgreSQL only; the database is created by you and filled by the script):

    createdb -U mttq -h 127.0.0.1 mttq_campaigns_bench
    DATABASE_URL=postgres://mttq:mttq@127.0.0.1:5432/mttq_campaigns_bench \\
        .venv/bin/python bench/campaigns_bench.py [--rows 1000000] [--runs 20]

Loads 300 areas, 50 campaigns (two indicators each, targets for every area) and the
contributions once (a second run reuses them), then prints the median time and the query
count of the public pages and the admin changelist.
"""

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mttq_portal.settings")
# Production-like: cached templates, no debug query log (queries are captured explicitly).
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("DEMO", "1")
# The pages themselves, not the anonymous page cache: a cached page answers with no query.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

AREAS, CAMPAIGNS = 300, 50


def load(rows):
    from campaigns.models import Campaign, Contribution, Disbursement, Indicator, Target
    from congresses.models import Commune, ResidentialArea
    from lib.vietnamese import fold

    if Contribution.objects.count() >= rows:
        print(f"Dữ liệu đã có: {Contribution.objects.count():,} kết quả, dùng lại.")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        return
    started = time.perf_counter()
    commune = Commune.objects.create(name="Thử tải")
    areas = ResidentialArea.objects.bulk_create(
        ResidentialArea(commune=commune, name=f"Khu {n:03d}", slug=f"khu-{n:03d}", position=n)
        for n in range(AREAS)
    )
    indicators = []
    for number in range(CAMPAIGNS):
        campaign = Campaign.objects.create(
            commune=commune,
            name=f"Cuộc vận động thử số {number}",
            status=Campaign.Status.ACTIVE if number % 3 else Campaign.Status.CLOSED,
            start_date=datetime.date(2024, 1, 1),
        )
        indicators.append(Indicator.objects.create(campaign=campaign, name="Quỹ"))
        indicators.append(
            # Counts its people too (`có 98 người tham gia …`): the page reads them from the
            # table, beside the covering index of the sums.
            Indicator.objects.create(
                campaign=campaign,
                name="Quà",
                unit="so_luong",
                unit_label="phần quà",
                position=1,
                people_verb="tham gia",
                counts_registered=True,
            )
        )
        Disbursement.objects.bulk_create(
            Disbursement(campaign=campaign, amount=1_000_000, purpose=f"Chi hỗ trợ {n}") for n in range(40)
        )
    targets = []
    for indicator in indicators:
        targets.append(Target(indicator=indicator, amount=5_000_000_000))
        targets += [Target(indicator=indicator, area=area, amount=15_000_000) for area in areas]
    Target.objects.bulk_create(targets, batch_size=5000)
    print(f"Khung dữ liệu: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    rng = random.Random(1)
    first_day = datetime.date(2024, 1, 1)
    columns = (
        "indicator_id, area_id, date, amount, quantity, donor_kind, donor_name, note, receipt, entered_at, "
        "amount_qualifier, quantity_qualifier, search_text, registered, participants"
    )
    now = datetime.datetime.now(datetime.UTC).isoformat()
    batch = 200_000
    with connection.cursor() as cursor:
        for offset in range(0, rows, batch):
            buffer = io.StringIO()
            for _ in range(min(batch, rows - offset)):
                indicator = indicators[rng.randrange(len(indicators))]
                money = indicator.unit == "tien"
                amount = (
                    rng.choice((100_000, 200_000, 500_000, 1_000_000)) if money else rng.choice((0, 350_000))
                )
                quantity = 0 if money else rng.randint(1, 5)
                day = first_day + datetime.timedelta(days=rng.randrange(700))
                kind = "giau_ten" if rng.random() < 0.1 else "ca_nhan"
                # One entry in 500 is hedged as reports write them (`trên 1.000.000`).
                hedge = "tren" if rng.random() < 0.002 else ""
                donor = f"Người ủng hộ {rng.randrange(100000)}"
                buffer.write(
                    f"{indicator.pk}\t{areas[rng.randrange(AREAS)].pk}\t{day}\t{amount}\t{quantity}\t{kind}\t"
                    f"{donor}\t\t\t{now}\t{hedge if money else ''}\t{'' if money else hedge}\t{fold(donor)}\t"
                    f"{0 if money else quantity + 1}\t{0 if money else quantity}\n"
                )
            buffer.seek(0)
            cursor.cursor.copy_expert(f"COPY campaigns_contribution ({columns}) FROM STDIN", buffer)
    with connection.cursor() as cursor:
        # As autovacuum would after a load: statistics, and the visibility map that lets
        # the covering indexes answer sums without reading the table.
        cursor.execute("VACUUM ANALYZE")
    print(f"Nạp {rows:,} kết quả bằng COPY: {time.perf_counter() - started:.1f} s")


def measure(client, url, runs):
    client.get(url)  # warm up: connection, templates, caches of the database
    timings, sql = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        sql.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
    return statistics.median(timings), max(timings), statistics.median(sql), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Cần PostgreSQL: đặt DATABASE_URL=postgres://…/mttq_campaigns_bench")
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    load(args.rows)

    from campaigns.models import Campaign, Contribution
    from campaigns.panels import area_panel
    from congresses.models import ResidentialArea

    campaign = Campaign.objects.current().order_by("pk").first()
    entries = Contribution.objects.filter(indicator__campaign=campaign).count()
    client = Client()
    pages = {
        "Danh sách cuộc vận động": reverse("campaigns:list"),
        f"Trang cuộc vận động ({entries:,} kết quả)": campaign.get_absolute_url(),
        "Danh sách ủng hộ (trang 1)": reverse("campaigns:donors", args=[campaign.slug]),
    }
    admin_user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    staff_client = Client()
    staff_client.force_login(admin_user)
    admin_pages = {
        "Quản trị: danh sách kết quả (1 triệu dòng)": reverse("admin:campaigns_contribution_changelist"),
        "Quản trị: kết quả lọc theo cuộc vận động": reverse("admin:campaigns_contribution_changelist")
        + f"?indicator__campaign__id__exact={campaign.pk}",
    }
    print(f"\n{'Trang':<46} {'trung vị':>10} {'chậm nhất':>10} {'SQL':>9} {'truy vấn':>9}")
    for name, url in pages.items():
        median, worst, sql, queries = measure(client, url, args.runs)
        print(f"{name:<46} {median:>8.1f}ms {worst:>8.1f}ms {sql:>7.1f}ms {queries:>9}")
    for name, url in admin_pages.items():
        median, worst, sql, queries = measure(staff_client, url, max(3, args.runs // 4))
        print(f"{name:<46} {median:>8.1f}ms {worst:>8.1f}ms {sql:>7.1f}ms {queries:>9}")
    area = ResidentialArea.objects.filter(commune=campaign.commune).first()
    timings = []
    for _ in range(args.runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            area_panel(area)
            timings.append((time.perf_counter() - started) * 1000)
    print(
        f"{'Khối kết quả trên trang khu dân cư':<52} {statistics.median(timings):>8.1f}ms "
        f"{max(timings):>8.1f}ms {len(queries):>9}"
    )


if __name__ == "__main__":
    main()
