"""Account helpers."""

from django.utils import timezone


def update_last_login_quietly(sender, user, **kwargs):
    """Django's update_last_login, without a line in the account's history per login."""
    user.last_login = timezone.now()
    user.skip_history_when_saving = True
    try:
        user.save(update_fields=["last_login"])
    finally:
        del user.skip_history_when_saving
