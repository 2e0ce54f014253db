"""One tokenizer for indexing, query parsing, snippets and the vocabulary."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any, NamedTuple

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
# Where a sentence ends: . ! ? (and closing quotes or brackets) before a space and a capital,
# digit or opening quote, except after a title or an abbreviation ("Dr. Patel"); and every line
# break (bodies are unwrapped, so a break ends a paragraph, list item or heading). A phrase
# matches only inside one sentence, so word pairs are not made across these.
_SENTENCE_END = re.compile(  # a plain character class first: the regex engine scans for it fast
    r"[.!?\n](?:(?<=\n)\n*|(?<!\bDr\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bSt\.)"
    r"(?<!\bProf\.)(?<!\bNo\.)(?<!\bCllr\.)(?<!\bRev\.)(?<!\bvs\.)(?<!\be\.g\.)"
    r"(?<!\bi\.e\.)(?<!\betc\.)[\"'\u2019\u201d)\]]*[ \t]+"
    r"(?=[\"'\u2018\u201c(\[]*[A-Z0-9\u00a3$\u20ac]))"
)
_stems: dict[str, str] = {}


def stem(word: str) -> str:
    """Porter stem of a lower-case word (memoised: a corpus repeats its words)."""
    found = _stems.get(word)
    if found is None:
        found = _stems[word] = porter_stem(word)
    return found


def is_indexed_word(word: str) -> bool:
    return len(word) > 1 and word not in STOP_WORDS


def sentences(text: str) -> list[str]:
    """`text` cut at sentence ends and line breaks (the pieces word pairs stay within)."""
    return _SENTENCE_END.split(text)


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
        self._ranked: tuple[Any, Any] | None = None  # see _ranks

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

    def _sentence(self, text: str, first: int, codes: list[int], starts: list[int]) -> list[int]:
        """The stem numbers of one sentence's indexed words; its word pairs (with how many
        stop words or one-letter words stand between, up to 3) and where each starts (the
        number of indexed words before it in the story, `first` for this sentence's first)
        are added to `codes` and `starts`."""
        found = list(map(self._lookup, _WORD.findall(text.lower())))
        where = [i for i, n in enumerate(found) if n >= 0]
        numbers = [found[i] for i in where]
        if len(numbers) > 1:
            codes += [found[a] << 32 | _GAPS[b - a] | found[b] for a, b in pairwise(where)]
            starts += range(first, first + len(numbers) - 1)
        return numbers

    def analyse(
        self, headline: str | None, title: str, body: str, extras: str | None = None
    ) -> dict[str, Any]:
        """Token lists (as numbers) of the text fields, and the word pairs of a story with
        where each starts (in the headline's, then the body's and the extras' indexed words:
        the byline and details, Content.extras). Pairs stay within a sentence: a phrase never
        runs across a sentence end, nor from one line of extras to the next."""
        codes: list[int] = []
        starts: list[int] = []
        head = self._sentence(headline, 0, codes, starts) if headline else []
        text: list[int] = []
        for sentence in sentences(body):
            text += self._sentence(sentence, len(head) + len(text), codes, starts)
        for line in extras.split("\n") if extras else ():
            for sentence in sentences(line):
                text += self._sentence(sentence, len(head) + len(text), codes, starts)
        return {
            "text": head + head + text,  # the headline twice, as a boost
            "headline": head,
            "title": [] if headline else self.numbers(title),
            "pairs": Positioned(codes, starts),
        }

    def words(self) -> set[str]:
        """Every indexed (unstemmed) word seen so far: the vocabulary's new words."""
        return {word for word, number in self._numbers.items() if number >= 0}

    def stem_texts(self, numbers: list[int]) -> list[str]:
        stems = self.stems
        return [stems[n] for n in numbers]

    def pair_texts(self, codes: list[int]) -> list[str]:
        stems = self.stems
        return [pair_term(stems[c >> 32], c >> 30 & 3, stems[c & _STEM]) for c in codes]

    def decoders(self) -> dict[str, Decoding]:
        """Per field that analyse() fills, how its numbers read as terms and sort as they do."""
        stems = Decoding(self.stem_texts, self.stem_order)
        return {"text": stems, "headline": stems, "title": stems,
                "pairs": Decoding(self.pair_texts, self.pair_order)}  # fmt: skip

    def stem_order(self, numbers: Any) -> Any:
        """Stem numbers (a numpy array) to int64 keys that ascend as the stems do."""
        return self._ranks()[0][numbers]

    def pair_order(self, codes: Any) -> Any:
        """Pair codes (a numpy array) to int64 keys that ascend as the pairs' terms do."""
        rank, tails = self._ranks()
        first, between, second = codes >> 32, codes >> 30 & 3, codes & _STEM
        return rank[first] * tails.size + tails[between, second]

    def _ranks(self) -> tuple[Any, Any]:
        """Each stem's place in text order, and each pair tail's (kept while no stem is new).

        A pair reads first + " " + tail, the tail being the second stem, or "~g " and the
        second stem with g words between. Tails sort as the stems, with each g's block of n
        tails between the stems below "~g " and the rest (a stem has no space, so none falls
        inside a block); a stem has no character below the space, so pairs sort by their
        first stem, then their tail. A segment's terms are thus put in order without turning
        them all into text at once."""
        import numpy as np  # only the indexing workers need it

        stems = self.stems
        n = len(stems)
        if self._ranked is not None and len(self._ranked[0]) == n:
            return self._ranked
        by_text = sorted(range(n), key=stems.__getitem__)
        rank = np.empty(n, np.int64)
        rank[by_text] = np.arange(n, dtype=np.int64)
        ordered = [stems[i] for i in by_text]
        blocks = [bisect_left(ordered, f"~{g} ") for g in (1, 2, 3)]
        bare = rank + n * sum((rank >= b).astype(np.int64) for b in blocks)
        tails = np.stack([bare, *(b + n * g + rank for g, b in enumerate(blocks))])
        self._ranked = (rank, tails)
        return self._ranked

    def texts(self, analysed: dict[str, Any]) -> dict[str, Any]:
        decoders = self.decoders()
        return {
            name: Positioned(decoders[name].texts(tokens.terms), tokens.positions)
            if isinstance(tokens, Positioned)
            else decoders[name].texts(tokens)
            for name, tokens in analysed.items()
        }


class Decoding(NamedTuple):
    """How a field's term numbers read as text, and sort as the text does."""

    texts: Callable[[list[int]], list[str]]  # distinct numbers -> their terms
    order: Callable[[Any], Any]  # numpy array of numbers -> int64 keys in the terms' order


_STEM = (1 << 30) - 1  # a pair's code: first stem << 32 | words between (0-3) << 30 | second


class _Gaps(dict[int, int]):
    """Distance between two indexed words' places -> the code bits of the words between."""

    def __missing__(self, distance: int) -> int:
        found = self[distance] = min(distance - 1, 3) << 30
        return found


_GAPS = _Gaps()


class Positioned(NamedTuple):
    """A field's terms in one document with where each is (word pairs: the first word's
    number among the story's indexed words), so that a phrase can chain its pairs."""

    terms: list[Any]
    positions: list[int]


class _WordNumbers(dict[str, int]):
    """Lower-case word -> its stem's number, -1 for stop words and single characters; a word
    is stemmed the first time it is looked up (__missing__ keeps hits at C speed)."""

    def __init__(self, number: Callable[[str], int]) -> None:
        super().__init__()
        self._number = number

    def __missing__(self, word: str) -> int:
        found = self[word] = self._number(word) if is_indexed_word(word) else -1
        return found


def analyse(
    headline: str | None, title: str, body: str, extras: str | None = None
) -> dict[str, Any]:
    """Token lists of the text fields as strings, for Whoosh's own writer (a few documents
    rewritten in place; the workers use Terms)."""
    terms = Terms()
    return terms.texts(terms.analyse(headline, title, body, extras))


def pair_term(first: str, between: int, second: str) -> str:
    """A word pair as indexed: "nh england"; "secretari ~1 state" for "secretary of state"
    (how many stop words or one-letter words stand between, 3 for three or more)."""
    return f"{first} {second}" if not between else f"{first} ~{between} {second}"


def phrase_pairs(text: str) -> list[str]:
    """The word pairs of a phrase as typed (one sentence), as the index has them."""
    return _sentence_pairs(text)


_indexed_stems: dict[str, str | None] = {}


def _sentence_pairs(text: str) -> list[str]:
    known = _indexed_stems
    found: list[str] = []
    last, between = None, 0
    for word in _WORD.findall(text.lower()):
        stemmed = known.get(word, "")
        if stemmed == "":
            stemmed = known[word] = stem(word) if is_indexed_word(word) else None
        if stemmed is None:
            between += 1
            continue
        if last is not None:
            found.append(pair_term(last, min(between, 3), stemmed))
        last, between = stemmed, 0
    return found


def has_phrase(texts: list[str], pairs: list[str]) -> bool:
    """Whether one sentence of `texts` has the word pairs of a phrase one after another, as
    the index reads them: the exact check behind phrases of three or more words (whose pairs
    may sit in different places) where positions were not kept."""
    first, size = pairs[0], len(pairs)
    for text in texts:
        for sentence in sentences(text):
            found = _sentence_pairs(sentence)
            for i, pair in enumerate(found[: len(found) - size + 1]):
                if pair == first and found[i : i + size] == pairs:
                    return True
    return False
