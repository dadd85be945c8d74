"""Lịch công tác: the standing board's week as staff enter it (`CalendarEntry`), with the
commune's conferences and published voter meetings from `congresses` added by themselves,
and the same items as an iCalendar feed.

`week(commune, monday)` is the one read model of a week: the page and the tests call it;
`items_between` feeds both the week and the feed. Each source is one query, so a week costs
three whatever is in it. Writes go through `save_entry`.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congresses.models import CommuneScopedQuerySet, Conference
from congresses.opinions import VoterMeeting

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
NOON = datetime.time(12, 0)


class CalendarEntryQuerySet(CommuneScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class CalendarEntry(models.Model):
    """One item of the standing board's week: who, what, where, which day, which part of it."""

    class Part(models.TextChoices):
        MORNING = "sang", _("Sáng")
        AFTERNOON = "chieu", _("Chiều")
        ALL_DAY = "ca_ngay", _("Cả ngày")
        AT_TIME = "gio", _("Vào giờ (ghi giờ bắt đầu)")

    commune = models.ForeignKey(
        "congresses.Commune",
        on_delete=models.PROTECT,
        related_name="calendar_entries",
        verbose_name=_("xã, phường"),
    )
    day = models.DateField(_("ngày"))
    part = models.CharField(_("buổi"), max_length=8, choices=Part.choices, default=Part.MORNING)
    start_time = models.TimeField(
        _("giờ bắt đầu"),
        null=True,
        blank=True,
        help_text=_("Ví dụ: 07:30 hoặc 7h30. Bắt buộc khi chọn “Vào giờ”."),
    )
    title = models.CharField(_("nội dung công việc"), max_length=300)
    host = models.CharField(
        _("chủ trì"), max_length=200, blank=True, help_text=_("Ví dụ: Chủ tịch Ủy ban MTTQ xã Nguyễn Văn An")
    )
    participants = models.CharField(
        _("thành phần"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: Ban Thường trực, Trưởng ban CTMT các thôn"),
    )
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    is_published = models.BooleanField(_("hiện trên cổng"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = CalendarEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục lịch công tác")
        verbose_name_plural = _("lịch công tác")
        ordering = ["-day", "part", "start_time"]
        indexes = [models.Index(fields=["commune", "day"], name="news_calendar_commune_day")]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} — {self.title}"

    def clean(self):
        if self.part == self.Part.AT_TIME and self.start_time is None:
            raise ValidationError({"start_time": _("Chọn “Vào giờ” thì phải ghi giờ bắt đầu, ví dụ 07:30.")})
        half_day = self.part in (self.Part.MORNING, self.Part.AFTERNOON)
        if (
            half_day
            and self.start_time is not None
            and (self.start_time < NOON) != (self.part == self.Part.MORNING)
        ):
            raise ValidationError({"start_time": _("Giờ bắt đầu không thuộc buổi đã chọn.")})
        if self.day and not (2000 <= self.day.year <= 2100):
            raise ValidationError({"day": _("Ngày không hợp lý.")})


# The order of a day's items given by part of the day: all day, then morning, then afternoon.
PART_ORDER = {CalendarEntry.Part.ALL_DAY: 0, CalendarEntry.Part.MORNING: 1, CalendarEntry.Part.AFTERNOON: 2}


def save_entry(entry):
    """Store an entry staff typed, checked as the form checks it."""
    with transaction.atomic():
        entry.full_clean()
        entry.save()
    return entry


# --- the read model -----------------------------------------------------------------------------


@dataclass
class Item:
    """What the week and the feed show of an entry, a conference or a voter meeting."""

    uid: str
    source: str  # a label: "Lịch công tác", "Hội nghị", "Tiếp xúc cử tri"
    title: str
    first_day: datetime.date
    last_day: datetime.date
    part: str = ""  # Sáng, Chiều, Cả ngày ("" when a time says it)
    part_order: int = 0  # 0 all day, 1 morning, 2 afternoon, for items without a time
    start: datetime.datetime | None = None  # aware, when the item starts at a time
    host: str = ""
    participants: str = ""
    venue: str = ""
    url: str = ""

    @property
    def time_label(self):
        """`07h30` or `Sáng`: what the week shows before the title."""
        if self.start is not None:
            local = timezone.localtime(self.start)
            return f"{local:%H}h{local:%M}"
        return self.part

    @property
    def half(self):
        """0 all day, 1 morning, 2 afternoon: the order of a day's items."""
        if self.start is not None:
            return 1 if timezone.localtime(self.start).time() < NOON else 2
        return self.part_order

    def sort_key(self):
        start = timezone.localtime(self.start).time() if self.start else datetime.time(0)
        return (self.first_day, self.half, start, self.title)


def _entry_item(entry, domain):
    start = None
    if entry.start_time is not None:
        start = timezone.make_aware(datetime.datetime.combine(entry.day, entry.start_time))
    return Item(
        uid=f"lich-{entry.pk}@{domain}",
        source=str(_("Lịch công tác")),
        title=entry.title,
        first_day=entry.day,
        last_day=entry.day,
        part="" if start else str(entry.get_part_display()),
        part_order=PART_ORDER.get(entry.part, 0),
        start=start,
        host=entry.host,
        participants=entry.participants,
        venue=entry.venue,
    )


def _conference_item(conference, domain):
    day = timezone.localtime(conference.starts_at).date()
    if conference.part_of_day:  # announced as "sáng 12/11", with no hour
        return Item(
            uid=f"hoi-nghi-{conference.pk}@{domain}",
            source=str(_("Hội nghị")),
            title=conference.title,
            first_day=day,
            last_day=day,
            part=str(conference.get_part_of_day_display()),
            part_order=PART_ORDER.get(conference.part_of_day, 3),
            host=conference.organisers,
            participants=conference.invited.replace("\n", "; ").strip("; "),
            venue=conference.venue,
            url=conference.get_absolute_url(),
        )
    return Item(
        uid=f"hoi-nghi-{conference.pk}@{domain}",
        source=str(_("Hội nghị")),
        title=conference.title,
        first_day=day,
        last_day=day,
        start=conference.starts_at,
        host=conference.organisers,
        participants=conference.invited.replace("\n", "; ").strip("; "),
        venue=conference.venue,
        url=conference.get_absolute_url(),
    )


def _voter_meeting_item(meeting, domain):
    return Item(
        uid=f"tiep-xuc-cu-tri-{meeting.pk}@{domain}",
        source=str(_("Tiếp xúc cử tri")),
        title=meeting.title,
        first_day=meeting.starts_on,
        last_day=meeting.ends_on or meeting.starts_on,
        part=str(CalendarEntry.Part.ALL_DAY.label),
        participants=meeting.deputies.replace("\n", "; ").strip("; "),
        venue=meeting.venue,
        url=meeting.get_absolute_url(),
    )


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(0)))


def items_between(commune, first, last, domain="", limit=None):
    """Every public item of `commune` touching the days `first`…`last`, in order. Three queries."""
    entries = CalendarEntry.objects.for_commune(commune).published().filter(day__gte=first, day__lte=last)
    conferences = (
        Conference.objects.for_commune(commune)
        .filter(starts_at__gte=_day_start(first), starts_at__lt=_day_start(last + datetime.timedelta(days=1)))
        .select_related("committee__commune", "committee__area")
        .order_by("starts_at")
    )
    meetings = (
        VoterMeeting.objects.for_commune(commune)
        .published()
        .filter(starts_on__lte=last)
        .filter(models.Q(ends_on__gte=first) | models.Q(ends_on__isnull=True, starts_on__gte=first))
    )
    if limit:
        entries, conferences, meetings = entries[:limit], conferences[:limit], meetings[:limit]
    items = [_entry_item(e, domain) for e in entries]
    items += [_conference_item(c, domain) for c in conferences]
    items += [_voter_meeting_item(m, domain) for m in meetings]
    return sorted(items, key=Item.sort_key)


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    items: list = field(default_factory=list)

    @property
    def weekday(self):
        return WEEKDAYS[self.date.weekday()]


@dataclass
class Week:
    monday: datetime.date
    days: list

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    @property
    def previous(self):
        return self.monday - datetime.timedelta(days=7)

    @property
    def next(self):
        return self.monday + datetime.timedelta(days=7)

    @property
    def number(self):
        return self.monday.isocalendar().week

    @property
    def is_empty(self):
        return not any(day.items for day in self.days)


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def week(commune, monday, today=None):
    """The week starting `monday`: seven days, each with its items (a voter meeting over
    several days shows on each). Three queries."""
    today = today or timezone.localdate()
    days = [Day(monday + datetime.timedelta(days=n), False) for n in range(7)]
    for day in days:
        day.is_today = day.date == today
    for item in items_between(commune, monday, monday + datetime.timedelta(days=6)):
        for day in days:
            if item.first_day <= day.date <= item.last_day:
                day.items.append(item)
    for day in days:
        day.items.sort(key=lambda item: (item.half, item.sort_key()[2], item.title))
    return Week(monday, days)


def week_url(monday):
    return f"{reverse('calendar:week')}?tuan={monday:%Y-%m-%d}"


def parse_week(text):
    """The Monday of the week a `?tuan=` value names (any day of it, `YYYY-MM-DD`), or raise
    ValueError with the Vietnamese reason."""
    try:
        day = datetime.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        raise ValueError(
            _("Ngày không hợp lệ: hãy chọn tuần bằng các nút “Tuần trước”, “Tuần sau”.")
        ) from None
    if not 2000 <= day.year <= 2100:
        raise ValueError(_("Lịch chỉ có từ năm 2000 đến năm 2100."))
    return monday_of(day)
