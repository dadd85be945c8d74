"""PostgreSQL keeps each post's search vector in its row (storage MAIN) instead of the TOAST
table: a search for a common word checks the vectors of the newest posts one by one, and each
out-of-line vector cost extra page reads (bench/RESULTS.md, search at 100,000 posts). SQLite and
other databases have no such column; nothing happens there."""

from django.db import migrations


def keep_vectors_in_rows(apps, schema_editor):
    from news import search

    search.store_vectors_in_rows(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("news", "0014_videos_links_and_banners")]

    operations = [migrations.RunPython(keep_vectors_in_rows, migrations.RunPython.noop, elidable=True)]
