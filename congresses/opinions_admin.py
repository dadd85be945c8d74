"""Back office of voters' opinions: voter meetings, and opinions received, forwarded, answered,
published, closed or merged — every step through `congresses.services`.

Commune staff manage opinions; the chair sees them; nobody else sees any (a citizen's phone
number is in them). The "Quá hạn" filter and the count above the list show what is overdue.
"""

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.admin_input import parse_id
from lib.figures import FigureField, Qualifier
from lib.money import CountField
from lib.roles import CHAIR, COMMUNE_STAFF, has_role
from lib.scoped_admin import AreaScopedAdminMixin

from . import services
from .models import Conference, Opinion, ResidentialArea, VoterMeeting
from .permissions import working_commune


def _error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def commune_for(request):
    """The commune whose opinions the user works on: their own, never the host's alone (a
    commune B account signed in at commune A's host still works on B)."""
    return working_commune(request)


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a value that is no id (`abc`, a 30-digit number) with the form's own message,
    where Django would let the database raise (OverflowError on SQLite): a 500."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class VoterMeetingForm(forms.ModelForm):
    attendees_figure = FigureField(
        label=_("số lượt cử tri dự"),
        required=False,
        help_text=_("Ghi như báo cáo: 300, trên 300, hơn 250, gần 400, khoảng 150"),
    )
    speakers_count = CountField(label=_("lượt cử tri phát biểu"), required=False)

    class Meta:
        model = VoterMeeting
        fields = [
            "body",
            "timing",
            "session",
            "voting_area",
            "areas",
            "starts_on",
            "ends_on",
            "venue",
            "deputies",
            "speakers_count",
            "summary",
            "is_published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["attendees_figure"] = self.instance.attendees_figure

    def save(self, commit=True):
        figure = self.cleaned_data.get("attendees_figure")
        self.instance.attendees = figure.value if figure else None
        self.instance.attendees_qualifier = figure.qualifier if figure else Qualifier.EXACT
        return super().save(commit)


class OpinionInline(admin.TabularInline):
    model = Opinion
    fields = ["reference_code", "field", "area", "summary", "status", "answered_by"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VoterMeeting)
class VoterMeetingAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    form = VoterMeetingForm
    list_display = ["__str__", "dates", "attendees_shown", "speakers_count", "is_published"]
    list_filter = ["body", "timing", "is_published"]
    search_fields = ["session", "voting_area", "venue"]
    filter_horizontal = ["areas"]
    inlines = [OpinionInline]
    fieldsets = [
        (None, {"fields": ["body", "timing", "session", "voting_area", "areas"]}),
        (_("Thời gian, địa điểm"), {"fields": [("starts_on", "ends_on"), "venue"]}),
        (_("Người dự"), {"fields": ["deputies", "attendees_figure", "speakers_count"]}),
        (_("Nội dung"), {"fields": ["summary", "is_published"]}),
    ]

    @admin.display(description=_("thời gian"))
    def dates(self, meeting):
        return meeting.dates

    # Shown in place of the form's own field to whoever may only view (the chair).
    @admin.display(description=_("số lượt cử tri dự"))
    def attendees_figure(self, meeting):
        return self.attendees_shown(meeting)

    @admin.display(description=_("cử tri dự"))
    def attendees_shown(self, meeting):
        figure = meeting.attendees_figure
        return str(figure) if figure else "—"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "areas":
            kwargs["queryset"] = ResidentialArea.objects.current().filter(commune=commune_for(request))
            kwargs["form_class"] = CheckedModelMultipleChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.commune = commune_for(request)
        obj.full_clean(exclude=["slug"])
        super().save_model(request, obj, form, change)


class OverdueFilter(admin.SimpleListFilter):
    title = _("hạn trả lời")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [("qua-han", _("Quá hạn")), ("con-han", _("Còn hạn, chưa trả lời"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "qua-han":
            return queryset.overdue(today)
        if self.value() == "con-han":
            return queryset.kept().open().exclude(due_on__lt=today)
        return queryset


class OpinionAddForm(forms.ModelForm):
    class Meta:
        model = Opinion
        fields = [
            "source",
            "voter_meeting",
            "conference",
            "field",
            "area",
            "summary",
            "raised_on",
            "due_on",
            "citizen_name",
            "citizen_phone",
        ]


class OpinionChangeForm(forms.ModelForm):
    """The details, and the next steps as plain fields: each filled one calls its service."""

    forward_to = forms.CharField(
        label=_("chuyển đến cơ quan"),
        required=False,
        max_length=200,
        help_text=_("Ví dụ: UBND xã; Phòng Kinh tế; Thường trực HĐND xã"),
    )
    forward_on = forms.DateField(label=_("ngày chuyển"), required=False)
    answer_text = forms.CharField(label=_("nội dung trả lời"), required=False, widget=forms.Textarea)
    answer_from = forms.CharField(label=_("cơ quan, người trả lời"), required=False, max_length=200)
    answer_on = forms.DateField(label=_("ngày trả lời"), required=False)
    publish = forms.BooleanField(
        label=_("công khai ý kiến và trả lời trên cổng"),
        required=False,
        help_text=_("Chỉ khi đã có trả lời. Tên và điện thoại người gửi không bao giờ hiện."),
    )
    close = forms.BooleanField(label=_("kết thúc (không sửa trả lời nữa)"), required=False)

    class Meta:
        model = Opinion
        fields = ["field", "area", "summary", "due_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opinion = self.instance
        self.initial.update(
            forward_to=opinion.forwarded_to,
            forward_on=opinion.forwarded_on,
            answer_text=opinion.answer,
            answer_from=opinion.answered_by,
            answer_on=opinion.answered_on,
            publish=opinion.is_public,
        )

    def clean(self):
        data = super().clean()
        if data.get("answer_text") and not data.get("answer_from"):
            self.add_error("answer_from", _("Hãy ghi cơ quan, người trả lời."))
        if data.get("publish") and not (data.get("answer_text") or self.instance.answer):
            self.add_error("publish", _("Chỉ công khai ý kiến đã có trả lời."))
        return data


class MergeForm(ActionForm):
    keep_code = forms.CharField(
        label=_("gộp vào ý kiến có mã"), required=False, max_length=20, help_text=_("Ví dụ: YK-7K3M-Q9")
    )


@admin.register(Opinion)
class OpinionAdmin(AreaScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "reference_code",
        "short_summary",
        "field",
        "area",
        "source",
        "status_shown",
        "due_on",
        "forwarded_to",
        "is_public",
    ]
    list_filter = [
        OverdueFilter,
        "status",
        "field",
        "source",
        "is_public",
        ("area", admin.RelatedOnlyFieldListFilter),
        ("voter_meeting", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["reference_code", "summary", "forwarded_to", "answered_by"]
    list_select_related = ["area", "duplicate_of"]
    date_hierarchy = "raised_on"
    action_form = MergeForm
    actions = ["merge_selected", "publish_selected", "close_selected"]
    change_list_template = "admin/congresses/opinion/change_list.html"
    readonly_fields = [
        "reference_code",
        "source",
        "voter_meeting",
        "conference",
        "raised_on",
        "citizen_name",
        "citizen_phone",
        "status_shown",
        "duplicate_of",
        "received_at",
    ]

    def may_use(self, request):
        return has_role(request.user, COMMUNE_STAFF) or has_role(request.user, CHAIR)

    def visible_records(self, request):
        return self.get_queryset(request)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (None, {"fields": ["source", "voter_meeting", "conference", "raised_on", "due_on"]}),
                (_("Ý kiến"), {"fields": ["field", "area", "summary"]}),
                (_("Người gửi (không công khai)"), {"fields": ["citizen_name", "citizen_phone"]}),
            ]
        steps = [
            (_("Chuyển cơ quan có thẩm quyền"), {"fields": [("forward_to", "forward_on")]}),
            (_("Trả lời"), {"fields": ["answer_text", ("answer_from", "answer_on")]}),
            (_("Công khai, kết thúc"), {"fields": ["publish", "close"]}),
        ]
        return [
            (
                None,
                {
                    "fields": [
                        ("reference_code", "status_shown"),
                        ("source", "raised_on", "received_at"),
                        ("voter_meeting", "conference"),
                        "duplicate_of",
                    ]
                },
            ),
            (_("Ý kiến"), {"fields": ["field", "area", "summary", "due_on"]}),
            (_("Người gửi (không công khai)"), {"fields": [("citizen_name", "citizen_phone")]}),
            *([] if obj.duplicate_of_id else steps),
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = OpinionChangeForm if obj is not None else OpinionAddForm
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "publish" in form.base_fields and not self.has_publish_permission(request):
            # A copy: the declared field is shared by every form class the admin makes.
            form.base_fields["publish"] = copy.deepcopy(form.base_fields["publish"])
            form.base_fields["publish"].disabled = True
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        commune = commune_for(request)
        if db_field.name == "area":
            kwargs["queryset"] = ResidentialArea.objects.current().filter(commune=commune)
        elif db_field.name == "voter_meeting":
            kwargs["queryset"] = VoterMeeting.objects.filter(commune=commune)
        elif db_field.name == "conference":
            kwargs["queryset"] = Conference.objects.filter(
                committee__commune=commune, kind=Conference.Kind.DIALOGUE
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # The steps' form fields, shown read-only to whoever may only view (the chair).
    @admin.display(description=_("chuyển đến cơ quan"))
    def forward_to(self, opinion):
        return opinion.forwarded_to or "—"

    @admin.display(description=_("ngày chuyển"))
    def forward_on(self, opinion):
        return opinion.forwarded_on.strftime("%d/%m/%Y") if opinion.forwarded_on else "—"

    @admin.display(description=_("nội dung trả lời"))
    def answer_text(self, opinion):
        return opinion.answer or "—"

    @admin.display(description=_("cơ quan, người trả lời"))
    def answer_from(self, opinion):
        return opinion.answered_by or "—"

    @admin.display(description=_("ngày trả lời"))
    def answer_on(self, opinion):
        return opinion.answered_on.strftime("%d/%m/%Y") if opinion.answered_on else "—"

    @admin.display(description=_("công khai trên cổng"))
    def publish(self, opinion):
        return _("Có") if opinion.is_public else _("Không")

    @admin.display(description=_("đã kết thúc"))
    def close(self, opinion):
        return _("Có") if opinion.status == Opinion.Status.CLOSED else _("Không")

    @admin.display(description=_("nội dung"))
    def short_summary(self, opinion):
        text = " ".join(opinion.summary.split())
        return text if len(text) <= 80 else text[:80] + "…"

    @admin.display(description=_("trạng thái"))
    def status_shown(self, opinion):
        return opinion.status_label

    def changelist_view(self, request, extra_context=None):
        overdue = self.get_queryset(request).overdue().count() if self.has_view_permission(request) else 0
        extra_context = {**(extra_context or {}), "overdue_count": overdue}
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            data = form.cleaned_data
            created = services.receive_opinion(
                commune_for(request),
                summary=data["summary"],
                source=data["source"],
                field=data["field"],
                area=data.get("area"),
                voter_meeting=data.get("voter_meeting"),
                conference=data.get("conference"),
                raised_on=data.get("raised_on"),
                due_on=data.get("due_on"),
                citizen_name=data.get("citizen_name", ""),
                citizen_phone=data.get("citizen_phone", ""),
                by=request.user,
            )
            obj.pk = created.pk
            obj.refresh_from_db()
            return
        self._apply_steps(request, obj, form)

    def _apply_steps(self, request, obj, form):
        data = form.cleaned_data
        try:
            services.update_opinion(
                obj,
                field=data["field"],
                area=data.get("area"),
                summary=data["summary"],
                due_on=data.get("due_on"),
                by=request.user,
            )
            if obj.duplicate_of_id:
                return
            if data.get("forward_to") and data["forward_to"] != obj.forwarded_to:
                services.forward_opinion(obj, data["forward_to"], on=data.get("forward_on"), by=request.user)
            if data.get("answer_text") and (
                data["answer_text"].strip() != obj.answer or data["answer_from"] != obj.answered_by
            ):
                services.answer_opinion(
                    obj, data["answer_text"], data["answer_from"], on=data.get("answer_on"), by=request.user
                )
            obj.refresh_from_db()
            if data.get("publish") != obj.is_public and self.has_publish_permission(request):
                services.publish_opinion(obj, public=bool(data.get("publish")), by=request.user)
            if data.get("close") and obj.status != Opinion.Status.CLOSED:
                services.close_opinion(obj, by=request.user)
        except ValidationError as error:
            self.message_user(request, _error_text(error), messages.ERROR)
        obj.refresh_from_db()

    @admin.action(
        description=_("Gộp các ý kiến trùng đã chọn vào ý kiến có mã bên cạnh"), permissions=["change"]
    )
    def merge_selected(self, request, queryset):
        code = request.POST.get("keep_code", "")
        keep = services.find_opinion(commune_for(request), code) if code else None
        if keep is None or not self.get_queryset(request).filter(pk=keep.pk).exists():
            self.message_user(request, _("Hãy ghi đúng mã của ý kiến giữ lại."), messages.ERROR)
            return
        try:
            count = services.merge_opinions(list(queryset.exclude(pk=keep.pk)), keep, by=request.user)
        except ValidationError as error:
            self.message_user(request, _error_text(error), messages.ERROR)
            return
        self.message_user(
            request,
            _("Đã gộp %(count)s ý kiến vào %(code)s.") % {"count": count, "code": keep.reference_code},
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("congresses.publish_opinion")

    @admin.action(description=_("Công khai các ý kiến đã có trả lời"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        done = 0
        for opinion in queryset:
            try:
                services.publish_opinion(opinion, by=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{opinion.reference_code}: {_error_text(error)}", messages.WARNING
                )
        self.message_user(request, _("Đã công khai %(count)s ý kiến.") % {"count": done})

    @admin.action(description=_("Kết thúc các ý kiến đã có trả lời"), permissions=["change"])
    def close_selected(self, request, queryset):
        done = 0
        for opinion in queryset:
            try:
                services.close_opinion(opinion, by=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{opinion.reference_code}: {_error_text(error)}", messages.WARNING
                )
        self.message_user(request, _("Đã kết thúc %(count)s ý kiến.") % {"count": done})

    def has_delete_permission(self, request, obj=None):
        return False  # an opinion is closed or merged, never erased
