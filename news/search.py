"""The search index of posts: the folded `search_text`, indexed by each database its own way.

Both indexes hold the same folded words (`Đông` → `dong`, no marks, no punctuation), so a
query finds the same posts on both; folding before indexing is what makes `đ` match `d`
(SQLite's `remove_diacritics` leaves `đ` alone).

- PostgreSQL: a stored generated column `search_vector = to_tsvector('simple', search_text)`
  ("simple": no stemming, no stop words, only lower-casing of already folded words) with a
  GIN index; a query word `w` becomes the prefix query `'w':*`. The column is PostgreSQL's
  alone (the model does not declare it; the database fills it): computing the vector per row
  at query time made a common word cost seconds.
- SQLite: an FTS5 table `news_post_fts` over `news_post.search_text` (external content, kept
  in step by triggers); a query word `w` becomes the prefix phrase `"w"*`.
- Any other database: `LIKE '% w%'`, the same rule unindexed.

Query words come from `search_words`, so they hold letters and digits only; they are quoted
all the same, so no FTS operator (`"`, `*`, `NEAR`, `-`, `:`, `AND`) ever reaches the parser.
"""

from django.db import connections
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

FTS_TABLE = "news_post_fts"
PG_INDEX = "news_post_search_gin"
PG_VECTOR = '"news_post"."search_vector"'
PG_VECTOR_STORAGE = "MAIN"

SQLITE_TRIGGERS = {
    "news_post_fts_insert": f"""
        CREATE TRIGGER IF NOT EXISTS news_post_fts_insert AFTER INSERT ON news_post BEGIN
            INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    "news_post_fts_delete": f"""
        CREATE TRIGGER IF NOT EXISTS news_post_fts_delete AFTER DELETE ON news_post BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    "news_post_fts_update": f"""
        CREATE TRIGGER IF NOT EXISTS news_post_fts_update AFTER UPDATE OF search_text ON news_post BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}


def install(connection):
    """Create the index of this database (idempotent). Called by migration 0005 and after every
    `migrate`: SQLite rebuilds a table to alter it, and the rebuild drops its triggers."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE news_post ADD COLUMN IF NOT EXISTS search_vector tsvector "
                "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
            )
            # Kept in the row (MAIN), not in the TOAST table: a common word walks the newest posts
            # and checks each row's vector, and an out-of-line vector cost 2-3 extra page reads per
            # row (the body and folded text, read by nobody in that walk, move out instead).
            cursor.execute(
                f"ALTER TABLE news_post ALTER COLUMN search_vector SET STORAGE {PG_VECTOR_STORAGE}"
            )
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON news_post USING gin (search_vector)")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'news_post_fts_%'"
            )
            present = {row[0] for row in cursor.fetchall()}
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(search_text, content='news_post', "
                "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
            )
            for sql in SQLITE_TRIGGERS.values():
                cursor.execute(sql)
            if present != set(SQLITE_TRIGGERS):
                # Rows written while a trigger was missing: index everything again.
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def store_vectors_in_rows(connection):
    """Write every post's row again so that vectors stored before `SET STORAGE MAIN` move from
    the TOAST table into their rows (the generated column is computed anew on update)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"ALTER TABLE news_post ALTER COLUMN search_vector SET STORAGE {PG_VECTOR_STORAGE}"
            )
            cursor.execute("UPDATE news_post SET search_text = search_text")


def uninstall_index(connection):
    """Drop PostgreSQL's GIN index alone (a bulk load builds it again faster with `install`)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")


def uninstall(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
            cursor.execute("ALTER TABLE news_post DROP COLUMN IF EXISTS search_vector")
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def _pg_term(word):
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _fts_phrase(words):
    return '"' + " ".join(words).replace('"', '""') + '"*'


def match_words(queryset, words):
    """`queryset` narrowed to posts with a word starting with each of `words` (folded words)."""
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        tsquery = " & ".join(_pg_term(word) + ":*" for word in words)
        return queryset.filter(
            RawSQL(f"{PG_VECTOR} @@ to_tsquery('simple'::regconfig, %s)", [tsquery], BooleanField())
        )
    if vendor == "sqlite":
        match = " AND ".join(_fts_phrase([word]) for word in words)
        return queryset.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        )
    for word in words:
        queryset = queryset.filter(search_text__contains=f" {word}")
    return queryset


def has_phrase(queryset, words):
    """A condition: the post's text holds `words` side by side, the last one as a word start
    (the same as `search_text` containing `" w1 w2"`), answered by the index."""
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        tsquery = " <-> ".join(_pg_term(word) for word in words) + ":*"
        return Q(RawSQL(f"{PG_VECTOR} @@ to_tsquery('simple'::regconfig, %s)", [tsquery], BooleanField()))
    if vendor == "sqlite":
        return Q(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [_fts_phrase(words)])
        )
    return Q(search_text__contains=" " + " ".join(words))
