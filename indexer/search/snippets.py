"""Snippets: the passage of a story that best shows why it matched, with the matches marked.

Offsets, never markup: the front end styles Span ranges of the returned text. Matching uses the
index's own analysis (engine.stem), so "doctors" marks "doctor's" and "Doctors" alike.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable

from indexer import engine
from indexer.records import Span

WIDTH = 220  # characters of story text in a snippet
LEAD = 50  # characters shown before the first match
_SPACES = re.compile(r"\s+")


def marks(text: str, stems: Collection[str]) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` whose stem is in `stems`."""
    if not stems:
        return []
    return [
        (start, end)
        for start, end, word in engine.word_spans(text)
        if engine.is_indexed_word(word) and engine.stem(word) in stems
    ]


def snippet(
    body: str, stems: Collection[str], extra: Iterable[tuple[int, int]] = (), width: int = WIDTH
) -> tuple[str, tuple[Span, ...]]:
    """The `width` characters of `body` holding the most distinct matches (the opening when
    nothing matches), whitespace collapsed, with "…" where text was cut, and the match spans."""
    found = sorted({*marks(body, stems), *extra})
    start = _best_start(body, found, width) if found else 0
    end = min(len(body), start + width)
    if end < len(body):  # finish on a word boundary
        cut = body.rfind(" ", start + width // 2, end + 1)
        end = cut if cut > 0 else end
    piece = body[start:end]
    inside = [(s - start, e - start) for s, e in found if s >= start and e <= end]
    text, spans = _collapse(piece, inside)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    shift = len(prefix)
    return prefix + text + suffix, tuple(Span(s + shift, e + shift) for s, e in spans)


def _best_start(body: str, found: list[tuple[int, int]], width: int) -> int:
    """Start of the window (beginning a little before a match) with the most distinct words."""
    best_start, best_score = 0, -1
    starts = [s for s, _ in found]
    for i, (first, _) in enumerate(found):
        window_end = first + width - LEAD
        j = bisect.bisect_right(starts, window_end)
        score = len({body[s:e].lower() for s, e in found[i:j]})
        if score > best_score:
            best_start, best_score = first, score
    if best_start <= LEAD:
        return 0
    start = best_start - LEAD
    space = body.find(" ", start, best_start)
    return space + 1 if space >= 0 else start


def _collapse(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Collapse runs of whitespace to one space, moving the spans to match."""
    ends: list[int] = []
    removed: list[int] = []
    total = 0
    for match in _SPACES.finditer(text):
        total += len(match.group()) - 1
        ends.append(match.end())
        removed.append(total)

    def moved(offset: int) -> int:
        i = bisect.bisect_right(ends, offset)
        return offset - (removed[i - 1] if i else 0)

    collapsed = _SPACES.sub(" ", text)
    return collapsed, [(moved(s), moved(e)) for s, e in spans]
