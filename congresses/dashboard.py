"""What congresses tells the chair's dashboard (lib.dashboard): opinions past their answer
date, supervision recommendations past their deadline, conferences and voter meetings
coming up; and, on the province's page, its communes. Two queries at most each, whatever the
number of rows, reading only what `visible_to(board.user)` gives of `board.commune`."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from lib.dashboard import Item, Section

from .models import Commune, Conference
from .opinions import Opinion, VoterMeeting
from .supervision import Recommendation

SHOWN = 8
UPCOMING_DAYS = 14


def _changelist(name, **filters):
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def _days_late(day, today):
    return _("quá %(n)s ngày") % {"n": (today - day).days}


def _past_day(wording, day, today):
    """`wording` ("Hạn %(day)s, %(late)s") filled with a past day and how long ago it was."""
    return wording % {"day": date_format(day, "d/m/Y"), "late": _days_late(day, today)}


def overdue_opinions(board):
    """Open opinions past their answer date, the longest overdue first. Two queries."""
    overdue = Opinion.objects.visible_to(board.user).of(board.commune).overdue(board.today)
    rows = list(overdue.select_related("area").order_by("due_on", "pk")[:SHOWN])
    if not rows:
        return None
    items = []
    for opinion in rows:
        summary = " ".join(opinion.summary.split())
        whom = (
            _("đã chuyển %(body)s") % {"body": opinion.forwarded_to}
            if opinion.forwarded_to
            else _("chưa chuyển cơ quan nào")
        )
        items.append(
            Item(
                text=f"{opinion.reference_code}: {summary[:90]}{'…' if len(summary) > 90 else ''}",
                url=reverse("admin:congresses_opinion_change", args=[opinion.pk]),
                figure=_past_day(_("Hạn %(day)s, %(late)s"), opinion.due_on, board.today),
                detail=f"{opinion.area.full_name + ' — ' if opinion.area else ''}{whom}",
                tone="late",
                when=opinion.due_on,
            )
        )
    return Section(
        key="opinions",
        title=_("Ý kiến, kiến nghị quá hạn trả lời"),
        items=items,
        perm="congresses.view_opinion",
        count=overdue.count(),
        more_url=_changelist("congresses_opinion", han="qua-han"),
        more_label=_("Mọi ý kiến quá hạn"),
        rule=_("Chưa có trả lời và đã qua hạn trả lời."),
        order=50,
    )


def overdue_recommendations(board):
    """Recommendations of supervision and social review not done by their deadline. Two queries."""
    overdue = (
        Recommendation.objects.visible_to(board.user)
        .filter(supervision__commune=board.commune)
        .overdue(board.today)
    )
    rows = list(overdue.select_related("supervision").order_by("deadline", "pk")[:SHOWN])
    if not rows:
        return None
    items = [
        Item(
            text=str(recommendation),
            url=reverse("admin:congresses_recommendation_change", args=[recommendation.pk]),
            figure=_past_day(_("Hạn %(day)s, %(late)s"), recommendation.deadline, board.today),
            detail=f"{recommendation.responsible_body} — {recommendation.get_status_display()}",
            tone="late",
            when=recommendation.deadline,
        )
        for recommendation in rows
    ]
    return Section(
        key="recommendations",
        title=_("Kiến nghị sau giám sát quá hạn"),
        items=items,
        perm="congresses.view_recommendation",
        count=overdue.count(),
        more_url=_changelist("congresses_recommendation", han="qua-han"),
        more_label=_("Mọi kiến nghị quá hạn"),
        rule=_("Chưa thực hiện xong và đã qua hạn thực hiện."),
        order=60,
    )


def unrecorded_conferences(board):
    """Conferences announced for a day now past and never recorded as held: the public pages list
    them neither as coming nor as held, so they wait here until someone records what happened
    (or corrects the date). Two queries when there are some, one when there are none."""
    start_of_today = timezone.make_aware(datetime.datetime.combine(board.today, datetime.time(0)))
    unrecorded = (
        Conference.objects.visible_to(board.user)
        .for_commune(board.commune)
        .announced()
        .filter(starts_at__lt=start_of_today)
    )
    rows = list(unrecorded.order_by("starts_at", "pk")[:SHOWN])
    if not rows:
        return None
    items = []
    for conference in rows:
        day = timezone.localtime(conference.starts_at).date()
        items.append(
            Item(
                text=conference.title,
                url=reverse("admin:congresses_conference_change", args=[conference.pk]),
                figure=_past_day(_("Dự kiến %(day)s, %(late)s"), day, board.today),
                detail=conference.venue,
                tone="late",
                when=day,
            )
        )
    return Section(
        key="unrecorded-conferences",
        title=_("Hội nghị đã qua ngày, chưa ghi nhận kết quả"),
        items=items,
        perm="congresses.change_conference",
        count=unrecorded.count(),
        more_url=_changelist("congresses_conference", status__exact="announced"),
        more_label=_("Mọi hội nghị đã thông báo"),
        rule=_(
            "Đã thông báo nhưng chưa ghi nhận đã tổ chức: trang công khai không liệt kê hội nghị này "
            "cho đến khi được ghi nhận (chọn “Ghi nhận đã tổ chức” trong danh sách hội nghị)."
        ),
        order=65,
    )


def upcoming_conferences(board, days=UPCOMING_DAYS):
    """Conferences of the commune (and its hamlets) in the coming days: items for the page's
    "coming up" section, each linked to its change page. One query."""
    if not board.user.has_perm("congresses.view_conference"):
        return []
    start = timezone.make_aware(datetime.datetime.combine(board.today, datetime.time(0)))
    conferences = (
        Conference.objects.visible_to(board.user)
        .for_commune(board.commune)
        .filter(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=days + 1))
        .select_related("committee")
        .order_by("starts_at")[:SHOWN]
    )
    return [
        Item(
            text=conference.title,
            url=reverse("admin:congresses_conference_change", args=[conference.pk]),
            figure=conference.when,
            detail=" — ".join(part for part in [_("Hội nghị"), conference.venue] if part),
            when=timezone.localtime(conference.starts_at).date(),
        )
        for conference in conferences
    ]


def upcoming_voter_meetings(board, days=UPCOMING_DAYS):
    """Voter meetings starting in the coming days. One query."""
    if not board.user.has_perm("congresses.view_votermeeting"):
        return []
    meetings = (
        VoterMeeting.objects.visible_to(board.user)
        .of(board.commune)
        .filter(starts_on__gte=board.today, starts_on__lte=board.today + datetime.timedelta(days=days))
        .order_by("starts_on", "pk")[:SHOWN]
    )
    return [
        Item(
            text=meeting.title,
            url=reverse("admin:congresses_votermeeting_change", args=[meeting.pk]),
            figure=date_format(meeting.starts_on, "d/m/Y"),
            detail=" — ".join(part for part in [_("Tiếp xúc cử tri"), meeting.venue] if part),
            when=meeting.starts_on,
        )
        for meeting in meetings
    ]


def province_communes(board):
    """The province's communes, each linked to its record and its campaigns. One query."""
    communes = Commune.objects.visible_to(board.user).filter(merged_into__isnull=True)
    if board.province is not None:
        communes = communes.filter(province=board.province)
    communes = list(communes.order_by("name"))
    if not communes:
        return None
    campaigns = reverse("admin:campaigns_campaign_changelist")
    return Section(
        key="communes",
        title=_("Các xã, phường của tỉnh"),
        items=[
            Item(
                text=capfirst(commune.full_name),
                url=reverse("admin:congresses_commune_change", args=[commune.pk]),
                links=[(_("Cuộc vận động"), f"{campaigns}?{urlencode({'commune__id__exact': commune.pk})}")],
            )
            for commune in communes
        ],
        perm="congresses.view_commune",
        order=90,
    )
