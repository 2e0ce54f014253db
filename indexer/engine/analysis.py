"""One tokenizer for indexing, query parsing, snippets and the vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from whoosh import analysis
from whoosh.analysis import Token
from whoosh.lang.porter import stem as porter_stem

# ---------------------------------------------------------------------------------------------
# Analysis: one tokenizer for indexing, query parsing, snippets and the vocabulary.

_WORD = re.compile(r"\w+(?:\.\w+)*")
STOP_WORDS: frozenset[str] = frozenset(analysis.STOP_WORDS)
_stems: dict[str, str] = {}


def stem(word: str) -> str:
    """Porter stem of a lower-case word (memoised: a corpus repeats its words)."""
    found = _stems.get(word)
    if found is None:
        found = _stems[word] = porter_stem(word)
    return found


def is_indexed_word(word: str) -> bool:
    return len(word) > 1 and word not in STOP_WORDS


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case word) for every word in `text`."""
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def words(text: str) -> list[str]:
    """Lower-case words of `text` worth indexing (no stop words, no single letters)."""
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOP_WORDS]


class DexAnalyzer(analysis.Analyzer):
    """Lower-case, drop stop words, Porter-stem: the same code serves the index and queries."""

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.stopped = False
        token.boost = 1.0
        if not tokenize:  # wildcards and ranges: the pattern as typed, lower-cased
            token.original = token.text = value.lower()
            token.pos = start_pos
            token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos
        for match in _WORD.finditer(value):
            word = match.group().lower()
            if len(word) < 2 or word in STOP_WORDS:
                continue
            token.original = word
            token.text = stem(word)
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


def analyse(headline: str | None, title: str, body: str) -> tuple[dict[str, list[str]], set[str]]:
    """Token lists of the text fields, and the unstemmed words for the vocabulary (run in
    worker processes: with Whoosh's own analysis bypassed, this is the costly part)."""
    head_words = words(headline) if headline else []
    body_words = words(body)
    head = [stem(w) for w in head_words]
    text = [stem(w) for w in body_words]
    found = {
        "text": head + head + text,
        "headline": head,
        "title": [] if headline else [stem(w) for w in words(title)],
        "pairs": pairs(head) + pairs(text),
    }
    return found, {*head_words, *body_words}


def pairs(stems: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in pairwise(stems)]
