"""People named in a byline: the field says who wrote the story, so its names need no known first
name ("Amara Okafor and Sophie Klein · 3 June 2021 · 4 min read", "By Alison Trent, Partner,
and Marcus Oyelaran, Associate"). Only the byline's list of writers is read: up to its first
separator (a middle dot, a bar, a dash or a bracket), cut at commas and "and"; an entry is a
person when it is two to four capitalised words and none of them says a role, a kind of body or
a date ("Health Correspondent", "King's College London", "Press Office" are not)."""

from __future__ import annotations

import re

from indexer.entities.field_text import Cand, FieldText
from indexer.entities.word_lists import GENERIC, MONTHS_DAYS, PARTICLES, ROLES_LOWER

_LEAD = re.compile(
    r"\s*(?:(?:words|written|text|reporting|compiled|edited|posted)\s+by|by|from|authors?|words)"
    r"\b\s*:?\s*",
    re.IGNORECASE,
)
_END = re.compile(
    r"\s+[·|•–—-]\s*|[·|•–—(]|\s+-\s+|\bon\s+\d|\d"
    r"|\s+(?:is|was|writes|reports|explains|asks)\b"  # "Dev Chaudhary is our policy officer."
)
_PARTS = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?")


def byline_people(f: FieldText) -> list[Cand]:
    """The people a byline names as its writers."""
    if f.name != "byline":
        return []
    text = f.text
    lead = _LEAD.match(text)
    start = lead.end() if lead else len(text) - len(text.lstrip())
    stop = _END.search(text, start)
    end = stop.start() if stop else len(text)
    found: list[Cand] = []
    at = start
    for part in _PARTS.split(text[start:end]):
        where = text.index(part, at) if part else at
        at = where + len(part)
        name = part.strip()
        if _is_name(name):
            found.append(Cand(where, where + len(name), "PERSON", "", 7, "byline"))
    return found


# Words of a writer's post or desk, not of a name: "Senior Associate", "Press Team".
_POST_WORDS = frozenset(
    {
        "senior", "associate", "principal", "junior", "head", "team", "staff", "desk", "news",
        "policy", "guest", "contributor", "contributing", "special", "political", "assistant",
        "trainee", "media", "press", "communications", "editorial", "digital", "research",
        "data", "features", "opinion", "comment",
    }
)  # fmt: skip


def _is_name(part: str) -> bool:
    words = part.split()
    if not 2 <= len(words) <= 4 or " ".join(_WORD.findall(part)) != part:
        return False
    named = [w for w in words if w not in PARTICLES]
    if not named or words[0] in PARTICLES or words[-1] in PARTICLES:
        return False
    return all(
        w[0].isupper()
        and w.lower() not in ROLES_LOWER
        and w.lower() not in _POST_WORDS
        and w not in GENERIC
        and w.rstrip(".") not in MONTHS_DAYS
        for w in named
    )
