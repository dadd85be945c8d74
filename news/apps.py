from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    def ready(self):
        # Imported in ready(): the panels read models, which exist only once apps are loaded.
        from congresses import panels

        from .panels import conference_news
        from .registry_panels import conference_documents

        panels.register("conference", conference_news)
        panels.register("conference", conference_documents)
        post_migrate.connect(keep_search_index, sender=self)


def keep_search_index(using, plan=None, **kwargs):
    """Put back the SQLite search triggers a later table rebuild dropped (see news.search)."""
    from django.db.migrations.recorder import MigrationRecorder

    from . import search

    connection = connections[using]
    if MigrationRecorder(connection).migration_qs.filter(app="news", name="0005_search_index").exists():
        search.install(connection)
