"""An iCalendar (RFC 5545) file of work-calendar items, written by hand: about forty lines for
the few properties a published calendar needs (CRLF line ends, lines folded at 75 octets
without splitting a character, TEXT values escaped, UID and DTSTAMP on every event). Times
are written in UTC, so no VTIMEZONE block is needed; items given by part of a day (sáng,
chiều, cả ngày) are all-day events whose summary names the part.
"""

import datetime

from django.utils import timezone

LINE_OCTETS = 75


def escape_text(value):
    """TEXT as RFC 5545 §3.3.11 writes it: backslash, semicolon, comma and newline escaped."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(raw, escaped)
    return text


def fold(line):
    """One content line as lines of at most 75 octets, continued with a space (§3.1)."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return [line]
    parts, start, budget = [], 0, LINE_OCTETS
    while start < len(data):
        end = min(start + budget, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never cut inside a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, budget = end, LINE_OCTETS - 1  # the leading space takes one octet
    return [parts[0], *(" " + part for part in parts[1:])]


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(item, stamp, base_url):
    lines = [
        "BEGIN:VEVENT",
        f"UID:{item.uid}",
        f"DTSTAMP:{stamp}",
    ]
    if item.start is not None:
        lines.append(f"DTSTART:{_utc(item.start)}")
        summary = item.title
    else:
        lines.append(f"DTSTART;VALUE=DATE:{item.first_day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{item.last_day + datetime.timedelta(days=1):%Y%m%d}")
        # A morning or an afternoon is no time a calendar knows: the summary names it.
        summary = f"{item.part}: {item.title}" if item.part_order else item.title
    lines.append(f"SUMMARY:{escape_text(summary)}")
    description = "\n".join(
        text
        for text in (
            f"Chủ trì: {item.host}" if item.host else "",
            f"Thành phần: {item.participants}" if item.participants else "",
            item.source,
        )
        if text
    )
    lines.append(f"DESCRIPTION:{escape_text(description)}")
    if item.venue:
        lines.append(f"LOCATION:{escape_text(item.venue)}")
    if item.url:
        lines.append(f"URL:{base_url}{item.url}")
    lines.append("END:VEVENT")
    return lines


def calendar_file(items, name, base_url, now=None):
    """The whole file as bytes: a VCALENDAR of `items` (news.work_calendar.Item)."""
    stamp = _utc(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cong thong tin MTTQ//Lich cong tac//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for item in items:
        lines += _event_lines(item, stamp, base_url)
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line)).encode("utf-8")
