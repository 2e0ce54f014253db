"""The gazetteer's names in a field's text: the longest known name starting at each capital,
with the company some names need (a one-word body that acts, a town after "in" or in a list
after it), and the few people known well enough to be named by their surname alone.
"""

from __future__ import annotations

import datetime as dt

from indexer.entities.field_text import Cand, FieldText, acts_after, is_name_word
from indexer.entities.full_names import inside_name
from indexer.entities.gazetteer import Entry, Lexicon
from indexer.entities.places import COMPASS, PLACE_CONTEXT
from indexer.entities.word_lists import (
    CONTEXT_WORDS,
    STOPWORDS,
    STREET_WORDS,
    TITLES,
)


def gazetteer_matches(
    f: FieldText, lex: Lexicon, date: dt.date | None
) -> tuple[list[Cand], dict[int, Cand], set[int]]:
    """Longest gazetteer name starting at each token; keyed also by its last token; and the
    tokens inside organisations and places (which no person's name takes)."""
    found: list[Cand] = []
    by_last: dict[int, Cand] = {}
    covered: set[int] = set()
    words, starts, ends, norm, n = f.words, f.starts, f.ends, f.norm, len(f.words)
    openers = lex.openers
    for i in f.caps:  # a name starts with a capital (or a digit)
        word = words[i]
        if word not in openers:
            continue
        if word in lex.surnames:
            cand = _known_surname(f, lex, i)
            if cand is not None:
                found.append(cand)
        for length, lasts in lex.starts.get(word, ()):
            j = i + length - 1
            if j >= n or words[j] not in lasts:
                continue
            start, end = starts[i], ends[j]
            key = norm[start:end].replace("\n", " ")  # a name may wrap onto the next line
            entry = lex.entries.get(key)
            if entry is None and norm.startswith("'", end):
                tail = "'s" if norm.startswith("'s", end) else "'"
                entry = lex.entries.get(key + tail)
                end += len(tail)
            if entry is None or (entry.flags and not _flags_ok(f, lex, i, entry, date)):
                continue
            if entry.label == "PLACE" and j + 1 < n and words[j + 1] in STREET_WORDS:
                break  # an address: "Tavistock Square"
            cand = _gazetteer_cand(f, lex, i, start, end, key, entry)
            found.append(cand)
            if j not in by_last or by_last[j].end - by_last[j].start < end - start:
                by_last[j] = cand
            if cand.kind != "person":
                first = i if cand.start == start else i - 1  # "NHS Devon" starts a token early
                last = j if end == ends[j] else f.index_ending(end)  # past a trailing "'s"
                covered.update(range(first, last + 1))
            break
    return found, by_last, covered


def names_on(f: FieldText, lex: Lexicon, j: int) -> bool:
    """Does a place ending at token j begin some other name ("Humber Estuary", "Cotswold
    Ramblers", "Lake District Cycles", "Cornwall Health Partners"), so that it is no place of its
    own? In a title-case headline every word is capitalised: there only a word that starts no
    known name says so."""
    if j + 1 >= len(f.words) or f.gaps[j] != " ":
        return False
    after = f.words[j + 1]
    if not is_name_word(after) or after.lower() in STOPWORDS or after in TITLES:
        return False
    if after in COMPASS or after in lex.first_names:
        return False
    return not f.title_case or after not in lex.starts


def _flags_ok(f: FieldText, lex: Lexicon, i: int, entry: Entry, date: dt.date | None) -> bool:
    if entry.since and date is not None and date < entry.since:
        return False  # "NHS England and NHS Improvement" in 2018: two bodies
    if "mid" in entry.flags and (
        f.title_case or (f.initial[i] and not _acts(f, i)) or _ends_a_name(f, i)
    ):
        return False
    if "the" in entry.flags:
        return i > 0 and f.gaps[i - 1] == " " and f.words[i - 1] in ("the", "The")
    if "ctx" in entry.flags:
        return _after_context(f, i) or _listed_after_context(f, i) or _listed_with_place(f, i, lex)
    if "word" in entry.flags:  # "CONTACT US", "JOIN US": the pronoun in a line of capitals
        return i == 0 or f.gaps[i - 1] != " " or not f.words[i - 1].isupper()
    return True


def _ends_a_name(f: FieldText, i: int) -> bool:
    """Is the common word at token i the last of a longer name ("Portcullis Health Monitor")?"""
    return i > 0 and f.gaps[i - 1] == " " and is_name_word(f.words[i - 1]) and not f.initial[i - 1]


def _after_context(f: FieldText, i: int) -> bool:
    return i > 0 and f.gaps[i - 1] == " " and f.words[i - 1].lower() in CONTEXT_WORDS


def _listed_after_context(f: FieldText, i: int) -> bool:
    """Is token i a later item of a list of names after a word of place ("in Halifax and
    Brighouse", "from Leeds, Elland or Brighouse")? Each item is one to three capitals."""
    words, gaps = f.words, f.gaps
    for _ in range(4):  # list items
        if i >= 2 and gaps[i - 2] == gaps[i - 1] == " " and words[i - 1] in ("and", "or"):
            k = i - 2
        elif i >= 1 and gaps[i - 1] == ", ":
            k = i - 1
        else:
            return False
        first = k
        while first > 0 and k - first < 2 and gaps[first - 1] == " ":
            before = words[first - 1]
            if not before[0].isupper() or before.lower() in CONTEXT_WORDS:
                break
            first -= 1
        if not words[k][0].isupper():
            return False
        if _after_context(f, first):
            return True
        i = first
    return False


def _listed_with_place(f: FieldText, i: int, lex: Lexicon) -> bool:
    """Is the one-word town at token i listed next to a place the gazetteer knows without
    context ("Halton and Knowsley had the highest rates", "Skegness, Mablethorpe and Louth")?"""
    words, gaps, n = f.words, f.gaps, len(f.words)
    if i + 2 < n and gaps[i] == gaps[i + 1] == " " and words[i + 1] in ("and", "or"):
        after = i + 2
    else:
        after = i + 1 if i + 1 < n and gaps[i] == ", " else -1
    if i >= 2 and gaps[i - 2] == gaps[i - 1] == " " and words[i - 1] in ("and", "or"):
        before = i - 2
    else:
        before = i - 1 if i >= 1 and gaps[i - 1] == ", " else -1
    for k in (before, after):
        entry = lex.entries.get(words[k]) if k >= 0 else None
        if entry is not None and entry.label == "PLACE" and not entry.flags:
            return True
    return False


def _acts(f: FieldText, i: int) -> bool:
    """Is the one-word name at token i followed by a verb ("Monitor has ordered") or "'s"?"""
    if acts_after(f, i):  # "Monitor has ordered", "Babylon's"
        return True
    # or a headline's present tense: "Babylon pulls out"
    if i + 1 >= len(f.words) or f.gaps[i] != " ":
        return False
    after = f.words[i + 1]
    return after.islower() and after[-1] == "s"


def _gazetteer_cand(
    f: FieldText, lex: Lexicon, i: int, start: int, end: int, key: str, entry: Entry
) -> Cand:
    kind = "person" if entry.label == "PERSON" else "area" if "area" in entry.flags else "gaz"
    if entry.label == "PLACE" and i > 0 and f.words[i - 1] == "NHS" and f.gaps[i - 1] == " ":
        area = lex.areas.get(key)
        canonical = f"{area} ICS" if area else f"NHS {entry.canonical}"
        return Cand(f.starts[i - 1], end, "ORG", canonical, 0, kind)
    return Cand(start, end, entry.label, entry.canonical, 0, kind)


def _known_surname(f: FieldText, lex: Lexicon, i: int) -> Cand | None:
    """ "Streeting" alone, for the few people well known enough to be named so."""
    canonical, mid_only = lex.surnames[f.words[i]]
    if mid_only and (f.initial[i] or f.title_case):
        return None
    if inside_name(f, i, lex) and not (i > 0 and f.words[i - 1] in TITLES):
        return None
    if i > 0 and f.gaps[i - 1] == " " and f.words[i - 1] in PLACE_CONTEXT:
        return None  # "practices in Ashworth": a place of that name, not the person
    start, end = f.starts[i], f.ends[i]
    return Cand(start, end, "PERSON", canonical, 6, "surname")
