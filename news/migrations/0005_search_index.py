"""Indexed search: the folded title for ranking, then a full-text index of `search_text`
(a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite; see news.search)."""

import re
import unicodedata

from django.db import migrations, models
from django.utils.html import strip_tags

PUNCTUATION = re.compile(r"[^\w\s]+|_")


def fold(text):
    # A copy of lib.vietnamese.fold as it is today: a migration must not follow later edits.
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def words(text):
    return fold(PUNCTUATION.sub(" ", strip_tags(text or "")))


def refold(apps, schema_editor):
    """Fill the folded title and fold the text again (underscores now split words, as in both indexes)."""
    Post = apps.get_model("news", "Post")
    batch = []
    for post in Post.objects.only("title", "lead", "body", "author").iterator(chunk_size=500):
        post.search_text = " " + words(" ".join([post.title, post.lead, post.body, post.author]))
        post.search_title = " " + words(post.title)
        batch.append(post)
        if len(batch) == 500:
            Post.objects.bulk_update(batch, ["search_text", "search_title"])
            batch = []
    Post.objects.bulk_update(batch, ["search_text", "search_title"])


def install(apps, schema_editor):
    from news import search

    search.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from news import search

    search.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_move_post_files_into_post_folders"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_title",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(refold, migrations.RunPython.noop),
        migrations.RunPython(install, uninstall),
    ]
