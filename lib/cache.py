"""Django's Redis cache, tolerant of Redis being down.

The cache only ever makes pages faster: with Redis stopped or unreachable every call answers
as a cache that holds nothing (a miss, a refused add, a write that keeps nothing), so pages
are rendered uncached and staff still sign in (sessions live in the database; with
`cached_db` the cache is only the first place looked). After a failure Redis is not asked
again for RETRY_SECONDS, so an outage costs one connection timeout per process and interval,
not one per call. `incr` of an unreachable key raises ValueError, as for a missing key, which
callers already handle.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusedRedisClient(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool.

    Django builds a new `redis.Redis` for every call, and building one (its table of some 170
    reply callbacks) cost a cached page's hit more CPU than reading the page (profiled: ~0.5 ms
    a call). A `redis.Redis` is safe to share between threads (each command takes a connection
    from the pool) and its pool reconnects after a fork.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisClient
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def available(self):
        return time.monotonic() >= self._down_until

    def _call(self, method, fallback, *args, **kwargs):
        if not self.available:
            return fallback()
        try:
            return method(*args, **kwargs)
        except UNAVAILABLE:
            with self._lock:
                if self.available:
                    log.warning("Redis unavailable; pages are served uncached for now", exc_info=True)
                self._down_until = time.monotonic() + RETRY_SECONDS
            return fallback()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def unreachable():
            raise ValueError(f"Key '{key}' not reachable: Redis is unavailable")

        return self._call(super().incr, unreachable, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, lambda: None, keys, version)

    def clear(self):
        return self._call(super().clear, lambda: False)
