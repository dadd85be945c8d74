"""What people type into the admin's search box, list filters and related-object pickers,
checked and bounded before it reaches the database.

- Django's admin search ANDs one OR-group per word over every search field: a pasted page of
  a thousand words makes a query SQLite refuses ("Expression tree is too large") and
  PostgreSQL plans for seconds. `BoundedSearchMixin` keeps the first words, within a length,
  and says so.
- An autocomplete picker re-shown with a value that is no id (`abc`, a 30-digit number) made
  Django query with it and fail (ValueError, or OverflowError on SQLite): a 500 instead of the
  form's "choose a valid option". `CheckedAutocompleteMixin` drops such values first.
- `parse_id` reads an id from a list filter or a URL, or says there is none.

`harden_admin_site` gives both mixins to every registered admin and its inlines, the
project's and the installed packages', so no admin has to remember them.
"""

import functools

from django.contrib import messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

MAX_SEARCH_CHARS = 200
MAX_SEARCH_WORDS = 10
# The largest id a BigAutoField holds; a longer number is no id at all.
MAX_ID = 2**63 - 1


def bound_search_term(term, max_chars=MAX_SEARCH_CHARS, max_words=MAX_SEARCH_WORDS):
    """`term` cut to its first `max_words` words and `max_chars` characters (unchanged when shorter)."""
    words = term.split()
    if len(words) <= max_words and len(term) <= max_chars:
        return term
    return " ".join(words[:max_words])[:max_chars].strip()


def parse_id(value):
    """The positive whole number `value` spells (`"12"` → 12), or None for `abc`, `1.5`, `-1`,
    or a number beyond what an id column holds. For list filters and URLs that take an id."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class BoundedSearchMixin:
    """Admin search (the list's search box and the autocomplete of related fields) on a bounded term."""

    search_max_chars = MAX_SEARCH_CHARS
    search_max_words = MAX_SEARCH_WORDS

    def get_search_results(self, request, queryset, search_term):
        bounded = bound_search_term(search_term, self.search_max_chars, self.search_max_words)
        if bounded != search_term and SEARCH_VAR in request.GET:
            self.message_user(
                request,
                _(
                    "Từ khóa tìm kiếm quá dài: chỉ tìm theo %(words)s từ đầu tiên, "
                    "tối đa %(chars)s ký tự (“%(term)s”)."
                )
                % {"words": self.search_max_words, "chars": self.search_max_chars, "term": bounded},
                messages.WARNING,
            )
        return super().get_search_results(request, queryset, bounded)


class _CheckedValues:
    """Autocomplete widget part: show only submitted values that can be keys of the related model."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._is_key(v)], attr)

    def _is_key(self, value):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        try:
            key = target.to_python(value)
        except (ValidationError, TypeError, ValueError):
            return False
        return not isinstance(target, models.IntegerField) or (key is not None and abs(key) <= MAX_ID)


class CheckedAutocompleteSelect(_CheckedValues, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(_CheckedValues, AutocompleteSelectMultiple):
    pass


class CheckedAutocompleteMixin:
    """Autocomplete pickers (of the admin and of its inlines) that survive a value that is no id."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_inlines(self, request, obj):
        return [with_mixins(inline, CheckedAutocompleteMixin) for inline in super().get_inlines(request, obj)]


@functools.cache
def with_mixins(admin_class, *mixins):
    """`admin_class` with `mixins` in front (the same class when it has them already)."""
    missing = tuple(mixin for mixin in mixins if not issubclass(admin_class, mixin))
    if not missing:
        return admin_class
    return type(
        admin_class.__name__,
        (*missing, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )


def harden_admin_site(site):
    """Register every admin of `site` again with BoundedSearchMixin and CheckedAutocompleteMixin.

    Called once every admin module is loaded (mttq_portal/apps.py), so admins added later, and
    those of installed packages (the login lockout's), get both without anyone remembering them.
    """
    for model, model_admin in list(site._registry.items()):
        hardened = with_mixins(type(model_admin), BoundedSearchMixin, CheckedAutocompleteMixin)
        if hardened is not type(model_admin):
            site.unregister(model)
            site.register(model, hardened)
