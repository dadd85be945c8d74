"""The registry's desk: documents with their files (several uploaded at once), and announcements.

Every write goes through `news.services`; a new record belongs to the account's own commune
(`working_commune`), whatever host the account signed in at.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from congresses.models import Conference
from congresses.permissions import working_commune
from lib.scoped_admin import AreaScopedAdminMixin, ScopedInlineMixin
from lib.templatetags.vn import vndatetime

from . import services
from .announcements import Announcement
from .documents import Document, DocumentFile


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleDocumentField(forms.FileField):
    """Several PDF/DOCX files at once; each is checked by content in the form's clean."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={
                    "accept": ".pdf,.docx,application/pdf,"
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                }
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleDocumentField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class CommuneFormMixin:
    """A new record takes the account's commune before the model's own checks run (a number
    already used is a question asked within one commune)."""

    working_commune = None

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            if self.working_commune is None:
                raise ValidationError(
                    _(
                        "Chưa rõ bản ghi thuộc xã, phường nào: tài khoản chưa được gán xã, hoặc bạn đang ở trang "
                        "của tỉnh (hãy mở trang quản trị tại địa chỉ của xã)."
                    )
                )
            self.instance.commune = self.working_commune
        return cleaned


class DocumentAdminForm(CommuneFormMixin, forms.ModelForm):
    new_files = MultipleDocumentField(
        label=_("Tải tệp văn bản lên (chọn được nhiều tệp)"),
        required=False,
        help_text=_(
            "Tệp PDF hoặc DOCX, mỗi tệp tối đa 20 MB. Nếu có tệp không hợp lệ, không tệp nào được lưu "
            "và tên tệp bị từ chối hiện ở đây."
        ),
    )

    class Meta:
        model = Document
        fields = [
            "kind",
            "number",
            "issuing_body",
            "issued_on",
            "effective_on",
            "summary",
            "field",
            "signer",
            "conference",
            "is_published",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def clean_new_files(self):
        files = self.cleaned_data.get("new_files") or []
        services.check_document_files(files)
        return files

    def clean(self):
        cleaned = super().clean()
        conference = cleaned.get("conference")
        commune = self.instance.commune if self.instance.commune_id else None
        if conference and commune and conference.committee.commune_id != commune.pk:
            self.add_error("conference", _("Hội nghị này không thuộc xã, phường của văn bản."))
        return cleaned


class DocumentFileInline(ScopedInlineMixin, admin.TabularInline):
    model = DocumentFile
    fields = ["original_name", "title", "position", "size"]
    readonly_fields = ["original_name", "size"]
    extra = 0
    verbose_name = _("tệp đã tải lên")
    verbose_name_plural = _("Tệp đã tải lên (thêm tệp bằng ô “Tải tệp văn bản lên” ở trên)")

    def has_add_permission(self, request, obj=None):
        # New files come through the multi-upload field, which checks each one's content.
        return False


@admin.register(Document)
class DocumentAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = DocumentAdminForm
    # Few columns, so the list reads on a phone; the issuing body and field are filters.
    list_display = ["number", "kind", "summary_short", "issued_on", "is_published"]
    list_filter = ["kind", "field", "is_published", "issued_on"]
    list_select_related = ["commune"]
    search_fields = ["number", "summary", "search_text"]
    date_hierarchy = "issued_on"
    inlines = [DocumentFileInline]
    autocomplete_fields = ["conference"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["kind", "number", "issuing_body", "issued_on", "effective_on", "summary"]}),
        (_("Phân loại"), {"fields": ["field", "signer", "conference", "is_published"]}),
        (_("Tệp"), {"fields": ["new_files"]}),
        (_("Thông tin khác"), {"fields": ["slug", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.working_commune = working_commune(request)
        return form

    def get_inlines(self, request, obj):
        # A new document has no files yet: they come through the upload field.
        return self.inlines if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "conference":
            kwargs["queryset"] = Conference.objects.for_commune(working_commune(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("trích yếu"))
    def summary_short(self, document):
        return document.summary if len(document.summary) <= 90 else document.summary[:88] + "…"

    def save_model(self, request, obj, form, change):
        # The files are written with the document, in one transaction (save_related adds none).
        services.save_document(obj, form.cleaned_data.get("new_files") or [])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        count = len(form.cleaned_data.get("new_files") or [])
        if count:
            self.message_user(
                request,
                ngettext("Đã thêm %(count)d tệp.", "Đã thêm %(count)d tệp.", count) % {"count": count},
                messages.SUCCESS,
            )

    @admin.action(description=_("Công khai các văn bản đã chọn"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = services.set_documents_published(queryset, True)
        self.message_user(request, _("Đã công khai %(count)d văn bản.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Thôi công khai các văn bản đã chọn"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = services.set_documents_published(queryset, False)
        self.message_user(
            request, _("Đã thôi công khai %(count)d văn bản.") % {"count": count}, messages.SUCCESS
        )


class AnnouncementAdminForm(CommuneFormMixin, forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body", "starts_at", "expires_at", "is_pinned", "is_published"]


class CurrentFilter(admin.SimpleListFilter):
    title = _("thời hạn")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [
            ("con-han", _("Đang hiện")),
            ("het-han", _("Đã hết hạn")),
            ("sap-hien", _("Chưa đến lúc hiện")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "con-han":
            return queryset.current(now)
        if self.value() == "het-han":
            return queryset.expired(now)
        if self.value() == "sap-hien":
            return queryset.filter(starts_at__gt=now)
        return queryset


@admin.register(Announcement)
class AnnouncementAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = AnnouncementAdminForm
    list_display = ["title", "starts", "expires", "is_pinned", "state"]
    list_filter = [CurrentFilter, "is_pinned", "is_published"]
    search_fields = ["title", "search_text"]
    date_hierarchy = "starts_at"
    readonly_fields = ["slug", "created_at", "updated_at"]
    actions = ["expire_now"]
    fieldsets = [
        (None, {"fields": ["title", "body"]}),
        (_("Thời hạn"), {"fields": ["starts_at", "expires_at", "is_pinned", "is_published"]}),
        (_("Thông tin khác"), {"fields": ["slug", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.working_commune = working_commune(request)
        return form

    @admin.display(description=_("hiện từ"), ordering="starts_at")
    def starts(self, announcement):
        return vndatetime(announcement.starts_at)

    @admin.display(description=_("hết hạn lúc"), ordering="expires_at")
    def expires(self, announcement):
        return vndatetime(announcement.expires_at) if announcement.expires_at else "—"

    @admin.display(description=_("tình trạng"))
    def state(self, announcement):
        now = timezone.now()
        if not announcement.is_published:
            return _("Không công khai")
        if announcement.starts_at > now:
            return _("Chưa đến lúc hiện")
        if announcement.expires_at and announcement.expires_at <= now:
            return _("Đã hết hạn (trong lưu trữ)")
        return _("Đang hiện")

    def save_model(self, request, obj, form, change):
        services.save_announcement(obj)

    @admin.action(
        description=_("Cho hết hạn ngay (rời trang chủ, giữ trong lưu trữ)"), permissions=["change"]
    )
    def expire_now(self, request, queryset):
        count = services.expire_announcements(queryset)
        self.message_user(
            request, _("Đã cho hết hạn %(count)d thông báo.") % {"count": count}, messages.SUCCESS
        )
