"""The fast tokeniser, patterns and remembered look-ups of entity extraction must give what the
plain versions give.

split_tokens takes plain words between spaces without the regex and falls back to it for the
rest; these tests compare it with the regex split on text built from the awkward pieces: joiners
("&", "'", "-on-"), possessives, underscores, digits, non-ASCII letters and marks, runs of
spaces and line breaks.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.entities import quantities as q
from indexer.entities.field_text import FieldText
from indexer.entities.full_names import name_parts
from indexer.entities.gazetteer import _SPLIT_RE, TOKEN_RE, lexicon, split_tokens
from indexer.entities.mentions import clean_mention
from indexer.entities.org_names import canonical_name, org_names
from indexer.entities.word_lists import TITLES

PIECES = [
    " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "a", "word", "Word", "NHS", "x2", "2", "19",
    "a_", "x_,", "_", "&", "'", "'s", "\u2019", "-", "-on-", "-upon-", "-le-", "Trent", "Avon",
    "\u00c9", "\u00e9", "\u00df", "\u0301", "\u00b2", "\u2013", ".", ",", ";", ":", "(", ")",
    '"', "\u00a3", "%", "s", "on", "x",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(text=TEXTS)
@settings(max_examples=500, deadline=None)
def test_split_tokens_is_the_regex_split(text: str) -> None:
    assert split_tokens(text) == _SPLIT_RE.split(text)


@given(text=st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_split_tokens_on_any_text(text: str) -> None:
    assert split_tokens(text) == _SPLIT_RE.split(text)


@pytest.mark.parametrize(
    "text",
    [
        "Stoke-on-Trent's A&E,  said Dr O'Neill (NHS_X) \u2013 up 5%.\n\nNew: x. ",
        "word_ and_ x_, 2_",  # "_" is a word character: "word_" is one word
        "a\u0301 b\u00b2 c\u00b2, \u00e9.",  # a mark is no word character; "\u00b2" is
        "",
        " ",
        "x",
    ],
)
def test_split_tokens_on_awkward_text(text: str) -> None:
    assert split_tokens(text) == _SPLIT_RE.split(text)
    assert FieldText("body", text).words == _SPLIT_RE.split(text)[1::2]


# The month and weekday names as first written: one alternation, longest first.
MONTH_OR_DAY_PLAIN = re.compile(
    "(?:{})(?![a-z])".format("|".join(sorted([*q.MONTH_NUM, *q.WEEKDAYS], key=len, reverse=True)))
)
DATE_PIECES = [
    *q.MONTH_NUM, *q.WEEKDAYS, "Ma", "Mo", "Jun", "e", "y", "day", "ber", "t", "s", "S", "X", "2",
    " ", ".", "-", "_", "'", "\u00e9",
]  # fmt: skip


@given(text=st.lists(st.sampled_from(DATE_PIECES), max_size=20).map("".join))
@settings(max_examples=500, deadline=None)
def test_month_names_grouped_by_initial_match_as_the_plain_alternation(text: str) -> None:
    found = [m.span() for m in q.MONTH_OR_DAY_RE.finditer(text)]
    assert found == [m.span() for m in MONTH_OR_DAY_PLAIN.finditer(text)]


@pytest.mark.parametrize("text", ["NHS England", "The King's Fund", "Leeds Teaching Hospitals FT"])
def test_remembered_organisation_names_are_the_computed_ones(text: str) -> None:
    lex = lexicon()
    for _ in range(2):  # computed, then remembered
        assert org_names(text, lex) == (
            clean_mention(text),
            canonical_name(clean_mention(text), lex),
        )


@pytest.mark.parametrize("text", ["Dr Sarah Wollaston", "Lord Darzi", "Professor Sir Chris Ham"])
def test_remembered_name_parts_are_the_computed_ones(text: str) -> None:
    words = TOKEN_RE.findall(text)
    titles = []
    while len(words) > 1 and words[0] in TITLES:
        titles.append(words.pop(0))
    for _ in range(2):
        assert name_parts(text) == (tuple(titles), tuple(words))
