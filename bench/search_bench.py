"""Search with 10,000 and 100,000 posts on PostgreSQL: the GIN full-text index against the old
`LIKE '% word%'` scan, in the same run, on the same rows.

Usage (PostgreSQL only; the script creates the database if it is missing and fills it):

    DATABASE_URL=postgres://mttq:mttq@127.0.0.1:5432/mttq_search_bench \\
        .venv/bin/python bench/search_bench.py [--sizes 10000,100000] [--runs 5]

Posts are made with bulk_create (about 20 s for 100,000): titles and bodies drawn from
Vietnamese syllables with a Zipf-like frequency, so some query words are in a third of the
posts and some in a handful. Each search does what the search page does: the result count
and the first page of 12. Prints p50/p95/max per size and method.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mttq_portal.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("DEMO", "1")

import dj_database_url  # noqa: E402
import psycopg2  # noqa: E402

url = os.environ.get("DATABASE_URL", "")
if not url.startswith("postgres"):
    sys.exit("DATABASE_URL must name a PostgreSQL database (this benchmark is about its index).")
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
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
    if not cursor.fetchone():
        cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
admin.close()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.utils import timezone  # noqa: E402

from news import search  # noqa: E402
from news.models import SEARCH_RANKED, Category, Post, search_page, search_words  # noqa: E402
from news.search import has_phrase, match_words  # noqa: E402

SYLLABLES = (  # noqa: SIM905 (a sentence reads better than a list of strings)
    "thôn xã hội nghị ban công tác mặt trận đông tây nam bắc người dân bà con đại biểu "
    "quỹ vì nghèo hiến máu tình nguyện trao quà tết học bổng đoàn viên thanh niên phụ nữ "
    "cựu chiến binh nông dân khu dân cư đoàn kết xây dựng đời sống văn hóa nông thôn mới "
    "đô thị văn minh an sinh xã hội chăm lo gia đình chính sách hộ cận nhà đại đoàn "
    "kết ủng hộ quyên góp lũ lụt miền trung phú lộc hòa bình an trung tổng kết năm "
    "kế hoạch triển khai phong trào thi đua yêu nước giám sát phản biện góp ý đảng "
    "chính quyền bầu cử đại hội nhiệm kỳ chủ tịch phó ủy viên thường trực tổ chức "
    "đường làng ngõ xóm sáng xanh sạch đẹp vệ sinh môi trường rác thải nhựa cây trồng "
    "ra quân chủ nhật ngày hội đạt chỉ tiêu vượt kết quả báo cáo sơ kết biểu dương "
    "khen thưởng điển hình tiên tiến gương người tốt việc tốt giúp đỡ vươn lên thoát"
).split()
ONSETS = "b c ch d đ g gi h k kh l m n ng nh p ph qu r s t th tr v x".split()  # noqa: SIM905
RHYMES = "a á à ả ạ ăn ắt âm ấp em ên ết inh ích oa oan oát uôn uốt ương ướt iêt iếng ong ông ơi ưu ai ao"
RHYMES = RHYMES.split()  # noqa: SIM905
# The real syllables and made-up ones, in a fixed shuffled order, with Zipf weights: a word's
# rank decides how many posts hold it, from nearly all to a handful (the query table below
# prints how many posts each query matches).
VOCABULARY = sorted(set(SYLLABLES) | {onset + rhyme for onset in ONSETS for rhyme in RHYMES})
random.Random(17).shuffle(VOCABULARY)
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
QUERIES = [
    "thon dong",
    "hiến máu",
    "hoi nghi",
    "quỹ vì người nghèo",
    "phu loc",
    "an",
    "đường làng",
    "thoat ngheo",
    "bieu duong khen thuong",
    "ve sinh moi truong",
    "xa",
    "gương người tốt việc tốt",
    "nhiem ky",
    "xyz không có",
    "cay trong",
    "dai hoi dai bieu",
]


def words(rng, count):
    return " ".join(rng.choices(VOCABULARY, WEIGHTS, k=count))


def fill(size):
    have = Post.objects.count()
    if have >= size:
        return 0.0
    started = time.perf_counter()
    category = Category.objects.first() or Category.objects.create(
        commune_id=_commune().pk, name="Hoạt động"
    )  # fmt: skip
    # The GIN index and the vocabulary are built once after the load: row by row is slower.
    search.uninstall_index(connection)
    search.uninstall_words(connection)
    rng = random.Random(have)
    now = timezone.now()
    batch = []
    for number in range(have, size):
        title = words(rng, rng.randint(5, 12)).capitalize() + f" {number}"
        lead = words(rng, rng.randint(15, 30))
        body = "<p>" + words(rng, rng.randint(80, 220)) + "</p>"
        batch.append(
            Post(
                category=category, title=title, slug=f"bai-{number}", lead=lead, body=body,
                status=Post.Status.PUBLISHED, published_at=now - timedelta(minutes=number),
                search_text=" " + search_words(" ".join([title, lead, body])),
                search_title=" " + search_words(title),
            )
        )  # fmt: skip
        if len(batch) == 5000:
            Post.objects.bulk_create(batch)
            batch = []
    Post.objects.bulk_create(batch)
    search.install(connection)
    search.install_words(connection)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE news_post")
        cursor.execute(f"VACUUM ANALYZE {search.PG_WORDS}")
    return time.perf_counter() - started


def _commune():
    from congresses.models import Commune

    return Commune.objects.first() or Commune.objects.create(name="Thử tải tìm kiếm")


def like_search(query):
    """The search as it was: one `LIKE '% word%'` per word over every post, the same ranking."""
    found = search_words(query).split()[:8]
    result = Post.objects.for_listing()
    for word in found:
        result = result.filter(search_text__contains=f" {word}")
    rank = models.Case(
        models.When(title__icontains=query.strip(), then=models.Value(0)),
        models.When(search_text__contains=" " + " ".join(found), then=models.Value(1)),
        default=models.Value(2),
    )
    return result.order_by(rank, "-published_at", "-pk")


def one_search(method, query):
    """What the search page asks the database: the count and the first page (one query for the
    indexed search, news.models.search_page, after PostgreSQL's widening of the query words
    into indexed words (news.search); two for the older methods)."""
    started = time.perf_counter()
    queryset = method(query)
    if getattr(queryset, "one_query_page", False):
        page = search_page(queryset, 1)
        count = page.paginator.count
    else:
        count = queryset.count()
        page = list(queryset[:12])
    return (time.perf_counter() - started) * 1000, count, len(page)


def indexed_search(query):
    queryset = Post.objects.search(query)
    queryset.one_query_page = True
    return queryset


def uncapped_search(query):
    """The indexed search before it ranked only the newest matches: every match counted and
    ranked, count and page in two queries."""
    found = search_words(query).split()[:8]
    result = match_words(Post.objects.for_listing(), found)
    side_by_side = [models.When(has_phrase(result, found), then=models.Value(1))] if len(found) > 1 else []
    rank = models.Case(
        models.When(search_title__contains=" " + " ".join(found), then=models.Value(0)),
        *side_by_side,
        default=models.Value(2),
    )
    return result.order_by(rank, "-published_at", "-pk")


def measure(method, runs):
    times, counts, per_query = [], {}, {}
    for query in QUERIES:
        one_search(method, query)  # warm the cache of this query's pages
        mine = []
        for _ in range(runs):
            ms, count, _ = one_search(method, query)
            mine.append(ms)
        times += mine
        counts[query] = count
        per_query[query] = statistics.median(mine)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "max": times[-1],
        "counts": counts,
        "per_query": per_query,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-like", action="store_true", help="measure the ranked index alone")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"{'posts':>8} {'method':<9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for size in [int(s) for s in args.sizes.split(",")]:
        if Post.objects.count() > size:
            sys.exit(f"the database holds more than {size} posts: use an empty one or ascending sizes")
        took = fill(size)
        if took:
            print(f"  (filled to {size:,} posts in {took:.1f} s)")
        indexed = measure(indexed_search, args.runs)
        results = [("index", indexed), ("uncapped", measure(uncapped_search, args.runs))]
        if not args.skip_like:
            scanned = measure(like_search, args.runs)
            # The search counts up to SEARCH_RANKED + 1 (the page then says "hơn 1.000 bài").
            capped = {q: min(n, SEARCH_RANKED + 1) for q, n in scanned["counts"].items()}
            if indexed["counts"] != capped:
                print("  results differ:", indexed["counts"], capped)
            results.append(("LIKE", scanned))
        results.sort(key=lambda item: ["index", "uncapped", "LIKE"].index(item[0]))
        for name, result in results:
            print(f"{size:>8} {name:<9} {result['p50']:>8.1f} {result['p95']:>8.1f} {result['max']:>8.1f}")
        print("  matches per query:", ", ".join(f"{q!r}: {n}" for q, n in indexed["counts"].items()))
        print("  p50 per query:", ", ".join(f"{q!r}: {ms:.0f}" for q, ms in indexed["per_query"].items()))


if __name__ == "__main__":
    main()
