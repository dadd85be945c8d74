"""One admin mixin for records that belong to a commune, or to a residential area of one:
whoever may not see a record gets a 404 wherever the admin would reach it (list, change,
history, a historical version, delete, the app's own extra pages), may not change what they
may not see, and is offered only records they may see in the form's choices.

Commune first: every scoped queryset's `visible_to(user)` starts from the user's communes
(`congresses.permissions.commune_scope`: province staff every commune, everyone else their
own), then narrows to a hamlet officer's areas where the records carry one (campaigns).

The rule itself is the model's: its default manager's queryset has `visible_to(user)`
(campaigns: `AreaScopedQuerySet`). The mixin only applies it, so any app whose records carry
an area (congresses' records entered by hamlet officers too) gets the same behaviour by
giving its queryset a `visible_to` and its admin this mixin:

    class ContributionAdmin(AreaScopedAdminMixin, SimpleHistoryAdmin):
        def may_use(self, request): ...       # e.g. an officer with no area: nothing at all
        def is_open(self, obj): ...           # e.g. locked entries are read-only
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _


class ScopedChoicesMixin:
    """Foreign-key and many-to-many choices narrowed to what the user may see, in model admins
    and inlines alike: an editor of one commune is never offered another commune's category."""

    def _narrow(self, field, request):
        if field is not None and hasattr(field, "queryset") and hasattr(field.queryset, "visible_to"):
            field.queryset = field.queryset.visible_to(request.user)
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._narrow(super().formfield_for_foreignkey(db_field, request, **kwargs), request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._narrow(super().formfield_for_manytomany(db_field, request, **kwargs), request)


class ScopedInlineMixin(ScopedChoicesMixin):
    """For inlines: their rows come from the parent (already scoped), their choices from here."""


class AreaScopedAdminMixin(ScopedChoicesMixin):
    def may_use(self, request):
        """Whether this user works with these records at all (the list, the add form)."""
        return True

    def is_open(self, obj):
        """Whether a visible record may still be changed (locked periods, corrections…)."""
        return True

    # --- what the user sees -----------------------------------------------------------------
    def visible_records(self, request):
        return self.model._default_manager.visible_to(request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def is_visible(self, request, obj):
        """True when the stored record behind `obj` (an instance or a historical version of
        one) is among the user's records. Answered once per record and request."""
        if obj is None or obj.pk is None:
            return True
        seen = request.__dict__.setdefault("_visible_records", {})
        key = (self.model._meta.label, obj.pk)
        if key not in seen:
            seen[key] = self.visible_records(request).filter(pk=obj.pk).exists()
        return seen[key]

    def visible_or_404(self, request, object_id):
        """The user's record with this id, or a 404 — never the admin's "may have been
        deleted" redirect, which would tell another area's officer that the id exists."""
        object_id = unquote(str(object_id))
        try:
            return self.get_queryset(request).get(pk=int(object_id))
        except (ValueError, OverflowError, self.model.DoesNotExist):
            raise Http404(_("Không tìm thấy bản ghi, hoặc bạn không có quyền xem.")) from None

    # --- permissions --------------------------------------------------------------------------
    def has_view_permission(self, request, obj=None):
        return (
            super().has_view_permission(request, obj)
            and self.may_use(request)
            and self.is_visible(request, obj)
        )

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and self.may_use(request)

    def has_change_permission(self, request, obj=None):
        if not (super().has_change_permission(request, obj) and self.may_use(request)):
            return False
        return obj is None or (self.is_visible(request, obj) and self.is_open(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.is_visible(request, obj)

    # --- every page that reaches one record ---------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.visible_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self.visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A historical version carries the record's old area and date: the checks are on the
        # record as it is now, as for its change page (simple-history itself lets anyone who
        # may view it post a revert); the version's values then go through save_model.
        current = self.visible_or_404(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.visible_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)


# The name says what it scopes by: communes, and areas within them.
ScopedAdminMixin = AreaScopedAdminMixin
