"""Hospitals by the short names news gives them: "Wyvern General", "Royal Gwent", "Worcester
Royal", and each name of a list that a plural kind ends ("Glangwili and Prince Philip
hospitals", "its Heartlands, Good Hope and Queen Elizabeth sites").

Why a rule: a hospital is called by its place and "General" or "Royal" far more often than by
its full name, and "X and Y hospitals" names two hospitals, neither of which ends in a head
word; no list holds every one.
"""

from __future__ import annotations

import re

from indexer.entities.field_text import Cand, FieldText, is_name_word
from indexer.entities.word_lists import (
    GENERAL_POSTS,
    GENERIC,
    MONTHS_DAYS,
    NOT_HOSPITALS,
    PLURAL_KINDS,
    STOPWORDS,
    TITLES,
)

_NOT_AFTER_ROYAL = NOT_HOSPITALS | GENERIC
_PLURAL_RE = re.compile("|".join(sorted(PLURAL_KINDS)))


def hospitals(f: FieldText, places: set[int]) -> list[Cand]:
    """Short hospital names and the items of "A, B and C hospitals" (`places`: token indices
    of one-word places the gazetteer knows, which a list such as "Leeds and Bradford
    hospitals" keeps as places)."""
    if f.title_case:
        return []
    found: list[Cand] = []
    words, gaps, n = f.words, f.gaps, len(f.words)
    for k in f.caps:
        word = words[k]
        if word == "General" and k > 0 and gaps[k - 1] == " " and _ends_name(f, k):
            first = _name_before(f, k)
            named = [w for w in words[first:k] if w not in GENERIC]  # not "District General"
            if named and words[k - 1] not in GENERAL_POSTS:
                found.append(Cand(f.starts[first], f.ends[k], "ORG", "", 1, "hospital"))
        elif word == "Royal":
            after = words[k + 1] if k + 1 < n and gaps[k] == " " else ""
            if _name(after) and after not in _NOT_AFTER_ROYAL and _ends_name(f, k + 1):
                found.append(Cand(f.starts[k], f.ends[k + 1], "ORG", "", 1, "hospital"))
            elif k - 1 in places and gaps[k - 1] == " " and _ends_name(f, k):
                start = f.starts[k - 1]  # "Worcester Royal"
                found.append(Cand(start, f.ends[k], "ORG", "", 1, "hospital"))
    found += _listed(f, places)
    return found


def _listed(f: FieldText, places: set[int]) -> list[Cand]:
    """Each name in a list that a plural kind ends: "Glangwili and Prince Philip hospitals"."""
    found: list[Cand] = []
    if _PLURAL_RE.search(f.norm) is None:  # one scan of the text, not one per kind
        return found
    words, gaps = f.words, f.gaps
    for k, word in enumerate(words):
        if word not in PLURAL_KINDS or k == 0 or gaps[k - 1] != " ":
            continue
        end = k - 1
        items: list[tuple[int, int]] = []
        while end >= 0:
            if not _name(words[end]):
                break
            first = _name_before(f, end)
            items.append((first, end))
            if (
                first >= 2
                and gaps[first - 2] == gaps[first - 1] == " "
                and words[first - 1] == "and"
            ):
                end = first - 2
            elif first >= 1 and gaps[first - 1] == ", ":
                end = first - 1
            else:
                break
        if len(items) < 2:
            continue
        for first, last in items:
            if not (first == last and first in places):
                found.append(Cand(f.starts[first], f.ends[last], "ORG", "", 1, "hospital"))
    return found


def _name(word: str) -> bool:
    if not word:
        return False
    return (
        is_name_word(word)
        and word.lower() not in STOPWORDS
        and word not in MONTHS_DAYS
        and word not in TITLES
    ) or word in ("General", "Royal")


def _name_before(f: FieldText, k: int) -> int:
    """The first token of the run of name words that ends at token k (three at most before it)."""
    first = k
    while first > 0 and k - first < 3 and f.gaps[first - 1] == " " and _name(f.words[first - 1]):
        first -= 1
    return first


def _ends_name(f: FieldText, k: int) -> bool:
    """Does the name end at token k (no capitalised word follows in the same phrase)?"""
    return k + 1 >= len(f.words) or f.gaps[k] != " " or not f.words[k + 1][0].isupper()
