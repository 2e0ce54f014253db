"""The gazetteer: curated names of organisations, places and people, loaded once on first use.

Why data files: names change (trusts merge, ministers come and go) far more often than the
rules, so they live in indexer/gazetteer/*.tsv and can be edited without touching code.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from indexer.first_names import first_names

# Typographic quotes and non-breaking spaces, each replaced by one ASCII character so that
# offsets in the normalised text are offsets in the original.
_PLAIN = (
    ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'),
    ("\u00a0", " "),
)  # fmt: skip


def normalise(text: str) -> str:
    """ASCII quotes and plain spaces (str.replace is many times faster than str.translate)."""
    if text.isascii():  # a flag on the string: no scan
        return text
    for fancy, plain in _PLAIN:
        if fancy in text:
            text = text.replace(fancy, plain)
    return text


# A word: letters/digits, joined by "&", an apostrophe that is not a possessive "'s", or a
# hyphen before a capital ("Vasco-Knight", "Stoke-on-Trent"); "Excellence-approved" splits.
# Possessive quantifiers: nothing after a word can match by giving characters back, and not
# keeping backtrack points makes tokenising (a large share of entity extraction) faster.
# _W is \w with the ASCII word characters listed first: the engine tests a listed character
# against a bitmap, and looks up \w's Unicode categories only for the rest.
_W = r"[0-9A-Za-z_\w]"
TOKEN_RE = re.compile(
    rf"{_W}++(?:(?:&|'(?!s\b)|-(?:(?=[A-Z\u00c0-\u00de])"
    rf"|(?:on|upon|in|super|le|under|by|en|de|la|sur)-(?=[A-Z]))){_W}++)*+"
)

# Tokens with their gaps kept: re.split returns the captured tokens between the gaps.
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")


def split_tokens(text: str) -> list[str]:
    """_SPLIT_RE.split(text): [lead gap, word, gap, word, ..., last gap].

    Why not the regex alone: most of a text is plain words between single spaces, which
    str.split and str.isalnum take several times faster than the regex engine. It is exact
    because no token holds a space and the pattern looks at most one character past a token:
    the text splits at its spaces, an alphanumeric piece is one word (alphanumeric characters
    are word characters and join nothing else), and the regex splits the other pieces.
    """
    parts: list[str] = []
    add = parts.append
    gap = ""  # the text since the last word, with the space after each piece
    for piece in text.split(" "):
        if piece.isalnum():
            add(gap)
            add(piece)
            gap = " "
            continue
        head, last = piece[:-1], piece[-1:]
        if head.isalnum() and not last.isalnum() and last != "_":  # "word," or "word."
            add(gap)
            add(head)
            gap = last + " "
            continue
        split = _SPLIT_RE.split(piece)
        if len(split) == 1:  # no word
            gap += piece + " "
        else:
            add(gap + split[0])
            parts += split[1:-1]
            gap = split[-1] + " "
    add(gap[:-1])  # no space follows the last piece
    return parts


TRUST_SUFFIXES = ("FT", "Foundation Trust", "NHS Foundation Trust", "NHS FT", "Trust", "NHS Trust")
FILES = ("places.tsv", "councils.tsv", "orgs.tsv", "trusts.tsv", "systems.tsv", "people.tsv")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer name: what it is, what it is called, and when to trust it."""

    label: str
    canonical: str
    flags: frozenset[str] = frozenset()
    since: dt.date | None = None  # a joint name only from this day ("since:2019-04-01")


@dataclass(slots=True)
class Lexicon:
    """Lookup tables built from the data files."""

    entries: dict[str, Entry] = field(default_factory=dict)
    # first token -> (token count, possible last tokens) of the names starting with it, longest
    # first; the last tokens let a lookup skip lengths that cannot match without building a key
    starts: dict[str, tuple[tuple[int, frozenset[str]], ...]] = field(default_factory=dict)
    trust_bases: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, tuple[str, bool]] = field(default_factory=dict)  # -> (canonical, mid only)
    first_names: frozenset[str] = frozenset()
    single_places: frozenset[str] = frozenset()
    # every word a gazetteer match can start with (first words of names, lone surnames)
    openers: frozenset[str] = frozenset()
    # (label, canonical) -> the other names the data files give it ("BMA", "GSTT", "Streeting");
    # not the suffixed forms made for every trust ("X FT"), which the canonical name covers
    aliases: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


def _rows(name: str) -> list[list[str]]:
    text = resources.files("indexer.entities").joinpath("lists", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        rows.append(cells + [""] * (4 - len(cells)))
    return rows


def _add(lex: Lexicon, text: str, entry: Entry, shapes: dict[str, dict[int, set[str]]]) -> None:
    """Add a name, and its form with "&" for "and" ("Telford & Wrekin", as tables and headings
    write a council's area)."""
    key = normalise(text)
    for form in (key, key.replace(" and ", " & ")) if " and " in key else (key,):
        tokens = TOKEN_RE.findall(form)
        if not tokens:
            return
        lex.entries[form] = entry
        shapes.setdefault(tokens[0], {}).setdefault(len(tokens), set()).add(tokens[-1])


def _starts(lex: Lexicon, shapes: dict[str, dict[int, set[str]]]) -> None:
    """Fill `lex.starts` from the names' shapes (first token -> count -> last tokens).

    A name written with a trailing "'" or "'s" ("St Thomas'") is also found from the words
    before that tail, so those words' last token can end a match of that length too.
    """
    for key in lex.entries:
        for tail in ("'", "'s"):
            tokens = TOKEN_RE.findall(key[: -len(tail)]) if key.endswith(tail) else []
            lasts = shapes.get(tokens[0], {}).get(len(tokens)) if tokens else None
            if lasts is not None:
                lasts.add(tokens[-1])
    lex.starts = {
        first: tuple((n, frozenset(lasts)) for n, lasts in sorted(by_count.items(), reverse=True))
        for first, by_count in shapes.items()
    }


def _entry(label: str, canonical: str, flags: frozenset[str]) -> Entry:
    since = next((f for f in flags if f.startswith("since:")), None)
    if since is None:
        return Entry(label, canonical, flags)
    return Entry(label, canonical, flags, dt.date.fromisoformat(since.removeprefix("since:")))


@functools.cache
def lexicon() -> Lexicon:
    """Load every data file once; later files win where a name appears twice."""
    lex = Lexicon()
    shapes: dict[str, dict[int, set[str]]] = {}
    aliases: dict[tuple[str, str], set[str]] = {}
    for name in FILES:
        for text, label, canonical, flags in (row[:4] for row in _rows(name)):
            flag_set = frozenset(flags.split())
            canonical = normalise(canonical or text)
            if name == "systems.tsv":
                lex.areas[normalise(text)] = canonical
                if label == "ORG":
                    canonical = f"{canonical} ICS"
            elif name == "trusts.tsv":
                lex.trust_bases[normalise(text)] = canonical
                for suffix in TRUST_SUFFIXES:
                    _add(lex, f"{text} {suffix}", Entry("ORG", canonical), shapes)
                aliases.setdefault(("ORG", canonical), set()).add(normalise(text))
                if "base" in flag_set:
                    continue
            elif name == "people.tsv" and ("alone" in flag_set or "alone-mid" in flag_set):
                surname = TOKEN_RE.findall(text)[-1]
                lex.surnames[surname] = (canonical, "alone-mid" in flag_set)
                aliases.setdefault((label, canonical), set()).add(surname)
            aliases.setdefault((label, canonical), set()).add(normalise(text))
            _add(lex, text, _entry(label, canonical, flag_set), shapes)
    _starts(lex, shapes)
    lex.aliases = {
        key: tuple(sorted(names - {key[1]})) for key, names in aliases.items() if names - {key[1]}
    }
    lex.openers = frozenset(lex.starts) | frozenset(lex.surnames)
    lex.single_places = frozenset(
        k for k, e in lex.entries.items() if e.label == "PLACE" and " " not in k
    )
    lex.first_names = first_names()
    return lex
