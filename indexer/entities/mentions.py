"""A mention's text as names are compared (spaces collapsed, no leading "The"), and the bounded
memos that keep what the story-wide passes work out per text: the same names recur story after
story.
"""

from __future__ import annotations

from typing import TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")


def clean_mention(text: str) -> str:
    """A mention as names are compared: spaces collapsed, no leading "The" (`text` already
    normalised, a slice of FieldText.norm)."""
    text = " ".join(text.split())
    return text[4:] if text.startswith("The ") else text


_MEMO_SIZE = 50_000  # bounded: an archive's vocabulary is not


def remember(memo: dict[_K, _V], key: _K, value: _V) -> _V:
    """Keep `value` for `key` in `memo`, emptied first when full."""
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value
