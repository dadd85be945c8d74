"""Helpers for tests that need a service the machine may lack."""

import os
from html.parser import HTMLParser

import pytest


def require(condition, what):
    """Skip a test whose service is missing; in CI (CI=true) a missing service is a failure."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available")


class _FormReader(HTMLParser):
    """Collects the values a browser would submit from one <form id=…> of a page."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or not attrs.get("name"):
            if tag == "option" and self._select and ("selected" in attrs):
                self.data[self._select] = attrs.get("value", "")
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.data[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_data(html, form_id):
    """What submitting `<form id=form_id>` of `html` unchanged would POST (files left out)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.data


def warm_site_table():
    """Read the table of sites now, as a running server has: a query budget then counts the
    page's own queries (the table costs one query per process after a commune is saved)."""
    from congresses.sites import site_table

    return site_table()


def site_request(path="/"):
    """A bare request for the only commune's site, for rendering templates in a test."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.commune, request.province = warm_site_table().resolve("testserver")
    return request


def reachable(url, timeout=1.0):
    """Whether something listens at the host and port of `url` (redis://…, http://…)."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=timeout):
            return True
    except OSError:
        return False


def dead_url(scheme="http"):
    """An address on this machine where nothing listens (a stopped service)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"{scheme}://127.0.0.1:{port}"
