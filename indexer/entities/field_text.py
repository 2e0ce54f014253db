"""A field's text as the rules read it (its tokens, the gaps between them, which of them open a
sentence), the candidate span every rule returns, and the word tests the rules share.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from indexer.entities.gazetteer import normalise, split_tokens
from indexer.entities.word_lists import (
    ACTING_WORDS,
    HEADS,
    MONTHS_DAYS,
    SHORT_MONTHS,
)


@dataclass(slots=True)
class Cand:
    """A candidate span; the resolver keeps the longest of overlapping ones."""

    start: int
    end: int
    label: str
    canonical: str
    prio: int
    kind: str = ""  # where it came from: "gaz", "rule", "title", "qty", ...
    value: float | str | None = None
    aliases: tuple[str, ...] = ()


# Characters after which a capitalised word starts a sentence, line, list item or bracket.
SENTENCE_ENDERS = frozenset(".!?:\n([\u2022*\u2013\u2014|")


class FieldText:
    """One field's text with its tokens and which of them start a sentence."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.norm = norm = normalise(text)
        # One split gives words and the gaps between them: [lead, w0, gap0, w1, gap1, ...].
        parts = split_tokens(norm)
        self.words = words = parts[1::2]
        self.gaps = parts[2::2]  # gaps[i] lies between token i and token i + 1
        bounds = list(accumulate(map(len, parts)))
        self.starts = bounds[0::2]  # one more than the tokens: the text's length comes last
        self.ends = bounds[1::2]
        # Capitalised words (and numbers): only they can start a name.
        self.caps = caps = [i for i, w in enumerate(words) if not w[0].islower()]
        # Only a capitalised word's position matters ("Monitor has..." vs "... by Monitor").
        # Whether a word opens a sentence depends only on the gap before it (see _opens).
        self.initial = initial = [False] * len(words)
        gaps, known = self.gaps, _OPENS
        for i in caps:
            if i:
                gap = gaps[i - 1]
                opens = known.get(gap)
                if opens is None:
                    opens = known[gap] = _opens(gap, False)
                initial[i] = opens
            else:
                initial[0] = _opens(parts[0], True) if parts[0] else True  # the text's start
        self.title_case = False
        if name == "headline":
            long = [w for w in words if len(w) > 3 and w.isalpha()]
            if len(long) >= 3:
                capitals = [w for w in long if w[0].isupper()]
                self.title_case = len(capitals) >= 0.75 * len(long)

    def index_at(self, start: int) -> int:
        """The token starting at offset `start` (which must start one)."""
        return bisect_left(self.starts, start)

    def index_ending(self, end: int) -> int:
        """The last token ending at or before offset `end`."""
        return bisect_right(self.ends, end) - 1

    def gap(self, i: int) -> str:
        """The characters between token i and token i + 1."""
        return self.gaps[i]


# Gap text -> does the word after it open a sentence; gaps repeat (" ", ". ", ", ") endlessly.
_OPENS: dict[str, bool] = {}


def _opens(gap: str, leading: bool) -> bool:
    """Does a sentence (or a quotation, list item or line) start just after `gap`?

    `gap` is all the text between the previous token and this one (`leading`: there is no
    previous token). A gap holds no word characters, and a token ends in one, which is never a
    sentence ender; so looking back past the gap's start finds the text's start or a non-ender.
    """
    pos = len(gap)
    i = pos - 1
    while i >= 0 and gap[i] in " \t":
        i -= 1
    if i < 0:
        return leading
    c = gap[i]
    if c in "\"'":
        if i == pos - 1:
            if i == 0:
                if leading:
                    return True  # an opening quote at the very start
            elif gap[i - 1].isspace() or gap[i - 1] in "([":
                return True  # an opening quote
        while i >= 0 and gap[i] in "\"' ":
            i -= 1
        if i < 0:
            return leading
        c = gap[i]
    return c in SENTENCE_ENDERS


def is_name_word(word: str) -> bool:
    """A capitalised word that could be part of a person's name (remembered per word: the
    rules ask about the same few thousand words over and over)."""
    known = _NAME_WORDS.get(word)
    if known is None:
        if len(_NAME_WORDS) >= _WORD_MEMO_SIZE:
            _NAME_WORDS.clear()  # bounded: an archive's vocabulary is not
        known = _NAME_WORDS[word] = _is_name_word(word)
    return known


def _is_name_word(word: str) -> bool:
    if not word[0].isupper() or word.isupper() or word in MONTHS_DAYS:
        return False
    if word[-1] == "s" and len(word) > 3 and word[:-1].isupper():
        return False  # an acronym's plural: "ICBs", "GPs"
    return word.replace("-", "").replace("'", "").isalpha() and word not in HEADS


_NAME_WORDS: dict[str, bool] = {}


_WORD_MEMO_SIZE = 100_000


def is_org_word(word: str) -> bool:
    """A word that may stand inside an organisation's name: capitalised, an acronym or CamelCase
    (not a month or day, nor a month cut short: "16 Jul Board meeting")."""
    return word[0].isupper() and word not in MONTHS_DAYS and word not in SHORT_MONTHS


def acts_after(f: FieldText, last: int) -> bool:
    """Is the name ending at token `last` followed by a verb or a possessive?"""
    if last + 1 >= len(f.words):
        return False
    gap, after = f.gaps[last], f.words[last + 1]
    if gap == "'" and after == "s":  # a possessive: the tokens are "Care", "s"
        return True
    return gap == " " and after in ACTING_WORDS
