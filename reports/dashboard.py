"""What the reports app tells the chair's dashboard (lib.dashboard): the last report made for
the commune, with both files to download again, and the way to make the next one."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lib.dashboard import Item, Section

from .models import ReportRun


def last_report(board):
    """The commune's latest period report (one query), or an invitation to make the first."""
    if board.commune is None:
        return None
    run = ReportRun.objects.visible_to(board.user).latest_for(board.commune)
    make_url = reverse("admin:reports_reportrun_add")
    items = []
    if run is not None:
        made = date_format(run.created_at, "d/m/Y")
        by = run.created_by.get_full_name() or run.created_by.get_username() if run.created_by else ""
        items.append(
            Item(
                text=str(run),
                url=run.download_url("docx"),
                figure=run.period_text,
                detail=_("Lập ngày %(day)s") % {"day": made} + (f" — {by}" if by else ""),
                links=[
                    (_("Tệp Word"), run.download_url("docx")),
                    (_("Phụ lục Excel"), run.download_url("xlsx")),
                ],
            )
        )
    return Section(
        key="last-report",
        title=_("Báo cáo gần nhất"),
        items=items,
        perm="reports.view_reportrun",
        empty=_("Chưa lập báo cáo nào."),
        more_url=make_url,
        more_label=_("Lập báo cáo sơ kết, tổng kết"),
        order=90,
    )
