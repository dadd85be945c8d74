"""Readings of posts, counted outside the database and folded into it in batches.

A public GET must not write to the database: a row update per reading serialises readers
(SQLite locks the file, PostgreSQL the row) and would make every cached page a lie. Each
reading adds 1 to an integer in a cache instead (alias `VIEW_COUNTER_CACHE`: a file cache
shared by the processes of one machine by default, Redis when production has one), and
`flush_view_counts` moves those integers into `Post.view_count`. A page shows the stored
count plus the pending one, so the number is honest before the fold as well.

The interface is three calls (`add`, `pending`, `fold`), so another store can replace the
cache without touching the views.
"""

import logging

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

    def pending(self, post_ids):
        """{post id: readings not yet folded} for the posts that have any."""
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


view_counter = ViewCounter()
