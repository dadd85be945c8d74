"""Admin input bounded before the database: search terms, ids, autocomplete values."""

import pytest
from django.contrib import admin

from lib.admin_input import BoundedSearchMixin, CheckedAutocompleteMixin, bound_search_term, parse_id


@pytest.mark.parametrize(
    ("typed", "bounded"),
    [
        ("Phan Văn Lộc", "Phan Văn Lộc"),
        ("a" * 10_000, "a" * 200),
        (" ".join(["lộc"] * 1_000), " ".join(["lộc"] * 10)),
        ("một hai ba bốn năm sáu bảy tám chín mười mười một", "một hai ba bốn năm sáu bảy tám chín mười"),
    ],
)
def test_bound_search_term(typed, bounded):
    assert bound_search_term(typed) == bounded


@pytest.mark.parametrize(
    ("typed", "number"),
    [("12", 12), (" 7 ", 7), ("abc", None), ("1.5", None), ("-1", None), ("0", None), ("", None),
     (None, None), ("9" * 30, None), ("٣", None), (str(2**63 - 1), 2**63 - 1), (str(2**63), None)],
)  # fmt: skip
def test_parse_id(typed, number):
    assert parse_id(typed) == number


def test_every_registered_admin_bounds_its_search_and_checks_its_pickers():
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, BoundedSearchMixin), model
        assert isinstance(model_admin, CheckedAutocompleteMixin), model
        for inline in model_admin.get_inlines(None, None):
            assert issubclass(inline, CheckedAutocompleteMixin), (model, inline)
