"""The unstemmed words of the index, for wildcards, fuzzy terms and did-you-mean.

The index keeps stems ("hospit"), which are no use for matching `hosp*` or suggesting a
spelling, and a second unstemmed Whoosh field would double the postings written per story.
So the indexer keeps this plain word list beside the index (`vocab.txt`, only ever grown);
callers check a candidate still occurs in the index before using it.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from indexer.atomic import write_text_atomically

FILE_NAME = "vocab.txt"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Edits of a word are ~54 strings per letter, each as long as the word: a pasted 10,000-letter
# "word" would cost gigabytes. No word worth correcting is this long.
MAX_EDITED = 40
SEARCH_SECONDS = 0.25  # for words two edits away, per word


class Vocabulary:
    """A sorted set of lower-case words with prefix, wildcard and edit-distance look-ups."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        ordered = sorted(words)  # linear for vocab.txt, which is written sorted
        # A sorted list alone: hashing every word into a set too doubled the time to load
        # vocab.txt (~6 ms at 100k stories), paid by a session's first wildcard or fuzzy term.
        self._words = list(dict.fromkeys(ordered))
        self._joined: str | None = None
        self._by_initial: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        at = bisect.bisect_left(self._words, word)
        return at < len(self._words) and self._words[at] == word

    @classmethod
    def load(cls, index_dir: Path) -> Vocabulary:
        try:
            text = (index_dir / FILE_NAME).read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        return cls(text.split())

    @staticmethod
    def extend(index_dir: Path, new_words: Iterable[str]) -> int:
        """Add words to the file (written whole, atomically); returns how many were new."""
        path = index_dir / FILE_NAME
        try:
            known = set(path.read_text(encoding="utf-8").split())
        except FileNotFoundError:
            known = set()
        added = set(new_words) - known
        if added:
            write_text_atomically(path, "\n".join(sorted(known | added)) + "\n")
        return len(added)

    def expand(self, kind: str, pattern: str, maxdist: int = 1) -> list[str]:
        """Words a `prefix*`, a `wild?card*` or a `fuzzy~N` term stands for."""
        pattern = pattern.lower()
        if kind == "prefix":
            return self._prefixed(pattern)
        if kind == "fuzzy":
            return [word for _, word in self.near(pattern, max(1, maxdist))]
        regex = "".join(
            ".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern
        )
        if self._joined is None:
            self._joined = "\n".join(self._words)
        return re.findall(rf"^{regex}$", self._joined, re.M)

    def _prefixed(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self._words, prefix)
        end = bisect.bisect_left(self._words, prefix + "\uffff", start)
        return self._words[start:end]

    def near(self, word: str, maxdist: int) -> list[tuple[int, str]]:
        """(distance, word) for known words within `maxdist` edits (insert, delete, replace,
        swap). One edit is searched exhaustively; more only among words sharing the first
        letter, as Whoosh's own fuzzy terms do, and for at most SEARCH_SECONDS, to stay fast on
        a large vocabulary. A word longer than MAX_EDITED letters is only looked up as it is."""
        found = {word: 0} if word in self else {}
        if len(word) > MAX_EDITED:
            return sorted((d, w) for w, d in found.items())
        found.update((w, 1) for w in _edits1(word) if w != word and w in self)
        if maxdist > 1 and word:
            deadline = time.monotonic() + SEARCH_SECONDS
            if self._by_initial is None:
                self._by_initial = {}
                for w in self._words:
                    self._by_initial.setdefault(w[0], []).append(w)
            for number, candidate in enumerate(self._by_initial.get(word[0], ())):
                if number % 1024 == 1023 and time.monotonic() > deadline:
                    break
                if candidate not in found and abs(len(candidate) - len(word)) <= maxdist:
                    distance = edit_distance(word, candidate, maxdist)
                    if distance <= maxdist:
                        found[candidate] = distance
        return sorted((d, w) for w, d in found.items())

    def correct(self, word: str, frequency: Callable[[str], int]) -> str | None:
        """The likeliest intended word for a word the index lacks: fewest edits, then the
        most documents (`frequency`); None when nothing close occurs in the index."""
        # Fewest edits wins, so a word one edit away that occurs is the answer: the search
        # two edits away (up to SEARCH_SECONDS, while the user waits) only runs without one.
        for maxdist in (1, 2):
            best: tuple[int, int, str] | None = None
            for distance, candidate in self.near(word.lower(), maxdist):
                if distance == 0:
                    continue
                count = frequency(candidate)
                if count and (best is None or (distance, -count) < best[:2]):
                    best = (distance, -count, candidate)
            if best:
                return best[2]
        return None


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _LETTERS),
        *(a + c + b for a, b in splits for c in _LETTERS),
    }


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, giving up (returning limit + 1) once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = current[j - 1] + 1
            cost = min(cost, previous[j] + 1, previous[j - 1] + (ca != cb))
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current[j] = cost
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]
