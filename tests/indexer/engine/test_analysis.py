"""The indexing tokenizer: its fast pattern finds exactly the words of the plain one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.engine import analysis

PLAIN_WORD = re.compile(r"\w+(?:\.\w+)*")
# Pieces on the pattern's edges: dots, digits, apostrophes, non-ASCII letters and digits.
PIECES = ["nhs", "uk", "NHS", ".", "..", "1", "5", " ", "\n", "'", "’", "é", "Ş", "٣", "_", "-",
          "£", "a", "B", "e.g", "£1.5bn", "ß", "İ", "\u00a0", "x"]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@given(text=st.one_of(TEXTS, st.text(max_size=40)))
@settings(max_examples=400, deadline=None)
def test_the_fast_word_pattern_matches_the_plain_one(text: str) -> None:
    want = [m.span() for m in PLAIN_WORD.finditer(text)]
    assert [m.span() for m in analysis._WORD.finditer(text)] == want


def test_words_joined_by_dots_are_one_word() -> None:
    spans = analysis.word_spans("See nhs.uk: 1.5% of... trusts.")
    assert [w for _, _, w in spans] == ["see", "nhs.uk", "1.5", "of", "trusts"]
