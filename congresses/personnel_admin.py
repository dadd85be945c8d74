"""Back office of personnel between congresses, congress outcomes and areas' yearly profiles.

Each record has an admin of its own (an inline on the conference or person form would make
every post of those forms carry its formset). The person's page shows their history across
terms (`person_history`). Writes call `congresses.personnel_services`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lib.money import FiguresModelForm
from lib.scoped_admin import AreaScopedAdminMixin

from . import personnel_services
from .area_profiles import AreaProfile, AreaSuccession
from .festivals import officer_area_ids, sees_every_area
from .models import Conference, Membership, ResidentialArea, Term
from .outcomes import CongressAward, DocumentApproval, TermSummaryItem
from .permissions import working_commune
from .personnel import CandidateRound, ConcurrentRole, SupplementaryConsultation


def _error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


# --- a person's history across terms, on their own admin page -------------------------------


def _last_day(membership):
    """The day a membership ended: its own, or its term's once the term is over ("nay" while held)."""
    end = membership.until
    if end is None and membership.term.effective_end < timezone.localdate():
        end = membership.term.effective_end
    return end.strftime("%d/%m/%Y") if end else _("nay")


def person_history(person):
    """The person's memberships in every term of every committee, oldest first, as a table."""
    if person is None or person.pk is None:
        return "—"
    rows = (
        Membership.objects.filter(person=person)
        .select_related("position", "term__committee__area", "term__committee__commune")
        .order_by("since", "pk")
    )
    roles = list(ConcurrentRole.objects.filter(person=person).order_by("-since", "pk"))
    roles_html = format_html_join(
        "",
        '<li><a href="{}">{}</a> ({})</li>',
        (
            (
                reverse("admin:congresses_concurrentrole_change", args=[role.pk]),
                role.title,
                _("hiện trên cổng") if role.is_public else _("không hiện trên cổng"),
            )
            for role in roles
        ),
    )
    add_role = format_html(
        '<p><a href="{}?person={}">{}</a></p>',
        reverse("admin:congresses_concurrentrole_add"),
        person.pk,
        _("Thêm chức vụ kiêm nhiệm"),
    )
    roles_block = (
        format_html("<p>{}</p><ul>{}</ul>{}", _("Kiêm nhiệm:"), roles_html, add_role) if roles else add_role
    )
    if not rows:
        return format_html("<p>{}</p>{}", _("Chưa giữ chức danh nào."), roles_block)
    cells = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                m.term.committee.name,
                m.term.years,
                m.position.name,
                m.since.strftime("%d/%m/%Y"),
                _last_day(m),
            )
            for m in rows
        ),
    )
    head = format_html(
        "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        _("Ban"),
        _("Nhiệm kỳ"),
        _("Chức danh"),
        _("Từ ngày"),
        _("Đến ngày"),
    )
    return format_html(
        '<table class="person-history"><thead>{}</thead><tbody>{}</tbody></table>{}', head, cells, roles_block
    )


# --- hiệp thương bổ sung --------------------------------------------------------------------


@admin.register(SupplementaryConsultation)
class SupplementaryConsultationAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = FiguresModelForm
    list_display = ["person", "position", "term", "conference", "since", "status"]
    list_filter = ["status", ("term__committee__area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = [
        "person",
        "position",
        "term__committee__area",
        "term__committee__commune",
        "conference",
    ]
    autocomplete_fields = ["conference", "term", "person", "replaces"]
    search_fields = ["person__full_name"]
    readonly_fields = ["status", "membership", "confirmed_by", "confirmed_at"]
    fields = [
        "conference",
        "term",
        "person",
        "position",
        "organisation",
        "since",
        "replaces",
        ("votes_for", "votes_total", "agreement_percent"),
        "note",
        *readonly_fields,
    ]
    actions = ["confirm_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.is_confirmed:
            return [
                name for group in self.fields for name in (group if isinstance(group, tuple) else [group])
            ]
        return self.readonly_fields

    def has_confirm_permission(self, request):
        return request.user.has_perm("congresses.confirm_consultation")

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_confirmed)

    def save_model(self, request, obj, form, change):
        obj.full_clean()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Xác nhận kết quả hiệp thương bổ sung"), permissions=["confirm"])
    def confirm_selected(self, request, queryset):
        for consultation in queryset.select_related("person", "position"):
            try:
                personnel_services.confirm_supplementary(consultation, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{consultation}: {_error_text(error)}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Đã xác nhận: %(person)s giữ chức %(position)s từ %(day)s.")
                    % {
                        "person": consultation.person.full_name,
                        "position": consultation.position.name,
                        "day": consultation.since.strftime("%d/%m/%Y"),
                    },
                )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        commune = working_commune(request)
        if db_field.name == "term":
            kwargs["queryset"] = Term.objects.filter(committee__commune=commune)
        elif db_field.name == "conference":
            kwargs["queryset"] = Conference.objects.filter(committee__commune=commune)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CandidateRound)
class CandidateRoundAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = FiguresModelForm
    list_display = ["person", "office", "committee", "year", "stage", "held_on", "agreement_shown", "result"]
    list_filter = ["year", "stage", "result", ("committee__area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["person", "committee__area", "committee__commune"]
    autocomplete_fields = ["committee", "conference", "person"]
    search_fields = ["person__full_name"]
    fields = [
        "committee",
        "office",
        "year",
        "stage",
        "held_on",
        "conference",
        "person",
        ("votes_for", "votes_total", "agreement_percent"),
        "result",
        "note",
    ]

    @admin.display(description=_("tỷ lệ đồng ý"))
    def agreement_shown(self, row):
        return f"{row.agreement}%" if row.agreement is not None else "—"

    def save_model(self, request, obj, form, change):
        personnel_services.record_candidate_round(obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        return False


# --- areas ---------------------------------------------------------------------------------------


class AreaProfileForm(FiguresModelForm):
    class Meta:
        model = AreaProfile
        fields = [
            "area",
            "year",
            "households",
            "persons",
            "minority_households",
            "religious_households",
            "poor_households",
            "near_poor_households",
            "source",
        ]

    user = None  # set per request by the admin

    def clean(self):
        data = super().clean()
        area = data.get("area")
        if area is not None and self.user is not None:
            from .festivals import may_enter_for_area

            if not may_enter_for_area(self.user, area):
                raise ValidationError(_("Bạn chỉ nhập số liệu cho khu dân cư mình phụ trách."))
        return data


@admin.register(AreaProfile)
class AreaProfileAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = AreaProfileForm
    list_display = ["area", "year", "households", "persons", "poor_households", "near_poor_households"]
    list_filter = ["year", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["area"]
    fieldsets = [
        (None, {"fields": ["area", "year", "source"]}),
        (_("Dân số"), {"fields": [("households", "persons")]}),
        (
            _("Cơ cấu hộ"),
            {
                "fields": [
                    ("minority_households", "religious_households"),
                    ("poor_households", "near_poor_households"),
                ]
            },
        ),
    ]

    def may_use(self, request):
        return sees_every_area(request.user) or bool(officer_area_ids(request.user))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "area":
            areas = ResidentialArea.objects.filter(commune=working_commune(request)).order_by(
                "position", "name"
            )
            if not sees_every_area(request.user):
                areas = areas.filter(pk__in=officer_area_ids(request.user))
            kwargs["queryset"] = areas
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        try:
            personnel_services.save_area_profile(obj, by=request.user)
        except PermissionDenied as error:
            raise PermissionDenied(str(error)) from None

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AreaSuccession)
class AreaSuccessionAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = FiguresModelForm
    list_display = ["predecessor", "successor", "on", "households", "is_principal"]
    list_select_related = ["predecessor", "successor"]
    autocomplete_fields = ["predecessor", "successor"]
    fields = ["predecessor", "successor", "on", "households", "is_principal", "note"]

    def save_model(self, request, obj, form, change):
        personnel_services.record_succession(obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        return False


# --- the same lines, listed across conferences and people (entered in the inlines above) --------


class _OutcomeListAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = FiguresModelForm
    list_select_related = ["conference"]
    autocomplete_fields = ["conference"]
    list_filter = [("conference", admin.RelatedOnlyFieldListFilter)]

    def save_model(self, request, obj, form, change):
        personnel_services.save_outcome(obj)


@admin.register(DocumentApproval)
class DocumentApprovalAdmin(_OutcomeListAdmin):
    list_display = ["document", "conference", "share_shown"]

    @admin.display(description=_("tỷ lệ tán thành"))
    def share_shown(self, row):
        return f"{row.share}%" if row.share is not None else "—"


@admin.register(TermSummaryItem)
class TermSummaryItemAdmin(_OutcomeListAdmin):
    list_display = ["label", "figure", "conference"]


@admin.register(CongressAward)
class CongressAwardAdmin(_OutcomeListAdmin):
    list_display = ["recipient", "award", "conference"]
    search_fields = ["recipient", "award"]


@admin.register(ConcurrentRole)
class ConcurrentRoleAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["person", "title", "since", "until", "is_public"]
    list_filter = ["is_public"]
    list_select_related = ["person"]
    autocomplete_fields = ["person"]
    search_fields = ["person__full_name", "title"]
    fields = ["person", "title", "since", "until", "is_public"]

    def save_model(self, request, obj, form, change):
        obj.full_clean()
        super().save_model(request, obj, form, change)
