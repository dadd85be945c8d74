"""Telling browsers apart for a day without keeping who they are (polls' rate limit, visit counts).

A browser is known by a hash of its address and user agent under a salt drawn at random once a
day and kept only in the shared cache until the day is over. Nothing stores the address; once
the day's salt has expired, yesterday's hashes cannot be matched to anything, not even by us
(a salt derived from the secret key could be recomputed, and the whole IPv4 space hashed
against it).
"""

import hashlib
import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

SALT_KEY = "visitors:salt:{}"


def client_address(request):
    """The reader's address: nginx's X-Real-IP behind the proxy (BEHIND_PROXY), the socket's else."""
    if getattr(settings, "BEHIND_PROXY", False):
        return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "")
    return request.META.get("REMOTE_ADDR", "")


def seconds_left_today(now=None):
    """Seconds until the next local midnight (at least 1)."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    midnight = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))
    return max(1, int((midnight - now).total_seconds()))


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# This process's copy of the day's salt: {date: salt}, today only.
_known = {}


def daily_salt(now=None):
    """Today's salt (local date), drawn by whichever process asks first; gone after the day."""
    now = now or timezone.now()
    day = timezone.localdate(now).isoformat()
    if day in _known:
        return _known[day]
    key = SALT_KEY.format(day)
    cache = _cache()
    try:
        salt = cache.get(key)
        if salt is None:
            # A little past midnight, so a request at 23:59:59 still finds it.
            cache.add(key, secrets.token_hex(16), seconds_left_today(now) + 60)
            salt = cache.get(key)
    except Exception:
        salt = None
    if salt is None:
        # Without a cache the salt lives one request: nothing is linked, nothing is kept.
        return secrets.token_hex(16)
    _known.clear()
    _known[day] = salt
    return salt


def _hash(*parts):
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def browser_hash(request, now=None):
    """24 hex digits naming this browser (address and user agent) today, and only today."""
    return _hash(daily_salt(now), client_address(request), request.META.get("HTTP_USER_AGENT", "")[:300])


def address_hash(request, now=None):
    """24 hex digits naming the reader's address today (a rate limit a new user agent can't reset)."""
    return _hash(daily_salt(now), client_address(request))
