"""The portal app's tables: the history of staff accounts, and the visit counts of each day.

Who made an account staff or superuser, who deactivated it, who changed its roles: every
change to a user is kept with who and when (django-simple-history). Password hashes and
login times are not copied into the history.
"""

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register

from congresses.models import CommuneScopedQuerySet

register(
    get_user_model(),
    app="mttq_portal",
    excluded_fields=["password", "last_login"],
    m2m_fields=[get_user_model().groups.field],
    verbose_name="lịch sử tài khoản",
)


# Visit statistics (Thống kê truy cập): one row a commune and day, folded in from the counters
# by `flush_visits` (mttq_portal.visits); no row a request, no address, no browser.


class VisitDay(models.Model):
    # The old site's visits were visits of the old site: they stay with it in a merger.
    KEPT_BY_THE_OLD_COMMUNE = True

    commune = models.ForeignKey(
        "congresses.Commune",
        on_delete=models.PROTECT,
        related_name="visit_days",
        verbose_name=_("xã, phường"),
    )
    day = models.DateField(_("ngày"))
    visits = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)

    objects = CommuneScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("thống kê truy cập")
        constraints = [models.UniqueConstraint(fields=["commune", "day"], name="visit_day_once")]

    def __str__(self):
        return f"{self.commune_id} {self.day}: {self.visits}"
