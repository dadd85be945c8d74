"""Model fields that several apps declare the same way."""

from django.conf import settings
from django.db import models


def recorded_by(verbose_name):
    """The account that wrote or confirmed a row.

    PROTECT keeps the row's author when someone tries to delete the account (history is
    never lost); null for rows written by a command or a migration; not editable, so no form
    can claim another author; no reverse accessor, because a user is the author of rows in
    every app and the reverse names would collide.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=verbose_name,
    )
