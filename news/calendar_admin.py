"""Staff enter the standing board's week here; conferences and voter meetings come from
`congresses` by themselves and are not typed again."""

import datetime
import re

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from congresses.permissions import working_commune
from lib.scoped_admin import AreaScopedAdminMixin

from .organisation_admin import NO_COMMUNE
from .work_calendar import CalendarEntry, save_entry

# 7:30, 07:30, 7h30, 7g30, 7h, 14 giờ 30 — as Vietnamese schedules write a time.
TIME_PATTERN = re.compile(r"^\s*(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{1,2})?\s*(?:phút|p)?\s*$", re.IGNORECASE)


class VietnameseTimeField(forms.Field):
    """A time as staff type it (`7h30`, `07:30`, `14 giờ`), or a Vietnamese error."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Giờ không hợp lệ: ghi như 07:30 hoặc 7h30.")}

    def prepare_value(self, value):
        return value.strftime("%H:%M") if isinstance(value, datetime.time) else value

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        match = TIME_PATTERN.match(text[:20])
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 23 or minute > 59:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.time(hour, minute)


class CalendarEntryForm(forms.ModelForm):
    start_time = VietnameseTimeField(
        label=_("Giờ bắt đầu"),
        required=False,
        help_text=_("Ví dụ: 07:30 hoặc 7h30. Bắt buộc khi chọn “Vào giờ”."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8, "autocomplete": "off"}),
    )

    class Meta:
        model = CalendarEntry
        fields = ["day", "part", "start_time", "title", "host", "participants", "venue", "is_published"]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.commune_id and getattr(self, "commune", None) is None:
            raise ValidationError(NO_COMMUNE)
        return cleaned


@admin.register(CalendarEntry)
class CalendarEntryAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = CalendarEntryForm
    list_display = ["day_shown", "when", "title", "host", "venue", "is_published"]
    list_display_links = ["title"]
    list_filter = ["part", "is_published"]
    date_hierarchy = "day"
    search_fields = ["title", "host", "venue", "participants"]
    ordering = ["-day", "part", "start_time"]
    actions = ["copy_to_next_week"]

    @admin.display(description=_("ngày"), ordering="day")
    def day_shown(self, entry):
        return entry.day.strftime("%d/%m/%Y")

    @admin.display(description=_("buổi, giờ"))
    def when(self, entry):
        if entry.start_time is not None:
            return entry.start_time.strftime("%Hh%M")
        return entry.get_part_display()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        commune = working_commune(request)

        class EntryFormForCommune(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                self.commune = commune
                if not self.instance.commune_id:
                    self.instance.commune = commune

        return EntryFormForCommune

    def save_model(self, request, obj, form, change):
        save_entry(obj)

    @admin.action(description=_("Chép các mục đã chọn sang tuần sau"), permissions=["add"])
    def copy_to_next_week(self, request, queryset):
        count = 0
        for entry in queryset:
            entry.pk = None
            entry.id = None
            entry.day += datetime.timedelta(days=7)
            save_entry(entry)
            count += 1
        self.message_user(request, _("Đã chép %(count)d mục sang tuần sau.") % {"count": count})
