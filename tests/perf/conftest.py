"""Query budgets count a page's own queries; the shared layout's are measured once here."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext


@pytest.fixture
def layout_queries(db):
    """How many queries the shared layout (base.html: the menus of every app) runs on any page."""
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as queries:
        render_to_string("base.html", {}, request=request)
    return len(queries)
