"""Areas a digest names its care systems by: "Tamar and Moor" where the digest names "NHS Tamar
and Moor ICB", "Severn and Wye" where it names the "Severn and Wye Integrated Care Board".

Why per digest: an area of two names joined by "and" is one place only because a system is
called so ("in Severn and Wye" is one area; "in Leeds and Bradford" two cities), and the
gazetteer cannot hold every system a newsletter's region has had (the names change with each
reorganisation). A digest that names the system in full once names its area alone in every
story after; elsewhere the two names are two places, as before.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from indexer.entities.field_text import Cand, FieldText
from indexer.entities.gazetteer import normalise
from indexer.entities.word_lists import GENERIC, REQUESTS, STOPWORDS

# Names joined by "and" (and commas) before a system's kind: "Tamar and Moor ICB", "Bristol,
# North Somerset and South Gloucestershire CCGs", "Coast and Vale STP".
_NAME = r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)*"
_KIND = (
    r" (?:ICS|ICB|CCGs?|STP|Integrated Care|Clinical Commissioning|Health and Care Partnership)\b"
)
_KIND_RE = re.compile(_KIND)
# The names before a system's kind, read back from it (a search from every capital of a digest
# costs more than the rest of its entities).
_AREA_BEFORE_RE = re.compile(rf"(?<![\w'-]){_NAME}(?:, {_NAME})* and (?:the )?{_NAME}\Z")
_REACH = 120  # characters before a kind that its area may take
# Words before a system's area that are no part of it: "NHS Tamar and Moor ICB", "Join Wyre and
# Lune ICB" (and the small words that open a sentence).
_NOT_AREA = REQUESTS | {"NHS", "The"}


def digest_areas(text: str) -> frozenset[str]:
    """The areas of two or more names (joined by "and") that a whole digest's systems take."""
    if " and " not in text:
        return frozenset()
    found = set()
    text = normalise(text)
    for kind in _KIND_RE.finditer(text):
        start, end = max(0, kind.start() - _REACH), kind.start()
        m = _AREA_BEFORE_RE.search(text, start, end) if " and " in text[start:end] else None
        if m is None:
            continue
        words = m.group().split(" ")
        # the area starts after another system's name: "Dudley CCG, Sandwell and West Birmingham"
        cut = max((i for i, w in enumerate(words) if w.rstrip(",") in GENERIC), default=-1)
        words = words[cut + 1 :]
        while words and (words[0] in _NOT_AREA or words[0].lower() in STOPWORDS):
            words = words[1:]
        if words and words[0] != "and" and " and " in " ".join(words):
            found.add(" ".join(words))
    if not found:
        return frozenset()
    rest = text
    for area in sorted(found, key=len, reverse=True):
        rest = rest.replace(area, "\n")
    return frozenset(area for area in found if not _named_apart(rest, area))


def _named_apart(rest: str, area: str) -> bool:
    """Does the digest, outside its areas (`rest`), name a part of this one on its own
    ("Tamesbury Borough Council" beside "Tamesbury and Wrekin ICB")? Then its parts are places
    of their own, and so named."""
    for part in re.split(r", | and (?:the )?", area):
        if re.search(rf"(?<![\w'-]){re.escape(part)}(?![\w'-])", rest):
            return True
    return False


def area_places(f: FieldText, areas: Collection[str]) -> list[Cand]:
    """Each place in the story's text that is one of the digest's system areas, whole."""
    found: list[Cand] = []
    text = f.norm
    for area in areas:
        start = text.find(area)
        while start >= 0:
            end = start + len(area)
            before = text[start - 1 : start] if start else " "
            whole = not before.isalnum() and not text[end : end + 1].isalnum()
            if whole and not _KIND_RE.match(text, end):  # not the system's own name
                found.append(Cand(start, end, "PLACE", area, 2, "gaz"))
            start = text.find(area, end)
    return found
