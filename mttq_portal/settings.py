"""The one settings module of the portal, configured from environment variables.

Safe defaults for development; production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL (see README, "Triển khai").
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name) or default)


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# DEMO is `make demo`: a local server with demo data, no secrets to protect.
DEMO = envbool("DEMO", False)
# TESTING is set by `make test` (and guessed when pytest is the program running).
TESTING = envbool("TESTING", Path(sys.argv[0]).name in ("pytest", "py.test"))
# Production is all three off: every default below is then the safe one.
PRODUCTION = not (DEBUG or DEMO or TESTING)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not PRODUCTION:
        SECRET_KEY = "insecure-local-only-key-do-not-use-in-production-0123456789"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG, DEMO and TESTING are all off.")

# Every commune's and the province's host name, or a wildcard for them all: `.example.vn`
# accepts example.vn and every name under it. `.localhost` serves the demo's communes.
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,.localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_prose_editor",
    "simple_history",
    "lib",
    "mttq_portal",
    "congresses",
    "news",
    "campaigns",
    "opendata",
    # The background queue: Django's task API (django-tasks) with the database backend.
    "django_tasks",
    "django_tasks_db",
    # Reads every app to write the period reports; nothing imports it but the site.
    "reports",
    # django-axes under a Vietnamese name. Keep it the last app with models: the role groups
    # are synced after the last app's post_migrate (mttq_portal/apps.py).
    "mttq_portal.apps.LoginLockoutConfig",
    "csp",
]

# Outermost, the request log, so it sees the final status; CSP and the headers Django lacks
# right after SecurityMiddleware; axes last, as its documentation asks.
MIDDLEWARE = [
    "mttq_portal.middleware.RequestLogMiddleware",
    # Outside everything that writes the body or its headers; public pages only (BREACH).
    "mttq_portal.middleware.PublicGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "mttq_portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mttq_portal.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "mttq_portal.middleware.CleanTextMiddleware",
    # request.commune / request.province from the host name (congresses/sites.py).
    "congresses.sites.SiteMiddleware",
    # Counts readers' pages, cached ones too, into the cache (mttq_portal/visits.py).
    "mttq_portal.visits.VisitMiddleware",
    # A reader's kept page answered here, before CSRF, auth, messages and the view (lib/pagecache.py).
    "lib.pagecache.CachedPageMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # A file asked for while the object store is down: a Vietnamese page, not a 500.
    "mttq_portal.middleware.StorageUnavailableMiddleware",
]

ROOT_URLCONF = "mttq_portal.urls"
WSGI_APPLICATION = "mttq_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mttq_portal.context_processors.site",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# SQLite file in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and a busy timeout: two officers saving at once wait
    # for each other instead of failing with "database is locked". The connection is kept
    # between requests (DB_CONN_MAX_AGE, as on PostgreSQL): a new SQLite connection reads the
    # whole schema on its first statement and registers Django's functions, about 3 ms of CPU,
    # which every uncached page and every signed-in request paid.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}
    # The covering indexes (INCLUDE columns) are for PostgreSQL; SQLite keeps the index on
    # its key columns and ignores the rest, which is all the demo needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# css/public.css, the one stylesheet of public pages, is joined from its sources (mttq_portal/bundle.py).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "mttq_portal.bundle.BundleFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names served by whitenoise; `collectstatic` runs in make demo/test.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Receipts: outside MEDIA_ROOT, streamed only by views that check the user (lib/storage.py).
    "private": {"BACKEND": "lib.storage.PrivateStorage"},
}
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# One switch for shared media: AWS_STORAGE_BUCKET_NAME (with AWS_S3_ENDPOINT_URL for a store
# other than Amazon's, and the keys) puts every upload in an S3-compatible bucket that all app
# servers share (lib/storage.py): other uploads under MEDIA_PUBLIC_PREFIX, readable by anyone
# by the bucket's policy; receipts and posts' files under MEDIA_PRIVATE_PREFIX, only through
# URLs signed for SIGNED_URL_SECONDS after a view checked who asks.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_PUBLIC_PREFIX = os.environ.get("MEDIA_PUBLIC_PREFIX", "public")
MEDIA_PRIVATE_PREFIX = os.environ.get("MEDIA_PRIVATE_PREFIX", "private")
SIGNED_URL_SECONDS = envint("SIGNED_URL_SECONDS", 300)
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME", "us-east-1")
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
# SeaweedFS, MinIO and most stores outside Amazon want the bucket in the path.
AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE", "path")
AWS_S3_SIGNATURE_VERSION = "s3v4"
AWS_QUERYSTRING_EXPIRE = SIGNED_URL_SECONDS
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config as _BotoConfig

    # A store that is down answers "no" within seconds, not after boto's minutes of retries.
    AWS_S3_CLIENT_CONFIG = _BotoConfig(
        connect_timeout=2,
        read_timeout=10,
        retries={"max_attempts": 2, "mode": "standard"},
        s3={"addressing_style": AWS_S3_ADDRESSING_STYLE},
        signature_version="s3v4",
    )
    STORAGES["default"] = {"BACKEND": "lib.storage.PublicObjectStorage"}
    STORAGES["private"] = {"BACKEND": "lib.storage.PrivateObjectStorage"}
# Serve the admin's uploaded media locally only in development; nginx serves it in production.
SERVE_MEDIA = envbool("SERVE_MEDIA", DEBUG or DEMO)
# A post's files (news/<id>/…) always go through Django, which checks the post is public
# (or the visitor an editor). Where nginx serves media, Django answers with an
# X-Accel-Redirect to this internal location; empty: Django sends the file itself.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "" if SERVE_MEDIA else "/_protected_media/")

# Uploads: photos from phones are large, but a bomb is not a photo.
DATA_UPLOAD_MAX_NUMBER_FILES = envint("DATA_UPLOAD_MAX_NUMBER_FILES", 60)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMAGE_MAX_BYTES = envint("IMAGE_MAX_BYTES", 15 * 1024 * 1024)
IMAGE_MAX_PIXELS = envint("IMAGE_MAX_PIXELS", 40_000_000)

# With several communes, the one served at a host no commune or province names (its slug):
# the demo's first commune at 127.0.0.1:8000. Unset in production: an unknown host is a 404.
SITE_FALLBACK_COMMUNE = os.environ.get("SITE_FALLBACK_COMMUNE", "xa-hoa-phu" if DEMO else "")
# Shown only where no commune is known (an empty database); each commune's site shows its own
# name (Commune.site_name, or "Ủy ban MTTQ Việt Nam xã …").
SITE_NAME = os.environ.get("SITE_NAME", "Ủy ban MTTQ Việt Nam xã Hòa Phú")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# One switch for the shared cache: REDIS_URL (redis://127.0.0.1:6379/0) puts the cache, the
# view counters and, with SESSIONS_IN_REDIS=1, the sessions' first copy in Redis, shared by
# every app server; lib/cache.py serves pages uncached while Redis is down. Without it: process
# memory in tests (one process), files on this machine in production and demo (gunicorn's
# workers, the worker and the server share them).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _redis = {
        "BACKEND": "lib.cache.TolerantRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": "mttq"},
        # Readings of posts waiting to be folded into the database (news.counters); they leave
        # only when folded.
        "counters": {**_redis, "KEY_PREFIX": "mttq-counters", "TIMEOUT": None},
    }
else:
    CACHES = {
        "default": (
            {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
                "OPTIONS": {"MAX_ENTRIES": 20_000},
            }
            # The demo too: its worker is a second process, whose changes (a photo made) must
            # reach the server's page cache.
            if PRODUCTION or DEMO
            else {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 5_000},
            }
        ),
        # Readings of posts waiting to be folded into the database (news.counters). It must be
        # shared by every process that serves pages and by `flush_view_counts`: files on this
        # machine (gunicorn's workers and the systemd timer see the same folder). Entries never
        # expire: they leave only when folded.
        "counters": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("VIEW_COUNTER_DIR", str(BASE_DIR / "var" / "view-counts")),
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }
if REDIS_URL and envbool("SESSIONS_IN_REDIS"):
    # Written to the database and to Redis, read from Redis first: a stopped Redis loses nobody's
    # session, and staff can still sign in.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
VIEW_COUNTER_CACHE = "counters"

# Whole public pages for anonymous readers (lib/pagecache.py): kept at most this many seconds,
# forgotten at once when a record they show changes. 0 turns the page cache off (the suite's
# default; its own tests turn it on).
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 0 if TESTING else 60)
PAGE_CACHE_ALIAS = "default"
# Seconds each process keeps the page cache's generation tokens and the site table's version
# (lib/pagecache.py, congresses/sites.py): a cached hit then asks the shared cache once. A change
# made by this process is seen by it at once, by the other app servers within this time; with
# nginx's microcache, within a second in all (lib/pagecache.py). 0 reads them on every request.
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS") or 0.25)
# Readings of cached post pages wait this long in the process that served them, then go to the
# counters in one round trip for all (news/counters.py). 0 counts each at once.
VIEW_COUNTER_FLUSH_SECONDS = float(os.environ.get("VIEW_COUNTER_FLUSH_SECONDS") or 1)

# A fast hasher keeps the suite quick; tests never hold a real password.
if TESTING:
    CACHES["counters"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": None}
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "admin:login"

# Background work (lib/tasks.py): one queue in the database, run by `manage.py run_worker`
# (started by `make demo`, by systemd in production: deploy/mttq-worker.service). The suite
# runs each task at once, in the process that enqueues it, unless TASKS_BACKEND=database (the
# queue's own tests and the worker they start).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if TESTING else "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default"],
    }
}
# A job abandoned by a worker that died (killed, the machine restarted) is taken up again by
# the next worker: at once when it runs on the same machine, after this long from elsewhere.
TASK_LEASE_SECONDS = envint("TASK_LEASE_SECONDS", 600)
# A photo whose renditions fail is tried this many times in all, then shown as failed.
TASK_MAX_ATTEMPTS = envint("TASK_MAX_ATTEMPTS", 3)
# Seconds before the first retry; each later one waits twice as long.
TASK_RETRY_DELAY = envint("TASK_RETRY_DELAY", 10)

# Dates are typed day first (07/01/2024). Django's `vi` locale names no input formats, so its
# US default (month first) would read 01/07/2025 as 7 January. ISO stays accepted.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

# --- Security ----------------------------------------------------------------------------
# Every value below can be set from the environment (README, "Triển khai").

# HTTPS. The site runs behind nginx, which terminates TLS and sets X-Forwarded-Proto and
# X-Real-IP (overwriting whatever the client sent); BEHIND_PROXY=1 tells Django to trust them.
HTTPS = envbool("HTTPS", PRODUCTION)
BEHIND_PROXY = envbool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", HTTPS)
# The health check is probed over plain HTTP on 127.0.0.1 by the operator's monitoring.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies: Secure over HTTPS (with the __Host- prefix, which browsers only accept then),
# SameSite=Lax, session cookie HttpOnly. The CSRF cookie stays readable by scripts as
# Django's documentation advises (HttpOnly on it protects nothing; scripts may need it).
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Idle expiry: every request pushes the expiry forward; SESSION_IDLE_MINUTES without a
# request and the staff member logs in again. Anonymous visitors have no session to save.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_FAILURE_VIEW = "mttq_portal.views.csrf_failure"

# Content-Security-Policy (django-csp 4): no inline script, no eval; a template that
# really needs an inline script gives it nonce="{{ CSP_NONCE }}". Images may be data: URIs
# (Bootstrap's and the admin's icons). Videos may embed YouTube's privacy-enhanced player.
_MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    from urllib.parse import urlsplit as _urlsplit

    _endpoint = _urlsplit(AWS_S3_ENDPOINT_URL or "https://s3.amazonaws.com")
    _MEDIA_ORIGINS = [
        f"https://{AWS_S3_CUSTOM_DOMAIN}"
        if AWS_S3_CUSTOM_DOMAIN
        else f"{_endpoint.scheme}://{_endpoint.netloc}"
    ]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The hash is the <style> Tiptap (inside django-prose-editor 0.28) injects for the
        # editor; a new editor version may change it (tests/e2e/test_csp.py will say so).
        "style-src": [SELF, NONCE, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        # With an object store, uploads are fetched from it (public files, signed redirects).
        "img-src": [SELF, "data:", *_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *_MEDIA_ORIGINS],
        # The privacy-enhanced player alone, loaded only when a reader taps a video (news/videos.py).
        "frame-src": ["https://www.youtube-nocookie.com"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    },
}
# Browser features the portal never uses are switched off (SecurityHeadersMiddleware).
PERMISSIONS_POLICY = (
    'accelerometer=(), autoplay=("https://www.youtube-nocookie.com"), camera=(), display-capture=(), '
    "geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=(), browsing-topics=(), "
    'fullscreen=(self "https://www.youtube-nocookie.com")'
)

# The rich-text editor's toolbar in Vietnamese: an editor extension of our own (the package
# writes its tooltips in English). It adds no HTML, so it adds nothing to the sanitiser.
from js_asset import static_lazy  # noqa: E402


def _adds_no_html(extension_config, shared_config):
    return None


DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {"js": [static_lazy("js/prose_editor_vi.js")], "extensions": {"VietnameseLabels": _adds_no_html}}
]

# Login lockout (django-axes): 5 failures for one username from one address lock that pair
# for 30 minutes; staff unlock in the admin ("Khóa đăng nhập"). Off in tests unless a test
# turns it on (the test client's login() has no request, which axes requires).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = envbool("AXES_ENABLED", not TESTING)
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "mttq_portal.views.lockout"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
if BEHIND_PROXY:
    # nginx overwrites X-Real-IP with the real client address; without this every
    # visitor would share nginx's 127.0.0.1 and one guesser would lock everybody out.
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_REAL_IP", "REMOTE_ADDR")

# Strong passwords: Django's validators (Vietnamese messages from Django's own
# translation) plus letters-and-digits, a longer minimum for staff accounts.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "mttq_portal.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "mttq_portal.passwords.MixedCharactersValidator"},
]

# Backups (`manage.py backup`, `manage.py restore`).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))

# Mail: 500 errors go to ADMINS ("Tên:email,Tên 2:email2") when EMAIL_HOST is set; without
# a mail server, messages are printed on the console.
ADMINS = [tuple(item.split(":", 1)) for item in envlist("ADMINS") if ":" in item]
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", f"django.core.mail.backends.{'smtp' if EMAIL_HOST else 'console'}.EmailBackend"
)
if EMAIL_HOST:
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", EMAIL_PORT == 465)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Logs: one line per request and per event on standard output (journald keeps them), with
# time, level, path, status and user id; never query strings, passwords or names.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "request_fields": {"()": "mttq_portal.middleware.RequestFieldsFilter"},
    },
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s %(method)s %(path)s %(status)s user=%(user_id)s %(message)s",
        },
    },
    "handlers": {
        "null": {"class": "logging.NullHandler"},
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
            "filters": ["request_fields"],
        },
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.request": {
            "handlers": ["stdout", *(["mail_admins"] if EMAIL_HOST and ADMINS else [])],
            "level": "WARNING",
            "propagate": False,
        },
        # Django logs every 4xx of the request twice otherwise; our request log has them.
        "django.server": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "mttq_portal.requests": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "axes": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # Scanners send any Host header; the 400 is in the request log, no traceback, no mail.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}
