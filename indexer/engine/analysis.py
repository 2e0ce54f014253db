"""One tokenizer for indexing, query parsing, snippets and the vocabulary."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

from whoosh import analysis
from whoosh.analysis import Token
from whoosh.lang.porter import stem as porter_stem

# ---------------------------------------------------------------------------------------------
# Analysis: one tokenizer for indexing, query parsing, snippets and the vocabulary.

# A word, or words joined by dots ("nhs.uk", "1.5"): \w+(?:\.\w+)* written so the regex engine
# tests ASCII word characters against a bitmap before \w's Unicode look-up, and keeps no
# backtracking points (nothing after a word can match by giving characters back): ~28% faster.
_W = r"[0-9A-Za-z_\w]"
_WORD = re.compile(rf"{_W}++(?:\.{_W}++)*+")
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


class Terms:
    """Analysis for the indexing workers, with terms as numbers.

    Each lower-case word is looked up once in a dict that gives its stem's number (or -1 for a
    word not indexed), so a story costs one dict look-up per word: no stemming call, no string
    per word pair (a pair is the int `first << 32 | second`), no per-story set of words. The
    segment writer takes the numbers as they are and turns only the distinct ones back into
    text (`decoders`). One Terms lives as long as one indexing run in one process."""

    def __init__(self) -> None:
        self.stems: list[str] = []
        self._stem_numbers: dict[str, int] = {}
        self._numbers = _WordNumbers(self._stem_number)
        self._lookup = self._numbers.__getitem__

    def _stem_number(self, word: str) -> int:
        found = stem(word)
        number = self._stem_numbers.get(found)
        if number is None:
            number = self._stem_numbers[found] = len(self.stems)
            self.stems.append(found)
        return number

    def numbers(self, text: str) -> list[int]:
        """The stem numbers of the indexed words of `text`, in order."""
        return [n for n in map(self._lookup, _WORD.findall(text.lower())) if n >= 0]

    def analyse(self, headline: str | None, title: str, body: str) -> dict[str, list[int]]:
        """Token lists (as numbers) of the text fields and the word pairs of a story."""
        head = self.numbers(headline) if headline else []
        text = self.numbers(body)
        return {
            "text": head + head + text,  # the headline twice, as a boost
            "headline": head,
            "title": [] if headline else self.numbers(title),
            "pairs": _pair_codes(head) + _pair_codes(text),
        }

    def words(self) -> set[str]:
        """Every indexed (unstemmed) word seen so far: the vocabulary's new words."""
        return {word for word, number in self._numbers.items() if number >= 0}

    def stem_texts(self, numbers: list[int]) -> list[str]:
        stems = self.stems
        return [stems[n] for n in numbers]

    def pair_texts(self, codes: list[int]) -> list[str]:
        stems = self.stems
        return [f"{stems[c >> 32]} {stems[c & _LOW]}" for c in codes]

    def decoders(self) -> dict[str, Callable[[list[int]], list[str]]]:
        """Per field that analyse() fills, how its numbers read as terms."""
        return {"text": self.stem_texts, "headline": self.stem_texts,
                "title": self.stem_texts, "pairs": self.pair_texts}  # fmt: skip

    def texts(self, analysed: dict[str, list[int]]) -> dict[str, list[str]]:
        decoders = self.decoders()
        return {name: decoders[name](tokens) for name, tokens in analysed.items()}


_LOW = (1 << 32) - 1


class _WordNumbers(dict[str, int]):
    """Lower-case word -> its stem's number, -1 for stop words and single characters; a word
    is stemmed the first time it is looked up (__missing__ keeps hits at C speed)."""

    def __init__(self, number: Callable[[str], int]) -> None:
        super().__init__()
        self._number = number

    def __missing__(self, word: str) -> int:
        found = self[word] = self._number(word) if is_indexed_word(word) else -1
        return found


def _pair_codes(numbers: list[int]) -> list[int]:
    return [a << 32 | b for a, b in pairwise(numbers)]


def analyse(headline: str | None, title: str, body: str) -> dict[str, list[str]]:
    """Token lists of the text fields as strings, for Whoosh's own writer (a few documents
    rewritten in place; the workers use Terms)."""
    terms = Terms()
    return terms.texts(terms.analyse(headline, title, body))


def pairs(stems: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in pairwise(stems)]
