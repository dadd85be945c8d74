from django.contrib import admin

from .models import Commune, ResidentialArea


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province"]
    search_fields = ["name"]
    exclude = ["slug"]


@admin.register(ResidentialArea)
class ResidentialAreaAdmin(admin.ModelAdmin):
    list_display = ["full_name", "commune", "position", "valid_until", "merged_into"]
    list_filter = ["commune", "kind"]
    search_fields = ["name"]
    list_select_related = ["commune", "merged_into"]
    autocomplete_fields = ["merged_into"]
    exclude = ["slug"]
