"""Acronyms a digest spells out somewhere: "AHWU" where its masthead names the "Allied Health
Workers' Union", "CHSA" where a feed's subtitle names the "Care and Health Standards Authority".

Why per digest: a newsletter names its own body in full once, in a masthead, title or footer
that is no story, and by its initials in every story after; no list can hold every union,
college and regulator that sends one. The letters must be the initials of a name that ends
in an organisation's head word ("Union", "Authority", "College"), so a chance match with a
common phrase is rare.
"""

from __future__ import annotations

import re
from collections.abc import Container

from indexer.entities.gazetteer import normalise
from indexer.entities.word_lists import GENERIC, HEADS, WEAK_HEADS

# An acronym as a whole word: three to six capitals.
_ACRONYM_RE = re.compile(r"(?<![\w&'-])[A-Z]{3,6}(?![\w&-])")
# A run of three or more capitalised words, with the small words inside names between them.
_RUN_RE = re.compile(r"[A-Z][\w']*+(?: (?:(?:of|and|for|the|&) )*+[A-Z][\w']*+){2,}")
_SMALL = frozenset(("of", "and", "for", "the", "&"))


def initialisms(text: str, known: Container[str] = frozenset()) -> dict[str, str]:
    """Acronym -> the name it abbreviates, for the acronyms in `text` (a whole digest) whose
    letters are the initials of a name ending in a head word elsewhere in it; acronyms in
    `known` (the gazetteer's) are left to it."""
    wanted = {m.group() for m in _ACRONYM_RE.finditer(text)}
    wanted = {acronym for acronym in wanted if acronym not in known and acronym not in GENERIC}
    if not wanted:
        return {}
    found: dict[str, str] = {}
    for run in _RUN_RE.finditer(normalise(text)):
        words = run.group().split(" ")
        for first in range(len(words)):
            if words[first] in _SMALL:
                continue
            letters = ""
            for last in range(first, len(words)):
                word = words[last]
                if word in _SMALL:
                    continue
                letters += word[0]
                if len(letters) > 6:
                    break
                if letters in wanted and letters not in found:
                    name = words[first : last + 1]
                    if _names_a_body(name):
                        found[letters] = " ".join(name)
    return found


def _names_a_body(words: list[str]) -> bool:
    """Does a name end in a body's head word, and is it no generic kind ("Integrated Care
    Board", "Clinical Commissioning Group"; "Centre for Health Economics" is a name) nor a thing
    a body runs ("Better Care Fund")?"""
    head = words[-1].rstrip("'")
    if head not in HEADS or head in WEAK_HEADS:
        return False
    return any(w in _SMALL for w in words) or not GENERIC.issuperset(words)
