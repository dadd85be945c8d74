"""Which site a request is for: a commune's, the province's, or none (a clear 404).

The table of host names is read once per process (one query) and kept until a commune or a
province is saved or deleted. A version number in the shared cache tells the other app
servers to read it again; each process reads that number at most every
PAGE_CACHE_LOCAL_SECONDS (lib.pagecache.LocalCopy), so a host added in the admin is served by
its own process at once and by every other within that time.

The rule, in order:
1. the host (without port) names a commune → that commune's site;
2. it names a province (that has communes) → the province's site (its communes, its news);
3. exactly one commune exists → that commune, whatever the host: one commune running alone
   needs no host configuration at all; with several, SITE_FALLBACK_COMMUNE (a commune's
   slug; `make demo` sets xa-hoa-phu) names the one served at any other host (127.0.0.1:8000);
4. no commune exists yet (a fresh installation) → the pages answer, empty, and the admin
   lets the operator create the first commune;
5. otherwise → 404 "Không có trang nào ở địa chỉ này".

A commune merged into another (`Commune.merged_into`) keeps its host: every address there
answers 301 with the same path on the successor's host (or, when the successor has no host,
the successor's pages are served there).
"""

import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from lib.pagecache import LocalCopy

from .models import Commune, Province, normalize_host

VERSION_KEY = "congresses:site-table-version"

# Paths that answer on any host: the health probe (127.0.0.1), static and media files (random
# names, each checked by its own view), the icon.
ANY_HOST_PATHS = ("/healthz", "/static/", "/favicon.ico", "/media/")


@dataclass
class SiteTable:
    version: object = None
    communes: dict = field(default_factory=dict)  # host → Commune
    provinces: dict = field(default_factory=dict)  # host → Province
    only_commune: Commune | None = None
    fallback: Commune | None = None
    empty: bool = True
    successors: dict = field(default_factory=dict)  # merged commune's pk → the commune today

    def successor(self, commune):
        return self.successors.get(commune.pk, commune)

    def resolve(self, host):
        """(commune, province) for a host name; (None, None) when no site is served there."""
        host = normalize_host(host)
        if host in self.communes:
            commune = self.communes[host]
            return commune, commune.province
        if host in self.provinces:
            return None, self.provinces[host]
        if self.fallback is not None:
            return self.fallback, self.fallback.province
        return None, None


_lock = threading.Lock()
_table = None
_version_copy = LocalCopy()


def _load(version):
    communes = list(Commune.objects.select_related("province"))
    table = SiteTable(version=version)
    for commune in communes:
        if commune.host:
            table.communes[commune.host] = commune
        # One query for both: a province is served once it has a commune.
        if commune.province_id and commune.province.host:
            table.provinces[commune.province.host] = commune.province
    table.only_commune = communes[0] if len(communes) == 1 else None
    table.fallback = table.only_commune or next(
        (c for c in communes if settings.SITE_FALLBACK_COMMUNE and c.slug == settings.SITE_FALLBACK_COMMUNE),
        None,
    )
    table.empty = not communes
    by_pk = {commune.pk: commune for commune in communes}
    for commune in communes:
        successor, seen = commune, {commune.pk}
        while successor.merged_into_id in by_pk and successor.merged_into_id not in seen:
            seen.add(successor.merged_into_id)
            successor = by_pk[successor.merged_into_id]
        if successor is not commune:
            table.successors[commune.pk] = successor
    return table


def site_table():
    global _table
    version = _version_copy.get(cache, VERSION_KEY, 0)
    table = _table
    if table is None or table.version != version:
        with _lock:
            table = _table = _load(version)
    return table


def forget_sites(**kwargs):
    """Drop this process's table, and tell the others (the shared cache's version). Called at
    the save and again once its transaction commits: between the two, another server could
    load the table as it was under the version just written, and keep it."""
    _forget()
    using = kwargs.get("using")
    if using is not None:
        transaction.on_commit(_forget, using=using)


def _forget():
    global _table
    _table = None
    _version_copy.forget()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)
    _version_copy.forget()


for _model in (Commune, Province):
    post_save.connect(forget_sites, sender=_model, dispatch_uid=f"forget-sites-save-{_model.__name__}")
    post_delete.connect(forget_sites, sender=_model, dispatch_uid=f"forget-sites-delete-{_model.__name__}")


class SiteMiddleware:
    """Sets `request.commune` and `request.province` once per request; an unknown host gets
    a Vietnamese 404 and never another commune's pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.commune = request.province = None
        if request.path.startswith(ANY_HOST_PATHS):
            # No site, and no query: the health probe must answer with the database down.
            return self.get_response(request)
        table = site_table()
        request.commune, request.province = table.resolve(request.get_host())
        if request.commune is None and request.province is None and not table.empty:
            return unknown_site(request)
        if request.commune is not None and request.commune.merged_into_id:
            successor = table.successor(request.commune)
            if successor.host:
                return moved_site(request, successor)
            request.commune, request.province = successor, successor.province
        return self.get_response(request)


def moved_site(request, successor):
    """A merged commune's host sends every address to the same path on its successor's host:
    301 for reading, 308 for a form sent (the browser repeats it with its method)."""
    url = successor.site_url(request).rstrip("/") + request.get_full_path()
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(url)
    response = HttpResponsePermanentRedirect(url)
    response.status_code = 308
    return response


def unknown_site(request):
    context = {"host": normalize_host(request.get_host()), "message": _("Không có trang nào ở địa chỉ này.")}
    return render(request, "site_unknown.html", context, status=404)
