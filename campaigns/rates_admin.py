"""Staff and the chair record the yearly rates of rate indicators (`87,5%`), for the commune
or one hamlet, through `services.save_rate`."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .aid_admin import StaffRecordsMixin
from .forms import PercentField
from .models import Indicator
from .rates import RateFigure, format_rate


class RateForm(forms.ModelForm):
    percent = PercentField(
        label=_("Tỷ lệ đạt (%)"),
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=100,
        help_text=_("Ví dụ: 87,5 hoặc 90."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"invalid": _("Tỷ lệ viết như 87,5 hoặc 90.")},
    )

    class Meta:
        model = RateFigure
        fields = ["indicator", "area", "year", "percent", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "indicator" in self.fields:
            self.fields["indicator"].queryset = self.fields["indicator"].queryset.filter(
                unit=Indicator.Unit.RATE
            )


@admin.register(RateFigure)
class RateFigureAdmin(StaffRecordsMixin, admin.ModelAdmin):
    form = RateForm
    list_display = ["indicator", "where", "year", "rate_text", "entered_by"]
    list_filter = ["year", "indicator__campaign"]
    list_select_related = ["indicator__campaign", "area", "entered_by"]
    readonly_fields = ["entered_by", "entered_at"]

    @admin.display(description=_("Nơi"), ordering="area__name")
    def where(self, obj):
        return obj.area.full_name if obj.area_id else _("Cả xã")

    @admin.display(description=_("Tỷ lệ"), ordering="percent")
    def rate_text(self, obj):
        return format_rate(obj.percent)

    def save_model(self, request, obj, form, change):
        services.save_rate(obj, by=request.user)
