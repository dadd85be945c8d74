"""Back office of funds: opening balances and money from and to the upper level (a ledger like
the payouts: corrected by reversing entries), and the công khai thu – chi tables with their
preview, PDF and the publish / take-down actions. Commune staff and the chair only; every
write goes through `services`."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lib.money import FiguresModelForm
from lib.scoped_admin import AreaScopedAdminMixin
from lib.vietnamese import format_money

from . import admin_locks, services
from .admin import LedgerAdmin
from .forms import vietnamese_date_field
from .funds import FundStatement, FundTransfer
from .models import Indicator
from .permissions import sees_everything
from .thuchi_views import page_context, pdf_response


def _money_funds(field, request):
    if field is not None:
        field.queryset = field.queryset.filter(unit=Indicator.Unit.MONEY).select_related("campaign")
    return field


class FundTransferForm(FiguresModelForm):
    date = vietnamese_date_field(_("Ngày"))

    class Meta:
        model = FundTransfer
        fields = ["indicator", "kind", "date", "amount", "counterpart", "note"]


@admin.register(FundTransfer)
class FundTransferAdmin(admin_locks.ExplainsLocksMixin, LedgerAdmin):
    form = FundTransferForm
    list_display = ["date", "kind", "indicator", "counterpart", "amount_text", "correction"]
    list_filter = ["kind", "indicator__campaign"]
    search_fields = ["counterpart", "note"]
    list_select_related = ["indicator__campaign"]
    readonly_fields = ["entered_by", "entered_at", "reverses", "reversal_link"]
    reversal_title = _("Điều chỉnh khoản chuyển quỹ #%(id)s")

    @admin.display(description=_("Số tiền"), ordering="amount")
    def amount_text(self, obj):
        return format_money(obj.amount)

    @admin.display(description=_("Điều chỉnh"))
    def correction(self, obj):
        return _("Điều chỉnh cho #%(id)s") % {"id": obj.reverses_id} if obj.reverses_id else ""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _money_funds(field, request) if db_field.name == "indicator" else field

    def may_use(self, request):
        return sees_everything(request.user)

    def write(self, request, obj, reason):
        services.save_fund_transfer(obj, by=request.user, reason=reason)

    def reversal_summary(self, entry):
        return _("%(kind)s ngày %(date)s: %(counterpart)s — %(amount)s.") % {
            "kind": entry.get_kind_display(),
            "date": entry.date.strftime("%d/%m/%Y"),
            "counterpart": entry.counterpart,
            "amount": format_money(entry.amount),
        }


class FundStatementForm(FiguresModelForm):
    start_date = vietnamese_date_field(_("Từ ngày"))
    end_date = vietnamese_date_field(_("Đến ngày"))
    signed_on = vietnamese_date_field(_("Ngày ký"))

    class Meta:
        model = FundStatement
        fields = [
            "indicator",
            "period_name",
            "start_date",
            "end_date",
            "grouping",
            "number",
            "place",
            "signed_on",
            "prepared_by_name",
            "signer_title",
            "signer_name",
        ]


@admin.register(FundStatement)
class FundStatementAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = FundStatementForm
    list_display = ["indicator", "period", "grouping", "published", "links"]
    list_filter = ["is_published", "indicator__campaign"]
    list_select_related = ["indicator__campaign"]
    readonly_fields = ["published", "links", "published_by", "created_by"]
    actions = ["publish_selected", "unpublish_selected"]

    def may_use(self, request):
        return sees_everything(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # taken off the site, never deleted

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _money_funds(field, request) if db_field.name == "indicator" else field

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            name = request.user.get_full_name().strip()
            form.base_fields["prepared_by_name"].initial = name
        return form

    @admin.display(description=_("Kỳ"), ordering="end_date")
    def period(self, obj):
        return obj.period_text

    @admin.display(description=_("Công khai"), boolean=False, ordering="is_published")
    def published(self, obj):
        if not obj.is_published:
            return _("Chưa công khai")
        if obj.published_at is None:
            return _("Đã công khai")
        when = timezone.localtime(obj.published_at)
        return _("Đã công khai %(when)s") % {"when": when.strftime("%d/%m/%Y %H:%M")}

    @admin.display(description=_("Xem"))
    def links(self, obj):
        if not obj.pk:
            return "—"
        preview = reverse("admin:campaigns_fundstatement_preview", args=[obj.pk])
        pdf = reverse("admin:campaigns_fundstatement_pdf", args=[obj.pk])
        html = format_html('<a href="{}">{}</a> · <a href="{}">PDF</a>', preview, _("Xem trước"), pdf)
        if obj.is_published:
            html += format_html(' · <a href="{}">{}</a>', obj.get_absolute_url(), _("Trang công khai"))
        return html

    def save_model(self, request, obj, form, change):
        services.save_fund_statement(obj, by=request.user)

    def _statement(self, request, pk):
        statement = self.visible_or_404(request, pk)
        if not self.has_view_permission(request, statement):
            raise PermissionDenied
        return statement

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/xem-truoc/", wrap(self.preview_view), name="campaigns_fundstatement_preview"),
            path("<int:pk>/pdf/", wrap(self.pdf_view), name="campaigns_fundstatement_pdf"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        statement = self._statement(request, pk)
        pdf_url = reverse("admin:campaigns_fundstatement_pdf", args=[statement.pk])
        return render(
            request, "campaigns/thuchi.html", page_context(statement, pdf_url=pdf_url, preview=True)
        )

    def pdf_view(self, request, pk):
        statement = self._statement(request, pk)
        return pdf_response(statement)

    def _each(self, request, queryset, action, done):
        changed = 0
        for statement in queryset.select_related("indicator__campaign"):
            try:
                action(statement, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                text = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{statement}: {text}", messages.ERROR)
            else:
                changed += 1
        if changed:
            self.message_user(request, done % {"n": changed}, messages.SUCCESS)

    @admin.action(description=_("Công khai các bảng đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._each(
            request, queryset, services.publish_fund_statement, _("Đã công khai %(n)s bảng thu – chi.")
        )

    @admin.action(description=_("Thôi công khai các bảng đã chọn"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._each(
            request, queryset, services.unpublish_fund_statement, _("Đã thôi công khai %(n)s bảng thu – chi.")
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("campaigns.publish_fundstatement")
