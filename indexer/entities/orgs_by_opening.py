"""Organisations known by what opens them: a word that introduces a body ("the charity Cotswold
Mind", "provider Leeds Community Healthcare") or a head word that comes first ("Healthwatch
Devon").
"""

from __future__ import annotations

from indexer.entities.field_text import Cand, FieldText, is_org_word
from indexer.entities.word_lists import (
    HEADS,
    ORG_INTRODUCERS,
    PREFIX_HEADS,
    STOPWORDS,
)


def introduced_orgs(f: FieldText, covered: set[int], gaz: dict[int, Cand]) -> list[Cand]:
    """A capitalised name right after "firm", "provider", "charity", "think tank" and the like,
    or between commas after one ("the manufacturer, Veltris Medical, has"); it may begin with a
    place ("the charity Cotswold Mind", "provider Leeds Community Healthcare") but is not a
    place alone."""
    if f.title_case:
        return []
    found, words, n = [], f.words, len(f.words)
    places: set[int] | None = None  # tokens of the places the gazetteer knows
    for k in f.caps:  # the name after the introducer starts with a capital
        i = k - 1
        if i < 0 or words[i] not in ORG_INTRODUCERS or f.gaps[i] not in (" ", ", "):
            continue
        apposed = f.gaps[i] == ", "  # "The manufacturer, Veltris Medical, has ...": between commas
        if places is None:
            places = _place_tokens(f, gaz)
        if k in covered and k not in places:
            continue
        last = i
        while last + 1 < n and last - i < 4 and (last == i or f.gaps[last] == " "):
            word = words[last + 1]
            # a known body after a place is its branch: "the charity Cotswold Mind"
            branch = last > i and last in places
            blocked = last + 1 in covered and last + 1 not in places and not branch
            if blocked or not is_org_word(word) or word.lower() in STOPWORDS:
                break
            last += 1
        if apposed and (last + 1 >= n or f.gaps[last] != ", "):
            continue  # a comma opened the name, so one must close it
        if last > i and not places.issuperset(range(k, last + 1)):
            found.append(Cand(f.starts[i + 1], f.ends[last], "ORG", "", 3, "intro"))
    return found


def _place_tokens(f: FieldText, gaz: dict[int, Cand]) -> set[int]:
    tokens: set[int] = set()
    for j, c in gaz.items():
        if c.label == "PLACE":
            tokens.update(range(f.index_at(c.start), j + 1))
    return tokens


def prefixed_orgs(f: FieldText) -> list[Cand]:
    """Names that start with an organisation word and go on with a place: "Healthwatch Devon"."""
    found: list[Cand] = []
    words, n = f.words, len(f.words)
    for i in f.caps:
        if words[i] not in PREFIX_HEADS or i + 1 >= n or f.gaps[i] != " ":
            continue
        last = i
        while last + 1 < n and last - i < 4 and f.gaps[last] == " ":
            word = words[last + 1]
            if not is_org_word(word) or word.lower() in STOPWORDS or word in HEADS:
                break
            last += 1
        if last > i:
            found.append(Cand(f.starts[i], f.ends[last], "ORG", "", 1, "rule"))
    return found
