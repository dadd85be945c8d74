from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig, apps
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
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


class LoginLockoutConfig(AxesAppConfig):
    """django-axes under a Vietnamese name in the admin, where staff unlock accounts."""

    verbose_name = _("Khóa đăng nhập")
