"""Query budgets count a page's own queries; the shared layout's are measured once here."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from tests.support import site_request


@pytest.fixture
def layout_queries(db):
    """How many queries the shared layout (base.html: the menus of every app) runs on any page.
    Ask for it after the data: it reads the table of sites first, as a running server has."""
    request = site_request()
    with CaptureQueriesContext(connection) as queries:
        render_to_string("base.html", {}, request=request)
    return len(queries)
