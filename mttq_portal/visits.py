"""Visit statistics (Thống kê truy cập): online now, today, yesterday, this month, in all.

Counted on the server by a middleware that sees every public page, the cached ones included
(the page cache answers inside the view), without a third-party script, a cookie or a database
write a request. A browser is the day's hash of its address and user agent (lib.visitors); the
shared cache keeps, for at most VISIT_GAP, the minute it was last seen:

- not seen for VISIT_GAP (or never today): a new visit, one more in the day's pending count
  (the `counters` cache, as news.counters keeps readings), folded into `VisitDay` rows in
  batches by `manage.py flush_visits`; the box shows the stored rows plus what is pending;
- online: each browser sits in the bucket of the minute it was last seen (moved out of the
  old one when it comes back), so the buckets of the last ONLINE_MINUTES hold each browser
  seen in those minutes once. Nothing but counts outlives ten minutes.

A request costs one cache read; a browser's first request of a minute three more writes.
A cache that is down costs the count, never the page.
"""

import contextlib
import datetime
import logging
import re

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from lib.visitors import browser_hash

from .models import VisitDay

log = logging.getLogger(__name__)

VISIT_GAP = 30 * 60
ONLINE_MINUTES = 5
FOLD_DAYS = 7  # pending counts older than this many days are folded too, if a fold was missed
SKIPPED_PREFIXES = ("/quan-tri/", "/nhap-lieu/", "/static/", "/media/", "/healthz", "/favicon")
# Robots that say so are not readers; those that do not are counted, as every counter does.
ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python-requests", re.IGNORECASE)

LAST = "visits:last:{}:{}"
BUCKET = "visits:online:{}:{}"
PENDING = "visits:day:{}:{}"


def _seen():
    return caches[settings.PAGE_CACHE_ALIAS]


def _pending_store():
    return caches[settings.VIEW_COUNTER_CACHE]


def countable(request, response):
    """A reader's page: a GET of a commune's public HTML page, answered (200, or 304 from the cache)."""
    if request.method != "GET" or getattr(request, "commune", None) is None:
        return False
    if response.status_code == 304:
        pass
    elif response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    agent = request.META.get("HTTP_USER_AGENT", "")
    return bool(agent) and not ROBOTS.search(agent)


def _incr(cache, key, amount=1, timeout=None):
    try:
        return cache.incr(key, amount)
    except ValueError:
        if cache.add(key, amount, timeout):
            return amount
        return cache.incr(key, amount)


def record(request, now=None):
    """Count this request's browser: a new visit after VISIT_GAP of silence, online this minute."""
    now = now or timezone.now()
    commune_id = request.commune.pk
    minute = int(now.timestamp() // 60)
    try:
        seen = _seen()
        key = LAST.format(commune_id, browser_hash(request, now))
        last = seen.get(key)
        if last == minute:
            return
        if last is not None and last <= minute - VISIT_GAP // 60:
            last = None  # the cache kept it a little past its time: a visit has ended all the same
        if last is None:
            _incr(_pending_store(), PENDING.format(commune_id, timezone.localdate(now).isoformat()))
        seen.set(key, minute, VISIT_GAP)
        _incr(seen, BUCKET.format(commune_id, minute), timeout=(ONLINE_MINUTES + 5) * 60)
        if last is not None and last > minute - ONLINE_MINUTES:
            with contextlib.suppress(ValueError):  # the bucket expired meanwhile
                seen.decr(BUCKET.format(commune_id, last))
    except Exception:
        log.warning("visit counter unavailable; a visit is not counted", exc_info=True)


def online(commune, now=None):
    """Browsers seen on the commune's site in the last ONLINE_MINUTES minutes."""
    minute = int((now or timezone.now()).timestamp() // 60)
    keys = [BUCKET.format(commune.pk, m) for m in range(minute - ONLINE_MINUTES + 1, minute + 1)]
    try:
        return max(0, sum(int(value) for value in _seen().get_many(keys).values()))
    except Exception:
        return 0


def _pending(commune_ids, days):
    keys = {PENDING.format(pk, day.isoformat()): (pk, day) for pk in commune_ids for day in days}
    try:
        found = _pending_store().get_many(list(keys))
    except Exception:
        log.warning("visit counter unavailable; pending visits are not shown", exc_info=True)
        return {}
    return {keys[key]: int(value) for key, value in found.items() if value}


def statistics(commune, now=None):
    """{online, today, yesterday, month, total} for the commune's box; one query."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    yesterday = today - datetime.timedelta(days=1)
    month_start = today.replace(day=1)
    stored = VisitDay.objects.for_commune(commune).aggregate(
        total=Sum("visits"),
        today=Sum("visits", filter=Q(day=today)),
        yesterday=Sum("visits", filter=Q(day=yesterday)),
        month=Sum("visits", filter=Q(day__gte=month_start)),
    )
    numbers = {name: value or 0 for name, value in stored.items()}
    for (_pk, day), count in _pending([commune.pk], [today, yesterday]).items():
        numbers["total"] += count
        numbers["today" if day == today else "yesterday"] += count
        if day >= month_start:
            numbers["month"] += count
    numbers["online"] = online(commune, now)
    return numbers


def fold(now=None):
    """Move pending visits of the last FOLD_DAYS days into `VisitDay`; returns the visits moved.

    Taken out of the store before the rows are written and put back if the write fails, so two
    folds at once count each visit once. Rows are written by update and bulk_create, which send
    no signals: a fold must not make every cached page of the site be rendered anew.
    """
    from congresses.models import Commune

    today = timezone.localdate(now or timezone.now())
    days = [today - datetime.timedelta(days=n) for n in range(FOLD_DAYS + 1)]
    store = _pending_store()
    moved = 0
    commune_ids = list(Commune.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(commune_ids), 100):
        taken = {}
        for (pk, day), count in _pending(commune_ids[start : start + 100], days).items():
            try:
                store.decr(PENDING.format(pk, day.isoformat()), count)
            except ValueError:  # folded by someone else in the meantime
                continue
            taken[(pk, day)] = count
        try:
            with transaction.atomic():
                for (pk, day), count in taken.items():
                    rows = VisitDay.objects.filter(commune_id=pk, day=day)
                    if not rows.update(visits=F("visits") + count):
                        VisitDay.objects.bulk_create([VisitDay(commune_id=pk, day=day, visits=count)])
        except Exception:
            for (pk, day), count in taken.items():
                _incr(store, PENDING.format(pk, day.isoformat()), count)
            raise
        moved += sum(taken.values())
    return moved


class VisitMiddleware:
    """Counts readers' pages (see the module); placed after the site middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if countable(request, response):
            record(request)
        return response
