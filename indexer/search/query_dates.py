"""Dates as people type them in queries: 2016, 2016-03, 5 March 2016, "last month", "past 30 days".

Each becomes the inclusive run of days it names, so `date:2016` is all of 2016 and `>2016-03`
starts in April. Relative periods count from `today` (passed in, so tests can pin it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
_EXAMPLES = '2016, 2016-03, 2016-03-05, "March 2016", "last month", "past 30 days"'


@dataclass(frozen=True)
class DateRange:
    """Inclusive first and last day; None is open."""

    start: dt.date | None
    end: dt.date | None

    def whoosh(self) -> str:
        low = f"{self.start:%Y%m%d} " if self.start else ""
        high = f" {self.end:%Y%m%d}" if self.end else ""
        return f"[{low}TO{high}]"


@dataclass(frozen=True)
class Period(DateRange):
    """A closed run of days (both ends known)."""

    start: dt.date
    end: dt.date


def _month(year: int, month: int) -> Period:
    return Period(
        dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    )


def _day(year: int, month: int, day: int) -> Period:
    date = dt.date(year, month, day)
    return Period(date, date)


def _relative(text: str, today: dt.date) -> Period | None:
    week_start = today - dt.timedelta(days=today.weekday())
    fixed = {
        "today": Period(today, today),
        "yesterday": Period(today - dt.timedelta(days=1), today - dt.timedelta(days=1)),
        "this week": Period(week_start, today),
        "last week": Period(week_start - dt.timedelta(days=7), week_start - dt.timedelta(days=1)),
        "this month": Period(today.replace(day=1), today),
        "last month": _month(*(today.replace(day=1) - dt.timedelta(days=1)).timetuple()[:2]),
        "this year": Period(dt.date(today.year, 1, 1), today),
        "last year": Period(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
    }
    if text in fixed:
        return fixed[text]
    match = re.fullmatch(r"(?:last|past)\s+(\d+)\s+(day|week|month|year)s?", text)
    if match:
        from dateutil.relativedelta import relativedelta  # imported here: rare, not every search

        count = int(match[1])
        start = today - relativedelta(**{_UNITS[match[2]]: count}) + dt.timedelta(days=1)
        return Period(start, today)
    return None


def parse_period(text: str, today: dt.date) -> Period:
    """The days `text` names; ValueError (a one-line reason) when it names none."""
    value = " ".join(text.lower().replace(",", " ").split())
    try:
        if found := _relative(value, today):
            return found
        if re.fullmatch(r"\d{4}", value):
            year = int(value)
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
        if match := re.fullmatch(r"(\d{4})[-/.](\d{1,2})", value):
            return _month(int(match[1]), int(match[2]))
        if match := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value):
            return _day(int(match[1]), int(match[2]), int(match[3]))
        if match := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value):
            return _day(int(match[3]), int(match[2]), int(match[1]))  # UK order: day first
        if (match := re.fullmatch(r"([a-z]+)\.? (\d{4})", value)) and match[1] in _MONTHS:
            return _month(int(match[2]), _MONTHS[match[1]])
        match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.? (\d{4})", value)
        if match and match[2] in _MONTHS:
            return _day(int(match[3]), _MONTHS[match[2]], int(match[1]))
    except ValueError:  # month 13, 31 February
        raise ValueError(f"{text!r} is not a real date") from None
    raise ValueError(f"cannot read {text!r} as a date (try {_EXAMPLES})")
