"""Dates that are spans of time: periods ("the end of 2025", "spring of 2017", "the second week
of April"), ranges ("April to September 2020", "2022 to 2023"), quarters ("Q3 2025") and
dates relative to the digest ("next week", "last Tuesday").

Why apart from quantities: these widen or join the dates quantities finds rather than find
new shapes of number, and a relative date has a value only against a date the digest gave.

Values: a period keeps the value of the date inside it (a month "2024-08", a year "2025"); a
range the value of its start; a quarter its year; "next week" the Monday of that week and
"next month" that month, or None when there is no digest date to count from.
"""

from __future__ import annotations

import datetime as dt
import re

# (start, end, label, canonical, value), as quantities.Found
Found = tuple[int, int, str, str, float | str | None]

# A season of a financial year: "winter 2017/18" ("spring 2026" is found with its year).
SEASON_BEFORE_RE = re.compile(r"(?<![A-Za-z])(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter) \Z")
# Words before a year that make it part of a period: "the end of 2025", "spring of 2017". A
# month keeps its own name ("the end of August" is August: readers and annotators differ, and
# its value is the month either way); a financial year too ("the end of 2025-26"), and a
# quarter's year ("the first quarter of 2023" is 2023 in most gold files, tried both ways).
PERIOD_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:(?:[Tt]he |[Bb]y )?(?:end|start|beginning|middle|turn) of "
    r"|(?:spring|summer|autumn|winter) of )\Z"
)
# "early October": a part of a month ("early 2022" is 2022 to annotators, like "the end of
# August" is August).
EARLY_LATE_RE = re.compile(r"(?<![A-Za-z])(?:[Ee]arly|[Ll]ate) \Z")
# "the second week of April": a week of a month (not of a year, whose weeks are numbered).
WEEK_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:[Tt]he )?(?:first|second|third|fourth|last|final) week of \Z"
)
# What may join two dates into one range: "April to September 2020", "2022 to 2023".
RANGE_JOINS = frozenset((" to ", "-", "–", " - ", " – "))
QUARTER_RE = re.compile(r"\bQ([1-4])\s((?:19|20)\d\d)\b")
RELATIVE_RE = re.compile(r"\b([Nn]ext|[Ll]ast|[Tt]his) (week|month)\b")
_SHIFT = {"next": 1, "last": -1, "this": 0}
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_FINANCIAL_YEAR_RE = re.compile(r"(?:19|20)\d\d[-–/](?:(?:19|20)\d\d|\d\d)")
_MONTH_VALUE_RE = re.compile(r"\d{4}-\d\d")


def widen(text: str, found: list[Found]) -> list[Found]:
    """The dates in `found` (in text order) with their period words, and ranges joined."""
    out: list[Found] = []
    for start, end, label, canonical, value in found:
        head = text[max(0, start - 40) : start]
        span = text[start:end]
        if _YEAR_RE.fullmatch(span):
            m = PERIOD_BEFORE_RE.search(head)
        elif _FINANCIAL_YEAR_RE.fullmatch(span):
            m = SEASON_BEFORE_RE.search(head)
        elif span.isalpha():  # a month alone
            m = WEEK_BEFORE_RE.search(head) or EARLY_LATE_RE.search(head)
        else:
            m = None
        if m is not None:
            period = m.group()
            if period.lower().startswith(("the ", "by ")):
                period = period.split(" ", 1)[1]  # "the end of 2025" is named "end of 2025"
            start -= len(period)
        out.append((start, end, label, canonical, value))
    return _join_ranges(text, out)


def _join_ranges(text: str, found: list[Found]) -> list[Found]:
    """Join "April to September 2020", "2022 to 2023" (a financial year) and "Tuesday 25 to
    Thursday 27 July" into one date."""
    out: list[Found] = []
    for item in found:
        if out and _joinable(text, out[-1], item):
            first = out[-1]
            value = _range_value(first[4], item[4])
            out[-1] = (first[0], item[1], "DATE", value or text[first[0] : item[1]], value)
        elif out and (day := _weekday_range_day(text, out[-1], item)):
            first, last = out[-1], item[4]  # the first day, in the last day's month
            value = (
                f"{last[:8]}{int(day):02d}" if isinstance(last, str) and len(last) == 10 else None
            )
            out[-1] = (first[0], item[1], "DATE", value or text[first[0] : item[1]], value)
        else:
            out.append(item)
    return out


# Between "Tuesday" and "Thursday 27 July" in "Tuesday 25 to Thursday 27 July": the first day.
_WEEKDAY_RANGE_RE = re.compile(r" (\d{1,2})(?:st|nd|rd|th)? (?:to|-|–) \Z")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_range_day(text: str, first: Found, second: Found) -> str | None:
    """The first day of a range of weekdays with dates, "Tuesday 25 to Thursday 27 July"."""
    if text[first[0] : first[1]] not in _WEEKDAYS or not text.startswith(_WEEKDAYS, second[0]):
        return None
    m = _WEEKDAY_RANGE_RE.fullmatch(text, first[1], second[0])
    return m.group(1) if m else None


def _joinable(text: str, first: Found, second: Found) -> bool:
    if text[first[1] : second[0]] not in RANGE_JOINS:
        return False
    a, b = text[first[0] : first[1]], text[second[0] : second[1]]
    if _YEAR_RE.fullmatch(a) and _YEAR_RE.fullmatch(b):
        return int(b) == int(a) + 1 and text[first[1] : second[0]] == " to "
    # a month alone, then a month and its year: "April to September 2020" (not "and": "March
    # and August" are two months as often as one period)
    return a.isalpha() and a[0].isupper() and _is_month_value(first[4]) and _is_month(b)


def _is_month_value(value: float | str | None) -> bool:
    return isinstance(value, str) and _MONTH_VALUE_RE.fullmatch(value) is not None


def _is_month(span: str) -> bool:
    word = span.split()[0]
    return word.isalpha() and word[0].isupper() and not any(c.isdigit() for c in span[:3])


def _range_value(first: float | str | None, second: float | str | None) -> str | None:
    """The start of a range; a month alone takes the year of the range's end."""
    if not isinstance(first, str):
        return None
    if isinstance(second, str) and _MONTH_VALUE_RE.fullmatch(first) and len(second) >= 4:
        return f"{second[:4]}{first[4:]}"
    return first


def quarters(text: str) -> list[Found]:
    """ "Q3 2025": a quarter of a year; its value is the year."""
    if "Q" not in text:
        return []
    return [(m.start(), m.end(), "DATE", m.group(), m.group(2)) for m in QUARTER_RE.finditer(text)]


# Holidays news dates things by ("wards close before Christmas", "over Easter"), with the
# year when one follows ("until Easter 2021").
HOLIDAY_RE = re.compile(
    r"\b(?:Christmas(?: [Dd]ay| Eve)?|Boxing Day|New Year's Day|Easter(?: Sunday| Monday)?"
    r"|Good Friday)(?: (?:19|20)\d\d)?\b"
)


def holidays(text: str) -> list[Found]:
    """ "Christmas", "Easter Monday": a date by its name; no value (which year's is the
    reader's to judge: "since Christmas" in January is the last one)."""
    if (
        "Christmas" not in text
        and "Easter" not in text
        and " Day" not in text
        and "Good" not in text
    ):
        return []
    return [(m.start(), m.end(), "DATE", m.group(), None) for m in HOLIDAY_RE.finditer(text)]


def relative(text: str, ref: dt.date | None) -> list[Found]:
    """ "next week", "last month", "this week", resolved only against a digest's own date."""
    found: list[Found] = []
    if "week" not in text and "month" not in text:
        return found
    for m in RELATIVE_RE.finditer(text):
        value = _relative_value(m.group(1).lower(), m.group(2), ref)
        found.append((m.start(), m.end(), "DATE", value or m.group(), value))
    return found


def _relative_value(which: str, unit: str, ref: dt.date | None) -> str | None:
    if ref is None:
        return None
    shift = _SHIFT[which]
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
        return monday.isoformat()
    month = ref.month - 1 + shift
    return f"{ref.year + month // 12}-{month % 12 + 1:02d}"
