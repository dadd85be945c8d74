from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Tin tức")

    def ready(self):
        # Imported in ready(): the panels read models, which exist only once apps are loaded.
        from congresses import panels

        from .panels import conference_news

        panels.register("conference", conference_news)
