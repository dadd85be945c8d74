from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_positions(sender, using="default", **kwargs):
    from .models import Position  # deferred: apps.py is imported before the models exist

    Position.objects.using(using).ensure_standard()


class CongressesConfig(AppConfig):
    name = "congresses"
    verbose_name = _("Tổ chức Mặt trận và hội nghị")

    def ready(self):
        # The usual positions come from a data migration; a flush (every browser test ends
        # with one) empties them, and post_migrate follows a flush, so they come back.
        post_migrate.connect(_ensure_positions, sender=self, dispatch_uid="congresses_positions")

        from . import history, panels, sites  # noqa: F401  (history and sites connect their signals)
        from .area_history import festivals_panel, lineage_panel

        # The area page's lineage and Ngày hội come as panels, as campaigns' results do: the
        # page and its query budget already know how to take them.
        panels.register("area", festivals_panel)
        panels.register("area", lineage_panel)

        from .outcome_panels import (
            area_parts_panel,
            area_profile_panel,
            congress_outcome_panel,
            delegates_roster_panel,
            supplementary_panel,
        )

        panels.register("area", area_profile_panel)
        panels.register("area", area_parts_panel)
        panels.register("conference", congress_outcome_panel)
        panels.register("conference", supplementary_panel)
        panels.register("conference", delegates_roster_panel)
