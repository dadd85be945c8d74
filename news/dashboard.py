"""What news tells the chair's dashboard and the editor's first page (lib.dashboard): the
work calendar's coming days, announcements about to expire, drafts and scheduled posts.
One or two queries each, reading only what `visible_to(board.user)` gives of `board.commune`."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lib.dashboard import Item, Section

from .announcements import Announcement
from .models import Post
from .work_calendar import CalendarEntry

SHOWN = 6
UPCOMING_DAYS = 14
EXPIRING_DAYS = 7


def _changelist(name, **filters):
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def upcoming_calendar(board, days=UPCOMING_DAYS):
    """Work-calendar entries (published or not) of the coming days, as "coming up" items. One query."""
    if not board.user.has_perm("news.view_calendarentry"):
        return []
    entries = (
        CalendarEntry.objects.visible_to(board.user)
        .for_commune(board.commune)
        .filter(day__gte=board.today, day__lte=board.today + datetime.timedelta(days=days))
        .order_by("day", "start_time", "pk")[:SHOWN]
    )
    items = []
    for entry in entries:
        when = (
            f"{entry.start_time:%H}h{entry.start_time:%M}" if entry.start_time else entry.get_part_display()
        )
        items.append(
            Item(
                text=entry.title,
                url=reverse("admin:news_calendarentry_change", args=[entry.pk]),
                figure=f"{when}, {date_format(entry.day, 'd/m/Y')}",
                detail=" — ".join(part for part in [_("Lịch công tác"), entry.venue] if part)
                + ("" if entry.is_published else " " + _("(chưa đăng lịch)")),
                when=entry.day,
            )
        )
    return items


def expiring_announcements(board, days=EXPIRING_DAYS):
    """Current announcements that expire within `days`: to extend or let go. One query."""
    now = timezone.now()
    rows = list(
        Announcement.objects.visible_to(board.user)
        .for_commune(board.commune)
        .current(now)
        .filter(expires_at__lte=now + datetime.timedelta(days=days))
        .defer("body", "search_text")
        .order_by("expires_at", "pk")[:SHOWN]
    )
    if not rows:
        return None
    return Section(
        key="announcements",
        title=_("Thông báo sắp hết hạn"),
        items=[
            Item(
                text=announcement.title,
                url=reverse("admin:news_announcement_change", args=[announcement.pk]),
                figure=_("hết hạn %(time)s")
                % {"time": date_format(timezone.localtime(announcement.expires_at), "H\\hi, d/m/Y")},
                tone="warn",
                when=timezone.localtime(announcement.expires_at).date(),
            )
            for announcement in rows
        ],
        perm="news.view_announcement",
        rule=_("Đang hiện trên cổng và hết hạn trong %(n)s ngày tới.") % {"n": days},
        order=80,
    )


def _posts(board, status):
    return Post.objects.visible_to(board.user).for_commune(board.commune).filter(status=status)


def drafts(board):
    """The newest drafts, to finish or drop. Two queries."""
    posts = _posts(board, Post.Status.DRAFT)
    rows = list(posts.only("pk", "title", "updated_at").order_by("-updated_at", "-pk")[:SHOWN])
    if not rows:
        return None
    return Section(
        key="drafts",
        title=_("Bài viết đang soạn"),
        items=[
            Item(
                text=post.title,
                url=reverse("admin:news_post_change", args=[post.pk]),
                figure=_("sửa lần cuối %(time)s")
                % {"time": date_format(timezone.localtime(post.updated_at), "H\\hi, d/m/Y")},
            )
            for post in rows
        ],
        perm="news.change_post",
        count=posts.count(),
        more_url=_changelist("news_post", status__exact=Post.Status.DRAFT),
        more_label=_("Mọi bản nháp"),
        order=110,
    )


def scheduled(board):
    """Posts waiting for their publish time, soonest first. One query."""
    rows = list(
        _posts(board, Post.Status.SCHEDULED)
        .filter(published_at__gt=timezone.now())
        .only("pk", "title", "published_at")
        .order_by("published_at", "pk")[:SHOWN]
    )
    if not rows:
        return None
    return Section(
        key="scheduled",
        title=_("Bài hẹn giờ đăng"),
        items=[
            Item(
                text=post.title,
                url=reverse("admin:news_post_change", args=[post.pk]),
                figure=_("đăng lúc %(time)s")
                % {"time": date_format(timezone.localtime(post.published_at), "H\\hi, d/m/Y")},
            )
            for post in rows
        ],
        perm="news.change_post",
        more_url=_changelist("news_post", status__exact=Post.Status.SCHEDULED),
        more_label=_("Mọi bài hẹn giờ"),
        order=120,
    )
