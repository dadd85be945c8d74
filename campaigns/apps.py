from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Cuộc vận động, phong trào")

    def ready(self):
        # Imported in ready(): the panels read models, which exist only once apps are loaded.
        from congresses import panels

        from . import province_merger
        from .panels import area_panel

        panels.register("area", area_panel)
        province_merger.connect()

        from .term_totals import conference_term_panel

        panels.register("conference", conference_term_panel)
