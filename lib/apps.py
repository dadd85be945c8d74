"""Helpers every app shares: Vietnamese text, slugs, upload checks, role checks.

No models and no URLs, so any app may import it without pointing at another app. It is an
installed app so that Django finds its template filters (`{% load vn %}`), and so that every
save of the project's own models passes through the text normaliser (lib/text.py).
"""

import functools
from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_save
from PIL import Image


def _clean_text_before_save(sender, instance, **kwargs):
    # Raw saves (loaddata, a restore) are cleaned too: a NUL kept by SQLite would otherwise
    # stop the move of a backup to PostgreSQL.
    if sender._meta.app_label in _project_app_labels():
        from .text import clean_model_text

        clean_model_text(instance)


@functools.cache
def _project_app_labels():
    """Labels of the apps that live in this project's folder, not in an installed package."""
    from django.apps import apps
    from django.conf import settings

    return frozenset(
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
        and not {"site-packages", "dist-packages"} & set(Path(config.path).parts)
    )


class LibConfig(AppConfig):
    name = "lib"
    verbose_name = "Thư viện dùng chung"

    def ready(self):
        # Pillow's own bomb guard (a warning above, an error at twice the limit) agrees with
        # the upload checks' pixel budget, so no code path decodes past it.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS

        pre_save.connect(_clean_text_before_save, dispatch_uid="lib_clean_text_before_save")
        # Every saved or deleted record of the project empties its site's cached pages.
        from . import pagecache

        pagecache.connect()
