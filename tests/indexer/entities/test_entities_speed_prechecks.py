"""The shortcuts that make entity extraction fast must never change what it finds.

Each cheap test in entities.quantities and the gazetteer's last-word filter stands in front of a
slower exact one; these tests run both on awkward text and require the same answer, so a pattern
edited without its shortcut fails here rather than silently losing entities.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.entities import quantities as q
from indexer.entities.field_text import FieldText
from indexer.entities.gazetteer import TOKEN_RE, lexicon
from indexer.entities.gazetteer_matches import gazetteer_matches

# Pieces that sit on the edges of the patterns: signs, years, ordinals, joiners, odd spaces.
PIECES = [
    "19", "20", "2019", "1999", "2020", "12", "1", "21", "31", "5", "0", ".", ",", "/", "-", "–",
    "%", "per", "cent", " cent", "percent", "per\u00a0cent", "£", "$", "€", "bn", "m", "k", "to",
    " ", " ", " ", "\n", "mid-", "early-", "of ", "in ", "for ", "the end of ", "st", "nd", "th",
    "March", "May", "June", "Sept", "Sep", "Dec", "Monday", "Tuesday", "day", "and ", "&", "'",
    "’", "last year", "This year", "next year", " year", "years", "spring ", "a", "x", "_", "é",
    "five", "Ten", "twenty", "(", ")",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (q.MONEY_RE, ("£", "$", "€")),
        (q.PERCENT_SIGN_RE, ("%", "per")),
        (q.YEARISH_RE, ("19", "20")),
    ],
)
@given(text=TEXTS)
@settings(max_examples=300, deadline=None)
def test_matches_at_needles_are_finditer(
    pattern: re.Pattern[str], needles: tuple[str, ...], text: str
) -> None:
    spans = [(m.span(), m.groups()) for m in q._matches(pattern, text, needles)]
    assert spans == [(m.span(), m.groups()) for m in pattern.finditer(text)]


# MONEY_RE as first written: the look-behind before the sign.
MONEY_LOOK_BEHIND_FIRST = re.compile(
    r"(?<![\w£$€])([£$€])" + q.MONEY_RE.pattern.removeprefix(r"([£$€])(?<![\w£$€].)")
)


@given(text=TEXTS)
@settings(max_examples=300, deadline=None)
def test_money_pattern_with_the_sign_first_matches_as_before(text: str) -> None:
    before = [(m.span(), m.groups()) for m in MONEY_LOOK_BEHIND_FIRST.finditer(text)]
    assert [(m.span(), m.groups()) for m in q.MONEY_RE.finditer(text)] == before


@given(text=TEXTS)
@settings(max_examples=300, deadline=None)
def test_day_and_weekday_prechecks_agree_with_the_patterns(text: str) -> None:
    for start in range(len(text) + 1):
        day = q.DAY_BEFORE_RE.search(text, max(0, start - 30), start)
        found = q._day_before(text, start)
        assert (found and found.span()) == (day and day.span())
        weekday = q.WEEKDAY_BEFORE_RE.search(text, max(0, start - 12), start)
        assert q._with_weekday(text, start) == (weekday.start() if weekday else start)


@given(text=TEXTS)
@settings(max_examples=300, deadline=None)
def test_last_word_pattern_is_the_plain_one(text: str) -> None:
    plain = re.search(r"([A-Za-z]+)\W*$", text)
    fast = q._WORD_BEFORE.search(text)
    assert (fast and (fast.span(), fast.group(1))) == (plain and (plain.span(), plain.group(1)))


@given(text=TEXTS)
@settings(max_examples=300, deadline=None)
def test_relative_years_found_from_the_word_year(text: str) -> None:
    wanted = [m.span() for m in q.RELATIVE_YEAR_RE.finditer(text)]
    found = q.dates(text, dt.date(2020, 6, 1))
    assert [(s, e) for s, e, *_ in found if q.RELATIVE_YEAR_RE.fullmatch(text, s, e)] == wanted


@given(text=st.lists(st.sampled_from([*PIECES, "NHS", "Trust", "Dr", "Jo", "Smith"])).map("".join))
@settings(max_examples=200, deadline=None)
def test_field_offsets_and_capitals_match_the_tokens(text: str) -> None:
    f = FieldText("body", text)
    assert f.words == TOKEN_RE.findall(f.norm)
    assert [f.norm[s:e] for s, e in zip(f.starts, f.ends, strict=False)] == f.words
    assert f.caps == [i for i, w in enumerate(f.words) if not w[0].islower()]


def test_every_gazetteer_name_survives_the_last_word_filter() -> None:
    """Each name is found where it stands (the filter skips only lengths that cannot match)."""
    lex = lexicon()
    missing = []
    for name in lex.entries:
        if not (name[-1].isalnum() or name[-1] == "'"):
            continue  # "U.K.": a lookup key ends at a word (or a possessive), never at a stop
        for before in ("in the ", "said in ", "met at "):
            f = FieldText("body", f"{before}{name} yesterday.")
            start = len(before)
            found, _, _ = gazetteer_matches(f, lex, None)
            if any(c.start <= start and c.end >= start + len(name) for c in found):
                break
        else:
            missing.append(name)
    assert not missing, missing[:20]
