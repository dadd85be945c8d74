"""Back office of the Front's organisation: committees, terms, people, conferences, consultations.

Name searches go through the folded `search_text` column, so `nguyen van` finds `Nguyễn Văn`.
Starting a new term and confirming a consultation are buttons that call `services`.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from lib.admin_search import FoldedInPythonSearch, FoldedSearchMixin
from lib.images import normalized_photo
from lib.money import FiguresModelForm
from lib.scoped_admin import AreaScopedAdminMixin, ScopedInlineMixin

from . import event_services, services
from .models import (
    Commune,
    Conference,
    ConferenceDocument,
    Consultation,
    Delegate,
    FrontCommittee,
    Membership,
    Person,
    Position,
    Province,
    ResidentialArea,
    SlateEntry,
    Term,
)
from .permissions import is_province_staff
from .personnel_admin import person_history


def _error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


class AdminCss:
    css = {"all": ["css/congresses-admin.css"]}


# A map address typed without a scheme is read as https (Django 6's default already).
SITE_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Province)
class ProvinceAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "host"]
    search_fields = ["name"]
    exclude = ["slug"]
    formfield_overrides = SITE_FIELD_OVERRIDES


class CommuneMergerForm(forms.Form):
    into = forms.ModelChoiceField(queryset=Commune.objects.none(), label=_("Sáp nhập vào"))
    on = forms.DateField(label=_("Từ ngày"), help_text=_("dd/mm/yyyy"))
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=255,
        required=False,
        help_text=_("Bỏ trống để ghi: Sáp nhập vào xã … từ ngày …"),
    )
    move_staff = forms.BooleanField(label=_("Chuyển tài khoản cán bộ của xã cũ sang xã mới"), required=False)

    def __init__(self, *args, old, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Commune.objects.filter(merged_into__isnull=True).exclude(
            pk__in=[commune.pk for commune in old]
        )
        self.fields["on"].initial = timezone.localdate()


@admin.register(Commune)
class CommuneAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "province", "host", "merged_into", "merged_on"]
    list_select_related = ["province", "merged_into"]
    search_fields = ["name"]
    exclude = ["slug"]
    formfield_overrides = SITE_FIELD_OVERRIDES
    readonly_fields = ["merged_into", "merged_on"]
    actions = ["merge_communes"]

    def has_merge_permission(self, request):
        """Only the province's Front merges communes: it runs the platform for all of them."""
        return is_province_staff(request.user)

    @admin.action(
        description=_("Sáp nhập các xã, phường đã chọn vào một xã, phường khác"),
        permissions=["merge"],
    )
    def merge_communes(self, request, queryset):
        old = list(queryset.filter(merged_into__isnull=True))
        form = CommuneMergerForm(request.POST if "xac_nhan" in request.POST else None, old=old)
        if form.is_valid():
            data = form.cleaned_data
            try:
                moved = services.merge_communes(
                    old, data["into"], data["on"], data["reason"], data["move_staff"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                summary = ", ".join(f"{count} {label}" for label, count in moved.items())
                self.message_user(
                    request,
                    _("Đã sáp nhập %(old)s vào %(into)s (%(summary)s); địa chỉ cũ chuyển về trang mới.")
                    % {"old": ", ".join(str(c) for c in old), "into": data["into"], "summary": summary},
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Xác nhận sáp nhập xã, phường"),
            "opts": self.model._meta,
            "old": old,
            "summary": services.merger_summary(old),
            "form": form,
            "action": request.POST.get("action", "merge_communes"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/congresses/commune/merge_confirmation.html", context)


class MergeActionForm(ActionForm):
    merge_into = forms.ModelChoiceField(
        queryset=ResidentialArea.objects.filter(merged_into__isnull=True).select_related("commune"),
        required=False,
        label=_("sáp nhập vào"),
    )
    merge_on = forms.DateField(required=False, label=_("từ ngày"), help_text=_("dd/mm/yyyy"))


@admin.register(ResidentialArea)
class ResidentialAreaAdmin(AreaScopedAdminMixin, FoldedInPythonSearch, admin.ModelAdmin):
    list_display = ["full_name", "commune", "position", "valid_from", "valid_until", "merged_into"]
    list_filter = [("commune", admin.RelatedOnlyFieldListFilter), "kind"]
    search_fields = ["name"]
    list_select_related = ["commune", "merged_into"]
    autocomplete_fields = ["merged_into"]
    exclude = ["slug"]
    readonly_fields = ["valid_until", "merged_into"]
    action_form = MergeActionForm

    def get_search_results(self, request, queryset, search_term):
        # Pickers on other records (a target, an entry, a payment, "merged into") offer only
        # areas that still exist; the area list itself keeps the merged ones.
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            queryset = queryset.current()
        return super().get_search_results(request, queryset, search_term)

    actions = ["merge_selected"]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        action_form = getattr(response, "context_data", {}).get("action_form")
        if action_form is not None:  # offer only the user's own areas to merge into
            field = action_form.fields["merge_into"]
            field.queryset = field.queryset.visible_to(request.user)
        return response

    @admin.action(description=_("Sáp nhập các khu dân cư đã chọn (chọn nơi nhận và ngày bên cạnh)"))
    def merge_selected(self, request, queryset):
        into_id = request.POST.get("merge_into")
        day = forms.DateField().clean(
            request.POST.get("merge_on") or timezone.localdate().strftime("%d/%m/%Y")
        )
        if not into_id:
            self.message_user(request, _("Hãy chọn khu dân cư nhận sáp nhập."), messages.ERROR)
            return
        into = get_object_or_404(self.get_queryset(request), pk=into_id)
        try:
            services.merge_areas(queryset.exclude(pk=into.pk), into=into, on=day, by=request.user)
        except ValidationError as error:
            self.message_user(request, _error_text(error), messages.ERROR)
            return
        self.message_user(
            request, _("Đã sáp nhập vào %(name)s; địa chỉ cũ chuyển về trang mới.") % {"name": into}
        )


class TermInline(ScopedInlineMixin, admin.TabularInline):
    model = Term
    extra = 0
    fields = ["start_date", "end_date", "ended_on", "end_reason", "congress_ordinal"]
    show_change_link = True


@admin.register(FrontCommittee)
class FrontCommitteeAdmin(AreaScopedAdminMixin, FoldedInPythonSearch, admin.ModelAdmin):
    list_display = ["__str__", "level", "commune", "area"]
    list_filter = ["level", ("commune", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["area__name", "commune__name"]
    list_select_related = ["commune", "area__commune"]
    autocomplete_fields = ["area"]
    inlines = [TermInline]


class MembershipFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """One head at a time, also among rows typed together before the term exists."""
        super().clean()
        heads = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("position")
            and form.cleaned_data["position"].kind == Position.Kind.HEAD
            and not form.cleaned_data.get("until")
        ]
        if len(heads) > 1:
            raise ValidationError(
                _("Mỗi ban chỉ có một người đứng đầu đang giữ chức: %(names)s.")
                % {"names": ", ".join(str(row["person"]) for row in heads)}
            )


class MembershipInline(ScopedInlineMixin, admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 1
    fields = ["person", "position", "organisation", "since", "until", "note"]
    autocomplete_fields = ["person", "position"]


class CurrentTermFilter(admin.SimpleListFilter):
    title = _("đang hoạt động")
    parameter_name = "hien_nay"

    def lookups(self, request, model_admin):
        return [("1", _("Nhiệm kỳ hiện nay")), ("0", _("Đã kết thúc"))]

    def queryset(self, request, queryset):
        running = Term.objects.running().values("pk")
        if self.value() == "1":
            return queryset.filter(pk__in=running)
        if self.value() == "0":
            return queryset.exclude(pk__in=running)
        return queryset


@admin.register(Term)
class TermAdmin(AreaScopedAdminMixin, FoldedInPythonSearch, admin.ModelAdmin):
    list_display = ["committee", "years", "start_date", "end_date", "ended_on", "congress_ordinal"]
    list_filter = [
        CurrentTermFilter,
        "committee__level",
        ("committee__area", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["committee__area__name", "committee__commune__name"]
    list_select_related = ["committee__area", "committee__commune"]
    autocomplete_fields = ["committee"]
    inlines = [MembershipInline]
    fieldsets = [
        (
            None,
            {"fields": ["committee", "start_date", "end_date", "ended_on", "end_reason", "congress_ordinal"]},
        ),
        (
            _("Số lượng và cơ cấu theo quyết định (khi chưa nhập danh sách thành viên)"),
            {
                "fields": [
                    "stated_members",
                    ("stated_women", "stated_party"),
                    ("stated_young", "stated_minorities", "stated_religious"),
                ]
            },
        ),
    ]

    @admin.display(description=_("nhiệm kỳ"))
    def years(self, term):
        return term.years


@admin.register(Position)
class PositionAdmin(FoldedInPythonSearch, admin.ModelAdmin):
    list_display = ["name", "kind", "level", "rank"]
    list_editable = ["rank"]
    search_fields = ["name"]


class PersonForm(forms.ModelForm):
    # A plain file field: the portrait is checked and decoded once by normalized_photo, with
    # our messages (truncated, too many pixels, markup), not by Django's ImageField first.
    photo = forms.FileField(
        label=_("ảnh chân dung"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )

    class Meta:
        model = Person
        fields = [
            "commune",
            "full_name",
            "gender",
            "birth_year",
            "occupation",
            "photo",
            "ethnicity",
            "religion",
            "party_member",
            "phone",
            "email",
            "contact_public",
        ]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):  # a fresh upload, not the stored file
            normalized = normalized_photo(photo)
            self.instance.photo_original_name = normalized.original_name
            return normalized
        return photo


@admin.register(Person)
class PersonAdmin(AreaScopedAdminMixin, FoldedSearchMixin, SimpleHistoryAdmin):
    form = PersonForm
    list_display = [
        "full_name",
        "gender",
        "birth_year",
        "ethnicity",
        "religion",
        "party_member",
        "contact_public",
    ]
    list_filter = ["gender", "party_member", "contact_public", ("commune", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["full_name"]
    list_select_related = ["commune"]
    fieldsets = [
        (None, {"fields": ["commune", "full_name", "gender", "birth_year", "occupation", "photo"]}),
        (_("Cơ cấu"), {"fields": ["ethnicity", "religion", "party_member"]}),
        (_("Liên hệ"), {"fields": ["phone", "email", "contact_public"]}),
        (_("Quá trình công tác qua các nhiệm kỳ"), {"fields": ["history_across_terms"]}),
    ]
    readonly_fields = ["history_across_terms"]

    @admin.display(description=_("chức danh đã giữ"))
    def history_across_terms(self, person):
        return person_history(person)


@admin.register(Membership)
class MembershipAdmin(AreaScopedAdminMixin, FoldedSearchMixin, SimpleHistoryAdmin):
    folded_search_field = "person__search_text"
    list_display = ["person", "position", "term", "organisation", "since", "until"]
    list_filter = [
        "term__committee__level",
        ("term__committee__area", admin.RelatedOnlyFieldListFilter),
        "position",
    ]
    search_fields = ["person__full_name"]
    list_select_related = ["person", "position", "term__committee__area", "term__committee__commune"]
    autocomplete_fields = ["person", "position", "term"]

    def save_model(self, request, obj, form, change):
        obj.full_clean()
        super().save_model(request, obj, form, change)


class DocumentInline(ScopedInlineMixin, admin.TabularInline):
    model = ConferenceDocument
    extra = 1
    fields = ["kind", "title", "file", "original_name", "uploaded_at"]
    readonly_fields = ["original_name", "uploaded_at"]


class ConsultationInline(ScopedInlineMixin, admin.StackedInline):
    """The consultation's dates on the conference page; its slate and delegates have their own page."""

    model = Consultation
    extra = 0
    max_num = 1
    fields = ["term_start", "term_end", "congress_ordinal", "note", "status", "slate_link"]
    readonly_fields = ["status", "slate_link"]
    verbose_name = _("kết quả hiệp thương")

    @admin.display(description=_("danh sách hiệp thương, đại biểu"))
    def slate_link(self, consultation):
        if not consultation.pk:
            return _("Lưu hội nghị, rồi mở kết quả hiệp thương để nhập danh sách.")
        url = reverse("admin:congresses_consultation_change", args=[consultation.pk])
        return format_html('<a href="{}">{}</a>', url, _("Mở danh sách hiệp thương và đại biểu"))

    def _confirmed(self, obj):
        consultation = getattr(obj, "consultation", None) if obj else None
        return bool(consultation and consultation.is_confirmed)

    def get_readonly_fields(self, request, obj=None):
        return self.fields if self._confirmed(obj) else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._confirmed(obj)


class ConferenceForm(FiguresModelForm):
    def clean(self):
        data = super().clean()
        starts_at = data.get("starts_at")
        held = self.instance.pk and self.instance.status == Conference.Status.HELD
        if held and starts_at and starts_at > timezone.now():
            self.add_error("starts_at", _("Hội nghị đã tổ chức không thể có thời gian trong tương lai."))
        return data


@admin.register(Conference)
class ConferenceAdmin(AreaScopedAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    form = ConferenceForm
    list_display = [
        "__str__",
        "kind",
        "status",
        "starts_at",
        "committee",
        "attendees_count",
        "areas_share",
        "opinions_count",
    ]
    list_filter = [
        "status",
        "kind",
        "committee__level",
        ("committee__area", admin.RelatedOnlyFieldListFilter),
        ("term", admin.RelatedOnlyFieldListFilter),
    ]
    readonly_fields = ["status"]
    search_fields = ["title"]
    list_select_related = ["committee__area", "committee__commune"]
    autocomplete_fields = ["committee", "term"]
    date_hierarchy = "starts_at"
    inlines = [DocumentInline, ConsultationInline]
    actions = ["start_new_term", "mark_held"]
    change_form_template = "admin/congresses/conference/change_form.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "committee",
                    "term",
                    "title",
                    "ordinal",
                    "status",
                    ("starts_at", "part_of_day"),
                    "venue",
                ]
            },
        ),
        (
            _("Cơ quan chủ trì (khi Mặt trận phối hợp tổ chức)"),
            {"fields": [("organiser", "organiser_name")], "classes": ["collapse"]},
        ),
        (_("Thông báo mời"), {"fields": ["invited", "to_bring"]}),
        (
            _("Người dự và ý kiến"),
            {
                "fields": [
                    "guests",
                    ("delegates_present", "delegates_convened"),
                    "attendees_count",
                    "sessions_count",
                    ("areas_taking_part", "areas_total"),
                    ("speakers_count", "opinions_count"),
                ]
            },
        ),
        (_("Nội dung"), {"fields": ["summary"]}),
    ]

    class Media(AdminCss):
        pass

    @admin.display(description=_("khu dân cư tham gia"))
    def areas_share(self, conference):
        return conference.areas_share

    def save_model(self, request, obj, form, change):
        # A new conference set in the future is an announcement until it is recorded as held.
        event_services.save_conference(obj, by=request.user)

    @admin.action(description=_("Ghi nhận đã tổ chức (hội nghị đã thông báo)"), permissions=["change"])
    def mark_held(self, request, queryset):
        done = 0
        for conference in queryset.announced():
            try:
                event_services.record_held(conference, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{conference}: {_error_text(error)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                _("Đã ghi nhận %(count)s hội nghị đã tổ chức; hãy nhập số người dự và kết quả.")
                % {"count": done},
            )

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/nhiem-ky-moi/",
                self.admin_site.admin_view(require_POST(self.start_new_term_view)),
                name="congresses_conference_new_term",
            )
        ]
        return urls + super().get_urls()

    def _start(self, request, conference):
        try:
            consultation = services.propose_new_term(conference, by=request.user)
        except ValidationError as error:
            self.message_user(request, f"{conference}: {_error_text(error)}", messages.ERROR)
            return None
        self.message_user(
            request,
            _(
                "Đã lập danh sách hiệp thương dự kiến cho %(conference)s với %(count)s thành viên nhiệm kỳ trước. "
                "Hãy sửa theo kết quả hội nghị rồi bấm “Xác nhận kết quả hiệp thương”."
            )
            % {"conference": conference, "count": consultation.slate.count()},
        )
        return consultation

    def start_new_term_view(self, request, pk):
        conference = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, conference):
            raise PermissionDenied
        consultation = self._start(request, conference)
        if consultation is None:
            return redirect("admin:congresses_conference_change", conference.pk)
        return redirect("admin:congresses_consultation_change", consultation.pk)

    @admin.action(
        description=_("Bắt đầu nhiệm kỳ mới (đề xuất thành viên nhiệm kỳ trước)"), permissions=["change"]
    )
    def start_new_term(self, request, queryset):
        for conference in queryset.select_related("committee__area", "committee__commune"):
            self._start(request, conference)


class SlateEntryInline(ScopedInlineMixin, admin.TabularInline):
    model = SlateEntry
    form = FiguresModelForm
    extra = 1
    fields = ["person", "position", "organisation", "votes_for", "votes_total", "agreement_percent"]
    autocomplete_fields = ["person", "position"]


class DelegateInline(ScopedInlineMixin, admin.TabularInline):
    model = Delegate
    extra = 1
    fields = ["person", "congress_term", "congress", "note"]
    autocomplete_fields = ["person", "congress_term"]


class LockedWhenConfirmed:
    """Inlines of a confirmed consultation are history: shown, never edited."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (obj and obj.is_confirmed)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_confirmed)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_confirmed)


class LockedSlateInline(LockedWhenConfirmed, SlateEntryInline):
    pass


class LockedDelegateInline(LockedWhenConfirmed, DelegateInline):
    pass


@admin.register(Consultation)
class ConsultationAdmin(AreaScopedAdminMixin, FoldedSearchMixin, SimpleHistoryAdmin):
    folded_search_field = "conference__search_text"
    list_display = ["conference", "term_years", "status", "confirmed_at", "confirmed_by"]
    list_filter = [
        "status",
        ("conference__committee__area", admin.RelatedOnlyFieldListFilter),
        "conference__kind",
    ]
    search_fields = ["conference__title"]
    list_select_related = ["conference__committee__area", "conference__committee__commune", "confirmed_by"]
    autocomplete_fields = ["conference"]
    inlines = [LockedSlateInline, LockedDelegateInline]
    readonly_fields = ["status", "new_term_link", "confirmed_at", "confirmed_by"]
    fields = [
        "conference",
        "term_start",
        "term_end",
        "congress_ordinal",
        "stated_delegates",
        "note",
        *readonly_fields,
    ]
    actions = ["confirm_selected"]
    change_form_template = "admin/congresses/consultation/change_form.html"

    class Media(AdminCss):
        pass

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.is_confirmed:
            return [*self.fields]
        return self.readonly_fields

    @admin.display(description=_("nhiệm kỳ được lập"))
    def new_term_link(self, consultation):
        if not consultation.new_term_id:
            return "—"
        url = reverse("admin:congresses_term_change", args=[consultation.new_term_id])
        return format_html('<a href="{}">{}</a>', url, consultation.new_term)

    @admin.display(description=_("nhiệm kỳ"))
    def term_years(self, consultation):
        return consultation.term_years

    def has_delete_permission(self, request, obj=None):
        # A confirmed result is history: the terms and memberships it created point back to it.
        return super().has_delete_permission(request, obj) and not (obj and obj.is_confirmed)

    def has_confirm_permission(self, request):
        return request.user.has_perm("congresses.confirm_consultation")

    def render_change_form(self, request, context, *args, **kwargs):
        # The button is offered only to who may press it (the chair, mttq_portal/roles.py).
        context["can_confirm"] = self.has_confirm_permission(request)
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/xac-nhan/",
                self.admin_site.admin_view(require_POST(self.confirm_view)),
                name="congresses_consultation_confirm",
            )
        ]
        return urls + super().get_urls()

    def _confirm(self, request, consultation):
        try:
            term = services.confirm_consultation(consultation, by=request.user)
        except ValidationError as error:
            self.message_user(request, f"{consultation.conference}: {_error_text(error)}", messages.ERROR)
            return None
        self.message_user(
            request,
            _("Đã xác nhận: %(term)s với %(count)s thành viên; nhiệm kỳ trước được lưu lại.")
            % {"term": term, "count": term.memberships.count()},
        )
        return term

    def confirm_view(self, request, pk):
        consultation = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_confirm_permission(request):
            self.message_user(request, _("Bạn không có quyền xác nhận kết quả hiệp thương."), messages.ERROR)
        else:
            self._confirm(request, consultation)
        return redirect("admin:congresses_consultation_change", consultation.pk)

    @admin.action(description=_("Xác nhận kết quả hiệp thương"), permissions=["confirm"])
    def confirm_selected(self, request, queryset):
        for consultation in queryset.select_related("conference"):
            self._confirm(request, consultation)


@admin.register(SlateEntry)
class SlateEntryAdmin(AreaScopedAdminMixin, FoldedSearchMixin, SimpleHistoryAdmin):
    form = FiguresModelForm
    folded_search_field = "person__search_text"
    list_display = ["person", "position", "consultation", "votes_for", "votes_total", "agreement_percent"]
    list_filter = [
        ("consultation__conference__committee__area", admin.RelatedOnlyFieldListFilter),
        "position",
    ]
    search_fields = ["person__full_name"]
    list_select_related = ["person", "position", "consultation__conference"]
    autocomplete_fields = ["person", "position", "consultation"]


@admin.register(Delegate)
class DelegateAdmin(AreaScopedAdminMixin, FoldedSearchMixin, SimpleHistoryAdmin):
    folded_search_field = "person__search_text"
    list_display = ["person", "consultation", "congress_term"]
    list_filter = [("consultation__conference__committee__area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__full_name"]
    list_select_related = ["person", "consultation__conference", "congress_term__committee__commune"]
    autocomplete_fields = ["person", "consultation", "congress_term"]


@admin.register(ConferenceDocument)
class ConferenceDocumentAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "conference", "original_name", "uploaded_at"]
    list_filter = ["kind", "conference__kind"]
    search_fields = ["title", "original_name"]
    list_select_related = ["conference"]
    autocomplete_fields = ["conference"]
    readonly_fields = ["original_name", "size", "uploaded_at"]


from . import activities_admin, events_admin, opinions_admin  # noqa: E402, F401
