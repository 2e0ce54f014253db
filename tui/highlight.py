"""Turn offsets into styled `rich.text.Text`: query terms, entities, find matches.

Story text is data: every function here builds `Text(plain)` and calls `stylize` with character
offsets; nothing is ever parsed as markup. The query-term matcher is deliberately simple (plain
words, phrases and `*` prefixes, with a light suffix fold so "strike" finds "strikes"): it only
decides what the reader highlights, never what the index matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from indexer.records import LABELS, Entity, Label, Span

# Fields whose values are not words of the story (dates, amounts, bookmark filters, ids).
_NOT_TEXT_FIELDS = frozenset(
    {"date", "when", "year", "money", "percent", "bookmarked", "bookmark", "tag", "tags", "id",
     "source", "from", "file", "after", "before"}
)  # fmt: skip
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
_QUERY_TOKEN = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[A-Za-z_][\w-]*):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s()"\[\]{}]+))'
)
_WORD = re.compile(r"[\w'’]+")
_SUFFIXES = ("ings", "ing", "ies", "ied", "es", "ed", "s")
_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to highlight: a word (maybe a `*` prefix) or a phrase of words."""

    words: tuple[str, ...]
    prefix: bool = False


def fold(word: str) -> str:
    """A crude stem, enough for highlighting: lower case, common English endings dropped
    ("strike", "strikes", "striking" all give "strik")."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def query_terms(query: str) -> tuple[Term, ...]:
    """The words and phrases of a query the reader should highlight (no operators, negations,
    dates, amounts or filters)."""
    terms: list[Term] = []
    for match in _QUERY_TOKEN.finditer(query.translate(_SMART_QUOTES)):
        field = (match.group("field") or "").lower()
        if match.group("neg") or field in _NOT_TEXT_FIELDS:
            continue
        phrase, word = match.group("phrase"), match.group("word")
        if phrase is not None:
            words = tuple(fold(w) for w in _WORD.findall(phrase))
            if words:
                terms.append(Term(words))
        elif word and word not in _OPERATORS:
            prefix = word.endswith("*")
            found = _WORD.findall(word.rstrip("*~^0123456789") if not prefix else word[:-1])
            if len(found) == 1:
                terms.append(Term((found[0].lower() if prefix else fold(found[0]),), prefix))
            elif found:
                terms.append(Term(tuple(fold(w) for w in found)))
    return tuple(dict.fromkeys(terms))


def term_spans(text: str, terms: Sequence[Term]) -> list[Span]:
    """Where the terms occur in `text` (whole words; phrases as consecutive words)."""
    if not terms:
        return []
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    folded = [fold(w) for _, _, w in words]
    lowered = [w.lower() for _, _, w in words]
    spans: list[Span] = []
    for i in range(len(words)):
        for term in terms:
            n = len(term.words)
            if i + n > len(words):
                continue
            if term.prefix:
                hit = lowered[i].startswith(term.words[0])
            else:
                hit = tuple(folded[i : i + n]) == term.words
            if hit:
                spans.append(Span(words[i][0], words[i + n - 1][1]))
    return spans


def find_spans(text: str, needle: str) -> list[Span]:
    """Every case-insensitive occurrence of `needle` in `text` (the reader's find)."""
    needle = needle.strip().casefold()
    if not needle:
        return []
    haystack = text.casefold()
    if len(haystack) != len(text):  # casefold changed lengths (ß -> ss): fall back to lower()
        haystack, needle = text.lower(), needle.lower()
    spans: list[Span] = []
    start = haystack.find(needle)
    while start != -1:
        spans.append(Span(start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return spans


@dataclass(frozen=True, slots=True)
class Palette:
    """Styles for one theme brightness; entity colours readable on its background."""

    entities: dict[Label, Style]
    term: Style
    find: Style
    find_current: Style


DARK = Palette(
    entities={
        "ORG": Style(color="#6cb6ff", underline=True),
        "PERSON": Style(color="#ffb86c", underline=True),
        "PLACE": Style(color="#8ee28e", underline=True),
        "MONEY": Style(color="#f1d04b", underline=True),
        "PERCENT": Style(color="#e39ae3", underline=True),
        "DATE": Style(color="#6fdcdc", underline=True),
    },
    term=Style(bold=True, bgcolor="#5c4a00"),
    find=Style(bgcolor="#3d4f7a"),
    find_current=Style(color="#000000", bgcolor="#ffaf00", bold=True),
)
LIGHT = Palette(
    entities={
        "ORG": Style(color="#0050b3", underline=True),
        "PERSON": Style(color="#a34a00", underline=True),
        "PLACE": Style(color="#1a7f1a", underline=True),
        "MONEY": Style(color="#7a5c00", underline=True),
        "PERCENT": Style(color="#9c1f9c", underline=True),
        "DATE": Style(color="#00727a", underline=True),
    },
    term=Style(bold=True, bgcolor="#fff0a0"),
    find=Style(bgcolor="#c8d8ff"),
    find_current=Style(color="#000000", bgcolor="#ffaf00", bold=True),
)
LABEL_NAMES: dict[Label, str] = {
    "ORG": "organisation",
    "PERSON": "person",
    "PLACE": "place",
    "MONEY": "money",
    "PERCENT": "percent",
    "DATE": "date",
}


def palette(dark: bool) -> Palette:
    return DARK if dark else LIGHT


def styled(text: str, spans: Iterable[Span], style: Style | str, base: Style | str = "") -> Text:
    """`text` as Text with `style` over each span (spans outside the text are clipped)."""
    result = Text(text, style=base)
    for span in spans:
        start, end = max(0, span.start), min(len(text), span.end)
        if start < end:
            result.stylize(style, start, end)
    return result


def stylize_entities(
    result: Text,
    entities: Iterable[Entity],
    field: str,
    offset: int,
    shown: Iterable[Label],
    pal: Palette,
) -> None:
    """Colour the entities of `field` (whose text starts at `offset` in `result`) by type."""
    visible = set(shown)
    for entity in entities:
        if entity.field == field and entity.label in visible:
            result.stylize(pal.entities[entity.label], offset + entity.start, offset + entity.end)


# Shorter names for narrow panes (`who` and `where` as in the query language).
SHORT_NAMES: dict[Label, str] = {
    "ORG": "org",
    "PERSON": "who",
    "PLACE": "place",
    "MONEY": "£",
    "PERCENT": "%",
    "DATE": "date",
}


def legend(
    hidden: Iterable[Label],
    pal: Palette,
    counts: dict[Label, int] | None = None,
    width: int | None = None,
) -> Text:
    """One line naming each entity type in its colour, with its toggle key; hidden ones dimmed.
    Given a `width`, the longest form that fits it: full names, short names, then short names
    close together with no count where there is none."""
    forms = [(LABEL_NAMES, "  ", False), (SHORT_NAMES, "  ", False), (SHORT_NAMES, " ", True)]
    line = Text()
    for names, gap, tight in forms if width is not None else forms[:1]:
        line = _legend_line(set(hidden), pal, counts, names, gap, tight=tight)
        if width is None or line.cell_len <= width:
            break
    return line


def _legend_line(
    off: set[Label],
    pal: Palette,
    counts: dict[Label, int] | None,
    names: dict[Label, str],
    gap: str,
    *,
    tight: bool,
) -> Text:
    line = Text()
    for number, label in enumerate(LABELS, 1):
        if line:
            line.append(gap)
        style = Style(dim=True, strike=True) if label in off else pal.entities[label]
        # close together, the key reads as a key cap: "1org 3"
        line.append(f"{number}", style=Style(bold=True, dim=label in off, reverse=tight))
        if not tight:
            line.append(" ")
        count = counts.get(label, 0) if counts is not None else None
        if count is None or (tight and not count):
            shown = names[label]
        elif names is LABEL_NAMES:
            shown = f"{names[label]} ({count})"
        else:
            shown = f"{names[label]} {count}"
        line.append(shown, style=style)
    return line


def clip(text: str, spans: Sequence[Span], limit: int) -> tuple[str, tuple[Span, ...]]:
    """Shorten `text` to about `limit` characters (at a word), keeping the spans inside it."""
    flat = " ".join(text.split())
    if flat != text:  # whitespace collapsed: remap spans through a position table
        mapping: list[int] = []
        out: list[str] = []
        previous_space = False
        for ch in text:
            if ch.isspace():
                if not previous_space and out:
                    out.append(" ")
                    mapping.append(len(out) - 1)
                else:
                    mapping.append(max(len(out) - 1, 0))
                previous_space = True
            else:
                out.append(ch)
                mapping.append(len(out) - 1)
                previous_space = False
        collapsed = "".join(out).rstrip()
        spans = [
            Span(mapping[s.start], mapping[min(s.end, len(text)) - 1] + 1)
            for s in spans
            if 0 <= s.start < s.end
        ]
        text = collapsed
    if len(text) <= limit:
        return text, tuple(spans)
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    kept = tuple(Span(s.start, min(s.end, cut)) for s in spans if s.start < cut)
    return text[:cut].rstrip() + "…", kept
