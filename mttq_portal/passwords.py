"""Password rules of our own, on top of Django's validators (which Django already translates)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MixedCharactersValidator:
    """A password needs letters and at least one digit or symbol: `hoaphu2026mttq`, not
    `hoaphumattran`."""

    def validate(self, password, user=None):
        has_letter = any(ch.isalpha() for ch in password)
        has_other = any(not ch.isalpha() and not ch.isspace() for ch in password)
        if not (has_letter and has_other):
            raise ValidationError(
                _("Mật khẩu phải có cả chữ cái và ít nhất một chữ số hoặc ký hiệu."),
                code="password_not_mixed",
            )

    def get_help_text(self):
        return _("Mật khẩu phải có cả chữ cái và ít nhất một chữ số hoặc ký hiệu.")
