"""The search index of posts: the folded `search_text`, indexed by each database its own way.

Both indexes hold the same folded words (`Đông` → `dong`, no marks, no punctuation), so a
query finds the same posts on both; folding before indexing is what makes `đ` match `d`
(SQLite's `remove_diacritics` leaves `đ` alone).

- PostgreSQL: a stored generated column `search_vector = to_tsvector('simple', search_text)`
  ("simple": no stemming, no stop words, only lower-casing of already folded words) with a
  GIN index; a query word `w` becomes the prefix query `'w':*`. The column is PostgreSQL's
  alone (the model does not declare it; the database fills it): computing the vector per row
  at query time made a common word cost seconds.
  A bare prefix `'w':*` makes GIN unite the posting lists of every indexed word starting with
  `w`, a lookup that grows with the table (18 ms for a query that finds nothing at 100,000
  posts). So PostgreSQL also keeps the vocabulary of the indexed words (`news_post_words`,
  filled by a trigger in the post's own transaction), and `news_search_query` widens each query
  word into the exact words it starts (`'dong' | 'dongg'`): exact GIN keys, short lookups
  (`install_words`).
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
PG_WORDS = "news_post_words"
PG_WORDS_TRIGGER = "news_post_words_add"
PG_QUERY_FUNCTION = "news_search_query"
# A query word that starts more indexed words than this stays a prefix term: past a few dozen
# exact lookups GIN's own prefix scan is as cheap, and the query stays short.
PG_MAX_EXPANSIONS = 64

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


# The vocabulary is the whole installation's, not a commune's (DESIGN.md scopes every record by
# its commune): it is never shown to anyone and decides no result. It only widens a query word
# into candidate words; the search itself still runs on the posts' own vectors, scoped by commune
# and by the public state (PostQuerySet.search), so a word of another commune's post, or of a
# draft, only adds a term that matches nothing here. Scoping it would need a commune per word and
# a trigger following a post's category, for no difference in what a reader finds.
#
# Words are only ever added: a post deleted, unpublished or edited leaves its old words behind.
# The table stays a superset of the indexed words, which is all the query needs: a stale word
# costs one more exact term that finds nothing (and no more than PG_MAX_EXPANSIONS + 1 words are
# read per query word). Dropping it and running `install_words` again prunes it.
def _pg_literal_sql(column):
    """SQL quoting `column` as a tsquery lexeme: `'w'`, with `\\` and `'` escaped."""
    return f"'''' || replace(replace({column}, '\\', '\\\\'), '''', '''''') || ''''"


PG_WORDS_SQL = [
    f'CREATE TABLE IF NOT EXISTS {PG_WORDS} (word text COLLATE "C" PRIMARY KEY)',
    # In sorted order, so two posts saved at once with the same new words take their key locks in
    # the same order (no deadlock); words already known (nearly all) write nothing.
    f"""CREATE OR REPLACE FUNCTION {PG_WORDS_TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {PG_WORDS} (word)
            SELECT lexeme FROM unnest(tsvector_to_array(NEW.search_vector)) AS lexeme
            ORDER BY lexeme COLLATE "C"
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END
        $$""",
    f"DROP TRIGGER IF EXISTS {PG_WORDS_TRIGGER} ON news_post",
    # AFTER: the generated vector is computed by then. search_text is what it is made from (the
    # title is in it), so no other column's change can bring a new word.
    f"""CREATE TRIGGER {PG_WORDS_TRIGGER} AFTER INSERT OR UPDATE OF search_text ON news_post
        FOR EACH ROW EXECUTE FUNCTION {PG_WORDS_TRIGGER}()""",
    # Each query word becomes the exact indexed words it starts, found by a range over the
    # C-ordered primary key (U+10FFFF is the last code point: `w || chr(1114111)` sorts after
    # every word starting with `w`). None: the exact `'w'`, which GIN answers at once with
    # nothing. Over the limit: the prefix `'w':*` as before. A word the text-search parser would
    # change (split, re-case) keeps the form `to_tsquery` gives it, as before. ANDed, as before.
    # STABLE, not IMMUTABLE: it reads a table, so its answer may change from one statement to
    # the next, and an IMMUTABLE call is folded into a plan once and kept. The GIN index is still
    # used: a STABLE call with constant arguments is an index scan key, evaluated once a query.
    # BEGIN ATOMIC records its dependency on the table, so dropping the table drops it too.
    f"""CREATE OR REPLACE FUNCTION {PG_QUERY_FUNCTION}(query_words text[]) RETURNS tsquery
        LANGUAGE sql STABLE STRICT PARALLEL SAFE
        BEGIN ATOMIC
            SELECT string_agg(terms.term, ' & ' ORDER BY terms.position)::tsquery
            FROM (
                SELECT query.position,
                    CASE
                        WHEN parsed.term <> quoted.term || ':*' THEN parsed.term
                        WHEN expanded.count = 0 THEN quoted.term
                        WHEN expanded.count > {PG_MAX_EXPANSIONS} THEN quoted.term || ':*'
                        ELSE '(' || expanded.terms || ')'
                    END AS term
                FROM unnest(query_words) WITH ORDINALITY AS query(word, position)
                CROSS JOIN LATERAL (SELECT {_pg_literal_sql("query.word")} AS term) AS quoted
                CROSS JOIN LATERAL (
                    SELECT to_tsquery('simple'::regconfig, quoted.term || ':*')::text AS term
                ) AS parsed
                CROSS JOIN LATERAL (
                    SELECT count(*) AS count,
                        string_agg({_pg_literal_sql("known.word")}, ' | ' ORDER BY known.word) AS terms
                    FROM (
                        SELECT words.word FROM {PG_WORDS} AS words
                        WHERE words.word >= (query.word COLLATE "C")
                            AND words.word < ((query.word || chr(1114111)) COLLATE "C")
                        ORDER BY words.word
                        LIMIT {PG_MAX_EXPANSIONS + 1}
                    ) AS known
                ) AS expanded
            ) AS terms
            WHERE terms.term <> '';
        END""",
]


def install_words(connection):
    """PostgreSQL: create the vocabulary of indexed words, its trigger and the query function
    (idempotent), and add the words of the posts already stored (migration 0016)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in PG_WORDS_SQL:
            cursor.execute(sql)
        cursor.execute(
            f"INSERT INTO {PG_WORDS} (word) SELECT DISTINCT lexeme FROM news_post, "
            "unnest(tsvector_to_array(search_vector)) AS lexeme ON CONFLICT DO NOTHING"
        )


def uninstall_words(connection):
    """Drop what `install_words` made (the reverse of migration 0016; a bulk load is faster
    without the row-by-row trigger, then `install_words`)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {PG_WORDS_TRIGGER} ON news_post")
        cursor.execute(f"DROP FUNCTION IF EXISTS {PG_WORDS_TRIGGER}()")
        cursor.execute(f"DROP FUNCTION IF EXISTS {PG_QUERY_FUNCTION}(text[])")
        cursor.execute(f"DROP TABLE IF EXISTS {PG_WORDS}")


def uninstall_index(connection):
    """Drop PostgreSQL's GIN index alone (a bulk load builds it again faster with `install`)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")


def uninstall(connection):
    uninstall_words(connection)
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
        # The widened query is read first and given to the search as a constant: the planner
        # then estimates how many posts it matches and walks the newest posts for a common word
        # (a bitmap scan of every match for a rare one), as it did with the prefix query. A
        # STABLE call inside the search would be estimated alike but, as a row filter, run again
        # for every row walked (76 ms for "an" at 10,000 posts); as a subquery it is evaluated
        # once but estimated blind, a bitmap scan of every match of "xa".
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(f"SELECT {PG_QUERY_FUNCTION}(%s::text[])::text", [list(words)])
            (tsquery,) = cursor.fetchone()
        if tsquery is None:  # no word left once parsed: to_tsquery's empty query, which matches nothing
            return queryset.none()
        return queryset.filter(RawSQL(f"{PG_VECTOR} @@ %s::tsquery", [tsquery], BooleanField()))
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
