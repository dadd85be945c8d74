"""Site-wide middleware: text cleaned at the door, the security headers Django lacks, one
log line per request, and public pages compressed."""

import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import QueryDict
from django.middleware.gzip import GZipMiddleware

from lib import pagecache
from lib.text import clean_text

request_log = logging.getLogger("mttq_portal.requests")

# Fields of the request being served, for every log line written while it is served.
_current = ContextVar("mttq_request_fields", default=None)

# Probes hit these every few seconds; their lines would drown the rest at INFO level.
QUIET_PATHS = ("/healthz",)


class CleanTextMiddleware:
    """Every query-string and form value passes through `lib.text.clean_text` before any view,
    form or search sees it: NUL, control characters and bidi marks gone, Vietnamese in NFC.

    Values are cleaned as multi-line text (newlines and tabs kept); saving a one-line field
    turns what is left into spaces (lib/apps.py). Passwords are left exactly as typed: they
    are never shown or searched, and Django's own check refuses a NUL in them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _cleaned(request.GET)
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            request.POST = _cleaned(request.POST)
        return self.get_response(request)


def _cleaned(values):
    """The QueryDict itself when nothing in it needs cleaning, else a cleaned copy."""
    cleaned = QueryDict(mutable=True, encoding=values.encoding)
    changed = False
    for key, items in values.lists():
        name = clean_text(key)
        new = items if "password" in name else [clean_text(item, multiline=True) for item in items]
        changed = changed or name != key or new != items
        cleaned.setlist(name, new)
    if not changed:
        return values
    cleaned._mutable = False
    return cleaned


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy (browser features the site never uses are switched off) and
    keeps responses to staff out of shared caches."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("X-Permitted-Cross-Domain-Policies", "none")
        # A session cookie means a signed-in member of staff (visitors get none): pages made for
        # them may show unpublished things and must not be kept by a proxy or the browser.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response


class RequestLogMiddleware:
    """One INFO line per request: method, path (never the query string), status, user id and
    duration. Health checks are logged at DEBUG."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = {"method": request.method, "path": request.path, "status": "-", "user_id": "-"}
        token = _current.set(fields)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            fields["status"] = response.status_code
            fields["user_id"] = _user_id(request)
            level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
            request_log.log(level, "%dms", (time.monotonic() - started) * 1000)
            return response
        finally:
            _current.reset(token)


def _user_id(request):
    """The signed-in user's id, read from the session the session middleware has already
    loaded: no query, and no name or e-mail address in the logs."""
    session = getattr(request, "session", None)
    if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return "-"
    return session.get("_auth_user_id", "-")


class RequestFieldsFilter(logging.Filter):
    """Gives every log record the method, path, status and user id of the request being
    served ("-" outside a request), so the formatter can always print them."""

    def filter(self, record):
        fields = _current.get() or {}
        for name in ("method", "path", "status", "user_id"):
            if not hasattr(record, name):
                setattr(record, name, fields.get(name, "-"))
        return True


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a session cookie naming no session is dropped, not saved anew.

    With SESSION_SAVE_EVERY_REQUEST Django saves every session it cannot prove empty, and a
    session nobody read on the request (a public page) is not known to be empty: a stale or
    made-up cookie would make every public GET insert a session row. Reading it first costs
    the one query the save would have made, and an unknown key then leaves as an empty session
    (its cookie deleted, nothing written).
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and settings.SESSION_COOKIE_NAME in request.COOKIES and not session.accessed:
            session._get_session()
            session.accessed = False
        return super().process_response(request, response)


class StorageUnavailableMiddleware:
    """A file asked for while the object store does not answer (lib/storage.py raises
    StorageUnavailable) gets a Vietnamese page saying so, with status 503, not a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.utils.translation import gettext as _

        from lib.storage import StorageUnavailable
        from mttq_portal.views import error_page

        if not isinstance(exception, StorageUnavailable):
            return None
        logging.getLogger(__name__).warning(
            "object store unavailable for %s", request.path, exc_info=exception
        )
        response = error_page(
            request,
            503,
            _("Chưa mở được tệp"),
            _(
                "Kho lưu trữ tệp đang không kết nối được nên tệp này chưa mở được. Mời bạn thử lại "
                "sau ít phút; nếu vẫn không được, hãy báo cán bộ quản trị."
            ),
        )
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Pages, feeds and data compressed for readers who are not signed in; nothing else.

    Compression with a secret and a reader's own input in the same response lets an attacker
    who sees the traffic's sizes guess the secret (BREACH). A public page's only secret is the
    CSRF token of a form (the poll, the opinion form), which Django masks afresh in every
    response, and Django's gzip adds random bytes of its own to each response's length. The
    pages of signed-in people (the admin, the officers' screen, a draft's preview) carry
    personal data beside reflected search words: they are sent uncompressed, whatever the
    browser accepts. Static files come compressed from collectstatic (whitenoise, nginx's
    gzip_static); photos are compressed already.
    """

    TYPES = pagecache.GZIP_TYPES
    PRIVATE_PATHS = ("/quan-tri/", "/nhap-lieu/")

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if user is None or user.is_authenticated or request.path.startswith(self.PRIVATE_PATHS):
            return response
        if not response.get("Content-Type", "").startswith(self.TYPES):
            return response
        return super().process_response(request, response)
