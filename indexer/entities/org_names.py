"""Organisations' canonical names across a story: one name for the forms a body goes by ("X FT",
"X NHS Foundation Trust", "X ICB"), aliases defined in brackets ("(ABC)") or by the whole
digest, and a short form of a full name the story gives.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from indexer.entities.field_text import Cand, FieldText
from indexer.entities.gazetteer import Lexicon, lexicon, normalise
from indexer.entities.mentions import clean_mention, remember
from indexer.entities.word_lists import (
    GENERIC,
    HEADS,
)

ICS_RE = re.compile(
    r"^(?:NHS )?(.+?) (?:ICS|ICB|Integrated Care(?: System| Board| Partnership)?"
    r"|Health and Care Partnership|STP|Sustainability and Transformation (?:Partnership|Plan))$"
)


CCG_RE = re.compile(r"^(?:NHS )?(.+?) (?:CCG|Clinical Commissioning Group)$")


TRUST_RE = re.compile(r"^(.+?) (?:NHS )?(Foundation Trust|NHS FT|FT|Trust)$")


# The last words those patterns need: a cheap test first, as each pattern's lazy "(.+?)" tries
# every split of a name that cannot match.
ICS_ENDINGS = ("ICS", "ICB", "Care", "System", "Board", "Partnership", "STP", "Plan")


CCG_ENDINGS = ("CCG", "Group")


TRUST_ENDINGS = ("Trust", "FT")


ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


def organisations(
    story: list[tuple[FieldText, list[Cand]]], initials: Mapping[str, str] | None
) -> dict[str, str]:
    """Canonical organisation names, aliases defined in brackets or by the digest (`initials`),
    short forms of full names; returns the aliases (alias -> canonical name)."""
    lex = lexicon()
    aliases: dict[str, str] = {}
    if initials:
        aliases.update((short, org_canonical(name, lex)) for short, name in initials.items())
    orgs: list[tuple[str, Cand]] = []  # (cleaned text, candidate)
    for f, chosen in story:
        brackets = "(" in f.norm  # where an alias can be defined
        for c in chosen:
            if c.label != "ORG":
                continue
            text, canonical = org_names(f.norm[c.start : c.end], lex)
            orgs.append((text, c))
            if not c.canonical:
                c.canonical = canonical
            m = ACRONYM_RE.match(f.norm, c.end) if brackets else None
            if m and m.group(1) not in lex.entries:
                aliases[m.group(1)] = c.canonical
    for text, c in orgs:
        if c.canonical != text or text.rpartition(" ")[2] in HEADS:  # its last word
            continue
        prefix = text + " "
        for other, o in orgs:
            if not other.startswith(prefix):
                continue
            rest = other[len(prefix) :].split()
            if rest and rest[0] in GENERIC:  # GENERIC holds the HEADS too
                c.canonical = o.canonical
                break
    if not aliases:
        return aliases
    for f, chosen in story:
        taken = [(c.start, c.end) for c in chosen]
        for i in f.caps:  # an alias is capitalised (ACRONYM_RE)
            if f.words[i] not in aliases:
                continue
            start, end = f.starts[i], f.ends[i]
            if not any(s < end and start < e for s, e in taken):
                chosen.append(Cand(start, end, "ORG", aliases[f.words[i]], 6, "alias"))
    return aliases


def _clean(text: str) -> str:
    return clean_mention(normalise(text))


def org_names(text: str, lex: Lexicon) -> tuple[str, str]:
    """(cleaned text, canonical name) of an organisation's span (`text` normalised),
    remembered per text: the same few thousand names recur story after story."""
    memo = _ORG_NAMES.get(id(lex))
    if memo is None:  # one memo per lexicon: a canonical name depends on it
        _ORG_NAMES.clear()
        memo = _ORG_NAMES[id(lex)] = {}
    known = memo.get(text)
    if known is None:
        clean = clean_mention(text)
        known = remember(memo, text, (clean, canonical_name(clean, lex)))
    return known


_ORG_NAMES: dict[int, dict[str, tuple[str, str]]] = {}


def org_canonical(text: str, lex: Lexicon | None = None) -> str:
    """One name for the forms an organisation goes by ("X FT", "X NHS Foundation Trust")."""
    return canonical_name(_clean(text), lex or lexicon())


def canonical_name(text: str, lex: Lexicon) -> str:
    """org_canonical of a cleaned name."""
    entry = lex.entries.get(text)
    if entry is not None:
        return entry.canonical
    m = ICS_RE.match(text) if text.endswith(ICS_ENDINGS) else None
    if m:
        return f"{lex.areas.get(m.group(1), m.group(1))} ICS"
    m = CCG_RE.match(text) if text.endswith(CCG_ENDINGS) else None
    if m:
        return f"{m.group(1)} CCG"
    m = TRUST_RE.match(text) if text.endswith(TRUST_ENDINGS) else None
    if m:
        base = m.group(1)
        if base in lex.trust_bases:
            return lex.trust_bases[base]
        entry = lex.entries.get(base)
        if entry is not None and entry.label == "ORG" and "area" not in entry.flags:
            return entry.canonical
        kind = "Trust" if m.group(2) == "Trust" else "Foundation Trust"
        return f"{base} {kind}"
    return text
