"""Staff and editors run polls here: the question, its options, when it is open, who sees the counts.

A poll belongs to the account's commune. Its counts are shown on its page in the admin whatever
the public may see; an option that has answers cannot be deleted (its answers would vanish).
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from congresses.permissions import working_commune
from lib.scoped_admin import AreaScopedAdminMixin, ScopedInlineMixin
from lib.templatetags.vn import vndatetime

from . import services
from .polls import Poll, PollOption
from .registry_admin import CommuneFormMixin

MIN_OPTIONS = 2


class PollAdminForm(CommuneFormMixin, forms.ModelForm):
    class Meta:
        model = Poll
        fields = ["question", "description", "opens_at", "closes_at", "results", "is_published"]


class OptionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("text")
        ]
        if len(kept) < MIN_OPTIONS:
            raise ValidationError(
                _("Khảo sát cần ít nhất %(count)d phương án trả lời.") % {"count": MIN_OPTIONS}
            )


class PollOptionInline(ScopedInlineMixin, admin.TabularInline):
    model = PollOption
    formset = OptionFormSet
    fields = ["text", "position"]
    extra = 3
    ordering = ["position", "pk"]


@admin.register(Poll)
class PollAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
    form = PollAdminForm
    inlines = [PollOptionInline]
    list_display = ["question", "opens", "closes", "answers", "results", "is_published"]
    list_filter = ["is_published", "results"]
    search_fields = ["question"]
    readonly_fields = ["tally", "slug", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["question", "description"]}),
        (_("Thời hạn và kết quả"), {"fields": ["opens_at", "closes_at", "results", "is_published"]}),
        (_("Số lượt trả lời"), {"fields": ["tally"]}),
        (_("Thông tin khác"), {"fields": ["slug", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answer_count=Count("ballots"))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.working_commune = working_commune(request)
        return form

    @admin.display(description=_("mở từ"), ordering="opens_at")
    def opens(self, poll):
        return vndatetime(poll.opens_at)

    @admin.display(description=_("kết thúc lúc"), ordering="closes_at")
    def closes(self, poll):
        return vndatetime(poll.closes_at) if poll.closes_at else "—"

    @admin.display(description=_("lượt trả lời"), ordering="answer_count")
    def answers(self, poll):
        return poll.answer_count

    @admin.display(description=_("kết quả đến lúc này"))
    def tally(self, poll):
        if not poll.pk:
            return "—"
        options, total = poll.tally()
        return render_to_string("news/polls/_results.html", {"options": options, "total": total})

    def save_model(self, request, obj, form, change):
        services.save_poll(obj)
