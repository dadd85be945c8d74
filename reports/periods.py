"""The periods a report covers and how the document names them: `6 tháng đầu năm 2026`,
`năm 2026`, `nhiệm kỳ 2024–2029`, `từ ngày 01/03/2026 đến ngày 31/05/2026`."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

from .models import Kind


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date
    phrase: str  # inside a sentence: "6 tháng đầu năm 2026"

    @property
    def title(self):
        """The report's trích yếu: `Kết quả công tác Mặt trận 6 tháng đầu năm 2026`."""
        return f"Kết quả công tác Mặt trận {self.phrase}"

    @property
    def dates_text(self):
        return f"từ ngày {date_format(self.start, 'd/m/Y')} đến ngày {date_format(self.end, 'd/m/Y')}"


def half_year(year, first=True):
    if first:
        return Period(
            Kind.FIRST_HALF, datetime.date(year, 1, 1), datetime.date(year, 6, 30), f"6 tháng đầu năm {year}"
        )
    return Period(
        Kind.SECOND_HALF, datetime.date(year, 7, 1), datetime.date(year, 12, 31), f"6 tháng cuối năm {year}"
    )


def whole_year(year):
    return Period(Kind.YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"năm {year}")


def term_period(term, today=None):
    """A term of the commune committee, up to its end (or today while it runs)."""
    end = term.effective_end
    today = today or datetime.date.today()
    if end is None or end > today:
        end = max(today, term.start_date)
    return Period(Kind.TERM, term.start_date, end, f"nhiệm kỳ {term.years}")


def custom(start, end):
    phrase = f"từ ngày {date_format(start, 'd/m/Y')} đến ngày {date_format(end, 'd/m/Y')}"
    return Period(Kind.CUSTOM, start, end, phrase)


def for_kind(kind, start, end):
    """The Period of `kind` for these dates; any dates that are not that kind's are said as dates."""
    for candidate in (half_year(start.year, True), half_year(start.year, False), whole_year(start.year)):
        if candidate.kind == kind and (candidate.start, candidate.end) == (start, end):
            return candidate
    return custom(start, end)


def document_date(day, place):
    """NĐ 30/2020 Phụ lục I: `Hòa Phú, ngày 05 tháng 7 năm 2026` — a day under 10 and the months
    1 and 2 get a leading zero, other months none."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
