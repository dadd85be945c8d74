"""PostgreSQL keeps the vocabulary of the posts' indexed words (`news_post_words`, kept by a
trigger) and a function that widens each query word into the exact words it starts, so a search
no longer pays a GIN prefix scan that grows with the table (news.search). SQLite and other
databases: nothing happens."""

from django.db import migrations


def install_words(apps, schema_editor):
    from news import search

    search.install_words(schema_editor.connection)


def uninstall_words(apps, schema_editor):
    from news import search

    search.uninstall_words(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("news", "0015_search_vectors_kept_in_their_rows")]

    operations = [migrations.RunPython(install_words, uninstall_words)]
