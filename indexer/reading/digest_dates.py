"""Dates written in digests and file names, so a digest without a Date header still gets its day.

Digests are British, so an ambiguous numeric date such as 03/04/2024 is read day first.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"

_PATTERNS = (
    # 2024-02-20
    re.compile(r"(?<!\d)" + _YEAR + r"-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    # Tuesday 20th February 2024, 20 Feb 2024, 20th of February, 2024
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
    # February 20, 2024 / Feb 20th 2024
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),
    # 20/02/2024, 20.02.2024 (day first)
    re.compile(
        r"(?<![\d/.])" + r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.]" + _YEAR + r"(?![\d/])"
    ),
)

_NAME_PATTERNS = (
    re.compile(r"(?<!\d)" + _YEAR + r"[-_.](?P<month>\d\d)[-_.](?P<day>\d\d)(?!\d)"),
    re.compile(r"(?<![0-9A-Za-z])" + _YEAR + r"(?P<month>\d\d)(?P<day>\d\d)(?![0-9A-Za-z])"),
)

# A line that is nothing but a date (with weekday, time or a "Published" label) is not a story.
_DATE_LINE_REST = re.compile(
    r"^(?:(?:published|updated|posted|sent|date|issue|edition|week\s+(?:ending|beginning|of)|w/[ce])"
    r"\s*(?:no\.?\s*)?(?:\d{1,4}\s*[,|–—-]?\s*)?(?:on)?\s*:?\s*)?"
    + r"(?:"
    + _WEEKDAY
    + r")?[\s,|–—-]*(?:\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:am|pm)?(?:\s*[A-Z]{2,4})?)?[\s,|–—-]*$",
    re.I,
)

_MONTH_YEAR = re.compile(
    r"^(?:(?:issue|edition|no\.?|vol\.?)\s*:?\s*\d{0,4}\s*[·|,–—-]?\s*)?"
    + _MONTH
    + r",?\s+"
    + _YEAR
    + r"$",
    re.I,
)
# An issue dated by its season: "Autumn 2021 (No. 11)", "Spring 2022 | Issue 4", "Winter
# 2019/20", "Issue 4 - Summer 2023".
_ISSUE_TAG = r"(?:issue|edition|no\.?|number|vol\.?|volume)\s*:?\s*\d{1,4}"
_SEASON_YEAR = re.compile(
    rf"^(?:{_ISSUE_TAG}\s*[·|,–—-]\s*)?(?:spring|summer|autumn|fall|winter)\s+"
    + _YEAR
    + rf"(?:\s*/\s*\d{{2,4}})?(?:\s*(?:\(\s*{_ISSUE_TAG}\s*\)|[·|,–—-]\s*{_ISSUE_TAG}))?$",
    re.I,
)
_SCAN_LINES = 10
_SCAN_CHARS = 300
# A digest's own date sits on a short line (a dateline, a masthead); a date inside a long
# paragraph is usually the date of an event in the news.
_DATELINE_CHARS = 120


def _may_hold_date(text: str) -> bool:
    """Every pattern in `_PATTERNS` needs a year starting 19 or 20: a fast test before them."""
    return "20" in text or "19" in text


def _make(match: re.Match[str]) -> dt.date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower().rstrip(".")]
    try:
        return dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None


def find_date(text: str) -> dt.date | None:
    """The first date written in one piece of text (a line, a header value)."""
    text = text[:_SCAN_CHARS]
    if not _may_hold_date(text):
        return None
    best: tuple[int, dt.date] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            day = _make(match)
            if day is not None and (best is None or match.start() < best[0]):
                best = (match.start(), day)
                break
    return best[1] if best else None


def date_in_text(text: str) -> dt.date | None:
    """A date written near the top of a digest (its first few non-empty lines)."""
    seen = 0
    start = 0
    while seen < _SCAN_LINES and start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start:end]
        start = end + 1
        if not line.strip():
            continue
        seen += 1
        if len(line) > _DATELINE_CHARS or not _may_hold_date(line):
            continue
        day = find_date(line)
        if day is not None:
            return day
    return None


def date_in_name(name: str) -> dt.date | None:
    """A date in a file name such as `hsj-2024-02-20.txt` or `20240220_daily.eml`."""
    for pattern in _NAME_PATTERNS:
        for match in pattern.finditer(name):
            day = _make(match)
            if day is not None:
                return day
    return None


def is_date_line(line: str) -> bool:
    """True for a line that only states a date, e.g. `Tuesday 20th February 2024`, `June 2018`."""
    if len(line) > 80 or not _may_hold_date(line):
        return False
    if _MONTH_YEAR.match(line.strip()) is not None or _SEASON_YEAR.match(line.strip()):
        return True
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if match is not None:
            rest = line[: match.start()] + " " + line[match.end() :]
            return _DATE_LINE_REST.match(rest.strip()) is not None
    return False


_META_LABELS = frozenset(
    [
        "announced",
        "answered",
        "published",
        "updated",
        "posted",
        "issued",
        "laid",
        "tabled",
        "date",
        "effective",
        "closes",
        "deadline",
        "released",  # a podcast episode's: "Released Thursday 18 May 2023 · 48 min"
        "recorded",
        "broadcast",
    ]
)


# Labels that name a date only with their colon: "Withdrawn with effect from: 17 May 2023"
# (not "From 1 April 2024 the tariff changes").
_COLON_LABELS = _META_LABELS | {"from"}
_META_PARTS = re.compile(r"\s*[|,·•]\s*")
_DAY_NAMES = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)


def is_dated_meta(line: str) -> bool:
    """A story's metadata line: where and when ("Westminster Hall | Tuesday 23 January 2018,
    9.30am", "HL4521 | Answered 22 January 2018", "Announced Tuesday 23 January 2018")."""
    if len(line) > 90 or not _may_hold_date(line):
        return False
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if match is None:
            continue
        rest = pattern.sub(" ", line)  # "UIN 104522, tabled 19 January, answered 26 January"
        parts = [part.split() for part in _META_PARTS.split(rest)]
        words = [word for part in parts for word in part if word.lower() not in _DAY_NAMES]
        labels = [bool(part) and part[0].lower().strip(":") in _META_LABELS for part in parts]
        # labelled first ("Announced ..."), or a reference first ("UIN 104522, tabled ..."), or
        # a field among a badge's words ("Action needed Effective: 14 September 2021")
        labelled = (
            labels[0]
            or (any(labels) and any(ch.isdigit() for ch in "".join(parts[0])))
            or any(w.endswith(":") and w[:-1].lower() in _COLON_LABELS for w in words)
        )
        # ("Helen Marsh · 11 March 2019": a writer and a day, split by a bar or a dot)
        return len(words) <= 6 and (" | " in line or " · " in line or " • " in line or labelled)
    return False


_MASTHEAD_SEPARATORS = "-–—|·•:,/"
# An issue's number beside its date marks the line as the issue's, whatever its words.
_ISSUE_NUMBER = re.compile(
    r"\b(?:no\.?|issue|vol(?:ume|\.)?|edition|number|bulletin|#)\s?\d{1,4}\b", re.I
)


_WEEK_OF = re.compile(r"(?i)(?:^|\b)(?:week\ (?:ending|commencing|beginning|of)|w/[ce])$", re.X)


def holds_issue_number(line: str) -> bool:
    """ "Issue 46", "No. 112", "Vol. 3": the line names an issue, not a story."""
    return _ISSUE_NUMBER.search(line) is not None


def is_dated_masthead(line: str) -> bool:
    """A newsletter's name and its date on one line ("Health Policy Insight — 4 March 2025").

    Headlines seldom end (or start) with a full date set off by a dash or a bar; mastheads do.
    """
    if len(line) > 90 or not _may_hold_date(line):
        return False
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if match is None:
            continue
        rest = f"{line[: match.start()]} {line[match.end() :]}"
        if _ISSUE_NUMBER.search(rest) is not None and (
            any(c in rest for c in "|·•—–") or " . " in rest  # ("Issue 212 . Friday 2 May")
        ):
            return True  # "Weekly intelligence from X · No. 58 · 16 November 2023"
        before, after = line[: match.start()].rstrip(), line[match.end() :].strip()
        before = re.sub(r"(?i)\b" + _WEEKDAY + r"$", "", before).rstrip()
        before = _WEEK_OF.sub("", before).rstrip()  # "Week ending Friday 6 July 2018 · From X"
        if after and before:
            return False
        name, gap = (before, before[-1:]) if before else (after, after[:1])
        return bool(name) and gap in _MASTHEAD_SEPARATORS and name.count(" ") < 8
    return False
