"""Places made of a known place and a compass point: parts of a city or county ("north London",
"West Cumbria"), constituencies ("Barnsley East") and "the North of England"; an MP's seat
by where it stands ("MP for Tiverton and Minehead", "(Con, Taunton Deane)"); names no list
holds by the words before them ("in", "between", "the ... area"); and known places in a
headline set in capitals ("HOT HUBS OPEN IN SALISBURY AND ANDOVER").

Why a rule: every place the gazetteer holds has a north, south, east and west, and news names
them all; a list of each would be four times the gazetteer and still miss "south Cumbria".
"""

from __future__ import annotations

import re

from indexer.entities.field_text import Cand, FieldText, is_name_word
from indexer.entities.gazetteer import Lexicon
from indexer.entities.person_rules import party_end
from indexer.entities.word_lists import (
    COMPASS,
    GENERIC,
    LANGUAGES,
    MEMBERS,
    NOUN_ENDINGS,
    PARTIES,
    STOPWORDS,
    TITLES,
)

# "North" and "East" may pair ("North East Lincolnshire"); lower case ("north London") counts.
_COMPASS_ANY_CASE = {w.lower(): w for w in COMPASS} | {w: w for w in COMPASS}
NATION_PARTS = frozenset(("England", "Scotland", "Wales"))


def compass_places(f: FieldText, gaz_last: dict[int, Cand]) -> list[Cand]:
    """A compass point before or after a place the gazetteer knows, and "North of England"."""
    found: list[Cand] = []
    words, gaps, n = f.words, f.gaps, len(f.words)
    for j, c in gaz_last.items():
        if c.label != "PLACE":
            continue
        i = f.index_at(c.start)
        name = c.canonical
        last = j
        while last + 1 < n and gaps[last] == " " and words[last + 1] in COMPASS and last - j < 2:
            last += 1
        if _named_on(f, last):
            continue  # "West Cornwall Hospital", "central London CCGs": part of another name
        first, prefix = _compass_before(f, i)
        if first == i and last == j and i and words[i - 1] == "Greater" and gaps[i - 1] == " ":
            # "Greater Glasgow": a city with the towns around it, one place
            found.append(Cand(f.starts[i - 1], c.end, "PLACE", f"Greater {name}", 1, "rule"))
        elif first < i and last == j:
            found.append(Cand(f.starts[first], c.end, "PLACE", f"{prefix} {name}", 1, "rule"))
        elif last > j and first == i:
            suffix = " ".join(words[j + 1 : last + 1])
            found.append(Cand(c.start, f.ends[last], "PLACE", f"{name} {suffix}", 1, "rule"))
    for k in f.caps:  # "the North of England", "the north of England"
        if words[k] not in NATION_PARTS or k < 2 or words[k - 1] != "of" or _named_on(f, k):
            continue
        compass = _COMPASS_ANY_CASE.get(words[k - 2])
        if compass is not None and gaps[k - 2] == gaps[k - 1] == " ":
            name = f"{compass} of {words[k]}"
            found.append(Cand(f.starts[k - 2], f.ends[k], "PLACE", name, 1, "rule"))
    return found


def _compass_before(f: FieldText, i: int) -> tuple[int, str]:
    """The first token of one or two compass words just before token i, and their name."""
    first = i
    # The pair may be hyphenated ("south-east London", named "South East London"), never the
    # point and the place.
    while first > 0 and i - first < 2 and (f.gaps[first - 1] == " " or first < i):
        if f.gaps[first - 1] not in " -":
            break
        word = _COMPASS_ANY_CASE.get(f.words[first - 1])
        if word is None:
            break
        first -= 1
    if first == i:
        return i, ""
    return first, " ".join(_COMPASS_ANY_CASE[w] for w in f.words[first:i])


def _named_on(f: FieldText, last: int) -> bool:
    """Does a capitalised word follow token `last` in the same phrase ("Barnsley East Ward")?"""
    return last + 1 < len(f.words) and f.gaps[last] == " " and f.words[last + 1][0].isupper()


_SEAT_INTRODUCERS = frozenset(("MP", "MPs", "MSP", "MS", "AM", "MLA", "member"))


def constituencies(f: FieldText) -> list[Cand]:
    """An MP's seat: after "MP for", in "(Con, Taunton Deane)" or "Commons Lab, Wansbeck",
    and in "Owen Pritchard (Eastwick) (Lab)". A seat may hold "and" ("Tiverton and Minehead")."""
    found: list[Cand] = []
    words, gaps, n = f.words, f.gaps, len(f.words)
    for k in f.caps:
        word = words[k]
        first = -1
        party = party_end(f, k)
        if 0 <= party < n - 1 and gaps[party] == ", " and _opens_seat(f, k):
            first = party + 1  # "(Con, Seat)", "(Liberal Democrat, Seat)", "Commons Lab, Seat"
        elif word in _SEAT_INTRODUCERS and k + 2 < n and words[k + 1] == "for":
            first = k + 2 if gaps[k] == gaps[k + 1] == " " else -1
        elif k > 0 and gaps[k - 1].endswith("(") and _party_follows(f, k):
            first = k  # "Name (Seat) (Lab)"
        elif k > 0 and gaps[k - 1] == " (" and words[k - 1] in MEMBERS:
            first = k if gaps[_seat_end(f, k)].startswith(")") else -1  # "Name MP (Seat)"
        if first < 0 or first >= n or not words[first][0].isupper():
            continue
        last = _seat_end(f, first)
        if last >= first:
            found.append(Cand(f.starts[first], f.ends[last], "PLACE", "", 1, "seat"))
    return found


def _opens_seat(f: FieldText, k: int) -> bool:
    """Does the party at token k open a bracket, a line or follow "Commons" ("Commons Lab,")?"""
    if k == 0:
        return True
    gap = f.gaps[k - 1]
    return (
        gap.endswith("(") or "\n" in gap or (gap == " " and f.words[k - 1] in ("Commons", "Lords"))
    )


def _seat_end(f: FieldText, first: int) -> int:
    """The last token of a seat's name: capitals, joined by "and", "upon", "with" or "-"."""
    words, gaps, n = f.words, f.gaps, len(f.words)
    last, k = first - 1, first
    while k < n and words[k][0].isupper() and words[k] not in PARTIES:
        last = k
        if k + 2 < n and gaps[k] == gaps[k + 1] == " " and words[k + 1] in ("and", "upon", "with"):
            k += 2
        elif k + 1 < n and gaps[k] == " ":
            k += 1
        else:
            break
    return last if last < first or words[last][0].isupper() else last - 1


def _party_follows(f: FieldText, k: int) -> bool:
    """Is the bracket that token k opens closed and followed by "(Party)"?"""
    last = _seat_end(f, k)
    if last < k or last + 1 >= len(f.words):
        return False
    return f.gaps[last].replace(" ", "") == ")(" and f.words[last + 1] in PARTIES


# Words after which a name no list holds is a place: "in Eastmoor", "across Brighthaven".
PLACE_CONTEXT = frozenset(
    ("in", "across", "near", "around", "throughout", "outside", "between", "covering")
)


def context_places(f: FieldText, covered: set[int], gaz_last: dict[int, Cand]) -> list[Cand]:
    """A name no list holds after "in", "across" or "near" is a place ("pharmacies in Mersey
    Vale", "teams based in Aberystwyth, Tregaron and Machynlleth": each item of a list its own
    place, past those the gazetteer knows), as after "residents of" and "the town of"; and
    after "in the" when it opens with a compass point ("in the North Riding"), and before "area"
    after "the" ("in the Linthorpe area"). Not where more
    capitals follow (part of a longer name: "in Wyeford Community Health Hub"), nor a generic
    word, a title or a first name ("in Sarah Jones's team")."""
    if f.title_case:
        return []
    found: list[Cand] = []
    words, gaps, n = f.words, f.gaps, len(f.words)
    known: dict[int, int] | None = None  # first token -> last of each place the gazetteer knows
    for k in f.caps:
        if k == 0 or gaps[k - 1] != " " or words[k - 1] not in _BEFORE_PLACE:
            continue
        if not _after_place_word(f, k):
            continue
        if known is None:
            known = {f.index_at(c.start): j for j, c in gaz_last.items() if c.label == "PLACE"}
        while k < n:
            if k in known:  # a place the gazetteer knows: the list goes on after it
                k = _next_item(f, known[k])
                continue
            last = _place_run(f, k, covered)
            if last < k or (last == k and words[k] in COMPASS):
                break  # "in the East": a compass point alone names no place here
            found.append(Cand(f.starts[k], f.ends[last], "PLACE", "", 7, "context"))
            k = _next_item(f, last)
    return found


def listed_places(
    f: FieldText, covered: set[int], gaz_last: dict[int, Cand], first_names: frozenset[str]
) -> list[Cand]:
    """A name no list holds in a list of places is a place: "Bromyard, Evesham, Kidderminster
    and Leominster", where at least two items are places the gazetteer knows and the list has
    three items or more. Not a first name ("Leeds, Hull and Sarah Jones"), a party, nor what
    the gazetteer holds."""
    if f.title_case:
        return []
    known = {f.index_at(c.start): j for j, c in gaz_last.items() if c.label == "PLACE"}
    if len(known) < 2:
        return []
    found: list[Cand] = []
    words, n = f.words, len(f.words)
    skip_to = 0
    for k in f.caps:
        if k < skip_to:
            continue
        items: list[tuple[int, int, bool]] = []  # (first, last, known) of each item
        i = k
        while i < n:
            if i in known:
                last, is_known = known[i], True
            elif words[i] in first_names or words[i] in PARTIES:
                break  # "(Conservative, Farnham and Bordon)" lists a party and a seat
            else:
                last, is_known = _place_run(f, i, covered), False
                if last < i or words[last] in COMPASS:
                    break
            items.append((i, last, is_known))
            i = _next_item(f, last)
        skip_to = items[-1][1] + 1 if items else k + 1
        if len(items) < 3 or sum(1 for item in items if item[2]) < 2:
            continue
        for first, last, is_known in items:
            if not is_known:
                found.append(Cand(f.starts[first], f.ends[last], "PLACE", "", 7, "context"))
    return found


def _after_place_word(f: FieldText, k: int) -> bool:
    """Does a word of place stand just before token k ("in", "residents of", "in the North")?"""
    words, gaps = f.words, f.gaps
    before = words[k - 1]
    if before in PLACE_CONTEXT:
        return True
    if k < 2 or gaps[k - 2] != " ":
        return False
    if before == "of":
        return words[k - 2] in _OF_PLACE
    if before != "the":
        return False
    return (words[k - 2] in PLACE_CONTEXT and words[k] in COMPASS) or _area_follows(f, k)


def _area_follows(f: FieldText, k: int) -> bool:
    """Does "area" or a plural of places follow capitals from token k, one name or a list of
    them ("in the Linthorpe area of Middlesbrough", "cases in the Ravensmoor area", "the Ashby
    and Coalville areas", "the Eastfield, Bramley and Crook constituencies")?"""
    words, gaps, n = f.words, f.gaps, len(f.words)
    j, run = k + 1, 1
    while j < min(k + 10, n):
        gap, word = gaps[j - 1], words[j]
        if gap not in (" ", ", "):
            return False
        if word[0].isupper():
            run += 1
            if run > 3:
                return False
        elif word == "and" and gap == " " and run and j + 1 < n and words[j + 1][0].isupper():
            run = 0  # the list's last item follows
        else:
            return gap == " " and run > 0 and word in _AREA_NOUNS
        j += 1
    return False


# Nouns after names that make them places: "the Ravensmoor area", "the Ashby and Coalville areas".
_AREA_NOUNS = frozenset(
    ("area", "areas", "localities", "constituencies", "boroughs", "districts", "towns")
)


_BEFORE_PLACE = PLACE_CONTEXT | {"of", "the"}  # a cheap test first: the last word before one
# Words before "of" and a place: "residents of Donnington", "the town of Tregaron".
_OF_PLACE = frozenset(
    ("resident", "residents", "town", "towns", "village", "villages", "city", "county", "borough")
)


def _place_run(f: FieldText, k: int, covered: set[int]) -> int:
    """The last token of one to three name words from token k that end the name, or k - 1."""
    words, gaps, n = f.words, f.gaps, len(f.words)
    last = k - 1
    while last + 1 < n and last + 1 - k < 3 and (last < k or gaps[last] == " "):
        word = words[last + 1]
        if not _place_word(word) or last + 1 in covered:
            break
        last += 1
    if last < k:
        return last
    if last + 1 < n and gaps[last] == " " and not words[last + 1][0].islower():
        return k - 1  # more capitals or a number follow: "in Wyeford Community Hub", "in Year 7"
    if last + 1 < n and (gaps[last][:1] in ("'", "-") or gaps[last] == " #"):
        return k - 1  # a possessive ("in Sarah's team"), a word going on ("in Covid-19"), a
        # number ("in Issue #111")
    return last


def _place_word(word: str) -> bool:
    """A capitalised word that may name a place: not generic ("Medicine"), a title, a language
    ("in English", "in Polish", "in Urdu"), a product's CamelCase name ("in SystmOne"), nor a
    common noun by its ending ("in Statements", "(Finance)", "in Governance")."""
    return (
        is_name_word(word)
        and word not in GENERIC
        and word not in TITLES
        and word not in LANGUAGES
        and not word.endswith(_LANGUAGE_ENDINGS)
        and not word.endswith(NOUN_ENDINGS)
        and word[1:].islower()
        and word.lower() not in STOPWORDS
    )


_LANGUAGE_ENDINGS = ("ish", "ian", "ese")  # most languages: "English", "Romanian", "Portuguese"


def _next_item(f: FieldText, last: int) -> int:
    """The first token of the list's next item after token `last`, or len(words)."""
    words, gaps, n = f.words, f.gaps, len(f.words)
    if last + 1 < n and gaps[last] == ", ":
        return last + 1
    if last + 2 < n and gaps[last] == gaps[last + 1] == " " and words[last + 1] in ("and", "or"):
        return last + 2
    return n


# "Peter Bramwell (Hatherley)", "Dr Ellen Price (Severn)": where a governor or a rep stands for.
_BRACKETED_RE = re.compile(r" \(([A-Z][a-z'-]+(?: [A-Z][a-z'-]+){0,2})\)")


def bracketed_places(f: FieldText, chosen: list[Cand]) -> list[Cand]:
    """A name in brackets right after a person is the place they stand for or come from, as
    lists of governors, reps and members give it; not a party ("(Lab)"), nor a name with a
    head word ("(Unison Branch)")."""
    found: list[Cand] = []
    for c in chosen:
        if c.label != "PERSON" or f.norm[c.end : c.end + 2] != " (":
            continue
        m = _BRACKETED_RE.match(f.norm, c.end)
        if m is None:
            continue
        words = m.group(1).split()
        if words[0] in PARTIES or not all(map(_place_word, words)):
            continue  # "(Lab)", "(Unison Branch)", "(Finance)"
        start, end = m.span(1)
        if not any(o.start < end and start < o.end for o in chosen):
            found.append(Cand(start, end, "PLACE", "", 7, "context"))
    return found


def shouted_places(f: FieldText, lex: Lexicon) -> list[Cand]:
    """Places the gazetteer knows in a line set in capitals, after "IN", "ACROSS", "FOR" or
    "TO" and in a list after one ("OPEN IN SALISBURY AND ANDOVER", "IN HULL AND EAST RIDING"):
    the gazetteer's names are matched as written, so a place in capitals is found here."""
    found: list[Cand] = []
    if " IN " not in f.norm and " ACROSS " not in f.norm and " FOR " not in f.norm:
        return found
    words, gaps, n = f.words, f.gaps, len(f.words)
    for i, word in enumerate(words):
        if word not in _SHOUTED_CONTEXT or i + 1 >= n or gaps[i] != " ":
            continue
        k = i + 1
        while k < n and words[k].isupper():
            last, canonical = _shouted_place(f, lex, k)
            if last < k:
                break
            found.append(Cand(f.starts[k], f.ends[last], "PLACE", canonical, 2, "gaz"))
            if last + 2 < n and gaps[last] == gaps[last + 1] == " " and words[last + 1] == "AND":
                k = last + 2
            elif last + 1 < n and gaps[last] == ", ":
                k = last + 1
            else:
                break
    return found


_SHOUTED_CONTEXT = frozenset(("IN", "ACROSS", "FOR", "TO"))


def _shouted_place(f: FieldText, lex: Lexicon, k: int) -> tuple[int, str]:
    """The last token of the longest known place (up to three words) in capitals from token k,
    with its canonical name; k - 1 if none."""
    words, n = f.words, len(f.words)
    best, canonical = k - 1, ""
    key = ""
    for j in range(k, min(k + 3, n)):
        if not words[j].isupper() or (j > k and f.gaps[j - 1] != " "):
            break
        key = f"{key} {words[j].title()}" if key else words[j].title()
        entry = lex.entries.get(key)
        if entry is not None and entry.label == "PLACE":
            best, canonical = j, entry.canonical
    return best, canonical
