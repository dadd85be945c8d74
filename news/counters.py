"""Readings of posts, counted outside the database and folded into it in batches.

A public GET must not write to the database: a row update per reading serialises readers
(SQLite locks the file, PostgreSQL the row) and would make every cached page a lie. Each
reading adds 1 to an integer in a cache instead (alias `VIEW_COUNTER_CACHE`: a file cache
shared by the processes of one machine by default, Redis when production has one), and
`flush_view_counts` moves those integers into `Post.view_count`. A page shows the stored
count plus the pending one, so the number is honest before the fold as well.

A cached post page counts its reading with `add_soon`: the reading waits in the process that
served it for VIEW_COUNTER_FLUSH_SECONDS (1 s) and then goes to the store together with every
other reading of that time, in one round trip (a Redis pipeline), from a timer thread: a
cached hit asks the store nothing. A worker that stops gracefully sends what it holds
(atexit); one killed loses at most that second's readings of its own. The number a page shows
(stored + pending when it was rendered) therefore lags the readings by at most the page's life
in the cache (PAGE_CACHE_SECONDS, 60 s) plus that second.

The interface is four calls (`add`, `add_soon`, `pending`, `fold`), so another store can
replace the cache without touching the views.
"""

import atexit
import logging
import os
import threading

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F

log = logging.getLogger(__name__)

KEY = "news:views:{}"
BATCH = 1000


def _key(post_id):
    return KEY.format(int(post_id))


class ViewCounter:
    def __init__(self, alias=None):
        self.alias = alias
        self._lock = threading.Lock()
        self._waiting = {}  # post id → readings this process has not sent yet
        self._timer = None

    @property
    def cache(self):
        return caches[self.alias or settings.VIEW_COUNTER_CACHE]

    def add(self, post_id, readings=1):
        """Count readings of a post; returns the readings now pending (0 if the store is down).

        `incr` is atomic in Redis and within one process; an outage of the store costs the
        reading, never the page.
        """
        key = _key(post_id)
        try:
            client = _redis_client(self.cache)
            if client is not None:  # one atomic INCRBY, which makes the key when it is missing
                name = self.cache.make_and_validate_key(key)
                return _guarded(self.cache, lambda: client.incrby(name, readings), lambda: 0)
            try:
                return self.cache.incr(key, readings)
            except ValueError:  # no key yet: the first reading since the last fold
                if self.cache.add(key, readings, timeout=None):
                    return readings
                return self.cache.incr(key, readings)
        except Exception:
            log.warning(
                "view counter unavailable; a reading of post %s is not counted", post_id, exc_info=True
            )
            return 0

    def add_soon(self, post_id):
        """Count a reading within VIEW_COUNTER_FLUSH_SECONDS, without a round trip now."""
        seconds = settings.VIEW_COUNTER_FLUSH_SECONDS
        if seconds <= 0:
            self.add(post_id)
            return
        with self._lock:
            self._waiting[post_id] = self._waiting.get(post_id, 0) + 1
            if self._timer is None:
                self._timer = threading.Timer(seconds, self.flush)
                self._timer.daemon = True
                self._timer.start()

    def flush(self):
        """Send this process's waiting readings to the store; returns how many were sent."""
        with self._lock:
            waiting, self._waiting = self._waiting, {}
            self._timer = None
        if not waiting:
            return 0
        cache = self.cache
        try:
            client = _redis_client(cache)
            if client is not None:
                pipeline = client.pipeline(transaction=False)
                for pk, readings in waiting.items():
                    pipeline.incrby(cache.make_and_validate_key(_key(pk)), readings)
                if _guarded(cache, pipeline.execute, lambda: None) is None:
                    log.warning(
                        "view counter unavailable; %s readings are not counted", sum(waiting.values())
                    )
                    return 0
                return sum(waiting.values())
        except Exception:
            log.warning(
                "view counter unavailable; %s readings are not counted", sum(waiting.values()), exc_info=True
            )
            return 0
        for pk, readings in waiting.items():  # another store: one call per post read
            self.add(pk, readings)
        return sum(waiting.values())

    def discard(self):
        """Drop the readings waiting in this process (the tests, between two of them)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._waiting, self._timer = {}, None

    def _after_fork(self):
        # A child starts with nothing waiting and no timer of its parent's.
        self._lock = threading.Lock()
        self._waiting, self._timer = {}, None

    def pending(self, post_ids):
        """{post id: readings not yet folded} for the posts that have any (this process's
        waiting readings are sent first)."""
        self.flush()
        keys = {_key(pk): pk for pk in post_ids}
        try:
            found = self.cache.get_many(list(keys))
        except Exception:
            log.warning("view counter unavailable; pending readings are not shown", exc_info=True)
            return {}
        return {keys[key]: int(value) for key, value in found.items() if value}

    def fold(self):
        """Move every pending reading into `Post.view_count`; returns the readings moved.

        The readings are taken out of the store before the rows are updated and put back if the
        update fails, so running it twice (or two at once) counts each reading once.
        """
        from .models import Post

        moved = 0
        ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            counts = self.pending(ids[start : start + BATCH])
            taken = {}
            for pk, readings in counts.items():
                try:
                    self.cache.decr(_key(pk), readings)
                except ValueError:  # folded by someone else in the meantime
                    continue
                taken[pk] = readings
            try:
                with transaction.atomic():
                    for pk, readings in taken.items():
                        Post.objects.filter(pk=pk).update(view_count=F("view_count") + readings)
            except Exception:
                for pk, readings in taken.items():
                    self.add(pk, readings)
                raise
            moved += sum(taken.values())
        return moved


def _redis_client(cache):
    """The Redis client behind a Django Redis cache, or None for another store (files, memory)."""
    from django.core.cache.backends.redis import RedisCache

    if not isinstance(cache, RedisCache):
        return None
    return cache._cache.get_client(None, write=True)


def _guarded(cache, call, fallback):
    """`call()` on the raw client, as lib.cache.TolerantRedisCache guards its own calls: Redis
    down answers `fallback()` at once for a while instead of a timeout per reading."""
    guard = getattr(cache, "_call", None)
    return guard(call, fallback) if guard is not None else call()


view_counter = ViewCounter()
atexit.register(view_counter.flush)
os.register_at_fork(after_in_child=view_counter._after_fork)
