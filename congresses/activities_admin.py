"""Back office of the Front's activities: supervision and social review with their
recommendations followed up step by step, and the Ngày hội Đại đoàn kết of each area with the
commune's roll-up. Every write goes through `congresses.activity_services`.

Commune staff enter supervisions, the chair reads them; hamlet officers enter their own area's
Ngày hội (never another area's), staff any area's.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lib.figures import FigureField
from lib.scoped_admin import AreaScopedAdminMixin, ScopedInlineMixin

from . import activity_services as services
from .festivals import FestivalArea, UnityFestival, officer_area_ids, sees_every_area
from .models import ResidentialArea
from .permissions import working_commune
from .plans import ActivityPlan, PlannedActivity
from .supervision import FollowUp, Recommendation, Supervision


def _error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def _day(value):
    return value.strftime("%d/%m/%Y") if value else "—"


# --- supervision and social review -----------------------------------------------------------


class SupervisionForm(forms.ModelForm):
    opinions_figure = FigureField(
        label=_("số lượt ý kiến góp ý"),
        required=False,
        help_text=_("Với phản biện xã hội. Ghi như báo cáo: 12, trên 10, hơn 20"),
    )

    class Meta:
        model = Supervision
        fields = [
            "form",
            "basis",
            "basis_note",
            "subject",
            "draft_title",
            "body_supervised",
            "starts_on",
            "ends_on",
            "members",
            "findings",
            "is_published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["opinions_figure"] = self.instance.opinions_figure


class RecommendationInline(ScopedInlineMixin, admin.TabularInline):
    model = Recommendation
    fields = ["text", "responsible_body", "deadline", "status_shown"]
    readonly_fields = ["status_shown"]
    extra = 1
    can_delete = False
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["text"].widget = forms.Textarea(attrs={"rows": 2, "cols": 50})
        return formset

    @admin.display(description=_("tình trạng"))
    def status_shown(self, recommendation):
        if recommendation.pk is None:
            return "—"
        day = f" ({_day(recommendation.status_on)})" if recommendation.status_on else ""
        return f"{recommendation.status_label}{day}"


@admin.register(Supervision)
class SupervisionAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = SupervisionForm
    list_display = ["title", "dates", "body_supervised", "basis", "recommendations_shown", "is_published"]
    list_filter = ["form", "basis", "is_published"]
    search_fields = ["subject", "draft_title", "body_supervised", "findings"]
    date_hierarchy = "starts_on"
    inlines = [RecommendationInline]
    fieldsets = [
        (None, {"fields": ["form", ("basis", "basis_note"), "subject", "draft_title", "body_supervised"]}),
        (_("Thời gian, thành phần"), {"fields": [("starts_on", "ends_on"), "members"]}),
        (_("Kết quả"), {"fields": ["findings", "opinions_figure", "is_published"]}),
    ]

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset(request)
            .annotate(
                recommendations_total=Count("recommendations"),
                recommendations_done=Count(
                    "recommendations", filter=Q(recommendations__status=Recommendation.Status.DONE)
                ),
            )
        )

    @admin.display(description=_("tên"), ordering="subject")
    def title(self, supervision):
        return supervision.title

    @admin.display(description=_("thời gian"), ordering="starts_on")
    def dates(self, supervision):
        return supervision.dates

    @admin.display(description=_("kiến nghị đã thực hiện"))
    def recommendations_shown(self, supervision):
        if not supervision.recommendations_total:
            return "—"
        return f"{supervision.recommendations_done}/{supervision.recommendations_total}"

    # Shown in place of the form's own field to whoever may only view (the chair).
    @admin.display(description=_("số lượt ý kiến góp ý"))
    def opinions_figure(self, supervision):
        figure = supervision.opinions_figure
        return str(figure) if figure else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.commune = working_commune(request)
        services.save_supervision(obj, opinions=form.cleaned_data.get("opinions_figure"), by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Recommendation:
            return super().save_formset(request, form, formset, change)
        # The admin's change message reads these, as a formset's own save() would set them.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            if not row.has_changed() or not row.cleaned_data:
                continue
            data = row.cleaned_data
            try:
                if row.instance.pk:
                    saved = services.update_recommendation(
                        row.instance,
                        data["text"],
                        data["responsible_body"],
                        data.get("deadline"),
                        by=request.user,
                    )
                    formset.changed_objects.append((saved, row.changed_data))
                else:
                    saved = services.add_recommendation(
                        form.instance,
                        data["text"],
                        data["responsible_body"],
                        data.get("deadline"),
                        by=request.user,
                    )
                    formset.new_objects.append(saved)
            except ValidationError as error:
                self.message_user(request, _error_text(error), messages.ERROR)

    def has_delete_permission(self, request, obj=None):
        return False  # its recommendations and their follow-up are the record


class OverdueRecommendationFilter(admin.SimpleListFilter):
    title = _("hạn thực hiện")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [("qua-han", _("Quá hạn, chưa thực hiện xong")), ("chua-xong", _("Chưa thực hiện xong"))]

    def queryset(self, request, queryset):
        if self.value() == "qua-han":
            return queryset.overdue()
        if self.value() == "chua-xong":
            return queryset.unfinished()
        return queryset


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    fields = ["on", "kind", "body", "note", "recorded_by", "recorded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RecommendationForm(forms.ModelForm):
    """The wording, and the next step as plain fields: a filled step calls `follow_up`."""

    step_kind = forms.ChoiceField(
        label=_("ghi bước tiếp theo"), required=False, choices=[("", "—"), *FollowUp.Kind.choices]
    )
    step_on = forms.DateField(label=_("ngày"), required=False, help_text=_("Bỏ trống: hôm nay"))
    step_body = forms.CharField(
        label=_("gửi đến, cơ quan trả lời"), required=False, max_length=200, help_text=_("Ví dụ: UBND xã")
    )
    step_note = forms.CharField(
        label=_("nội dung trả lời, kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = Recommendation
        fields = ["text", "responsible_body", "deadline"]


@admin.register(Recommendation)
class RecommendationAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = RecommendationForm
    list_display = ["__str__", "supervision", "responsible_body", "deadline", "status_shown"]
    list_filter = [OverdueRecommendationFilter, "status"]
    search_fields = ["text", "responsible_body", "supervision__subject"]
    list_select_related = ["supervision"]
    readonly_fields = ["supervision", "status_shown"]
    inlines = [FollowUpInline]
    change_list_template = "admin/congresses/recommendation/change_list.html"
    fieldsets = [
        (None, {"fields": ["supervision", "text", ("responsible_body", "deadline"), "status_shown"]}),
        (_("Theo dõi thực hiện"), {"fields": [("step_kind", "step_on"), "step_body", "step_note"]}),
    ]

    @admin.display(description=_("tình trạng"))
    def status_shown(self, recommendation):
        day = f" ({_day(recommendation.status_on)})" if recommendation.status_on else ""
        return f"{recommendation.status_label}{day}"

    # The step's form fields, shown empty to whoever may only view (the chair).
    @admin.display(description=_("ghi bước tiếp theo"))
    def step_kind(self, recommendation):
        return "—"

    step_on = step_body = step_note = step_kind

    def has_add_permission(self, request):
        return False  # recommendations are written on their supervision's page

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        overdue = self.get_queryset(request).overdue().count() if self.has_view_permission(request) else 0
        return super().changelist_view(request, {**(extra_context or {}), "overdue_count": overdue})

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            services.update_recommendation(
                obj, data["text"], data["responsible_body"], data.get("deadline"), by=request.user
            )
            if data.get("step_kind"):
                services.follow_up(
                    obj,
                    data["step_kind"],
                    on=data.get("step_on"),
                    body=data.get("step_body", ""),
                    note=data.get("step_note", ""),
                    by=request.user,
                )
        except ValidationError as error:
            self.message_user(request, _error_text(error), messages.ERROR)
        obj.refresh_from_db()


# --- Ngày hội Đại đoàn kết -----------------------------------------------------------------------


class FestivalAreaInline(admin.TabularInline):
    model = FestivalArea
    fields = ["area", "held_on", "parts", "participants_shown"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user).select_related("area")

    @admin.display(description=_("đã tổ chức"))
    def parts(self, row):
        return row.parts_label

    @admin.display(description=_("lượt người tham gia"))
    def participants_shown(self, row):
        figure = row.participants_figure
        return str(figure) if figure else "—"


class UnityFestivalForm(forms.ModelForm):
    commune = None  # set per request by the admin: the form does not carry it

    class Meta:
        model = UnityFestival
        fields = ["year", "held_on", "theme", "summary", "is_published"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        commune = self.instance.commune if self.instance.pk else self.commune
        taken = UnityFestival.objects.filter(commune=commune, year=year).exclude(pk=self.instance.pk)
        if commune is not None and taken.exists():
            raise ValidationError(
                _("Năm %(year)s đã có Ngày hội; hãy mở bản ghi đó để sửa.") % {"year": year}
            )
        return year


@admin.register(UnityFestival)
class UnityFestivalAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = UnityFestivalForm
    list_display = ["__str__", "held_on", "is_published"]
    list_filter = ["is_published"]
    fields = ["year", "held_on", "theme", "summary", "is_published", "roll_up_shown"]
    readonly_fields = ["roll_up_shown"]
    inlines = [FestivalAreaInline]

    def may_use(self, request):
        return sees_every_area(request.user) or bool(officer_area_ids(request.user))

    @admin.display(description=_("tổng hợp các khu dân cư"))
    def roll_up_shown(self, festival):
        if festival.pk is None:
            return "—"
        roll_up = festival.roll_up()
        missing = ", ".join(area.full_name for area in roll_up.missing)
        if not missing:
            return roll_up.sentence
        return format_html(
            "{}<br><span class='help'>{}</span>",
            roll_up.sentence,
            _("Chưa nhập số liệu: %(areas)s") % {"areas": missing},
        )

    def get_changeform_initial_data(self, request):
        return {"year": timezone.localdate().year, **super().get_changeform_initial_data(request)}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.commune = working_commune(request)
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.commune = working_commune(request)
        services.save_unity_festival(obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        return False


class FestivalAreaForm(forms.ModelForm):
    participants_figure = FigureField(
        label=_("lượt người tham gia"),
        required=False,
        help_text=_("Ghi như báo cáo: 350, trên 300, hơn 200, khoảng 400"),
    )

    class Meta:
        model = FestivalArea
        fields = [
            "festival",
            "area",
            "held_on",
            "ceremony",
            "festivities",
            "shared_meal",
            "guests",
            "awards",
            "note",
        ]

    user = None  # set per request by the admin

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["participants_figure"] = self.instance.participants_figure

    def clean(self):
        data = super().clean()
        festival, area = data.get("festival"), data.get("area")
        if festival is None or area is None:
            return data
        parts = (data.get("ceremony"), data.get("festivities"), data.get("shared_meal"))
        try:
            services.check_festival_area(
                festival,
                area,
                parts,
                data.get("held_on"),
                data.get("participants_figure"),
                row=self.instance if self.instance.pk else None,
                by=self.user,
            )
        except (ValidationError, PermissionDenied) as error:
            raise ValidationError(_error_text(error)) from None
        return data


@admin.register(FestivalArea)
class FestivalAreaAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = FestivalAreaForm
    list_display = [
        "area",
        "festival",
        "held_on",
        "ceremony",
        "festivities",
        "shared_meal",
        "participants_shown",
    ]
    list_filter = [
        ("festival", admin.RelatedOnlyFieldListFilter),
        ("area", admin.RelatedOnlyFieldListFilter),
        "ceremony",
        "festivities",
        "shared_meal",
    ]
    list_select_related = ["area", "festival"]
    fieldsets = [
        (None, {"fields": ["festival", "area", "held_on"]}),
        (_("Đã tổ chức"), {"fields": [("ceremony", "festivities", "shared_meal"), "participants_figure"]}),
        (_("Đại biểu, khen thưởng"), {"fields": ["guests", "awards", "note"]}),
    ]

    def may_use(self, request):
        return sees_every_area(request.user) or bool(officer_area_ids(request.user))

    @admin.display(description=_("lượt người tham gia"))
    def participants_shown(self, row):
        figure = row.participants_figure
        return str(figure) if figure else "—"

    participants_figure = participants_shown

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        commune = working_commune(request)
        if db_field.name == "area":
            areas = ResidentialArea.objects.filter(commune=commune).order_by("position", "name")
            if not sees_every_area(request.user):
                areas = areas.filter(pk__in=officer_area_ids(request.user))
            kwargs["queryset"] = areas
        elif db_field.name == "festival":
            kwargs["queryset"] = UnityFestival.objects.filter(commune=commune)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = services.record_festival_area(
            data["festival"],
            data["area"],
            ceremony=data.get("ceremony"),
            festivities=data.get("festivities"),
            shared_meal=data.get("shared_meal"),
            held_on=data.get("held_on"),
            participants=data.get("participants_figure"),
            guests=data.get("guests", ""),
            awards=data.get("awards", ""),
            note=data.get("note", ""),
            row=obj if change else None,
            by=request.user,
        )
        obj.pk = saved.pk
        obj.refresh_from_db()

    def has_delete_permission(self, request, obj=None):
        return False  # a row not held is marked so, never removed: the roll-up counts it


# --- planned vs held ---------------------------------------------------------------------------


class PlannedActivityForm(forms.ModelForm):
    stated_people_figure = FigureField(
        label=_("số lượt người dự (theo báo cáo)"),
        required=False,
        help_text=_("Khi chưa nhập đủ từng cuộc: 2.288, trên 2.000"),
    )

    class Meta:
        model = PlannedActivity
        fields = ["kind", "conference_kind", "planned_count", "planned_people", "stated_held"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["stated_people_figure"] = self.instance.stated_people_figure


class PlannedActivityInline(ScopedInlineMixin, admin.TabularInline):
    model = PlannedActivity
    form = PlannedActivityForm
    fields = [
        "kind",
        "conference_kind",
        "planned_count",
        "planned_people",
        "stated_held",
        "stated_people_figure",
        "held_shown",
    ]
    readonly_fields = ["held_shown"]
    extra = 1
    can_delete = False

    @admin.display(description=_("đã tổ chức"))
    def held_shown(self, line):
        if line.pk is None:
            return "—"
        result = line.result()
        return f"{result.sentence}; {result.against_plan}"

    # Shown in place of the form's own field to whoever may only view (the chair).
    @admin.display(description=_("số lượt người dự (theo báo cáo)"))
    def stated_people_figure(self, line):
        figure = line.stated_people_figure
        return str(figure) if figure else "—"


@admin.register(ActivityPlan)
class ActivityPlanAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "period", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title"]
    fields = ["title", ("starts_on", "ends_on"), "note", "is_published", "results_shown"]
    readonly_fields = ["results_shown"]
    inlines = [PlannedActivityInline]

    @admin.display(description=_("thời gian"))
    def period(self, plan):
        return plan.period

    @admin.display(description=_("kế hoạch và thực hiện"))
    def results_shown(self, plan):
        if plan.pk is None:
            return "—"
        _lines, overall = plan.results()
        if overall is None:
            return "—"
        return f"{overall.sentence}; {overall.against_plan}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.commune = working_commune(request)
        services.save_activity_plan(obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            if not row.has_changed() or not row.cleaned_data:
                continue
            line = row.instance
            line.plan = form.instance
            try:
                services.save_planned_activity(
                    line, stated_people=row.cleaned_data.get("stated_people_figure"), by=request.user
                )
            except ValidationError as error:
                self.message_user(request, _error_text(error), messages.ERROR)
                continue
            if row.instance.pk and row.initial:
                formset.changed_objects.append((line, row.changed_data))
            else:
                formset.new_objects.append(line)

    def has_delete_permission(self, request, obj=None):
        return False
