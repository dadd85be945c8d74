"""Accounts in the admin: a staff account is created with its role in one step, the
account list shows roles, and every change is kept in the account's history."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lib.roles import ROLE_LABELS, role_group

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

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("họ và tên"))
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description=_("vai trò"))
    def roles(self, user):
        if user.is_superuser:
            return _("Quản trị hệ thống")
        return ", ".join(sorted(group.name for group in user.groups.all())) or "—"
