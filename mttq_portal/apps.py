from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig, apps
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .accounts import update_last_login_quietly
from .roles import sync_role_groups


def _sync_roles_after_last_app(sender, using="default", verbosity=0, **kwargs):
    """post_migrate is sent once per app; the permissions of every app exist only after the
    last one, so the groups are synced then."""
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if with_models and sender is with_models[-1]:
        sync_role_groups(using=using, verbosity=verbosity)


class PortalConfig(AppConfig):
    default = True  # this module holds two configs (see LoginLockoutConfig)
    name = "mttq_portal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        post_migrate.connect(_sync_roles_after_last_app, dispatch_uid="mttq_portal_sync_roles")
        # Django's own receiver would add a line to the account's history at every login.
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(update_last_login_quietly, dispatch_uid="update_last_login")

        # Django draws yes/no columns as icons whose alt text (read aloud by screen readers)
        # is Python's "True"/"False"; every caller looks the function up here at call time.
        from django.contrib.admin.templatetags import admin_list

        admin_list._boolean_icon = _boolean_icon_vi

        # The admin (listed first in INSTALLED_APPS) has loaded every admin module by now.
        from django.contrib import admin

        from lib.admin_input import harden_admin_site

        harden_admin_site(admin.site)


_BOOLEAN_ALT = {True: ("yes", _("Có")), False: ("no", _("Không")), None: ("unknown", _("Không rõ"))}


def _boolean_icon_vi(value):
    from django.templatetags.static import static
    from django.utils.html import format_html

    icon, alt = _BOOLEAN_ALT[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), alt)


class LoginLockoutConfig(AxesAppConfig):
    """django-axes under a Vietnamese name in the admin, where staff unlock accounts."""

    verbose_name = _("Khóa đăng nhập")

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        # axes names its rows with English f-strings, shown as the admin's titles,
        # breadcrumbs and history; these say the same in Vietnamese.
        AccessAttempt.__str__ = _name_attempt
        AccessLog.__str__ = _name_log
        AccessFailureLog.__str__ = _name_failure


def _when(moment):
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else "—"


def _name_attempt(attempt):
    return f"{attempt.username or '—'} đăng nhập sai lúc {_when(attempt.attempt_time)}"


def _name_log(log):
    return f"{log.username or '—'} đăng nhập lúc {_when(log.attempt_time)}"


def _name_failure(failure):
    locked = " (bị khóa)" if failure.locked_out else ""
    return (
        f"{failure.username or '—'} đăng nhập sai{locked} lúc {_when(failure.attempt_time)}"
        f" từ {failure.ip_address or '—'}"
    )
