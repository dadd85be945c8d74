"""A real browser for end-to-end tests: Debian's Chromium driven by Playwright.

Playwright never downloads a browser here; it launches /usr/bin/chromium. One browser per
session, one fresh context (cookies, storage) per test.
"""

import os
from pathlib import Path

import pytest

from tests.support import require

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in the test thread; the ORM calls in the tests are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def plain_static_names(settings):
    """live_server finds static files by their plain names in the apps' folders; the hashed
    names of the manifest storage exist only in STATIC_ROOT, so pages would lose their CSS
    and the admin its JavaScript."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def chromium_browser():
    require(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        require(False, "the playwright package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser):
    """A browser tab; console errors (CSP violations among them) are collected in `page.console_errors`."""
    context = chromium_browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def admin_login(page, live_server):
    """`admin_login(username, password)`: sign in on the admin's login page, as a person would,
    and wait for the page the role lands on (the admin index; a hamlet officer's entry screen)."""

    def login(username, password):
        page.goto(f"{live_server.url}/quan-tri/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)
        page.wait_for_selector("#content-main, main")

    return login
