"""The portal app has no tables of its own but one: the history of staff accounts.

Who made an account staff or superuser, who deactivated it, who changed its roles: every
change to a user is kept with who and when (django-simple-history). Password hashes and
login times are not copied into the history.
"""

from django.contrib.auth import get_user_model
from simple_history import register

register(
    get_user_model(),
    app="mttq_portal",
    excluded_fields=["password", "last_login"],
    m2m_fields=[get_user_model().groups.field],
    verbose_name="lịch sử tài khoản",
)
