"""Back office of stated figures: staff copy what a report, an article or the upper level says,
and the list flags every figure whose arithmetic does not agree, with the working, before
anything is published. Saves go through `services.save_stated_figure`."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from lib.figures import Figure, Qualifier, parse_figure
from lib.money import parse_money
from lib.scoped_admin import ScopedInlineMixin
from lib.vietnamese import fold

from . import services
from .aid_admin import StaffRecordsMixin
from .forms import vietnamese_date_field
from .stated import StatedFigure, StatedPart

PERCENT_INVALID = _("Tỷ lệ chưa đúng. Viết như 123, 112,5 hoặc đạt 90,2%.")
HEDGED_MONEY_INVALID = _(
    "Số chưa đúng. Viết như 214.000.000, trên 214 triệu, hơn 1,3 tỷ, gần 40 triệu hoặc khoảng 2,6 tỷ."
)
_HEDGE_WORDS = {
    "hon": Qualifier.MORE_THAN,
    "tren": Qualifier.OVER,
    "gan": Qualifier.NEARLY,
    "khoang": Qualifier.ABOUT,
    "chung": Qualifier.ABOUT,
}


def parse_percent(value):
    """`đạt 123%`, `112,5`, `90.2 %` → Decimal with at most one decimal; Vietnamese error otherwise."""
    text = fold(str(value or "")).replace("%", " ").replace("dat", " ").strip()
    if not re.fullmatch(r"\d{1,5}([,.]\d)?", text):
        raise ValidationError(PERCENT_INVALID, code="invalid")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValidationError(PERCENT_INVALID, code="invalid") from None


def parse_hedged_money(value):
    """`trên 214 triệu` → Figure(214000000, OVER); `1,3 tỷ` → Figure(1300000000)."""
    text = " ".join(str(value or "").split())
    head, _space, rest = text.partition(" ")
    qualifier = _HEDGE_WORDS.get(fold(head))
    if qualifier is None:
        qualifier, rest = Qualifier.EXACT, text
    try:
        return Figure(parse_money(rest), qualifier)
    except ValidationError:
        raise ValidationError(HEDGED_MONEY_INVALID, code="invalid") from None


class PercentField(forms.Field):
    def to_python(self, value):
        return None if value in self.empty_values else parse_percent(value)


class HedgedMoneyField(forms.Field):
    widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})

    def to_python(self, value):
        return None if value in self.empty_values else parse_hedged_money(value)


class HedgedCountField(forms.Field):
    widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "text"})

    def to_python(self, value):
        return None if value in self.empty_values else parse_figure(value)


def _grouped_money(value):
    from lib.money import grouped

    return grouped(value) if value is not None else ""


class StatedFigureForm(forms.ModelForm):
    source_date = vietnamese_date_field(_("Ngày của nguồn"))
    source_url = forms.URLField(label=_("Đường dẫn"), required=False, assume_scheme="https")
    percent_text = PercentField(
        label=_("Tỷ lệ nêu (%)"), required=False, help_text=_("Ví dụ: 123 hoặc 112,5")
    )
    amount_text = HedgedMoneyField(
        label=_("Số tiền nêu"),
        required=False,
        help_text=_("Ghi như văn bản: trên 214 triệu, 2,4 tỷ, 185.860.000"),
    )
    count_text = HedgedCountField(
        label=_("Số lượng nêu"), required=False, help_text=_("Ghi như văn bản: 1.250, hơn 3.000, gần 5.000")
    )
    unit_value_text = HedgedMoneyField(
        label=_("Trị giá mỗi suất nêu"), required=False, help_text=_("Ví dụ: 500.000")
    )
    target_text = HedgedMoneyField(
        label=_("Chỉ tiêu nêu"),
        required=False,
        help_text=_("Số đồng hoặc số lượng chỉ tiêu văn bản nêu (KH giao)"),
    )

    class Meta:
        model = StatedFigure
        fields = [
            "campaign",
            "subject",
            "indicator",
            "quote",
            "source_kind",
            "source",
            "source_date",
            "source_url",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        figure = self.instance
        if figure.pk:
            self.initial["percent_text"] = (
                str(figure.percent).replace(".", ",") if figure.percent is not None else ""
            )
            self.initial["amount_text"] = str(figure.amount_figure) if figure.amount is not None else ""
            self.initial["count_text"] = str(figure.count_figure) if figure.count is not None else ""
            self.initial["unit_value_text"] = _grouped_money(figure.unit_value)
            self.initial["target_text"] = _grouped_money(figure.target)

    def clean(self):
        data = super().clean()
        figure = self.instance
        figure.percent = data.get("percent_text")
        amount, count = data.get("amount_text"), data.get("count_text")
        figure.amount, figure.amount_qualifier = (amount.value, amount.qualifier) if amount else (None, "")
        figure.count, figure.count_qualifier = (count.value, count.qualifier) if count else (None, "")
        for name, field in (("unit_value_text", "unit_value"), ("target_text", "target")):
            value = data.get(name)
            if value is not None and not value.is_exact:
                self.add_error(name, _("Ô này ghi số đúng, không kèm “trên”, “gần”…"))
            setattr(figure, field, value.value if value else None)
        return data

    # The model's fields behind the typed figures: its messages are shown on those inputs.
    ERROR_FIELDS = {
        "percent": "percent_text",
        "amount": "amount_text",
        "amount_qualifier": "amount_text",
        "count": "count_text",
        "count_qualifier": "count_text",
        "unit_value": "unit_value_text",
        "target": "target_text",
    }

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            remapped = {}
            for name, messages in errors.message_dict.items():
                name = self.ERROR_FIELDS.get(name, name)
                remapped.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(remapped)
        super()._update_errors(errors)


class StatedPartForm(forms.ModelForm):
    value_text = HedgedMoneyField(label=_("Số nêu"), help_text=_("Ví dụ: 150 triệu, trên 60 triệu, 320"))

    class Meta:
        model = StatedPart
        fields = ["label"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["value_text"] = str(self.instance.figure_value)

    def clean(self):
        data = super().clean()
        figure = data.get("value_text")
        if figure is not None:
            self.instance.value, self.instance.qualifier = figure.value, figure.qualifier
        return data


class StatedPartInline(ScopedInlineMixin, admin.TabularInline):
    model = StatedPart
    form = StatedPartForm
    extra = 2


class AgreementFilter(admin.SimpleListFilter):
    """Khớp / không khớp: computed, so answered over the user's stated figures in Python
    (a commune states tens of figures a year, not millions)."""

    title = _("kết quả đối chiếu")
    parameter_name = "doi_chieu"

    def lookups(self, request, model_admin):
        return [("khong_khop", _("Không khớp")), ("khop", _("Khớp"))]

    def queryset(self, request, queryset):
        if self.value() not in ("khop", "khong_khop"):
            return queryset
        flagged = {figure.pk for figure in queryset.for_listing() if figure.disagreements()}
        if self.value() == "khong_khop":
            return queryset.filter(pk__in=flagged)
        return queryset.exclude(pk__in=flagged)


def checks_html(checks):
    if not checks:
        return _("Chưa đủ số để đối chiếu.")
    return format_html_join(
        "",
        '<div class="stated-check stated-check-{}"><strong>{}</strong> {}</div>',
        (("ok" if c.ok else "sai", "✔ Khớp:" if c.ok else "✘ Không khớp:", c.text) for c in checks),
    )


@admin.register(StatedFigure)
class StatedFigureAdmin(StaffRecordsMixin, admin.ModelAdmin):
    form = StatedFigureForm
    inlines = [StatedPartInline]
    list_display = ["quote", "agreement", "source_text", "campaign"]
    list_filter = [AgreementFilter, "campaign", "subject", "source_kind"]
    search_fields = ["quote", "source"]
    autocomplete_fields = ["campaign", "indicator"]
    readonly_fields = ["agreement_detail"]

    class Media:
        css = {"all": ["css/campaigns-aid-admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    @admin.display(description=_("Nguồn"), ordering="source_date")
    def source_text(self, obj):
        return f"{obj.source} ({obj.source_date.strftime('%d/%m/%Y')})"

    @admin.display(description=_("Đối chiếu"))
    def agreement(self, obj):
        """The list shows what disagrees, with the working; what agrees is only counted."""
        checks = obj.checks()
        wrong = [check for check in checks if not check.ok]
        agreeing = len(checks) - len(wrong)
        summary = (
            format_html(
                '<div class="stated-check stated-check-ok">{}</div>',
                _("✔ %(n)s phép đối chiếu khớp") % {"n": agreeing},
            )
            if agreeing
            else ""
        )
        if not checks:
            return _("Chưa đủ số để đối chiếu.")
        return format_html("{}{}", checks_html(wrong) if wrong else "", summary)

    @admin.display(description=_("Đối chiếu với số học và với sổ"))
    def agreement_detail(self, obj):
        return checks_html(obj.checks()) if obj.pk else "—"

    def get_fields(self, request, obj=None):
        fields = [
            "campaign",
            "subject",
            "indicator",
            "quote",
            "percent_text",
            "amount_text",
            "count_text",
            "unit_value_text",
            "target_text",
            "source_kind",
            "source",
            "source_date",
            "source_url",
        ]
        return [*fields, "agreement_detail"] if obj else fields

    def changelist_view(self, request, extra_context=None):
        flagged = [
            figure
            for figure in self.get_queryset(request).order_by("-source_date", "-pk")
            if figure.disagreements()
        ]
        if flagged:
            self.message_user(
                request,
                _("%(n)s số liệu được nêu không khớp — hãy xem lại trước khi công bố: %(quotes)s")
                % {"n": len(flagged), "quotes": "; ".join(f"“{f.quote}”" for f in flagged[:5])},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        services.save_stated_figure(obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        parts = formset.save(commit=False)
        services.save_stated_figure(
            form.instance, by=request.user, parts=parts, removed=formset.deleted_objects
        )

    def response_change(self, request, obj):
        self._say_checks(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self._say_checks(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _say_checks(self, request, obj):
        for check in obj.disagreements():
            self.message_user(request, _("Không khớp: %(text)s") % {"text": check.text}, messages.WARNING)
