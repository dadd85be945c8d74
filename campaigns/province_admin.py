"""Back office of the province's campaigns: province staff launch a campaign (its indicators in
one form), then give each commune its share in one grid per indicator. Commune accounts see
their commune's part among their own campaigns, and their share here (read only)."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congresses.models import Commune
from congresses.permissions import is_province_staff
from lib.money import CountField, FiguresModelForm, MoneyField
from lib.scoped_admin import AreaScopedAdminMixin
from lib.vietnamese import format_number

from . import province_services
from .models import CommuneShare, ProvinceCampaign, ProvinceIndicator


class ProvinceStaffOnlyMixin:
    """Province staff manage these; nobody deletes (the communes' parts depend on them)."""

    def has_module_permission(self, request):
        return is_province_staff(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_province_staff(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return is_province_staff(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_province_staff(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class ProvinceIndicatorForm(FiguresModelForm):
    class Meta:
        model = ProvinceIndicator
        fields = ["name", "unit", "unit_label", "report_phrase", "position", "target"]


class ProvinceIndicatorInline(ProvinceStaffOnlyMixin, admin.TabularInline):
    model = ProvinceIndicator
    form = ProvinceIndicatorForm
    extra = 1
    fields = ["name", "unit", "unit_label", "report_phrase", "position", "target", "shares_link"]
    readonly_fields = ["shares_link"]

    @admin.display(description=gettext_lazy("Giao các xã"))
    def shares_link(self, obj):
        if not obj.pk:
            return "—"
        url = reverse("admin:campaigns_provinceindicator_shares", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Giao chỉ tiêu cho các xã"))


@admin.register(ProvinceCampaign)
class ProvinceCampaignAdmin(ProvinceStaffOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "province", "kind", "status", "start_date", "commune_count"]
    list_filter = ["status", "kind", "province"]
    search_fields = ["name"]
    list_select_related = ["province"]
    inlines = [ProvinceIndicatorInline]
    fields = ["province", "name", "kind", "status", "start_date", "end_date", "description", "parts"]
    readonly_fields = ["parts"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    @admin.display(description=gettext_lazy("Số xã tham gia"))
    def commune_count(self, obj):
        return obj.commune_campaigns.count()

    @admin.display(description=gettext_lazy("Phần của các xã"))
    def parts(self, obj):
        if not obj.pk:
            return _("Khi lưu, mỗi xã của tỉnh có một cuộc vận động cùng tên để chia cho các khu dân cư.")
        rows = obj.commune_campaigns.select_related("commune").order_by("commune__name")
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:campaigns_campaign_change", args=[c.pk]), c.commune) for c in rows),
        )

    def save_model(self, request, obj, form, change):
        province_services.save_province_campaign(obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        # The indicators are saved by the inline's formset; each commune then gets its copies.
        super().save_related(request, form, formsets, change)
        province_services.sync_commune_campaigns(form.instance)

    def get_urls(self):
        grid = self.admin_site.admin_view(partial(shares_grid_view, self))
        return [
            path("chi-tieu/<int:pk>/giao-cac-xa/", grid, name="campaigns_provinceindicator_shares"),
            *super().get_urls(),
        ]


@admin.register(CommuneShare)
class CommuneShareAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    """Read only: the shares are set in the grid (province staff); a commune sees its own."""

    list_display = ["indicator", "commune", "figure"]
    list_filter = [("commune", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["indicator__campaign", "commune"]

    @admin.display(description=gettext_lazy("Mức giao"))
    def figure(self, obj):
        return obj.indicator.format_value(obj.amount)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SharesGridForm(forms.Form):
    """One input per commune of the province; blank means "no share"."""

    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, indicator, communes, shares, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator, self.communes, self.shares = indicator, list(communes), shares
        field = MoneyField if indicator.is_money else CountField
        for commune in self.communes:
            self.fields[self.key(commune)] = field(label=commune.full_name, required=False, positive=True)
            share = shares.get(commune.pk)
            self.initial.setdefault(self.key(commune), format_number(share.amount) if share else "")

    @staticmethod
    def key(commune):
        return f"xa_{commune.pk}"

    def rows(self):
        return [
            {
                "commune": commune,
                "field": self[self.key(commune)],
                "now": self.indicator.format_value(self.shares[commune.pk].amount)
                if commune.pk in self.shares
                else "",
            }
            for commune in self.communes
        ]

    def values(self):
        return {commune: self.cleaned_data.get(self.key(commune)) for commune in self.communes}

    def summary(self):
        """The sum of the shares against the province's target."""
        if self.is_bound and hasattr(self, "cleaned_data"):
            amounts = [a for a in self.values().values() if a]
        else:
            amounts = [share.amount for share in self.shares.values()]
        total, fmt = sum(amounts), self.indicator.format_value
        target = self.indicator.target
        if target is None:
            text = _("Chỉ tiêu toàn tỉnh là tổng phần giao các xã: %(total)s.") % {"total": fmt(total)}
        elif total == target:
            text = _("Tổng phần giao các xã bằng đúng chỉ tiêu toàn tỉnh.")
        elif total < target:
            text = _("Tổng phần giao các xã còn thiếu %(diff)s so với chỉ tiêu toàn tỉnh.") % {
                "diff": fmt(target - total)
            }
        else:
            text = _("Tổng phần giao các xã vượt %(diff)s so với chỉ tiêu toàn tỉnh.") % {
                "diff": fmt(total - target)
            }
        return {
            "total": fmt(total),
            "target": fmt(target) if target else "—",
            "given": _("%(given)s/%(count)s xã có chỉ tiêu")
            % {"given": len(amounts), "count": len(self.communes)},
            "text": text,
        }


def shares_grid_view(model_admin, request, pk):
    """GET shows every commune's share of a province indicator; POST saves them all or none."""
    if not (is_province_staff(request.user) and request.user.has_perm("campaigns.change_communeshare")):
        raise PermissionDenied
    indicator = get_object_or_404(ProvinceIndicator.objects.select_related("campaign__province"), pk=pk)
    communes = Commune.objects.filter(province_id=indicator.campaign.province_id).order_by("name")
    shares = {share.commune_id: share for share in indicator.shares.all()}
    form = SharesGridForm(request.POST or None, indicator=indicator, communes=communes, shares=shares)
    if request.method == "POST" and form.is_valid():
        try:
            changed = province_services.set_commune_shares(
                indicator, by=request.user, shares=form.values(), seen_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            _put_errors(form, error)
        else:
            model_admin.message_user(
                request,
                _("Đã lưu %(count)s thay đổi phần giao các xã.") % {"count": changed},
                messages.SUCCESS,
            )
            return redirect("admin:campaigns_provinceindicator_shares", pk=indicator.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Giao chỉ tiêu cho các xã: %(name)s") % {"name": indicator.name},
        "indicator": indicator,
        "form": form,
        "summary": form.summary(),
        "version": indicator.shares_version(),
    }
    return TemplateResponse(request, "admin/campaigns/provinceindicator/shares_grid.html", context)


def _put_errors(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    keys = {str(commune.pk): form.key(commune) for commune in form.communes}
    for key, texts in error.message_dict.items():
        for text in texts:
            form.add_error(keys.get(str(key)), text)
