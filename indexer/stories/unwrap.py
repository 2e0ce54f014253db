"""Join hard-wrapped lines (plain-text e-mail wraps at ~72-78 columns) back into paragraphs.

The wrap column is found from the text itself. A line break is a wrap when the next line's
first word would not have fitted on the line; but a block of headline / standfirst pairs also
has lines that fill the width, so where a block shows real line structure (short lines followed
by a capital), full lines are judged by what they look like and what comes before and after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from indexer.stories.lineshape import (
    FUNCTION_WORDS,
    HEADLINE_CHARS,
    ends_mid_sentence,
    ends_sentence,
    headline_text,
    sentence_starter,
    starts_lower,
)

# (first physical line, last physical line, joined text) for each logical line of a block
Joined = list[tuple[int, int, str]]


def wrap_width(blocks: list[list[str]], indents: list[int] | None = None) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None when it was not wrapped
    (`indents`: how far each block's lines are indented, counted in their width)."""
    pairs = continued = 0
    for block in blocks:
        for prev, nxt in pairwise(block):
            pairs += 1
            if starts_lower(nxt.lstrip()) and not ends_sentence(prev):  # (indented or not)
                continued += 1
    if continued < 2 or continued < 0.2 * pairs or sum(map(len, blocks)) < 4:
        return None
    # The longest line that certainly wraps onto the next: unwrapped long lines (an intro
    # written as one line, a URL) would push a percentile of all lines past the wrap column.
    wrapped = sorted(
        len(prev) + indent
        for block, indent in zip(blocks, indents or [0] * len(blocks), strict=True)
        for prev, nxt in pairwise(block)
        if starts_lower(nxt.lstrip()) and not ends_sentence(prev) and " " in prev.strip()
    )  # (a line of one word, a link in a list of links, shows no wrap column)
    if not wrapped:
        return None
    width = wrapped[-1] if len(wrapped) < 10 else wrapped[int(len(wrapped) * 0.9)]
    return width if 30 <= width <= 110 else None


def wraps_onto(line: str, following: list[str], width: int) -> bool:
    """Whether a physical line of text wrapped at `width` runs on into the next one."""
    return bool(following) and bool(following[0].strip()) and _full(line, following[0], width)


def _full(line: str, nxt: str | None, width: int) -> bool:
    """The next line's first word would not have fitted on this line: a wrap point."""
    if nxt is None:
        return False
    first = nxt.split(" ", 1)[0]
    return len(line) + 1 + len(first) > width


_CAPS_WORDS = 3


def _caps_over_mixed(prev: str, nxt: str) -> bool:
    """A line in capitals over one that is not ("STATUTORY INSTRUMENT: ... 2017" over
    "Wednesday 15 March | Grand Committee"): two lines, however full the first."""
    return (
        prev.count(" ") + 1 >= _CAPS_WORDS
        and prev.isupper()
        and any(ch.islower() for ch in nxt)
        and not nxt[:1].islower()
    )


@dataclass(frozen=True, slots=True)
class _Context:
    width: int | None
    structured: bool  # the block has lines that are separate, not wrapped


def _marked_heads(blocks: list[list[str]], marked: list[bool], width: int | None) -> bool:
    """Whether blocks opened by a marked line ("* Headline", "1. Headline", "**Headline**")
    set it on its own over their text, at least twice where that is certain (the next word
    would have fitted): the digest's item template, by which its other items are set too,
    however long their first line."""
    if width is None:
        return False
    certain = sum(
        1
        for block, opened in zip(blocks, marked, strict=True)
        if opened and len(block) > 1 and _own_line(block) and not _full(block[0], block[1], width)
    )
    return certain >= 2


def join_wrapped(
    blocks: list[list[str]],
    spellings: frozenset[str] = frozenset(),
    marked: list[bool] | None = None,
    items: list[frozenset[int]] | None = None,
    indents: list[int] | None = None,
) -> list[Joined]:
    """For each block of physical lines, its logical lines (wrapped lines joined).

    A word broken at a line end with a hyphen is joined without it ("analy-" "sis"), unless
    the digest writes it hyphenated elsewhere or the part after the break is capitalised; a
    capitalised first part ("Com-" "munity") is joined only where the digest writes the word
    whole (`spellings`: see `lines.spellings_of`).
    `marked`: per block, whether its first line carried a bullet, number or emphasis marker;
    `items`: per block, the lines that open a list item (never joined to the line before);
    `indents`: per block, how far its lines are indented (they wrap that much sooner).
    """
    indents = indents or [0] * len(blocks)
    page = wrap_width(blocks, indents)
    marked = marked or [False] * len(blocks)
    heads = _marked_heads(blocks, marked, page)
    out: list[Joined] = []
    for at, (texts, opened) in enumerate(zip(blocks, marked, strict=True)):
        starts = items[at] if items else frozenset()
        width = page - indents[at] if page is not None else None
        if width is not None and len(texts) >= _OWN_WIDTH_LINES:
            own = _own_width(texts)
            if own is not None and width * _OWN_WIDTH_SHARE <= own < width:
                width = own  # wrapped a little short of the page's width
        if len(texts) == 1:
            out.append([(0, 0, texts[0])])
            continue
        # Line breaks that cannot be wraps (a short line, then a capital) show the block is
        # made of separate lines (headline / standfirst pairs), not one wrapped paragraph.
        structured = (
            width is not None
            and sum(
                not _full(prev, nxt, width)
                and not starts_lower(nxt)
                and not ends_mid_sentence(prev)
                for prev, nxt in pairwise(texts)
            )
            >= 2
        )
        joined: Joined = []
        start, current = 0, _Logical(texts[0])
        ctx = _Context(width, structured)
        for index in range(1, len(texts)):
            before = joined[-1][2] if joined else None  # the previous logical line in the block
            if index == 1 and heads and opened and _own_line(texts):
                joined.append((0, 0, current.text()))
                start, current = 1, _Logical(texts[1])
                continue
            if index not in starts and _continues(current, texts, index, ctx, before):
                current.join(texts[index - 1], texts[index], spellings)
            else:
                joined.append((start, index - 1, current.text()))
                start, current = index, _Logical(texts[index])
        joined.append((start, len(texts) - 1, current.text()))
        out.append(joined)
    return out


_OWN_WIDTH_LINES = 4
_OWN_WIDTH_SLACK = 10
_OWN_WIDTH_SHARE = 0.9


def _own_width(texts: list[str]) -> int | None:
    """The width a paragraph of its own was wrapped at, where it is narrower than the page's:
    its longest line but the last, when most of its lines come close to it."""
    if sum(1 for prev, nxt in pairwise(texts) if starts_lower(nxt) and not ends_sentence(prev)) < 2:
        return None  # not shown to be wrapped prose (a diary's lines, a table's)
    lengths = [len(text) for text in texts[:-1]]
    top = max(lengths)
    close = sum(1 for length in lengths if length >= top - _OWN_WIDTH_SLACK)
    return top if close * 4 >= len(lengths) * 3 else None


def _own_line(texts: list[str]) -> bool:
    """The block's first line can stand over the text that follows it (a headline)."""
    first, nxt = texts[0], texts[1]
    return not (starts_lower(nxt) or ends_mid_sentence(first) or ends_sentence(first))


class _Logical:
    """A logical line being joined from physical ones: its pieces are joined once, at the end
    (adding to a string line by line took time in the square of the lines joined)."""

    __slots__ = ("_length", "_pieces")

    def __init__(self, first: str) -> None:
        self._pieces = [first]
        self._length = len(first)

    def join(self, prev: str, nxt: str, spellings: frozenset[str]) -> None:
        """Add the next physical line; `prev` is the one it follows (the last piece)."""
        if not (prev.endswith("-") and prev[-2:-1].isalpha()):
            self._add(" ")
        elif _hyphenated_to_fit(prev, nxt, spellings):
            self._pieces[-1] = self._pieces[-1][:-1]
            self._length -= 1
        self._add(nxt)

    def _add(self, piece: str) -> None:
        self._pieces.append(piece)
        self._length += len(piece)

    def text(self) -> str:
        return "".join(self._pieces)

    def headline(self) -> str | None:
        """The text, when it is short enough to be a headline (else None, without joining)."""
        return self.text() if self._length <= 2 * HEADLINE_CHARS else None


def _hyphenated_to_fit(prev: str, nxt: str, spellings: frozenset[str]) -> bool:
    """A word broken at the line end with a hyphen that is not its own ("analy-" "sis")."""
    left = prev.rsplit(" ", 1)[-1][:-1]
    right = nxt.split(" ", 1)[0].rstrip(".,;:!?)’”'\"")
    if not right[:1].islower() or f"{left}-{right}".lower() in spellings:
        return False
    if left.islower():
        return True
    # "Cum-" "bria", "Objec-" "tives": a name, or a sentence's first word; "Non-" "executive"
    # keeps its hyphen unless the digest writes the word whole ("Cumbrian", "objectives").
    whole = f"{left}{right}".lower()
    return (
        left[:1].isupper()
        and left[1:].islower()
        and (whole in spellings or any(word.startswith(whole) for word in spellings))
    )


def _candidate(texts: list[str], start: int) -> tuple[str, int]:
    """The line starting at `start` with the lines that obviously continue it; and its end."""
    end = start
    while (
        end + 1 < len(texts)
        and (starts_lower(texts[end + 1]) or ends_mid_sentence(texts[end]))
        and not ends_sentence(texts[end])
    ):
        end += 1
    return " ".join(texts[start : end + 1]), end


_DAY_MONTH_END = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)$"
)
_YEAR_START = re.compile(r"^(?:19|20)\d\d\b(?![/-])")
_DAY_END = re.compile(r"\s(?:[1-9]|[12]\d|3[01])$")
_MONTH_START = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b"
)

# "Source: NHS England, 28 October" (not "Unsubscribe: https://...").
_LABELLED = re.compile(r"^[A-Z][a-z]+(?: [a-z]+){0,3}: (?!https?://|www\.)\S")
_LABEL_LINE_WORDS = 8


_SAYS = frozenset(["said", "says", "added", "told", "warned", "explained", "asked", "writes"])


def _field_under(prev: str, nxt: str) -> bool:
    """A labelled field on the line under `prev`, not a sentence wrapped onto it: not a name
    broken before its speaker's verb ("Director of nursing Helen" / "Gartside said: ...")."""
    match = _LABELLED.match(nxt)
    if match is None or ends_mid_sentence(prev) or prev.rsplit(" ", 1)[-1][:1].isupper():
        return False
    return nxt.split(":", 1)[0].rsplit(" ", 1)[-1].lower() not in _SAYS


# "(from the ICB primary care bulletin, 4 October)": where a passed-on item came from.
SOURCE_NOTE = re.compile(r"^\((?:from|source:|via)\s[^()]{3,100}\)$", re.I)
_BAR_FIELD_WORDS = 10
_PROSE_LINE_WORDS = 6


def _bar_fields(text: str) -> bool:
    """Short fields split by bars, none of them a sentence: a story's details."""
    fields = text.split(" | ")
    return not ends_mid_sentence(text) and all(
        field.count(" ") < _BAR_FIELD_WORDS and not ends_sentence(field) for field in fields
    )


def _prose(text: str) -> bool:
    """A line of a paragraph's sentences (most of its words in lower case), not a field's
    value wrapped onto it ("Hospitals NHS Trust; NHS England")."""
    words = text.split()
    return (
        " | " not in text
        and len(words) >= _PROSE_LINE_WORDS
        and 2 * sum(word[:1].islower() for word in words) > len(words)
    )


def _label_line(text: str) -> bool:
    return text.count(" ") < _LABEL_LINE_WORDS and _LABELLED.match(text) is not None


def _ends_cleanly(texts: list[str], end: int, width: int) -> bool:
    """The line ending at `end` does not run on into the next (no wrap inside a name)."""
    if end + 1 >= len(texts) or not _full(texts[end], texts[end + 1], width):
        return True
    return not texts[end].rsplit(" ", 1)[-1][:1].isupper() or sentence_starter(texts[end + 1])


# Small words a short headline may end with ("Sign in", "Lights on"), but never a line that
# fills the width: there the sentence runs on.
_WRAPPED_AFTER = frozenset(("in", "on"))
_WRAPPED_CHARS = 50  # a line cut by a wrap is long; a short one ending "for" may be a title
_WRAPPED_IN_CHARS = 60  # longer still for "in" and "on", which end titles ("Lights on")


def _date_runs_on(prev: str, nxt: str) -> bool:
    """A long line ending "on" or "in" over one that opens with a date or a figure: "... the
    death of Margaret Ekwueme on" / "11 March. One of the first women ..."."""
    return (
        nxt[:1].isdigit()
        and len(prev) >= _WRAPPED_CHARS
        and prev.rsplit(" ", 1)[-1] in _WRAPPED_AFTER
    )


def _runs_on(prev: str, nxt: str) -> bool:
    """A line ending in a small word written small ("the", "for", not "Part A", "SUPPORTED BY"),
    which no line of its own ends with: a long one, or one the next line continues in lower
    case ("Dates to look out for" over "The consultation ..." is a title)."""
    last = prev.rsplit(" ", 1)[-1]
    if last in _WRAPPED_AFTER:  # ("Sign in" ends a title; a line of sixty characters does not)
        return len(prev) >= _WRAPPED_IN_CHARS or starts_lower(nxt) or _date_runs_on(prev, nxt)
    if not (last.islower() and last in FUNCTION_WORDS):
        return False
    return len(prev) >= _WRAPPED_CHARS or starts_lower(nxt)


def _continues(
    current: _Logical, texts: list[str], index: int, ctx: _Context, before: str | None
) -> bool:
    """Is physical line `texts[index]` the continuation of the logical line `logical`?"""
    prev, nxt = texts[index - 1], texts[index]
    if prev[:1] == "[" and prev[-1:] == "]" and "]" not in prev[:-1]:
        return False  # "[Figure: waiting times by region, 2019/20]": a placeholder of its own
    if nxt[:1] == "(" and SOURCE_NOTE.match(nxt) is not None:
        return False  # "Flu and COVID: give them together" / "(from the ICB bulletin, 4 October)"
    if starts_lower(nxt) and not ends_sentence(prev):
        return True
    if nxt[:1].isdigit() and _YEAR_START.match(nxt) and _DAY_MONTH_END.search(prev):
        return True  # "... now have until 31 March" / "2024 to move to ...": a date wrapped
    if prev[-1:].isdigit() and _MONTH_START.match(nxt) and _DAY_END.search(prev):
        return True  # "... of frontline staff by 18" / "January, above the target": a date
    if index == len(texts) - 1 and ends_sentence(prev) and _label_line(nxt):
        return False  # "Source: NHS England, 28 October" under a paragraph: a line of its own
    if nxt[:1].isupper() and _field_under(prev, nxt):
        return False  # "Date: Wednesday 28 January, 9.30am" under its headline: a field
    if nxt[:1].isupper() and " | " in prev and _bar_fields(prev) and _prose(nxt):
        return False  # "The Star, p.1, 13/03 | Tone: Neutral | Reach: 38k": a line of fields
    width = ctx.width
    if width is None:
        # Unmeasured wrapping still shows where a sentence runs on: "... published before the"
        return _runs_on(prev, nxt)
    if ends_mid_sentence(prev) and not ends_sentence(prev):
        return True
    if _caps_over_mixed(prev, nxt):
        return False  # a headline in capitals wraps in capitals: its details follow
    if _date_runs_on(prev, nxt):
        return True  # (a paragraph wrapped a little short of the page's width)
    if not _full(prev, nxt, width):
        return False
    if prev.rsplit(" ", 1)[-1] in _WRAPPED_AFTER:
        return True  # "... major emergency departments in" / "England in October ...": a wrap
    if not ctx.structured:
        return True  # a block of wrapped text is one paragraph
    candidate, end = _candidate(texts, index)
    if ends_sentence(prev):
        # After a full stop, a new line is a headline when it stands alone.
        return not (headline_text(candidate) and _ends_cleanly(texts, end, width))
    logical = current.headline()
    if logical is None or not headline_text(logical):
        return True  # too long for a headline: a wrapped paragraph
    if before is not None and headline_text(before):
        return True  # the line after a headline is its standfirst
    if prev.rsplit(" ", 1)[-1][:1].isupper() and not sentence_starter(nxt):
        return True  # wrapped inside a name: "... NHS" / "England ..."
    # A long headline wrapped onto a short last line, or else a headline over its standfirst.
    following = texts[end + 1] if end + 1 < len(texts) else None
    return (
        headline_text(candidate)
        and _ends_cleanly(texts, end, width)
        and headline_text(f"{logical} {candidate}")
        and not _full(texts[end], following, width)
    )
