"""Search finds the same posts in the same order on SQLite (FTS5) and PostgreSQL (GIN full text).

CI runs this file on both databases; the table below is the contract between them.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from news.models import Category, Post

# (title, lead, body, hours ago): the newest first when relevance ties.
POSTS = [
    ("Hội nghị Ban công tác Mặt trận thôn Đông", "Sáng 07/01/2024, 86 đại biểu dự.", "<p>Dân chủ.</p>", 1),
    ("Trao quà Tết thôn Tây", "Quà cho hộ nghèo.", "<p>Bà con thôn Đông góp sức.</p>", 2),
    ("Thôn An Bình ra quân", "Ngày Chủ nhật xanh.", "<p>Ra quân dọn vệ sinh.</p>", 3),
    ("Ngày hội hiến máu", "Hiến 120 đơn vị máu.", "<p>Đạt 123% chỉ tiêu.</p>", 4),
    ("Quyên góp ủng hộ", "Quỹ “Vì người nghèo”.", "<p>Hiến máu cứu người ở <em>Phú Lộc</em>.</p>", 5),
    ("Đường làng sáng đèn", "Đoàn viên lắp_đèn đường.", "<p>Đội thanh niên.</p>", 6),
    ("Tổng kết năm", "Bà con đông đủ.", "<p>Thôn Trung và thôn Đông báo cáo.</p>", 7),
]

T_DONG = "Hội nghị Ban công tác Mặt trận thôn Đông"
T_TAY = "Trao quà Tết thôn Tây"
T_AN = "Thôn An Bình ra quân"
T_HIEN = "Ngày hội hiến máu"
T_GOP = "Quyên góp ủng hộ"
T_DUONG = "Đường làng sáng đèn"
T_TONG = "Tổng kết năm"

TABLE = [
    # diacritics, case and đ do not matter
    ("Đông", [T_DONG, T_TAY, T_TONG]),
    ("dong", [T_DONG, T_TAY, T_TONG]),
    ("DONG", [T_DONG, T_TAY, T_TONG]),
    ("đường", [T_DUONG]),
    ("duong", [T_DUONG]),
    # words side by side in the title first, then in the text, then scattered; newest first
    ("thôn Đông", [T_DONG, T_TAY, T_TONG]),
    ("thon dong", [T_DONG, T_TAY, T_TONG]),
    ("hiến máu", [T_HIEN, T_GOP]),
    ("mau hien", [T_HIEN, T_GOP]),
    ("ngay hoi", [T_HIEN]),
    # words match at their start, never in the middle
    ("an", [T_AN]),
    ("ban", [T_DONG]),
    ("ho", [T_DONG, T_HIEN, T_GOP, T_TAY]),
    ("phu loc", [T_GOP]),
    ("thanh nien", [T_DUONG]),
    # numbers and punctuation
    ("123%", [T_HIEN]),
    ("07/01/2024", [T_DONG]),
    ("“Vì người nghèo”", [T_GOP]),
    ("lắp_đèn", [T_DUONG]),
    ("den", [T_DUONG]),
    # nothing
    ("xyz", []),
    ("dongg", []),
    ("", []),
]

HOSTILE = [
    '"',
    '"thon',
    "thon*",
    "* *",
    "NEAR(thon dong)",
    "thon NEAR dong",
    "thon AND dong",
    "thon OR xyz",
    "NOT thon",
    "-thon",
    "search_text:thon",
    "thon:*",
    "'thon' & 'dong'",
    "!thon | dong <-> ",
    "\\",
    "thon\x00dong",
    "%_%",
    "a" * 10_000,
    "thôn " * 2_000,
    "Đông" + "\u0301" * 500,
]


@pytest.fixture
def posts(commune):
    category = Category.objects.create(commune=commune, name="Hoạt động")
    now = timezone.now()
    for title, lead, body, hours in POSTS:
        Post.objects.create(
            category=category,
            title=title,
            lead=lead,
            body=body,
            status=Post.Status.PUBLISHED,
            published_at=now - timedelta(hours=hours),
        )
    Post.objects.create(category=category, title="Nháp thôn Đông", lead="Nháp.", status=Post.Status.DRAFT)
    return category


@pytest.mark.parametrize(("query", "titles"), TABLE, ids=[query or "empty" for query, _ in TABLE])
def test_search_gives_the_same_posts_in_the_same_order_on_every_database(posts, query, titles):
    assert [post.title for post in Post.objects.search(query)] == titles


def test_the_index_of_this_database_is_used(posts):
    sql = str(Post.objects.search("thon dong").query)
    # PostgreSQL: the query words widened into the indexed words they start (news.search).
    expected = {"postgresql": """search_vector" @@ 'thon' & 'dong'::tsquery""", "sqlite": "news_post_fts"}
    assert expected[connection.vendor] in sql
    assert "LIKE '% thon%'" not in sql


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's vocabulary")


def widened(*words):
    with connection.cursor() as cursor:
        cursor.execute("SELECT news_search_query(%s::text[])::text", [list(words)])
        return cursor.fetchone()[0]


@postgresql_only
def test_postgresql_widens_each_query_word_into_the_indexed_words_it_starts(posts):
    assert widened("tho") == "'thon'"
    assert widened("d", "th") == (
        "( 'dai' | 'dan' | 'dat' | 'den' | 'doan' | 'doi' | 'don' | 'dong' | 'du' | 'duong' ) & ( 'thanh' | 'thon' )"
    )
    # A word no indexed word starts is the exact word: GIN answers it at once, with nothing.
    assert widened("xyz", "thon") == "'xyz' & 'thon'"


@postgresql_only
def test_a_new_posts_new_word_is_found_by_its_start_at_once(posts):
    category = Category.objects.first()
    assert list(Post.objects.search("khuyenh")) == []
    Post.objects.create(
        category=category,
        title="Quỹ khuyến học thôn Đông",
        lead="Trao học bổng.",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    # The trigger added "khuyen" in the post's own transaction: no rebuild, no wait.
    assert [p.title for p in Post.objects.search("khuy hoc")] == ["Quỹ khuyến học thôn Đông"]
    post = Post.objects.get(title=T_TAY)
    post.body = "<p>Khen thưởng gương điển hình.</p>"
    post.save()
    assert [p.title for p in Post.objects.search("dien")] == [T_TAY]


@postgresql_only
def test_a_word_starting_more_than_64_indexed_words_finds_every_post_with_one(posts):
    category = Category.objects.first()
    now = timezone.now()
    for number in range(80):
        Post.objects.create(
            category=category,
            title=f"Tin số {number}",
            lead=f"Khu xóm{number:02d}.",
            status=Post.Status.PUBLISHED,
            published_at=now - timedelta(minutes=number),
        )
    # 80 words start "xom": past 64 the word stays a prefix, and finds the 80 posts all the same.
    assert widened("xom") == "'xom':*"
    assert [p.title for p in Post.objects.search("xom")] == [f"Tin số {number}" for number in range(80)]
    # "xom1" starts ten of them: widened, and the same ten posts found.
    assert widened("xom1").count("|") == 9
    assert [p.title for p in Post.objects.search("xom1")] == [f"Tin số {number}" for number in range(10, 20)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored vector column")
def test_postgresql_keeps_the_search_vector_in_the_posts_row(posts):
    # A search walking the newest posts reads each row's vector: out of line, every row would
    # cost extra page reads in the TOAST table (bench/RESULTS.md).
    category = Category.objects.first()
    words = " ".join(f"từ{n} thôn{n} xóm{n}" for n in range(400))
    Post.objects.create(
        category=category,
        title="Bài dài",
        lead="Dài.",
        body=f"<p>{words}</p>",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'news_post'::regclass "
            "AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)
    assert [p.title for p in Post.objects.search("xom399")] == ["Bài dài"]


def test_edited_and_deleted_posts_leave_the_index(posts):
    post = Post.objects.get(title=T_AN)
    post.title, post.body = "Thôn Bắc ra quân", "<p>Dọn vệ sinh.</p>"
    post.save()
    assert [p.title for p in Post.objects.search("bac")] == ["Thôn Bắc ra quân"]
    assert list(Post.objects.search("an binh")) == []
    post.delete()
    assert list(Post.objects.search("bac")) == []


def test_search_keeps_to_the_commune_it_is_given(posts, commune):
    from congresses.models import Commune

    other = Commune.objects.create(name="Hòa Lộc")
    there = Category.objects.create(commune=other, name="Tin xã bạn")
    Post.objects.create(category=there, title="Thôn Đông xã bạn", lead="Tin.", status=Post.Status.PUBLISHED)
    assert T_DONG in [p.title for p in Post.objects.search("dong", commune=commune)]
    assert [p.title for p in Post.objects.search("dong", commune=other)] == ["Thôn Đông xã bạn"]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_break_the_search(client, posts, query):
    assert isinstance(list(Post.objects.search(query)), list)
    response = client.get(reverse("news:search"), {"q": query})
    assert response.status_code == 200


def test_fts_operators_are_read_as_words(posts):
    assert [p.title for p in Post.objects.search("thon AND dong")] == []
    assert [p.title for p in Post.objects.search('"thon dong"')] == [T_DONG, T_TAY, T_TONG]
    assert [p.title for p in Post.objects.search("-an")] == [T_AN]


def test_a_search_ranks_its_newest_matches_and_says_there_are_more(client, posts, monkeypatch):
    # A word found in most posts is ranked among its newest matches only, so a search costs the
    # same on a site of ten thousand posts as on one of a hundred thousand.
    monkeypatch.setattr("news.models.SEARCH_RANKED", 2)
    # "ho" is in four posts; the newest three are ranked (title first), the oldest left out.
    assert [p.title for p in Post.objects.search("ho")] == [T_DONG, T_HIEN, T_TAY]
    page = client.get(reverse("news:search"), {"q": "ho"}).content.decode()
    assert "Tìm thấy hơn 2 bài cho “ho”" in page
    assert T_GOP not in page
    site_page = client.get(reverse("search"), {"q": "ho"}).content.decode()
    assert "Tìm thấy hơn 2 bài cho “ho”" in site_page


def test_a_search_within_the_ranked_number_counts_exactly(client, posts, monkeypatch):
    monkeypatch.setattr("news.models.SEARCH_RANKED", 4)
    assert [p.title for p in Post.objects.search("ho")] == [T_DONG, T_HIEN, T_GOP, T_TAY]
    page = client.get(reverse("news:search"), {"q": "ho"}).content.decode()
    assert "Tìm thấy 4 bài cho “ho”" in page
    assert "hơn" not in page.split("Tìm thấy", 1)[1].split("</p>", 1)[0]


def test_search_pages_carry_their_count(posts):
    from news.models import search_page

    first = search_page(Post.objects.search("ho"), "1", per_page=3)
    assert [p.title for p in first] == [T_DONG, T_HIEN, T_GOP]
    assert (first.paginator.count, first.paginator.num_pages, first.has_next()) == (4, 2, True)
    second = search_page(Post.objects.search("ho"), "2", per_page=3)
    assert [p.title for p in second] == [T_TAY]
    # not a number: the first page; past the end: the last one
    assert search_page(Post.objects.search("ho"), "abc", per_page=3).number == 1
    assert [p.title for p in search_page(Post.objects.search("ho"), "9", per_page=3)] == [T_TAY]
    assert search_page(Post.objects.search("xyz"), "1").paginator.count == 0
