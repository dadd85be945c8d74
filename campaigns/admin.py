"""Back office of campaigns. Officers see and enter only their own areas' results; the chair
sets targets, locks periods and verifies entries. Every rule is enforced on the server
(querysets and has_*_permission), not only by hiding menu items."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from congresses.models import ResidentialArea
from lib.admin_input import parse_id
from lib.admin_search import FoldedInPythonSearch, FoldedSearchMixin
from lib.scoped_admin import AreaScopedAdminMixin, ScopedInlineMixin
from lib.vietnamese import format_money

from . import admin_locks, imports, rates_admin, rounds_admin, services, targets_grid  # noqa: F401 (registers rounds)
from .exports import results_workbook
from .forms import ContributionForm, DisbursementForm, TargetForm
from .import_admin import XLSX, RecordImportMixin
from .models import AreaOfficer, Campaign, Contribution, Disbursement, Indicator, PeriodLock, Target
from .permissions import areas_within_scope, is_chair, sees_everything, works_somewhere
from .reports import summary_sentence
from .selectors import area_results
from .stated import StatedFigure
from .stated_admin import checks_html
from .text_check import MAX_TEXT, check_text


class TextCheckForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung bài viết"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
        help_text=_(
            "Dán nội dung bài viết (bản nháp hoặc đã đăng) hay đoạn báo cáo. Các con số như "
            "“đạt 123%”, “1.250 phần quà”, “trên 214 triệu đồng” được đối chiếu với sổ."
        ),
        error_messages={"required": _("Hãy dán nội dung bài viết cần kiểm tra.")},
    )


def stated_flags(figures):
    """The stated figures that disagree, each with its working, where staff read the sentence
    before publishing it ("" when every stated figure agrees or there is none)."""
    flagged = [(figure, figure.disagreements()) for figure in figures]
    flagged = [(figure, checks) for figure, checks in flagged if checks]
    if not flagged:
        return ""
    return format_html_join(
        "",
        '<div class="stated-check stated-check-sai"><strong>{}</strong> “{}” ({}): {}</div>',
        (
            (
                _("✘ Số liệu được nêu không khớp:"),
                figure.quote,
                figure.source,
                " ".join(c.text for c in checks),
            )
            for figure, checks in flagged
        ),
    )


class ChairWritesMixin:
    """Staff and chair look; only the chair adds and changes. Nobody deletes."""

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and sees_everything(request.user)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and is_chair(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_chair(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


class IndicatorInline(ScopedInlineMixin, admin.TabularInline):
    model = Indicator
    extra = 0
    fields = [
        "name",
        "unit",
        "unit_label",
        "report_phrase",
        "sentence_form",
        "people_verb",
        "counts_registered",
        "percent_decimals",
        "excess_form",
        "position",
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(FoldedInPythonSearch, ChairWritesMixin, AreaScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "status", "period", "commune", "export_link"]
    list_filter = ["status", "kind", ("commune", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description"]
    list_select_related = ["commune"]

    def folded_label(self, obj):
        return f"{obj.name} {obj.description}"

    inlines = [IndicatorInline]
    readonly_fields = ["report_sentences", "lock_state"]
    fields = [
        "commune",
        "name",
        "kind",
        "status",
        "start_date",
        "end_date",
        "description",
        "lock_state",
        "report_sentences",
    ]
    actions = ["export_results"]

    # A commune's part of a province campaign carries the province's name, dates and status.
    PROVINCE_FIELDS = ["commune", "name", "kind", "status", "start_date", "end_date"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.province_campaign_id:
            fields += self.PROVINCE_FIELDS
        return fields

    @admin.display(description=_("Thời gian"), ordering="start_date")
    def period(self, obj):
        return obj.period_label

    @admin.display(description=_("Xuất Excel"))
    def export_link(self, obj):
        url = reverse("admin:campaigns_campaign_export", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Tải kết quả"))

    @admin.display(description=_("Câu báo cáo"))
    def report_sentences(self, obj):
        if not obj.pk:
            return "—"
        sentences = format_html_join(
            "",
            "<p>{}.</p>{}",
            ((summary_sentence(i), stated_flags(i.stated_figures.all())) for i in obj.indicators.all()),
        )
        others = stated_flags(obj.stated_figures.exclude(subject=StatedFigure.Subject.INDICATOR))
        return format_html("{}{}", sentences, others) if sentences or others else "—"

    @admin.display(description=_("Khóa sổ"))
    def lock_state(self, obj):
        lock = obj.current_lock() if obj.pk else None
        return lock.fact() if lock else _("Chưa khóa")

    @admin.action(description=_("Xuất kết quả ra Excel (cuộc vận động đầu tiên được chọn)"))
    def export_results(self, request, queryset):
        return self._xlsx(queryset.first())

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        check = self.admin_site.admin_view(self.check_text_view)
        return [
            path("<int:pk>/xuat-excel/", export, name="campaigns_campaign_export"),
            path("<int:pk>/kiem-tra-so-lieu/", check, name="campaigns_campaign_check_text"),
            *super().get_urls(),
        ]

    def check_text_view(self, request, pk):
        """Staff paste a post's text (or a report's) and see every figure it quotes checked
        against the books, with the working. Pasted rather than picked: campaigns may not read
        the news app, and the pasted text is exactly what readers see, draft or published."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        campaign = get_object_or_404(self.get_queryset(request), pk=pk)
        form = TextCheckForm(request.POST or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = check_text(form.cleaned_data["text"], campaign)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Kiểm tra số liệu trong bài viết"),
            "campaign": campaign,
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "checks": checks_html(report.checks) if report and report.checks else "",
        }
        return TemplateResponse(request, "admin/campaigns/campaign/check_text.html", context)

    def export_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._xlsx(get_object_or_404(self.get_queryset(request), pk=pk))

    def _xlsx(self, campaign):
        response = HttpResponse(results_workbook(campaign), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="ket-qua-{campaign.slug[:60]}.xlsx"'
        return response


@admin.register(Indicator)
class IndicatorAdmin(FoldedInPythonSearch, ChairWritesMixin, AreaScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "campaign", "report_sentence"]
    list_filter = ["campaign__status", "unit"]
    search_fields = ["name", "campaign__name"]
    list_select_related = ["campaign"]

    def folded_label(self, obj):
        return f"{obj.name} {obj.campaign.name}"

    autocomplete_fields = ["campaign"]
    list_per_page = 50

    @admin.display(description=_("Câu báo cáo"))
    def report_sentence(self, obj):
        return format_html("{}{}", summary_sentence(obj), stated_flags(obj.stated_figures.all()))

    def get_urls(self):
        grid = self.admin_site.admin_view(partial(targets_grid.targets_grid_view, self))
        return [
            path("<int:pk>/giao-chi-tieu/", grid, name="campaigns_indicator_targets"),
            *super().get_urls(),
        ]


class KeptForeverMixin:
    """Targets and ledger entries are never deleted: a mistake is corrected by a new value or
    a reversing entry, and the history keeps the old one."""

    def has_delete_permission(self, request, obj=None):
        return False

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied


class CampaignRecordAdmin(KeptForeverMixin, AreaScopedAdminMixin, SimpleHistoryAdmin):
    """Targets, contributions and disbursements: each user sees the records of the areas they
    work for (`visible_to`), and every save goes through `write`, i.e. through the services."""

    def may_use(self, request):
        return works_somewhere(request.user)

    def write(self, request, obj, reason):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        self.write(request, obj, reason=_revert_reason(request))


def _revert_reason(request):
    """The history's reason for a save made from a historical version's page (a revert)."""
    match = getattr(request, "resolver_match", None)
    if match and (match.url_name or "").endswith("_simple_history"):
        return _("Khôi phục theo một phiên bản trong lịch sử")
    return ""


@admin.register(Target)
class TargetAdmin(FoldedInPythonSearch, CampaignRecordAdmin):
    form = TargetForm
    list_display = ["indicator", "campaign", "whom", "amount_text", "assigned_by", "set_by"]
    list_filter = ["indicator__campaign", "assigned_by"]
    search_fields = ["indicator__name", "area__name"]
    list_select_related = ["indicator__campaign", "area", "set_by"]

    def folded_label(self, obj):
        return f"{obj.indicator.name} {obj.area.full_name if obj.area_id else ''}"

    autocomplete_fields = ["indicator", "area"]

    @admin.display(description=_("Cuộc vận động"), ordering="indicator__campaign")
    def campaign(self, obj):
        return obj.indicator.campaign

    @admin.display(description=_("Giao cho"), ordering="area__position")
    def whom(self, obj):
        return obj.area.full_name if obj.area_id else _("Cả xã")

    @admin.display(description=_("Mức chỉ tiêu"), ordering="amount")
    def amount_text(self, obj):
        return obj.text(obj.indicator) or obj.get_shape_display()

    def write(self, request, obj, reason):
        services.save_target(obj, by=request.user, reason=reason)


class LedgerAdmin(CampaignRecordAdmin):
    """Contributions and disbursements: read-only once locked or when a correction; corrected
    by a reversing entry made on the "Lập bút toán điều chỉnh" page."""

    reversal_title = _("Điều chỉnh bút toán #%(id)s")

    def is_open(self, obj):
        return not obj.is_reversal and not obj.is_locked()

    def get_fields(self, request, obj=None):
        # Who entered it, when, and its corrections exist only once it is saved.
        fields = super().get_fields(request, obj)
        return fields if obj else [name for name in fields if name not in self.readonly_fields]

    def reversal_summary(self, entry):
        raise NotImplementedError

    @admin.display(description=_("Sửa sai"))
    def reversal_link(self, obj):
        if not obj.pk or obj.is_reversal:
            return "—"
        correction = type(obj).objects.filter(reverses=obj).values_list("pk", flat=True).first()
        if correction:
            return _("Đã điều chỉnh bằng bút toán #%(id)s") % {"id": correction}
        url = reverse(f"admin:campaigns_{self.model._meta.model_name}_reverse", args=[obj.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Lập bút toán điều chỉnh"))

    def get_urls(self):
        name = f"campaigns_{self.model._meta.model_name}_reverse"
        view = self.admin_site.admin_view(self.reverse_view)
        return [path("<int:pk>/dieu-chinh/", view, name=name), *super().get_urls()]

    def reverse_view(self, request, pk):
        entry = self.visible_or_404(request, pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ReversalForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                reversal = services.reverse_entry(entry, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request, _("Đã lập bút toán điều chỉnh #%(id)s.") % {"id": reversal.pk}, messages.SUCCESS
                )
                return redirect(f"admin:campaigns_{self.model._meta.model_name}_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.reversal_title % {"id": entry.pk},
            "entry": entry,
            "summary": self.reversal_summary(entry),
            "form": form,
        }
        return TemplateResponse(request, "admin/campaigns/reverse.html", context)


class AreaListFilter(admin.SimpleListFilter):
    """Areas the user can see: an officer's filter lists only their own areas."""

    title = _("khu dân cư")
    parameter_name = "khu"

    def lookups(self, request, model_admin):
        areas = areas_within_scope(ResidentialArea.objects.order_by("position", "name"), request.user)
        return [(area.pk, area.full_name) for area in areas]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        # A hand-typed `?khu=abc` (or a number no column can hold) matches nothing: no 500.
        area_id = parse_id(self.value())
        return queryset.filter(area_id=area_id) if area_id else queryset.none()


class VerifiedFilter(admin.SimpleListFilter):
    title = _("xác nhận")
    parameter_name = "xac-nhan"

    def lookups(self, request, model_admin):
        return [("roi", _("Đã xác nhận")), ("chua", _("Chưa xác nhận"))]

    def queryset(self, request, queryset):
        if self.value() == "roi":
            return queryset.filter(verified_at__isnull=False)
        if self.value() == "chua":
            return queryset.filter(verified_at__isnull=True)
        return queryset


class LargeTablePaginator(Paginator):
    """Counting a million rows costs more than the page itself: an unfiltered list on
    PostgreSQL uses the planner's row estimate; any filter (an officer's areas) counts exactly."""

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is not None and not query.where and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [query.model._meta.db_table]
                )
                row = cursor.fetchone()
            if row and row[0] > 100_000:
                return row[0]
        return super().count


class ReversalForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"), max_length=200, widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.register(Contribution)
class ContributionAdmin(RecordImportMixin, FoldedSearchMixin, admin_locks.ExplainsLocksMixin, LedgerAdmin):
    form = ContributionForm
    # The import page (RecordImportMixin) with a template file per campaign, which names the
    # campaign's indicators and the hamlets the user enters for.
    import_page_template = "admin/campaigns/contribution/import.html"
    import_title = _("Nhập kết quả từ tệp Excel hoặc CSV")
    import_saved_message = _("Đã nhập %(count)s kết quả.")
    list_display = [
        "day",
        "indicator_name",
        "area_label",
        "donor",
        "figure_text",
        "entered_by",
        "verified",
        "correction",
        "receipt_thumbnail",
    ]
    list_filter = [
        "indicator__campaign",
        AreaListFilter,
        ("date", admin.DateFieldListFilter),
        "donor_kind",
        VerifiedFilter,
    ]
    search_fields = ["donor_name", "note"]
    list_select_related = ["indicator__campaign", "area", "entered_by", "reverses"]
    # No date_hierarchy: its DISTINCT over every date costs half a second at a million rows.
    paginator = LargeTablePaginator
    show_full_result_count = False
    readonly_fields = ["entered_by", "entered_at", "verified_by", "verified_at", "reverses", "reversal_link"]
    actions = ["verify_selected"]
    list_per_page = 50
    change_list_template = "admin/campaigns/contribution/change_list.html"

    @admin.display(description=_("Ngày"), ordering="date")
    def day(self, obj):
        return obj.date.strftime("%d/%m/%Y")

    @admin.display(description=_("Chỉ tiêu"), ordering="indicator__name")
    def indicator_name(self, obj):
        return obj.indicator.name

    @admin.display(description=_("Khu dân cư"), ordering="area__position")
    def area_label(self, obj):
        return obj.area_name

    @admin.display(description=_("Người ủng hộ"), ordering="donor_name")
    def donor(self, obj):
        if obj.is_anonymous:
            return format_html("{} <span class='quiet'>({})</span>", _("Giấu tên"), obj.donor_name or "—")
        return obj.donor_name

    @admin.display(description=_("Kết quả"), ordering="amount")
    def figure_text(self, obj):
        return obj.figure

    @admin.display(description=_("Xác nhận"), ordering="verified_at")
    def verified(self, obj):
        # Words in a quiet badge: Django's boolean icons show a red ✖ that reads like an error.
        if obj.verified_at is not None:
            return format_html('<span class="state-badge state-badge--verified">{}</span>', _("Đã xác nhận"))
        return format_html('<span class="state-badge">{}</span>', _("Chưa xác nhận"))

    @admin.display(description=_("Điều chỉnh"))
    def correction(self, obj):
        if obj.reverses_id:
            return _("Điều chỉnh cho #%(id)s") % {"id": obj.reverses_id}
        return ""

    @admin.display(description=_("Biên nhận"))
    def receipt_thumbnail(self, obj):
        if not obj.receipt:
            return ""
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" width="48" height="48" class="receipt-thumb" loading="lazy"></a>',
            obj.receipt_url,
            obj.receipt_thumbnail_url,
            _("Ảnh biên nhận #%(id)s") % {"id": obj.pk},
        )

    # --- who sees and changes what: AreaScopedAdminMixin and LedgerAdmin -----------------
    def changelist_view(self, request, extra_context=None):
        # An officer sees their own hamlets against their targets above the list.
        summaries = []
        if not sees_everything(request.user):
            areas = areas_within_scope(ResidentialArea.objects.order_by("position"), request.user)
            summaries = [(area, area_results(area)) for area in areas]
        extra_context = {**(extra_context or {}), "area_summaries": summaries}
        return super().changelist_view(request, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "area":
            areas = ResidentialArea.objects.current().order_by("position", "name")
            kwargs["queryset"] = areas_within_scope(areas, request.user)
            if sees_everything(request.user):
                # Blank is an entry of the commune as a whole; said in the choice itself.
                kwargs["empty_label"] = _("— Toàn xã (không thuộc khu dân cư nào) —")
            else:
                kwargs["required"] = True  # an officer enters only for their own hamlet
        if db_field.name == "indicator":
            kwargs["queryset"] = Indicator.objects.filter(
                campaign__status=Campaign.Status.ACTIVE
            ).select_related("campaign")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def write(self, request, obj, reason):
        services.save_contribution(
            obj, by=request.user, reason=reason, items=getattr(obj, "pending_items", None)
        )

    def reversal_summary(self, entry):
        return _("Kết quả ngày %(date)s của %(area)s: %(figure)s (%(donor)s).") % {
            "date": entry.date.strftime("%d/%m/%Y"),
            "area": entry.area_name,
            "figure": entry.figure,
            "donor": entry.public_donor_name,
        }

    @admin.action(description=_("Xác nhận các kết quả đã chọn (Chủ tịch)"))
    def verify_selected(self, request, queryset):
        try:
            count = services.verify_contributions(queryset, by=request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, _("Đã xác nhận %(count)s kết quả.") % {"count": count}, messages.SUCCESS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_chair(request.user):
            actions.pop("verify_selected", None)
        return actions

    # --- extra pages: import, template (the reversal page is LedgerAdmin's) -------------------
    def import_template_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "mau-nhap/<int:campaign_id>/",
                wrap(self.template_view),
                name="campaigns_contribution_template",
            )
        ]

    def import_context(self, request):
        return {"campaigns": Campaign.objects.current().visible_to(request.user)}

    def run_import(self, request, form):
        return imports.import_contributions(
            form.cleaned_data["file"], campaign=form.cleaned_data["campaign"], by=request.user
        )

    def template_view(self, request, campaign_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        campaign = get_object_or_404(Campaign.objects.current().visible_to(request.user), pk=campaign_id)
        areas = ResidentialArea.objects.current().filter(commune_id=campaign.commune_id).order_by("position")
        areas = areas_within_scope(areas, request.user)
        workbook = imports.template_workbook(campaign, areas, commune_wide=sees_everything(request.user))
        response = HttpResponse(workbook, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-{campaign.slug[:60]}.xlsx"'
        return response


@admin.register(Disbursement)
class DisbursementAdmin(FoldedInPythonSearch, admin_locks.ExplainsLocksMixin, LedgerAdmin):
    form = DisbursementForm
    list_display = [
        "date",
        "campaign",
        "purpose",
        "amount_text",
        "beneficiary_kind",
        "beneficiary_count",
        "area",
        "funding_source",
        "correction",
    ]
    list_filter = ["campaign", "beneficiary_kind"]
    search_fields = ["purpose"]
    list_select_related = ["campaign", "area"]

    def folded_label(self, obj):
        return f"{obj.purpose} {obj.funding_source}"

    autocomplete_fields = ["campaign", "area"]
    readonly_fields = ["entered_by", "entered_at", "reverses", "reversal_link"]
    reversal_title = _("Điều chỉnh khoản chi #%(id)s")

    @admin.display(description=_("Số tiền"), ordering="amount")
    def amount_text(self, obj):
        return format_money(obj.amount)

    @admin.display(description=_("Điều chỉnh"))
    def correction(self, obj):
        if obj.reverses_id:
            return _("Điều chỉnh cho #%(id)s") % {"id": obj.reverses_id}
        return ""

    def may_use(self, request):
        return sees_everything(request.user)

    def write(self, request, obj, reason):
        services.save_disbursement(obj, by=request.user, reason=reason)

    def reversal_summary(self, entry):
        return _("Khoản chi ngày %(date)s: %(purpose)s — %(amount)s.") % {
            "date": entry.date.strftime("%d/%m/%Y"),
            "purpose": entry.purpose,
            "amount": format_money(entry.amount),
        }


@admin.register(PeriodLock)
class PeriodLockAdmin(ChairWritesMixin, AreaScopedAdminMixin, SimpleHistoryAdmin):
    """Locks are made on a confirmation page and reopened with a reason (admin_locks); the
    list says which lock holds and the history page shows both steps."""

    list_display = ["campaign", "until", "who_when", "state", "reopen_link"]
    # A handful of locks per year: no filter column, so the list fits beside the menu.
    search_fields = ["campaign__name"]
    list_select_related = ["campaign", "locked_by", "reopened_by"]
    fields = ["campaign", "locked_until", "locked_by", "locked_at", "note", "state"]
    readonly_fields = fields

    @admin.display(description=_("Đến hết ngày"), ordering="locked_until")
    def until(self, obj):
        return obj.locked_until.strftime("%d/%m/%Y")

    @admin.display(description=_("Người khóa, lúc"), ordering="locked_at")
    def who_when(self, obj):
        return f"{obj.locked_by_name}, {timezone.localtime(obj.locked_at).strftime('%H:%M %d/%m/%Y')}"

    @admin.display(description=_("Tình trạng"))
    def state(self, obj):
        return _("Đang khóa") if obj.is_in_force else obj.reopen_summary()

    @admin.display(description=_("Mở lại"))
    def reopen_link(self, obj):
        if not obj.is_in_force:
            return "—"
        url = reverse("admin:campaigns_periodlock_reopen", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Mở lại kỳ"))

    def has_change_permission(self, request, obj=None):
        return False  # Reopening is its own page, with a reason; the lock itself never changes.

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/mo-lai/",
                wrap(partial(admin_locks.reopen_view, self)),
                name="campaigns_periodlock_reopen",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return admin_locks.lock_view(self, request)


@admin.register(AreaOfficer)
class AreaOfficerAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "area"]
    list_filter = [("area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name", "area__name"]
    list_select_related = ["user", "area"]
    autocomplete_fields = ["user", "area"]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and sees_everything(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and is_chair(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_chair(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_chair(request.user)


# Recipients, gifts, houses and stated figures have admin modules of their own.
from . import (  # noqa: E402, F401
    aid_admin,
    funds_admin,
    province_admin,  # noqa: E402, F401
    stated_admin,
)
