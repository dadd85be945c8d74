"""Demo visit counts: a plausible number a day over the last months, so the box has figures."""

import datetime

from django.utils import timezone

from .models import VisitDay

DAYS = 120


def load(commune, log=print):
    if VisitDay.objects.filter(commune=commune).exists():
        return
    today = timezone.localdate()
    rows = []
    for back in range(1, DAYS + 1):
        day = today - datetime.timedelta(days=back)
        # More on weekdays, a little more each month, never random: the same demo every time.
        base = 140 + (DAYS - back) // 2
        rows.append(
            VisitDay(commune=commune, day=day, visits=base + (60 if day.weekday() < 5 else 0) + back % 17)
        )
    VisitDay.objects.bulk_create(rows)
    log(f"  {DAYS} ngày thống kê truy cập")
