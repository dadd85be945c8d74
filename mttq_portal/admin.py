"""Accounts in the admin: a staff account is created with its role in one step, the
account list shows roles, and every change is kept in the account's history."""

import axes.admin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from congresses.models import StaffProfile
from congresses.permissions import EVERY_COMMUNE, commune_scope
from congresses.sites import site_table
from lib.roles import ROLE_LABELS, role_group
from lib.scoped_admin import ScopedInlineMixin

from .roles import ROLE_PERMISSIONS

User = get_user_model()


class StaffAccountCreationForm(UserCreationForm):
    """Username, password, name and role: the new account is staff and in the role's group."""

    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=[(role, ROLE_LABELS[role]) for role in ROLE_PERMISSIONS],
        help_text=_("Quyết định người này được xem và sửa những gì trong trang quản trị."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def save(self, commit=True):
        self.instance.is_staff = True
        return super().save(commit)

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.groups.add(role_group(self.cleaned_data["role"]))


admin.site.unregister(User)


class StaffProfileInline(ScopedInlineMixin, admin.StackedInline):
    """Where the account works: a commune (editors, staff, chair, officers) or the province."""

    model = StaffProfile
    can_delete = False
    extra = 1
    max_num = 1


@admin.register(User)
class StaffAccountAdmin(SimpleHistoryAdmin, UserAdmin):
    add_form = StaffAccountCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "password1", "password2", "role", "first_name", "last_name", "email"),
            },
        ),
    )
    list_display = ("username", "full_name", "roles", "is_staff", "is_active", "last_login")
    list_filter = ("groups", "is_staff", "is_superuser", "is_active")
    # Access comes from the role groups alone (mttq_portal/roles.py is the one table); a
    # permission given to one account would bypass it. Django's per-account permission list
    # is left out, and with it its names, which Django stores in English ("Can add …").
    fieldsets = tuple(
        (title, {**options, "fields": tuple(f for f in options["fields"] if f != "user_permissions")})
        for title, options in UserAdmin.fieldsets
    )

    inlines = [StaffProfileInline]

    def get_inline_instances(self, request, obj=None):
        # Created with its role first (add_fieldsets); its commune is set on the change page.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_queryset(self, request):
        # The chair sees (to name a hamlet's officers) the accounts of their own commune only.
        accounts = super().get_queryset(request).prefetch_related("groups")
        scope = commune_scope(request.user)
        if scope is EVERY_COMMUNE or site_table().only_commune is not None:
            return accounts
        return accounts.filter(staff_profile__commune__in=scope)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A history record shows the account form, whose "../password/" link lands here:
        # a version that is not a number is a missing page, not a 500.
        if not str(version_id).isdigit():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description=_("họ và tên"))
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description=_("vai trò"))
    def roles(self, user):
        if user.is_superuser:
            return _("Quản trị hệ thống")
        return ", ".join(sorted(group.name for group in user.groups.all())) or "—"


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LockedLoginAdmin(axes.admin.AccessAttemptAdmin):
    """django-axes' list of locked logins, with its clean-up action fixed and in Vietnamese."""

    @admin.action(description=_("Xóa các lần đăng nhập đã hết hạn"))
    def cleanup_expired_attempts(self, request, queryset):
        # axes 8.3 reads request.axes_attempt_time here, which only its login path sets:
        # without it the action is a 500. Its own message is an f-string, never translated.
        AxesProxyHandler.update_request(request)
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, _("Đã xóa %(count)s lần đăng nhập đã hết hạn.") % {"count": count})

    @admin.display(description=_("Trạng thái"))
    def status(self, obj):
        return super().status(obj)
