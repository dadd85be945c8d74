from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressesConfig(AppConfig):
    name = "congresses"
    verbose_name = _("Tổ chức Mặt trận và hội nghị")

    def ready(self):
        # The home page is a cross-app read model in mttq_portal; congresses only offers a section.
        from mttq_portal import home

        from .home import latest_conferences

        home.register_section(latest_conferences)
