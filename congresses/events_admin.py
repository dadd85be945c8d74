"""Back office of the rounds of meetings the areas hold, with their coverage computed. Commune
staff and the chair enter and read them; writes go through `congresses.event_services`."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lib.money import FiguresModelForm
from lib.scoped_admin import AreaScopedAdminMixin

from . import event_services
from .events import MeetingRound
from .permissions import working_commune


@admin.register(MeetingRound)
class MeetingRoundAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = FiguresModelForm
    list_display = ["title", "conference_kind", "starts_on", "ends_on", "coverage_shown", "is_published"]
    list_filter = ["conference_kind", "is_published"]
    search_fields = ["title"]
    fields = [
        "title",
        "conference_kind",
        ("starts_on", "ends_on"),
        ("stated_held", "stated_total", "stated_on"),
        "note",
        "is_published",
        "coverage_shown",
    ]
    readonly_fields = ["coverage_shown"]

    @admin.display(description=_("kết quả"))
    def coverage_shown(self, meeting_round):
        if meeting_round.pk is None:
            return "—"
        return meeting_round.coverage().sentence

    def save_model(self, request, obj, form, change):
        if not change:
            obj.commune = working_commune(request)
        event_services.save_meeting_round(obj, by=request.user)
