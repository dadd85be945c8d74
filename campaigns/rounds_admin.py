"""Back office of rounds (đợt), fund years and peak months: the chair divides a campaign and
gives each round its own targets; staff look. Every save goes through the services."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lib.scoped_admin import AreaScopedAdminMixin, ScopedInlineMixin

from . import services
from .forms import TargetShapeForm, vietnamese_date_field
from .models import Indicator
from .permissions import is_chair, sees_everything
from .reports import summary_sentence
from .rounds import Round, RoundTarget


class RoundTargetForm(TargetShapeForm):
    class Meta:
        model = RoundTarget
        fields = ["indicator", "shape", "amount", "amount_max", "percent", "percent_of", "met"]


class RoundForm(forms.ModelForm):
    start_date = vietnamese_date_field(_("Từ ngày"))
    end_date = vietnamese_date_field(_("Đến ngày"))

    class Meta:
        model = Round
        fields = ["campaign", "kind", "name", "start_date", "end_date"]


class RoundTargetInline(ScopedInlineMixin, admin.StackedInline):
    model = RoundTarget
    form = RoundTargetForm
    extra = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "indicator":
            kwargs["queryset"] = Indicator.objects.visible_to(request.user).select_related("campaign")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Round)
class RoundAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = RoundForm
    inlines = [RoundTargetInline]
    list_display = ["name", "campaign", "kind", "period"]
    list_filter = ["kind", "campaign"]
    list_select_related = ["campaign"]
    readonly_fields = ["sentences"]
    search_fields = ["name", "campaign__name"]
    autocomplete_fields = ["campaign"]

    @admin.display(description=_("Thời gian"), ordering="start_date")
    def period(self, obj):
        return obj.period_text

    @admin.display(description=_("Câu báo cáo"))
    def sentences(self, obj):
        if not obj.pk:
            return "—"
        return " ".join(f"{summary_sentence(i, round=obj)}." for i in obj.campaign.indicators.all())

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and sees_everything(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and is_chair(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_chair(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.save_round(obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        for target in formset.save(commit=False):
            services.save_round_target(target, by=request.user)
