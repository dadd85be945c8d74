"""Password rules of our own, on top of Django's validators (which Django already translates)."""

from django.contrib.auth import password_validation
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


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with a Vietnamese message: Django 5.2 changed the English text
    and its Vietnamese translation has not caught up."""

    def get_error_message(self):
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self):
        return _("Mật khẩu cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
