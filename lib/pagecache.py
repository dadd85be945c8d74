"""Whole public pages cached for anonymous readers, invalidated exactly by generation numbers.

A reader's page is stored once per site (a commune's or the province's), host, scheme,
language, path and query string, under a key that also holds two generation tokens read from
the shared cache: the installation's and the site's. Every saved or deleted record of the
portal's apps replaces its site's token (and the province's, for a commune) once its
transaction commits, so the next reader of any page of that site, on any app server, misses
and gets the page rendered anew. Nothing hunts for keys: the old entries are never read again
and expire on their own.

What is never cached, or never served from the cache:
- a request carrying a session cookie (signed-in staff: their pages show drafts and links of
  the admin) or a messages cookie (the one-off "Đã gửi" note belongs to one reader), and any
  method but GET and HEAD;
- a response that set a cookie, used the CSRF token (a form that posts), took the CSP nonce
  (an inline script or style, whose nonce would be stale on the next reader's page), queued a
  message, is not a 200 or says `private`/`no-store`.

A page is kept at most PAGE_CACHE_SECONDS, and never past the next local midnight (what is
"running" or "current" changes with the day) or past the next scheduled post's time of the
site (it goes public with nobody saving anything). Cached pages carry an ETag (the content's
hash) and Last-Modified, answer If-None-Match/If-Modified-Since with 304, and say
`Cache-Control: public, max-age=0, s-maxage=1`: browsers revalidate every time, nginx's
microcache (deploy/nginx-mttq-portal.conf) keeps a page one second.

How soon an edit is seen. Each process keeps the tokens it read (and congresses.sites the
site table's version) for PAGE_CACHE_LOCAL_SECONDS (0.25 s; 0 reads them on every request),
so a cached hit costs one round trip to the shared cache (the page), not three. A `bump` in a
process forgets its copies at once: inside one process invalidation stays exact. Another
app server sees the new token once its copy is older than PAGE_CACHE_LOCAL_SECONDS. Through
nginx the microcache adds its own life on top: the page says `X-Accel-Expires: @<second>`,
the last whole second (Unix time) the copy may be served, chosen so that the local copy's age
plus the microcache's life stays under one second (`_microcache_until`): "an edit shows on
every page within a second, for every app server" holds through nginx too. (`s-maxage=1`
alone would let nginx, whose clock counts whole seconds, serve a copy up to two seconds.)

The cache is `default`: Redis when REDIS_URL is set, files on one machine otherwise, process
memory in demo and tests (one process). A cache that is down costs the cache, never the page
(lib/cache.py).
"""

import functools
import hashlib
import logging
import math
import threading
import uuid
from datetime import datetime, time, timedelta
from time import monotonic
from time import time as unix_time

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.module_loading import import_string
from django.utils.text import compress_string

log = logging.getLogger(__name__)

# The entries' shape is part of the key: a new shape (v2: the gzip copy, the hit function by
# name) never meets entries an older version of the code kept.
PREFIX = "page:v2"
ALL = f"{PREFIX}:gen:all"
CACHE_CONTROL = "public, max-age=0, s-maxage=1"
# What the public pages' gzip compresses (mttq_portal.middleware.PublicGZipMiddleware); a kept
# page of these types keeps its compressed copy too, made once when it is stored.
GZIP_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml")
GZIP_MIN_LENGTH = 200  # Django's GZipMiddleware leaves shorter bodies alone (a literal there)
# Functions (commune, province, now) → the next time a page of that site changes by itself
# (a scheduled post going public), or None; apps add theirs in ready() (news/apps.py).
scheduled_changes = []


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


# --- generations -------------------------------------------------------------------------


class LocalCopy:
    """Values of the shared cache kept in this process for PAGE_CACHE_LOCAL_SECONDS.

    `forget()` drops them at once (a change made in this process). A read that began before a
    `forget()` is not kept: a thread that fetched the old value while another bumped must not
    put it back.
    """

    def __init__(self):
        self._values = {}
        self._epoch = 0
        self._lock = threading.Lock()

    def get_many(self, cache, keys):
        return self._read(tuple(keys), lambda: cache.get_many(keys))

    def get(self, cache, key, default=None):
        return self._read(key, lambda: cache.get(key, default))

    def _read(self, name, fetch):
        seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        if seconds <= 0:
            return fetch()
        now = clock()
        kept = self._values.get(name)
        if kept is not None and kept[0] > now:
            return kept[1]
        epoch = self._epoch
        value = fetch()
        with self._lock:
            if epoch == self._epoch:
                self._values[name] = (now + seconds, value)
        return value

    def forget(self):
        with self._lock:
            self._epoch += 1
            self._values = {}


clock = monotonic  # tests move it
_tokens_copy = LocalCopy()


def forget_local_tokens():
    """Forget this process's copies of the tokens (the next request reads the shared cache)."""
    _tokens_copy.forget()


def _site_key(kind, pk):
    return f"{PREFIX}:gen:{kind}:{pk}"


def request_site(request):
    """("c", id) for a commune's site, ("p", id) for the province's, ("-", 0) for neither."""
    commune = getattr(request, "commune", None)
    if commune is not None:
        return ("c", commune.pk)
    province = getattr(request, "province", None)
    if province is not None:
        return ("p", province.pk)
    return ("-", 0)


def bump(*sites):
    """Give the sites (("c", id), ("p", id), or "all") new tokens: their pages are forgotten.

    A token is new and random, not a counter: two bumps at once still leave a value nobody has
    stored a page under.
    """
    keys = [ALL if site == "all" else _site_key(*site) for site in sites]
    # Before and after the write: no request of this process serves the old token meanwhile
    # or keeps it once the new one is in the shared cache.
    _tokens_copy.forget()
    try:
        _cache().set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)
    except Exception:
        log.warning("page cache unavailable; pages of %s not invalidated", sites, exc_info=True)
    _tokens_copy.forget()


def bump_after_commit(*sites, using=None):
    """Bump once the transaction commits (at once outside one): a reader who takes the new
    token must find the new rows, or it would store the old page under it."""
    transaction.on_commit(functools.partial(bump, *sites), using=using, robust=True)


def sites_of(instance):
    """The sites whose pages may show `instance`: its commune's and that commune's province's,
    the province's own, or "all" when the record names neither (a shared table)."""
    label = instance._meta.label
    if label == "congresses.Province":
        return {"all"}
    if label == "congresses.Commune":
        return _commune_sites(instance.pk, instance.province_id)
    # Records of one commune say how to reach it (congresses.models.CommuneScopedQuerySet).
    queryset = getattr(type(instance)._default_manager, "_queryset_class", None)
    commune_lookup = getattr(queryset, "commune_lookup", None)
    if commune_lookup is None:
        return {"all"}
    try:
        commune_id = _follow(instance, commune_lookup)
        if commune_id is not None:
            Commune = apps.get_model("congresses", "Commune")
            province_id = Commune.objects.filter(pk=commune_id).values_list("province_id", flat=True).first()
            return _commune_sites(commune_id, province_id)
        province_lookup = getattr(queryset, "province_lookup", None)
        province_id = _follow(instance, province_lookup) if province_lookup else None
        if province_id is not None:
            return {("p", province_id)}
    except Exception:
        log.debug("page cache: no site found for %r; every site is invalidated", instance, exc_info=True)
    return {"all"}


def _commune_sites(commune_id, province_id):
    """A commune's pages, and its province's (which list the province's communes)."""
    return {("c", commune_id), ("p", province_id)} if province_id else {("c", commune_id)}


def _follow(instance, lookup):
    """The id at the end of `lookup` ("category__commune") from `instance`, or None."""
    if lookup == "pk":
        return instance.pk
    *path, last = lookup.split("__")
    for name in path:
        instance = getattr(instance, name)
        if instance is None:
            return None
    return getattr(instance, f"{last}_id")


def _ignored(sender):
    from .apps import _project_app_labels

    # Only the project's own records show on public pages (not sessions, logins, lockouts);
    # simple-history's rows are written beside the record, which already said what changed.
    return sender._meta.app_label not in _project_app_labels() or hasattr(sender, "instance_type")


def _record_changed(sender, instance, using=None, **kwargs):
    if _ignored(sender):
        return
    bump_after_commit(*sites_of(instance), using=using)


def _relation_changed(sender, instance, action, using=None, **kwargs):
    if action.startswith("post_") and not _ignored(type(instance)):
        bump_after_commit(*sites_of(instance), using=using)


def connect():
    post_save.connect(_record_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_record_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="pagecache-m2m")


def records_changed(records):
    """For writers that skip the signals (bulk_create, update): the records' sites' pages."""
    sites = set()
    for record in records:
        sites |= sites_of(record)
    if sites:
        bump_after_commit(*sites)


# --- the pages ---------------------------------------------------------------------------


def _bypass(request):
    return (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    )


def _page_key(request, tokens, site):
    raw = "|".join(
        [
            tokens.get(ALL) or "0",
            tokens.get(_site_key(*site)) or "0",
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.get_full_path(),
        ]
    )
    return f"{PREFIX}:page:{site[0]}{site[1]}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_csp_nonce", None):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control and "no-cache" not in control


def _timeout(request, now):
    """Seconds the page may be kept: the setting, cut at midnight and at the next publication."""
    local = timezone.localtime(now)
    midnight = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))
    limits = [settings.PAGE_CACHE_SECONDS, (midnight - now).total_seconds()]
    upcoming = _next_scheduled(request, now)
    if upcoming is not None:
        limits.append((upcoming - now).total_seconds())
    return max(1, int(min(limits)))


def _next_scheduled(request, now):
    times = [
        moment
        for function in scheduled_changes
        if (moment := function(getattr(request, "commune", None), getattr(request, "province", None), now))
    ]
    return min(times, default=None)


def _respond(request, entry, state):
    compressed = entry.get("gzip")
    if compressed and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        # The copy compressed when the page was kept, as GZipMiddleware would send it (a weak
        # ETag: the bytes differ from the page's). The page holds no secret (no form token:
        # `_storable`), so one compressed length for every reader gives BREACH nothing.
        response = HttpResponse(compressed, content_type=entry["type"], status=entry["status"])
        response["Content-Encoding"] = "gzip"
        response["ETag"] = "W/" + entry["etag"]
    else:
        response = HttpResponse(entry["content"], content_type=entry["type"], status=entry["status"])
        response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Page-Cache"] = state
    if entry.get("disposition"):  # a PDF keeps its file name
        response["Content-Disposition"] = entry["disposition"]
    patch_vary_headers(response, ("Cookie", "Accept-Encoding") if compressed else ("Cookie",))
    response = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["modified"], response=response
    )
    # A 304 too: nginx revalidates an expired copy and keeps it for the 304's time.
    response["X-Accel-Expires"] = f"@{_microcache_until(unix_time())}"
    return response


def _microcache_until(now):
    """The last whole second (Unix time) nginx's microcache may serve this answer.

    nginx counts in whole seconds: a copy marked @S is served while its clock reads S, i.e.
    until S + 1. The answer may rest on tokens read up to PAGE_CACHE_LOCAL_SECONDS ago, so
    S + 1 - (now - PAGE_CACHE_LOCAL_SECONDS) <= 1 keeps "an edit is seen within a second".
    Near the start of a second S is already past: nginx then asks again (a 304 when nothing
    changed) instead of serving its copy.
    """
    return math.floor(now - max(0.0, settings.PAGE_CACHE_LOCAL_SECONDS))


def public_page(view=None, *, on_hit=None):
    """Serve the view's page to anonymous readers from the shared cache (see the module's text).

    `on_hit(request, meta)` runs when the cache answers instead of the view, with what the view
    gave `remember(request, ...)` (the post page counts its reading there).
    """
    if view is None:
        return functools.partial(public_page, on_hit=on_hit)

    # Kept by name in the entry: CachedPageMiddleware calls it without going through the view.
    hit_name = f"{on_hit.__module__}.{on_hit.__qualname__}" if on_hit is not None else ""
    if "<" in hit_name:
        raise ValueError("public_page(on_hit=...) needs a module-level function, found by its name")

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not enabled() or _bypass(request):
            return view(request, *args, **kwargs)
        cache = _cache()
        site = request_site(request)
        # CachedPageMiddleware looked already and found nothing: no second round trip.
        key = getattr(request, "_page_cache_missed", None)
        if key is None:
            answer = _lookup(request, cache, site)
            if answer is None:
                return view(request, *args, **kwargs)
            key, entry = answer
            if entry is not None:
                return _serve(request, entry)
        now = timezone.now()
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        if not _storable(request, response):
            return response
        content = response.content
        entry = {
            "status": response.status_code,
            "type": response["Content-Type"],
            "content": content,
            "etag": f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
            "modified": int(now.timestamp()),
            "meta": getattr(request, "_page_cache_meta", {}),
            "hit": hit_name,
            "disposition": response.get("Content-Disposition", ""),
            "gzip": _compressed(response["Content-Type"], content),
        }
        timeout = _timeout(request, now)
        entry["until"] = now.timestamp() + timeout
        try:
            cache.set(key, entry, timeout)
        except Exception:
            log.warning("page cache unavailable; the page is not kept", exc_info=True)
        return _respond(request, entry, "miss")

    wrapper.page_cache = True  # CachedPageMiddleware looks only for these views' pages
    return wrapper


def _lookup(request, cache, site):
    """(key, the kept entry or None) for the request, or None when the cache does not answer."""
    try:
        tokens = _tokens_copy.get_many(cache, [ALL, _site_key(*site)])
        request._page_cache_tokens = tokens
        key = _page_key(request, tokens, site)
        entry = cache.get(key)
    except Exception:
        log.warning("page cache unavailable; the page is rendered", exc_info=True)
        return None
    # The cache may keep it longer (its clock, a coarse timeout); the page knows its end.
    if entry is not None and timezone.now().timestamp() >= entry["until"]:
        entry = None
    return key, entry


def _serve(request, entry):
    if entry.get("hit"):
        _hit_function(entry["hit"])(request, entry["meta"])
    return _respond(request, entry, "hit")


@functools.cache
def _hit_function(name):
    # By name: the middleware may answer before the view's module is imported in this process.
    return import_string(name)


def _compressed(content_type, content):
    if len(content) < GZIP_MIN_LENGTH or not content_type.startswith(GZIP_TYPES):
        return None
    compressed = compress_string(content)
    return compressed if len(compressed) < len(content) else None


@functools.lru_cache(maxsize=4096)
def _kept_view(urlconf, path):
    """Whether the view at `path` is a `public_page` (whose pages the middleware looks for).

    Every other request (the poll's form, a 404, the admin, the reference view) then costs no
    round trip to the cache. One resolution per path and process: the URLs do not change
    while a process runs."""
    try:
        return getattr(resolve(path, urlconf).func, "page_cache", False)
    except Resolver404:
        return False


def _urls_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _kept_view.cache_clear()


setting_changed.connect(_urls_changed)


class CachedPageMiddleware:
    """Answers a reader's kept page before the rest of the stack: the views' `public_page`
    would find the same entry under the same key, after the CSRF, authentication, messages,
    history and lockout middleware, the URL resolver and the view's decorator, none of which
    does anything for a kept page (no form token, no user, no message: `_storable`).

    Placed after the site and visit middleware (the key needs the site; a kept page is still
    a reader's visit) and the locale middleware (the language is in the key). It gives the
    one header of the skipped middleware, X-Frame-Options, itself. A miss goes on down the
    stack, and `public_page` uses the key it looked under instead of asking again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
        if enabled() and not _bypass(request) and _kept_view(urlconf, request.path_info):
            answer = _lookup(request, _cache(), request_site(request))
            if answer is not None:
                key, entry = answer
                if entry is None:
                    request._page_cache_missed = key
                else:
                    response = _serve(request, entry)
                    response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS.upper())
                    return response
        return self.get_response(request)


# --- shared fragments --------------------------------------------------------------------


def _tokens(request):
    """The request's generation tokens, read once per request (the page cache may have)."""
    tokens = getattr(request, "_page_cache_tokens", None)
    if tokens is None:
        tokens = _tokens_copy.get_many(_cache(), [ALL, _site_key(*request_site(request))])
        request._page_cache_tokens = tokens
    return tokens


def fragment_key(request, name, vary=()):
    """The key of a fragment (the menu, the footer) of the request's site under today's tokens:
    any change that forgets the site's pages forgets its fragments with them."""
    site = request_site(request)
    tokens = _tokens(request)
    raw = "|".join(
        [
            tokens.get(ALL) or "0",
            tokens.get(_site_key(*site)) or "0",
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            name,
            *(str(value) for value in vary),
        ]
    )
    return f"{PREFIX}:frag:{site[0]}{site[1]}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached_fragment(request, name, vary, render, timeout=None):
    """The fragment from the shared cache, or `render()` kept there. Staff and readers alike:
    a fragment holds nothing of one user (no form token, no nonce, no name). `timeout`, a
    function called after `render()`, may keep it less than PAGE_CACHE_SECONDS (seconds; a
    fragment that changes by itself at a known time: the banners)."""
    if not enabled() or request is None:
        return render()
    try:
        key = fragment_key(request, name, vary)
        text = _cache().get(key)
    except Exception:
        log.warning("page cache unavailable; the fragment is rendered", exc_info=True)
        return render()
    if text is not None:
        return text
    text = render()
    seconds = settings.PAGE_CACHE_SECONDS
    if timeout is not None:
        seconds = min(seconds, timeout())
    if seconds <= 0:
        return text
    try:
        _cache().set(key, text, seconds)
    except Exception:
        log.warning("page cache unavailable; the fragment is not kept", exc_info=True)
    return text


def page_seconds(request):
    """Seconds a page of the request's site may be kept from now (the setting, cut at midnight
    and at the next scheduled publication): for fragments that show what a page shows."""
    return _timeout(request, timezone.now())


def remember(request, **meta):
    """What `on_hit` needs to know when a later reader gets this page from the cache."""
    request._page_cache_meta = {**getattr(request, "_page_cache_meta", {}), **meta}
