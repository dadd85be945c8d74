"""The demo's report: the first half of the current year of xã Hòa Phú, made from its data."""

from django.utils import timezone

from . import periods
from .models import ReportRun
from .services import build_period_report


def load(commune, log=print):
    if ReportRun.objects.for_commune(commune).exists():
        return None
    period = periods.half_year(timezone.localdate().year, first=True)
    run = build_period_report(commune, period.start, period.end, period=period, number="")
    log(f"  báo cáo {run.title}: {len(run.content.sections)} phần, {len(run.content.annexes)} phụ lục")
    return run
