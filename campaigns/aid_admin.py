"""Back office of the support a campaign gives: recipients, gift batches (and top-ups), houses
with their sources and stages. Commune staff and the chair record them; hamlet officers see
none (a list of poor households is the commune's). Every save goes through `services`.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from congresses.opinions_admin import CheckedModelMultipleChoiceField
from congresses.permissions import working_commune
from lib.money import FiguresModelForm
from lib.scoped_admin import AreaScopedAdminMixin, ScopedInlineMixin
from lib.vietnamese import format_money, format_number

from . import record_imports, services
from .forms import vietnamese_date_field
from .gifts import GiftBatch, Recipient
from .houses import STAGE_FILTERS, House, HouseSource, Stage
from .import_admin import RecordImportMixin
from .permissions import sees_everything


class StaffRecordsMixin(AreaScopedAdminMixin):
    """Staff and chair only, never deleted by them (soft states instead: `is_active`,
    `withdrawn_reason`)."""

    def may_use(self, request):
        return sees_everything(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


def _disbursement_link(obj):
    if not obj.disbursement_id:
        return "—"
    url = reverse("admin:campaigns_disbursement_change", args=[obj.disbursement_id])
    return format_html('<a href="{}">{}</a>', url, _("Khoản chi #%(id)s") % {"id": obj.disbursement_id})


# --- recipients ---------------------------------------------------------------------------------


class RecipientForm(forms.ModelForm):
    class Meta:
        model = Recipient
        fields = ["kind", "label", "area", "note", "is_active"]


@admin.register(Recipient)
class RecipientAdmin(RecordImportMixin, StaffRecordsMixin, admin.ModelAdmin):
    form = RecipientForm
    import_headers = record_imports.RECIPIENT_HEADERS
    import_with_campaign = False
    import_explanation = _(
        "Mỗi dòng là một hộ gia đình, trường học hay đơn vị nhận hỗ trợ của xã. Hộ gia đình cần tên "
        "khu dân cư. Đối tượng ghi như: Hộ nghèo, Hộ cận nghèo, Gia đình chính sách, Trường học."
    )

    def run_import(self, request, form):
        commune = working_commune(request)
        if commune is None:  # province staff on the province's site: no commune to add to
            raise record_imports.ImportRefused(_("Hãy mở trang quản trị của xã cần nhập danh sách."))
        return record_imports.import_recipients(form.cleaned_data["file"], commune=commune, by=request.user)

    list_display = ["label", "kind", "area", "is_active"]
    list_filter = ["kind", "is_active", ("area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["label", "note"]
    list_select_related = ["area"]
    autocomplete_fields = ["area"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.commune = working_commune(request)
        services.save_recipient(obj, by=request.user)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            # The commune is the account's: set before the model's checks run.
            commune = working_commune(request)

            class WithCommune(form):
                def _post_clean(inner):
                    inner.instance.commune = commune
                    super()._post_clean()

            return WithCommune
        return form


class DropsReadOnlyDeclaredFields:
    """The admin leaves read-only fields out of the form's `fields`, but a field declared on
    the form class stays and would be required unseen: drop it too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = self._meta.fields
        if wanted:
            for name in list(self.fields):
                if name in self.declared_fields and name not in wanted:
                    del self.fields[name]


# --- gift batches ---------------------------------------------------------------------------


class GiftBatchForm(DropsReadOnlyDeclaredFields, FiguresModelForm):
    date = vietnamese_date_field(_("Ngày trao"))

    class Meta:
        model = GiftBatch
        fields = [
            "campaign",
            "title",
            "date",
            "tops_up",
            "area",
            "beneficiary_kind",
            "count",
            "unit_label",
            "cash_per_gift",
            "kind_quantity",
            "kind_unit",
            "kind_description",
            "kind_value_per_gift",
            "giver",
            "paid",
            "funding_source",
            "recipients",
            "note",
        ]

    def _post_clean(self):
        super()._post_clean()
        recipients = self.cleaned_data.get("recipients")
        if recipients is not None and not self.errors and self.instance.campaign_id:
            try:
                self.instance.check_recipients(recipients)
            except ValidationError as error:
                self.add_error("recipients", error)


class TopUpFilter(admin.SimpleListFilter):
    title = _("loại đợt")
    parameter_name = "bo_sung"

    def lookups(self, request, model_admin):
        return [("khong", _("Đợt trao quà")), ("co", _("Đợt bổ sung"))]

    def queryset(self, request, queryset):
        if self.value() == "co":
            return queryset.filter(tops_up__isnull=False)
        if self.value() == "khong":
            return queryset.filter(tops_up__isnull=True)
        return queryset


@admin.register(GiftBatch)
class GiftBatchAdmin(RecordImportMixin, StaffRecordsMixin, SimpleHistoryAdmin):
    form = GiftBatchForm
    import_headers = record_imports.GIFT_HEADERS
    import_explanation = _(
        "Mỗi dòng là một đợt trao quà: nội dung, ngày trao, khu dân cư (hoặc Toàn xã), đối tượng, số "
        "suất và giá trị mỗi suất bằng tiền, hiện vật. Đợt bổ sung cho một đợt trước thì nhập trong trang này."
    )

    def run_import(self, request, form):
        return record_imports.import_gift_batches(
            form.cleaned_data["file"], campaign=form.cleaned_data["campaign"], by=request.user
        )

    # Narrow enough for a laptop: the campaign and the kind of recipient are filters.
    list_display = ["title", "date_text", "count_text", "each_text", "value_text", "fund_part"]
    list_filter = ["campaign", TopUpFilter, "beneficiary_kind"]
    search_fields = ["title", "giver", "note"]
    list_select_related = ["campaign", "tops_up", "disbursement"]
    autocomplete_fields = ["campaign", "area", "tops_up", "recipients"]
    readonly_fields = ["fund_part", "summary"]

    @admin.display(description=_("Ngày trao"), ordering="date")
    def date_text(self, obj):
        return obj.date.strftime("%d/%m/%Y")

    @admin.display(description=_("Số suất"), ordering="count")
    def count_text(self, obj):
        if obj.is_top_up:
            return _("%(n)s hộ (bổ sung cho “%(first)s”)") % {
                "n": format_number(obj.count),
                "first": obj.tops_up.title,
            }
        return f"{format_number(obj.count)} {obj.unit_label}"

    @admin.display(description=_("Mỗi suất"))
    def each_text(self, obj):
        return obj.per_gift_text() or "—"

    @admin.display(description=_("Tổng trị giá"))
    def value_text(self, obj):
        return format_money(obj.total_value) if obj.total_value else _("không quy ra tiền")

    @admin.display(description=_("Chi từ quỹ"))
    def fund_part(self, obj):
        if not obj.pk:
            return "—"
        if not obj.disbursement_id:
            return _("Không chi từ quỹ") if not obj.fund_amount else "—"
        return format_html("{} — {}", format_money(obj.disbursement.amount), _disbursement_link(obj))

    @admin.display(description=_("Câu báo cáo"))
    def summary(self, obj):
        return obj.sentence() if obj.pk else "—"

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if obj else [name for name in fields if name not in self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        # The fund's payout was computed from these: corrected in the ledger, not here.
        fixed = ["campaign", "date", "count", "cash_per_gift", "kind_value_per_gift", "paid"]
        return [*self.readonly_fields, *(fixed if obj and obj.disbursement_id else [])]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # An id past the database's integers is the form's error, never an OverflowError.
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.save_gift_batch(
            obj, by=request.user, recipients=list(form.cleaned_data.get("recipients") or [])
        )

    def save_related(self, request, form, formsets, change):
        # The recipients were set by the service with the batch; no formsets here.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


# --- houses ---------------------------------------------------------------------------------


class HouseSourceForm(FiguresModelForm):
    class Meta:
        model = HouseSource
        fields = ["kind", "name", "amount", "workdays"]


class HouseSourceFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.total_value is None:
            return
        kept = [
            form.instance
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.instance.amount is not None
        ]
        try:
            self.instance.check_sources(kept)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class HouseSourceInline(ScopedInlineMixin, admin.TabularInline):
    model = HouseSource
    form = HouseSourceForm
    formset = HouseSourceFormSet
    extra = 1

    def has_delete_permission(self, request, obj=None):
        # Until the Front's part is paid a source line typed by mistake may go; after, it stays.
        return obj is None or obj.disbursement_id is None


class HouseForm(DropsReadOnlyDeclaredFields, FiguresModelForm):
    approved_on = vietnamese_date_field(_("Ngày duyệt"))
    money_handed_on = vietnamese_date_field(_("Ngày trao tiền hỗ trợ"))
    started_on = vietnamese_date_field(_("Ngày khởi công"))
    handed_over_on = vietnamese_date_field(_("Ngày bàn giao"))

    class Meta:
        model = House
        fields = [
            "campaign",
            "kind",
            "work",
            "recipient",
            "total_value",
            "front_support",
            "approved_on",
            "money_handed_on",
            "started_on",
            "handed_over_on",
            "funding_source",
            "withdrawn_reason",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("money_handed_on", "started_on", "handed_over_on"):
            if name in self.fields:  # read-only once the Front's part is paid
                self.fields[name].required = False
                self.fields[name].initial = None


class StageFilter(admin.SimpleListFilter):
    title = _("tiến độ")
    parameter_name = "tien_do"

    def lookups(self, request, model_admin):
        return Stage.choices

    def queryset(self, request, queryset):
        if self.value() in STAGE_FILTERS:
            return queryset.filter(STAGE_FILTERS[self.value()])
        return queryset


@admin.register(House)
class HouseAdmin(RecordImportMixin, StaffRecordsMixin, SimpleHistoryAdmin):
    form = HouseForm
    import_headers = record_imports.HOUSE_HEADERS
    import_explanation = _(
        "Mỗi dòng là một căn nhà: hộ được hỗ trợ (chưa có trong danh sách thì được thêm), khu dân "
        "cư, tổng trị giá, phần Mặt trận hỗ trợ, từng nguồn khác và ngày của từng bước. Số tiền ghi "
        "như 60.000.000 hoặc 60 triệu; ngày ghi ngày/tháng/năm."
    )

    def run_import(self, request, form):
        return record_imports.import_houses(
            form.cleaned_data["file"], campaign=form.cleaned_data["campaign"], by=request.user
        )

    inlines = [HouseSourceInline]
    list_display = ["household", "area", "work", "value_text", "front_text", "stage_text"]
    list_filter = ["campaign", StageFilter, "kind", "work", ("area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["recipient__label", "note"]
    list_select_related = ["recipient", "area", "campaign"]
    autocomplete_fields = ["campaign", "recipient"]
    readonly_fields = ["funding", "payout"]

    @admin.display(description=_("Hộ gia đình"), ordering="recipient__label")
    def household(self, obj):
        return obj.recipient.label

    @admin.display(description=_("Tổng trị giá"), ordering="total_value")
    def value_text(self, obj):
        return format_money(obj.total_value)

    @admin.display(description=_("Mặt trận xã hỗ trợ"), ordering="front_support")
    def front_text(self, obj):
        return format_money(obj.front_support)

    @admin.display(description=_("Tiến độ"))
    def stage_text(self, obj):
        return obj.stage_text()

    @admin.display(description=_("Cơ cấu nguồn"))
    def funding(self, obj):
        return obj.funding_text() if obj.pk else "—"

    @admin.display(description=_("Khoản chi từ quỹ"))
    def payout(self, obj):
        return _disbursement_link(obj)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if obj else [name for name in fields if name not in self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["campaign", "front_support", "money_handed_on"] if obj and obj.disbursement_id else []
        return [*self.readonly_fields, *fixed]

    def save_model(self, request, obj, form, change):
        services.save_house(obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        sources = formset.save(commit=False)
        services.set_house_sources(
            form.instance, by=request.user, sources=sources, removed=formset.deleted_objects
        )
