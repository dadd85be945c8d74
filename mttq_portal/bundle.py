"""One stylesheet for every public page, built from the sources by `collectstatic`.

A browser must fetch and read every `<link rel="stylesheet">` in the head before it draws
anything; five of them cost a phone on 3G five round trips (Lighthouse: "render-blocking
resources"). `BundleFinder` is a staticfiles finder that offers `css/public.css`, the sources
below joined in order, so `collectstatic` gives it a content-hashed name and a .gz/.br like any
other file (whitenoise), and `{% static 'css/public.css' %}` in templates/base.html is the only
stylesheet a public page asks for. No generated file is kept in the repository: the finder
writes the bundle under var/ when asked and rewrites it when a source changes.

The print sheet stays apart (media="print" does not block drawing), and so do the stylesheets
of screens only signed-in people see (the admin, the officers' phone screen, the thu–chi print
page).
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

BUNDLE = "css/public.css"
SOURCES = (
    "vendor/bootstrap/bootstrap.min.css",
    "css/site.css",
    "css/news.css",
    "css/congresses.css",
    "css/activities.css",
    "css/organisation.css",
    "css/campaigns.css",
    "css/campaigns-aid.css",
)
# A source map comment points next to its source file; in the bundle it would point nowhere
# (and the manifest storage would refuse the missing .map).
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


def bundle_dir():
    return Path(settings.BASE_DIR) / "var" / "static-bundle"


def build():
    """Write the bundle if its text differs from what is on disk; return its path."""
    parts = []
    for source in SOURCES:
        found = finders.find(source)
        if not found:
            raise FileNotFoundError(f"{BUNDLE}: {source} is missing from the static files")
        text = _SOURCE_MAP.sub("", Path(found).read_text(encoding="utf-8"))
        parts.append(f"/* {source} */\n{text.strip()}\n")
    text = "\n".join(parts)
    target = bundle_dir() / BUNDLE
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    return target


class BundleFinder(BaseFinder):
    """Offers BUNDLE to collectstatic and to the development server's static view."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(bundle_dir()))

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != BUNDLE:
            return [] if (find_all or kwargs.get("all")) else None
        found = str(build())
        return [found] if (find_all or kwargs.get("all")) else found

    def list(self, ignore_patterns):
        build()
        yield BUNDLE, self.storage
