"""Dates of an event listing left in a story's text: "Branch AGM - Thursday 1 December, 5.30pm,
Education Centre", "Next meeting: 9 November, 10am, Rheged Centre".

Why: the splitter drops diaries and event listings as no story, but a line of one can stay in a
story's text; its date says when the listed event is, not what the story reports. A date in the
story's own sentence takes a preposition ("a webinar on 19 March at 1pm", "from 5 March, 1pm")
and stays.
"""

from __future__ import annotations

import re

from indexer.entities.quantities import Found

# ", 2pm", ", 10.00am", ", 10am-12pm" right after the date.
_TIME_AFTER = re.compile(r", \d{1,2}(?:[.:]\d\d)?\s?[ap]m\b", re.I)
# Where it is, after a date set off from the event's name: "Trainees' day - 14 May, Glasgow",
# "Alliance conference, 15 March 2018, Huddersfield Town Hall", "Workshop - 22 June, online".
_VENUE_AFTER = re.compile(r", (?:[A-Z]|online\b)")
_SET_OFF_BEFORE = re.compile(r"(?:[,:]| [-–—]) $")
_PREPOSITIONS = frozenset(("on", "from", "to", "until", "till", "by", "before", "after", "and"))


def is_listed_date(text: str, start: int, end: int) -> bool:
    """Is the date at text[start:end] an event listing's: a time after it set off by a comma,
    and no preposition before it; or set off from the event's name before it and its venue
    after it?"""
    before = text[max(0, start - 12) : start]
    if _TIME_AFTER.match(text, end) is not None:
        words = before.split()
        return not words or words[-1].lower() not in _PREPOSITIONS
    return _VENUE_AFTER.match(text, end) is not None and _SET_OFF_BEFORE.search(before) is not None


def without_listed_dates(text: str, found: list[Found]) -> list[Found]:
    """The quantities found in `text` but a listing's dates (and the weekday or month inside
    one: "Tuesday" of "Tuesday 4 March 2025, 2pm")."""
    listed = [(s, e) for s, e, label, *_ in found if label == "DATE" and is_listed_date(text, s, e)]
    if not listed:
        return found
    return [
        q for q in found if q[2] != "DATE" or not any(a <= q[0] and q[1] <= b for a, b in listed)
    ]
