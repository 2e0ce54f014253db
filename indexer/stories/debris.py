"""Debris that is not news, found by how it sits in the digest rather than by its words.

- a line repeated on page after page is a running head or footer (text copied out of a PDF);
- a list whose entries come back later as headlines is a contents list ("In this issue");
- in a mailing-list digest, a message's header lines give its subject (the story's headline),
  and quoted replies, "... wrote:" lines and signatures are not the story.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

from indexer.reading.digest_dates import is_date_line
from indexer.reading.mail_marks import opens_with_greeting
from indexer.stories.boilerplate import holds_any

_DIGITS = re.compile(r"\d+")
# Running heads set their parts apart ("Briefing | No. 47 | Page 2"); headlines seldom do.
_RUNNING_SEPARATOR = re.compile(r"\s[|·•]\s")
# "LONDON, 3 March –", "Westminster Hall, 16 November -": where and when, before the story.
# "LEEDS, 3 May - ", "LONDON, AUG 17 (PRESSDESK) - ": a place, a date and a wire's name.
_DATELINE = re.compile(
    r"^[A-Z][\w’'.& -]{1,40},\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][A-Za-z]{2,8}|[A-Z][A-Za-z]{2,8}\.?\s+\d{1,2}"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"  # "WISBECH, 28/09/17 —"
    r"(?:,?\s+\d{4})?(?:\s+\([A-Z][\w .&/-]{1,30}\))?\s*(?:[–—]|--?)\s+(?=\S)"  # "--" for a dash
)
# A place alone in capitals, set off by a dash from the story's first sentence.
_PLACE_DATELINE = re.compile(
    r"^[A-Z][A-Z’'.&-]{2,}(?: [A-Z][A-Z’'.&-]+){0,2} (?:[–—]|--?) (?=[A-Z0-9“\"‘])"
)
# A dateline set on its own ("CARDIFF, 6 November –", "EDINBURGH –"): a page styles it apart.
_DATELINE_ALONE = re.compile(
    r"^[A-Z][A-Z’'.& -]{1,40}"
    r"(?:,\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\s+\d{1,2})"
    r"(?:,?\s+\d{4})?)?\s*(?:[–—]|--?)$"
)
_KEY_DROP = re.compile(r"[^\w\s]")
# Contents entries carry what their headline does not: a number, dot leaders, a page number,
# a poster's name in brackets ("1. Re: Pay award (Jane Smith)").
_ENTRY_NUMBER = re.compile(r"^\s*(?:\d{1,3}[.):]?|[ivx]{1,5}[.)])\s+", re.I)
_ENTRY_TAIL = re.compile(
    r"(?:\s*\.{2,}\s*|\s+)(?:p\.?\s*|page\s+)?\d{1,3}\s*$|\s*\([^()]{1,60}\)\s*$", re.I
)
RUNNING_REPEATS = 3
_PAGE_APART = 3  # lines from one occurrence of a running head to the next, at least
_RUNNING_WORDS = 14
_MIN_KEY = 12  # a contents entry cut shorter than this cannot be matched by its start

MAIL_HEADER = re.compile(
    r"^(?P<name>from|date|sent|subject|to|cc|message-id|message|reply-to|topic)\s*:\s*(?P<value>.*)$",
    re.I,
)


def running_key(text: str) -> str:
    """A line with its numbers masked: page heads and footers differ only in the page number."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


# A sum, a share or a count with its unit, alone on its line ("£#.#bn", "#.#%", "# million").
_FIGURE_KEY = re.compile(
    r"^[£$€]#(?:[.,]#)*\s?(?:bn|m|k|million|billion)?$"
    r"|^#(?:[.,]#)*\s?(?:%|per cent|bn|million|billion|thousand)$"
)


def running_lines(lines: Iterable[tuple[str, int]]) -> frozenset[str]:
    """Keys of short lines that repeat page after page (running heads and footers): three
    times, or twice with a number that changes (the page number) or set apart by bars.

    `lines` are (text, line number): repeats on neighbouring lines are a list ("Phase 1 opens
    in 2026", "Phase 2 ..."), not a page apart.
    """
    counts: Counter[str] = Counter()
    variants: dict[str, set[str]] = {}
    places: dict[str, list[int]] = {}
    for text, number in lines:
        if text.count(" ") < _RUNNING_WORDS:
            key = running_key(text)
            counts[key] += 1
            variants.setdefault(key, set()).add(text)
            places.setdefault(key, []).append(number)
    running = set()
    for key, count in counts.items():
        if count < 2 or _FIGURE_KEY.match(key):
            continue  # ("£11.6bn" over its text, "70.3%": a figure of the week, not a page's)
        # The page number changes (not only the case: "From the Chair" in the contents list
        # and "FROM THE CHAIR" over the piece are one heading twice, no running head).
        numbered = len({text.casefold() for text in variants[key]}) > 1
        if count < RUNNING_REPEATS and not numbered and not _RUNNING_SEPARATOR.search(key):
            continue
        spread = places[key]
        if min(b - a for a, b in itertools.pairwise(spread)) >= _PAGE_APART:
            running.add(key)
    return frozenset(running)


# "DERBY TELEGRAPH – Headline – 13 March 2024": a press cutting's source and date.
_CUTTING_SOURCE = re.compile(r"^[A-Z][A-Z0-9 &'’.]{1,40}\s[–—]\s(?=\S)")
# "THE TIMES (p.14) - Headline": a source in capitals, a page perhaps, and a dash or hyphen.
_SOURCE_BEFORE = re.compile(r"^[A-Z][A-Z0-9 &'’.]{1,40}(?:\s\([^()]{1,12}\))?\s[–—-]\s(?=\S)")
CUTTING_SOURCES = 2  # headlines with a source before them, to show the digest sets them so
# "Stroud News & Journal, 9 August 2023 – ", "The Guardian (online), 10 August 2023 - ".
_DATED_SOURCE = re.compile(r"^[A-Z][^,–—]{1,60}?,\s+([^,–—]{4,30}?)\s[–—-]\s(?=\S)")


def cutting_source(headline: str) -> int:
    """Where the headline starts after a press cutting's source in capitals ("HSJ - ") or with
    its date ("Gloucestershire Live, 7 August 2023 – "), or 0."""
    if headline[:1].isupper() and (dated := _DATED_SOURCE.match(headline)) is not None:
        rest = headline[dated.end() :]
        if is_date_line(dated.group(1)) and rest.count(" ") >= 2:
            return dated.end()
    match = _SOURCE_BEFORE.match(headline)
    rest = headline[match.end() :] if match is not None else ""
    if rest.count(" ") < 2 or rest.isupper():
        return 0  # ("PAY DEAL - HAVE YOUR SAY": one headline in capitals)
    return match.end() if match is not None else 0


_TRAILING_PART = re.compile(r"\s[–—|]\s(?P<rest>[^–—|]{4,40})$")


# What numbers or labels an item rather than names it: "ITEM 4. GP Forward View" (minutes),
# "1a. Home dialysis waits" (a list digest's topic and post), "Q. Is the surgery closing?".
_ITEM_LABEL = re.compile(
    r"^(?:(?:agenda\s+)?item\s+\d{1,2}[a-z]?\s?[.:)]?|\d{1,2}[a-z][.)]|Q\d{0,2}\s?[.:)](?=.*\?$)"
    r"|\[(?:\d{1,2}:)?\d{1,2}:\d\d\])"  # a podcast's chapter mark: "[11:45] INTERVIEW"
    r"\s+(?=\S)",
    re.I,
)


# Arrows, geometric shapes, stars and ticks set before an item as bullets are.
_MARKER = re.compile(r"^[\u2190-\u21ff\u25a0-\u25ff\u2794-\u27bf\u2605\u2606\u2713\u2714]+\s+")


def strip_item_label(headline: str) -> str:
    """A headline without the item number, question label or bullet-like symbol it is set
    under ("▶ Health and Care Bill clears committee"; an emoji that says something stays)."""
    headline = _MARKER.sub("", headline, count=1) or headline
    match = _ITEM_LABEL.match(headline)
    return headline[match.end() :] if match is not None else headline


def trim_headline(text: str, is_dated: Callable[[str], bool]) -> str:
    """A headline without the source in capitals before it and the date after it that press
    cuttings and listings add ("THE TIMES – Headline – 14 March 2024")."""
    tail = _TRAILING_PART.search(text)
    if tail is None or not is_dated(tail.group("rest")) or ": " in tail.group("rest"):
        return text  # ("v2.5.0 – 18 February 2021: 104-week tracker": the date heads a title)
    text = text[: tail.start()]
    # The source in capitals is taken off only where a date shows the line is a cutting's.
    if (head := _CUTTING_SOURCE.match(text)) is not None and text[head.end() :].count(" ") >= 2:
        text = text[head.end() :]
    return text


# "Tuesday 20 October", "Evidence session, Thursday 22 October", "Friday 20 January (published)":
# when a sitting, session or item happened, set on a line under its headline.
_DATED_DETAIL = re.compile(
    r"""^(?:[A-Z][\w'’ -]{0,30},\s*)?
    (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?
    (?:\d{1,2}(?:st|nd|rd|th)?\s*(?:and|&|-|–|to)\s*)?  # "19 and 21 October 2020"
    \d{1,2}(?:st|nd|rd|th)?\s+
    (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?
    (?:\s*\([\w ]{1,20}\))?$""",
    re.I | re.X,
)


def is_dated_detail(text: str) -> bool:
    """A short line that says when the story above it happened: a date, with a label
    ("Report stage, Monday 19 October") or a note in brackets at most."""
    return len(text) < 60 and _DATED_DETAIL.match(text.strip()) is not None


def is_dateline(text: str) -> bool:
    """A line that is only a dateline ("CARDIFF, 6 November –")."""
    return len(text) < 70 and _DATELINE_ALONE.match(text) is not None


# "Summary: Our survey of 2,480 NHS staff ...": a label over a story's first words.
_OPENING_LABEL = re.compile(
    r"^(?:summary|abstract|in\ brief|synopsis)\s?[:–—]\s+(?=[A-Z0-9“\"‘])", re.I
)


def strip_opening_label(text: str) -> str:
    """A story's first paragraph without a label over its words ("Summary: ...")."""
    return _OPENING_LABEL.sub("", text, count=1) if text[:1] in "SsAaIi" else text


def strip_dateline(text: str) -> str:
    """A story's first line without the dateline it opens with ("LEEDS, 3 May - ", and a
    place alone in capitals: "BARNSLEY — ")."""
    match = _DATELINE.match(text) if "," in text[:45] else None
    if match is None and text[:2].isupper():
        match = _PLACE_DATELINE.match(text)
    return text[match.end() :] if match is not None else text


@functools.lru_cache(maxsize=4096)
def entry_key(text: str) -> str:
    """What a contents entry and its headline have in common, for matching one to the other."""
    text = _ENTRY_NUMBER.sub("", text)
    text = _ENTRY_TAIL.sub("", text)
    text = unicodedata.normalize("NFKC", text).lower()
    text = _KEY_DROP.sub(" ", text)
    return " ".join(text.split())


class Headlines:
    """Headlines indexed by their entry keys, each with where it stands (a story's or a
    block's number), so that matching an entry costs a few lookups, not a pass over them all
    (a digest of thousands of stories would take minutes)."""

    def __init__(self, headlines: Iterable[tuple[str, int]]) -> None:
        self._last: dict[str, int] = {}  # key -> the furthest place it stands
        for headline, place in headlines:
            key = entry_key(headline)
            if key and place > self._last.get(key, -1):
                self._last[key] = place
        self._keys = sorted(self._last)
        # The lengths a headline's key has: an entry's key is cut only there, so one long
        # line costs a few cuts, not one a character (a 5 MB line took minutes).
        self._lengths = sorted({len(key) for key in self._last if len(key) >= _MIN_KEY})

    def named_by(self, entry: str, after: int = -1) -> bool:
        """Does `entry` name a headline standing after `after` (whole, or cut short by a
        list: one key a prefix of the other, both at least `_MIN_KEY` long)?"""
        key = entry_key(entry)
        if not key:
            return False
        if self._last.get(key, -1) > after:
            return True
        if len(key) < _MIN_KEY:
            return False
        for cut in self._lengths:  # a headline the entry runs on from
            if cut >= len(key):
                break
            if self._last.get(key[:cut], -1) > after:
                return True
        start = bisect.bisect_left(self._keys, key)  # headlines the entry cuts short
        for other in itertools.islice(self._keys, start, None):
            if not other.startswith(key):
                break
            if self._last[other] > after:
                return True
        return False


def repeats_headline(entry: str, headlines: Iterable[str]) -> bool:
    """Does a contents entry name one of the headlines (whole, or cut short by the list)?"""
    return Headlines((headline, 0) for headline in headlines).named_by(entry)


_WEEKDAY = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_EVENT_START = re.compile(
    rf"^(?:{_WEEKDAY}\b|\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?(?:st|nd|rd|th)?\s+{_MONTH}\b"
    rf"|{_MONTH}\s+\d{{1,2}}\b"
    r"|\d{1,2}(?:[:.][0-5]\d)?\s*(?:am|pm)\b|\d{1,2}[:.][0-5]\d\b)",
    re.I,
)
_EVENT_WORDS = 30
_WORDS_PER_CLOCK = 12
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.][0-5]\d)?\s*(?:am|pm)\b|\b\d{1,2}[:.][0-5]\d\b", re.I)
_DAY_OF_MONTH = re.compile(
    rf"\b(?:{_WEEKDAY}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b",
    re.I,
)


# What an invitation to an event asks of the reader.
_BOOKING = re.compile(
    r"\b(?:book\ (?:(?:your|a)\ (?:free\ )?(?:place|seat|space|ticket|spot)|now|here|online|via"
    r"|through|at)|(?<!-)(?<!desk\ )(?<!room\ )"  # (a desk's or a room's booking: no event)
    r"booking(?!\ (?:system|systems|team|office|data|rules|app)\b)"
    r"|register\ (?:now|here|"
    r"online|at|via|your)|registration\ (?:is\ )?(?:now\ )?(?:open|opens|closes|link|form)|"
    r"places\ are\ (?:limited|free)|early[- ]bird|tickets?\b|"
    r"free\ to\ attend|sign\ up\ (?:now|here|at)|rsvp|join\ us\ (?:at|on|for))",
    re.I | re.X,
)
# One of these is in every match of `_BOOKING` (lower-cased): a cheap test before it.
_BOOKING_WORDS = (
    "book",
    "regist",
    "places are",
    "early",
    "ticket",
    "free to attend",
    "sign up",
    "rsvp",
    "join us",
)
_NOTICE_WORDS = 60


def is_event_notice(text: str) -> bool:
    """A short piece that invites the reader to an event: a date (and place) in its opening
    and booking words ("Places are limited", "Early-bird rate ends", "Book through ...").
    A piece that reports a share ("71% were able to return to work") is news of a service
    that can be booked, not an invitation."""
    if text.count(" ") >= _NOTICE_WORDS or not holds_any(text, _BOOKING_WORDS):
        return False
    if "%" in text or " per cent" in text:
        return False
    if _BOOKING.search(text) is None:
        return False
    opening = text[:80]
    return _DAY_OF_MONTH.search(opening) is not None or _EVENT_START.match(text) is not None


# "Falls prevention training: 5 November, online", "Budget day - Wednesday 11 March 2020".
_LABELLED_DATE = re.compile(
    rf"(?::|,|\s[–—·|-])\s+(?:{_WEEKDAY}\s+)?\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?(?:st|nd|rd|th)?\s+{_MONTH}\b",
    re.I,
)


def is_dated_entry(line: str, *, timed: bool = False) -> bool:
    """A short entry of a diary: a name, then a colon or dash and the day it happens (and,
    if `timed`, the hour)."""
    if line.count(" ") >= _EVENT_WORDS or _LABELLED_DATE.search(line) is None:
        return False
    return not timed or _CLOCK.search(line) is not None


_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘\"'])")


def opens_with_event(text: str) -> bool:
    """Text whose first sentence is a day, a date and an hour ("Saturday 14 March 2026,
    11am-1pm, online. Hear from ..."): the notice of an event, not a news story."""
    first = _FIRST_SENTENCE.split(text, maxsplit=1)[0]
    return (
        first.count(" ") < _EVENT_WORDS
        and _EVENT_START.match(first) is not None
        and _CLOCK.search(first) is not None
        and _OUTAGE.search(first) is None
    )


# A service stopping for a while is news of the service, not an event to attend.
_OUTAGE = re.compile(
    r"\b(?:unavailable|offline|out\ of\ (?:action|service)|down\ for|maintenance|outage"
    r"|will\ (?:close|shut))\b",
    re.I | re.X,
)


def _dated_rows(table: str) -> bool:
    """A table read as one line ("Date | Meeting; 13 March | Board; 10 April | Forum."), most
    of whose rows open with a date: a list of dates to come."""
    rows = [row.strip() for row in table.rstrip(".").split("; ")]
    dated = sum(_EVENT_START.match(row) is not None for row in rows)
    return dated >= 2 and dated * 2 >= len(rows)


def is_event(line: str, *, in_list: bool = False) -> bool:
    """A line that lists events: short and opening with a day, date or time (in a list of
    such lines, a day and a clock time anywhere will do), or dense with clock times."""
    text = line.strip().strip("|").strip()  # "| 28 May | Webinar, 7.30pm |": a table's row
    if " | " in text and "; " in text and _dated_rows(text):
        return True
    timed = _DIGITS.search(text) is not None  # no clock time without a digit: a quick scan
    if timed and _OUTAGE.search(text) is not None:
        return False  # "the patient record will be unavailable from 1am to 4am on Sunday"
    clocks = len(_CLOCK.findall(text)) if timed else 0
    if clocks >= 2 and len(_DAY_OF_MONTH.findall(text)) >= 2:
        return text.count(" ") < _WORDS_PER_CLOCK * clocks  # a listing, not prose with hours in it
    if text.count(" ") >= _EVENT_WORDS:
        return False
    if _EVENT_START.match(text) is not None:
        return True
    return (
        in_list
        and timed
        and _CLOCK.search(text) is not None
        and _DAY_OF_MONTH.search(text) is not None
    )


_MAIL_CHROME = re.compile(
    r"^(?:sent\ from\ my\ [\w\ ]{2,30}|get\ outlook\ for\ \w+|sent\ from\ (?:mail|outlook)"
    r"\ for\ \w+)\W*(?:<https?://[^>\s]*>\W*)?$",  # (the link Outlook puts after it)
    re.I | re.X,
)


def is_mail_chrome(raw: str) -> bool:
    """What a mail program adds under a message ("Sent from my iPhone")."""
    line = raw.strip()
    return line[:4].lower() in ("sent", "get ") and _MAIL_CHROME.match(line) is not None


# What job adverts say and news does not: closing dates, salaries by the session or year, bands.
_JOB_CUES = re.compile(
    r"\b(?:closing\ date|clos(?:es|ing)\ (?:on\ )?\d|apply\ (?:now|by|online|here|today)"
    r"|per\ session"
    r"|sessions?\ a\ week|per\ annum|p\.a\.|pro\ rata|salary(?!-)|salaried"
    r"|band\ [5-9][a-d]?\b|vsm\b"
    r"|(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\ sessions\b"
    r"|full[- ]time|part[- ]time|fixed[- ]term|permanent\ post|hybrid\ working|/hybrid"
    r"|apply\W*$)"
    r"|£\d[\d,.]*k?\ ?(?:-|–|to)\ ?£\d[\d,.]*k?\b(?!\ (?:a|per)\ month)",  # a salary's range
    re.I,
)
# One of these alone marks a vacancy; the others need a second cue.
# A substring of every cue `_JOB_CUES` can match.
_JOB_HINTS = (
    "clos",
    "apply",
    "session",
    "annum",
    "p.a.",
    "rata",
    "salar",
    "band",
    "vsm",
    "time",
    "term",
    "permanent",
    "hybrid",
    "£",
)
# One of these is in every match of `_JOB_CUES` (lower-cased; see `holds_any`).
_CUE_WORDS = (
    "closing",
    "closes",
    "apply",
    "session",
    "annum",
    "p.a.",
    "pro rata",
    "salar",
    "band ",
    "vsm",
    "full-time",
    "full time",
    "part-time",
    "part time",
    "fixed-term",
    "fixed term",
    "permanent post",
    "hybrid",
    "£",
)
_FUNDING = re.compile(r"£\d[\d,.]*\s?(?:m|bn|million|billion)\b", re.I)
_BAND = re.compile(r"\bband\ [5-9][a-d]?\b", re.I)
_LISTINGS_APART = re.compile(r"\s[·•|]\s")
# What else closes on a date in the news: not a vacancy.
_CLOSES_TOO = re.compile(
    r"\b(?:consultation|survey|inquiry|ballot|call\ for\ evidence|petition|vote|nominations"
    r"|bids|grants?|fund|competition|review|engagement|fellowships?|scholarships?|bursary"
    r"|bursaries|awards?|prizes?)\b",
    re.I | re.X,
)
_PAY = {"session", "annum", "p.a.", "rata", "salar", "band", "vsm"}  # hints of a post's pay
_STRONG_JOB_CUES = ("closing date", "per session", "per annum", "pro rata")
_JOB_WORDS = 45
_LISTING_WORDS = 15
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
# A page number that opens or closes its line ("Page 2 of 3", "... | page 4", "3 of 8").
_PAGE_MARK = re.compile(
    # (not a cross-reference at the end of a sentence: "... of the Year (see page 3).")
    r"^\W*page\s+\d{1,3}(?:\s+of\s+\d{1,3})?\b"
    r"|(?<!see )(?<!on )(?<!to )(?<!at )(?<!in )\bpage\s+\d{1,3}(?:\s+of\s+\d{1,3})?\W*$"
    r"|^\d{1,3}\s+of\s+\d{1,3}$",
    re.I,
)
_PAGE_MARK_WORDS = 16
_DIGIT_RUN = re.compile(r"\d{3}")  # a telephone number has runs of three digits or more


def is_job_advert(headline: str | None, body: str) -> bool:
    """A short item that reads as a vacancy: a salary, a closing date, sessions, a band."""
    text = f"{headline or ''} {body}"
    if text.count(" ") >= _JOB_WORDS or opens_with_greeting(body):
        return False  # "Hi everyone, we are job-sharing two band 7 posts": a post to a list
    lower = text.lower()
    if not any(hint in lower for hint in _JOB_HINTS):
        return False  # none of the cues can match: spare the regex
    if "£" in text and _FUNDING.search(text) is not None:
        return False  # millions are a budget, not a salary: news of funding with a deadline
    cues = (
        {match.group().lower().strip() for match in _JOB_CUES.finditer(text)}
        if holds_any(text, _CUE_WORDS)  # narrower than the hints: most "time" is not full-time
        else set()
    )
    # Two cues of one kind ("from band 5 to band 6") are one cue: news of pay says as much.
    kinds = {next((hint for hint in _JOB_HINTS if hint in cue), cue) for cue in cues}
    if _CLOSES_TOO.search(text) is not None and not kinds & _PAY:
        return False  # "applications for the fellowships ... the closing date is 30 June"
    if len(kinds) >= 2 or any(cue.startswith(_STRONG_JOB_CUES) for cue in cues):
        return True
    # A job title over its closing date ("Deputy Chief Nurse, Royal Cornwall ... Closes 6 June.")
    if text.count(" ") < _LISTING_WORDS and any(cue.startswith("closes") for cue in cues):
        return _CLOSES_TOO.search(text) is None  # "the consultation closes on 20 September"
    # A short listing naming a pay band ("Advanced nurse practitioner - Ealing - Band 8a"), or
    # a line of such listings ("Band 7 SLT, Cardiff · Band 6 SLT, Sheffield · More vacancies").
    return any(
        part.count(" ") < _LISTING_WORDS and _BAND.search(part) is not None
        for part in _LISTINGS_APART.split(text)
    )


# The small print of a commercial offer: an advert, whatever the label above it says.
_OFFER_TERMS = re.compile(r"\b(?:T\s?&\s?Cs?|terms(?:\ and\ conditions)?)\ apply\b", re.I)
_OFFER_WORDS = 60


def is_offer(text: str) -> bool:
    """A short piece that closes with an offer's small print ("T&Cs apply")."""
    if text.count(" ") >= _OFFER_WORDS or "apply" not in text.lower():
        return False  # the small print always says "apply": spare the regex
    return _OFFER_TERMS.search(text) is not None


def has_contact(text: str) -> bool:
    """An e-mail address or telephone number: contact details, never a headline."""
    # Each pattern only where its cheap sign is: "@" for an address, a run of digits for a
    # number (the address pattern, tried at every word, is slow on long text).
    if "@" in text and _EMAIL.search(text) is not None:
        return True
    return _DIGIT_RUN.search(text) is not None and _PHONE.search(text) is not None


def is_page_mark(text: str) -> bool:
    """A page number line of text copied out of a PDF ("Page 2 of 3", a footer naming it)."""
    if text.count(" ") >= _PAGE_MARK_WORDS:
        return False
    # Every mark says "page" or opens with a digit: most lines skip the regex.
    if not text[:1].isdecimal() and "page" not in text.lower():
        return False
    return _PAGE_MARK.search(text) is not None


_ANY_HEADER = re.compile(r"^(?P<name>[A-Za-z][A-Za-z-]{1,30}):\s*(?P<value>.*)$")


def mail_header(line: str, in_headers: bool = False) -> tuple[str, str] | None:
    """(name, value) of a message header line inside a digest's text ("Subject: ...").

    A run of headers starts with one that mail always has; inside a run, any header counts.
    """
    if ":" not in line[:32]:
        return None
    match = (_ANY_HEADER if in_headers else MAIL_HEADER).match(line.strip())
    if match is None:
        return None
    return match.group("name").lower(), match.group("value").strip()


# A chat post's author and time ("Kiran Bhatt   01/10/2024 08:52", "Ann Lee - Today at 9:05 AM"):
# a clock time always, as chat programs show it.
_POST_HEADER = re.compile(
    r"""^\s*\[(?:\d{1,2}/\d{1,2}/\d{2,4},?\ )?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?\]
      \ (?-i:(?![A-Z'’.\ -]+\s*$))  # a name, not a title in capitals ("[02:10] NEWS IN BRIEF")
      [A-Z][\w'’.-]+(?:\ [A-Z][\w'’.-]+){0,3}\s*$  # "[08/11/2023 08:41] Hannah Okafor"
    | ^\s*[A-Z][\w'’.-]+(?:\ [A-Z][\w'’.-]+){1,3}(?:\s{2,}|\s+[-–|•·]\s+)
    (?:(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\ [A-Z][a-z]{2,8}(?:\ \d{4})?|today|yesterday)
       ,?\s+(?:at\s+)?)?
    \d{1,2}:\d{2}(?:\s?[ap]m)?
    (?:\s+\(edited\))?\s*$""",
    re.I | re.X,
)
# A chat post's reactions: emoji and counts, "💬 3 replies".
_REACTIONS = re.compile(r"^[^\w\s]+\s*\d+(?:\s+[^\w\s]+\s*\d+(?:\s+repl(?:y|ies))?)*\s*$")


def is_post_header(raw: str) -> bool:
    """A chat export's line giving a post's author and time, over its text."""
    return ":" in raw and _POST_HEADER.match(raw) is not None  # its clock time has a colon


def is_reactions(raw: str) -> bool:
    """A line of emoji reactions with their counts under a chat post (or Slack's ":eyes: 3"
    short codes for them), or the count of replies under it ("↳ 4 replies")."""
    line = raw.strip()
    if line[:1] == ":" and _SHORTCODE_REACTIONS.match(line) is not None:
        return True
    if "repl" in line and _REPLY_COUNT.match(line) is not None:
        return True
    return (
        bool(line)
        and not line[0].isalnum()
        and ord(line[0]) > 0x2000
        and (_REACTIONS.match(line) is not None)
    )


_SHORTCODE_REACTIONS = re.compile(r"^(?::[a-z0-9_+-]{1,30}:\s*\d+\s*)+$")
_REPLY_COUNT = re.compile(r"^\W{0,3}\d+\s+repl(?:y|ies)\W*$", re.I)
# A message of a chat inlined in an export: "[12:20] Sam Whitlock: The CSU bit is huge".
_CHAT_MESSAGE = re.compile(
    r"^\s*\[(?:\d{1,2}/\d{1,2}/\d{2,4},?\ )?\d{1,2}:\d{2}(?:\s?[ap]m)?\]\s+"
    r"(?![A-Z'’.\ -]+:)"  # a name, not a label in capitals ("[11:45] INTERVIEW: ...")
    r"[A-Z][\w'’.-]+(?:\ [A-Z][\w'’.-]+){0,3}:\s+\S",
    re.X,
)


def is_chat_message(raw: str) -> bool:
    """A chat message inlined in an export with its time and author: talk, not news."""
    return raw.lstrip()[:1] == "[" and _CHAT_MESSAGE.match(raw) is not None
