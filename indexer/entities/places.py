"""Places made of a known place and a compass point: parts of a city or county ("north London",
"West Cumbria"), constituencies ("Barnsley East") and "the North of England".

Why a rule: every place the gazetteer holds has a north, south, east and west, and news names
them all; a list of each would be four times the gazetteer and still miss "south Cumbria".
"""

from __future__ import annotations

from indexer.entities.rules import Cand, FieldText

COMPASS = frozenset(("North", "South", "East", "West", "Central", "Mid"))
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
        if first < i and last == j:
            found.append(Cand(f.starts[first], c.end, "PLACE", f"{prefix} {name}", 1, "rule"))
        elif last > j and first == i:
            suffix = " ".join(words[j + 1 : last + 1])
            found.append(Cand(c.start, f.ends[last], "PLACE", f"{name} {suffix}", 1, "rule"))
    for i in f.caps:  # "the North of England"
        if words[i] not in COMPASS or i + 2 >= n or gaps[i] != " " or gaps[i + 1] != " ":
            continue
        if words[i + 1] == "of" and words[i + 2] in NATION_PARTS and not _named_on(f, i + 2):
            name = " ".join(words[i : i + 3])
            found.append(Cand(f.starts[i], f.ends[i + 2], "PLACE", name, 1, "rule"))
    return found


def _compass_before(f: FieldText, i: int) -> tuple[int, str]:
    """The first token of one or two compass words just before token i, and their name."""
    first = i
    while first > 0 and i - first < 2 and f.gaps[first - 1] == " ":
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
