"""Vocabulary.correct: the fewest edits, then the commonest word; the slow search two edits
away only when nothing one edit away occurs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.index.vocabulary import Vocabulary

WORDS = ["commissioning", "commission", "government", "hospital", "hospice", "trust", "truss"]
COUNTS = {
    "commissioning": 40,
    "commission": 90,
    "government": 70,
    "hospital": 300,
    "hospice": 12,
    "trust": 500,
}  # fmt: skip "truss" is in the word list, not the index


def _brute_force(words: Vocabulary, word: str) -> str | None:
    """The definition: over every known word within two edits, fewest edits, then most
    documents."""
    ranked = [(d, -COUNTS.get(w, 0), w) for d, w in words.near(word, 2) if d and COUNTS.get(w)]
    return min(ranked)[2] if ranked else None


@given(st.sampled_from([*WORDS, "x"]), st.lists(st.integers(0, 30), max_size=3))
def test_correct_is_the_closest_commonest_word(base: str, cuts: list[int]) -> None:
    word = base
    for cut in cuts:  # delete letters: one, two or three edits from a known word
        word = word[:cut] + word[cut + 1 :]
    words = Vocabulary(WORDS)
    assert words.correct(word, lambda w: COUNTS.get(w, 0)) == _brute_force(words, word)


def test_two_edits_are_searched_only_without_a_word_one_edit_away(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words = Vocabulary(WORDS)
    searched: list[int] = []
    near = Vocabulary.near

    def counted(self: Vocabulary, word: str, maxdist: int) -> list[tuple[int, str]]:
        searched.append(maxdist)
        return near(self, word, maxdist)

    monkeypatch.setattr(Vocabulary, "near", counted)
    assert words.correct("hospitl", lambda w: COUNTS.get(w, 0)) == "hospital"
    assert searched == [1]
    searched.clear()
    assert words.correct("comissionin", lambda w: COUNTS.get(w, 0)) == "commissioning"
    assert searched == [1, 2]
