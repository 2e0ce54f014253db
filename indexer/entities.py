"""Entity extraction tuned to NHS news: organisations, people, places, money, percentages, dates.

Why not a general NER model: on health-policy digests a small model mislabels trusts, systems
and regulators and misses their abbreviations. A curated gazetteer (indexer/gazetteer/), suffix
and context rules (entity_rules) and British number and date forms (quantities) do better and
run thousands of stories a second.

Order of work for one story: candidates per field (gazetteer, rules, quantities), the longest of
overlapping candidates wins, then story-wide passes: a surname alone takes the full name given
elsewhere in the story, "(ABC)" after an organisation defines an alias, and a short form of an
organisation named in full takes its canonical name.
"""

from __future__ import annotations

import datetime as dt
import re

from indexer import quantities
from indexer.entity_rules import (
    Cand,
    FieldText,
    introduced_orgs,
    is_name_word,
    org_rule,
    person_rules,
    prefixed_orgs,
)
from indexer.entity_words import (
    AUXILIARIES,
    CONTEXT_WORDS,
    GENERIC,
    HEADS,
    PEER_TITLES,
    PREFIX_HEADS,
    SAY_VERBS,
    STREET_WORDS,
    TITLES,
)
from indexer.lexicon import TOKEN_RE, Entry, Lexicon, lexicon, normalise
from indexer.models import Entity

ICS_RE = re.compile(
    r"^(?:NHS )?(.+?) (?:ICS|ICB|Integrated Care (?:System|Board|Partnership)"
    r"|Health and Care Partnership|STP|Sustainability and Transformation (?:Partnership|Plan))$"
)
CCG_RE = re.compile(r"^(?:NHS )?(.+?) (?:CCG|Clinical Commissioning Group)$")
TRUST_RE = re.compile(r"^(.+?) (?:NHS )?(Foundation Trust|NHS FT|FT|Trust)$")
ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


def extract(headline: str | None, body: str, date: dt.date | None = None) -> tuple[Entity, ...]:
    """Entities of one story; `date` (the digest's) resolves dates written without a year."""
    lex = lexicon()
    pairs = (("headline", headline), ("body", body))
    fields = [FieldText(name, text) for name, text in pairs if text]
    story = [(f, _resolve(_candidates(f, lex, date))) for f in fields]
    _people(story)
    _organisations(story)
    return tuple(
        Entity(f.text[c.start : c.end], c.label, f.name, c.start, c.end, c.canonical, c.value)  # type: ignore[arg-type]
        for f, chosen in story
        for c in sorted(chosen, key=lambda c: c.start)
    )


def _candidates(f: FieldText, lex: Lexicon, date: dt.date | None) -> list[Cand]:
    gaz, by_last = _gazetteer(f, lex)
    covered = {
        i
        for c in gaz
        if c.kind != "person" and c.kind != "surname"
        for i in range(f.index_at(c.start), _last_token(f, c) + 1)
    }
    cands = gaz + org_rule(f, by_last) + person_rules(f, lex, covered)
    cands += introduced_orgs(f, covered)
    if not PREFIX_HEADS.isdisjoint(f.words):
        cands += prefixed_orgs(f)
    for found in (
        quantities.money(f.text),
        quantities.percents(f.text),
        quantities.dates(f.text, date),
    ):
        cands.extend(
            Cand(s, e, label, canon, 1, value, "qty") for s, e, label, canon, value in found
        )
    return cands


def _last_token(f: FieldText, c: Cand) -> int:
    return f.index_ending(c.end)


def _gazetteer(f: FieldText, lex: Lexicon) -> tuple[list[Cand], dict[int, Cand]]:
    """Longest gazetteer name starting at each token; keyed also by its last token."""
    found: list[Cand] = []
    by_last: dict[int, Cand] = {}
    words, spans, flat, n = f.words, f.spans, f.flat, len(f.words)
    openers = lex.openers.intersection(words)  # one C-level pass; most words open no name
    if not openers:
        return found, by_last
    for i in f.caps:
        word = words[i]
        if word not in openers:
            continue
        if word in lex.surnames:
            cand = _known_surname(f, lex, i)
            if cand is not None:
                found.append(cand)
        for length in lex.starts.get(word, ()):
            j = i + length - 1
            if j >= n:
                continue
            start, end = spans[i][0], spans[j][1]
            key = flat[start:end]
            entry = lex.entries.get(key)
            if entry is None and flat.startswith("'", end):
                tail = "'s" if flat.startswith("'s", end) else "'"
                entry = lex.entries.get(key + tail)
                end += len(tail)
            if entry is None or not _flags_ok(f, i, entry):
                continue
            if entry.label == "PLACE" and j + 1 < n and words[j + 1] in STREET_WORDS:
                break  # an address: "Tavistock Square"
            cand = _gazetteer_cand(f, lex, i, start, end, key, entry)
            found.append(cand)
            if j not in by_last or by_last[j].end - by_last[j].start < end - start:
                by_last[j] = cand
            break
    return found, by_last


def _flags_ok(f: FieldText, i: int, entry: Entry) -> bool:
    if "mid" in entry.flags and (f.title_case or (f.initial[i] and not _acts(f, i))):
        return False
    if "the" in entry.flags:
        return i > 0 and f.gaps[i - 1] == " " and f.words[i - 1] in ("the", "The")
    if "ctx" in entry.flags:
        return i > 0 and f.gaps[i - 1] == " " and f.words[i - 1] in CONTEXT_WORDS
    return True


def _acts(f: FieldText, i: int) -> bool:
    """Is the one-word name at token i followed by a verb ("Monitor has ordered") or "'s"?"""
    if i + 1 >= len(f.words):
        return False
    gap, after = f.gaps[i], f.words[i + 1]
    if gap.startswith("'s"):
        return True
    # "Monitor has ordered", or a headline's present tense: "Babylon pulls out"
    return gap == " " and (
        after in SAY_VERBS | AUXILIARIES or (after.islower() and after[-1] == "s")
    )


def _gazetteer_cand(
    f: FieldText, lex: Lexicon, i: int, start: int, end: int, key: str, entry: Entry
) -> Cand:
    kind = {"PERSON": "person"}.get(entry.label, "area" if "area" in entry.flags else "gaz")
    if entry.label == "PLACE" and i > 0 and f.words[i - 1] == "NHS" and f.gaps[i - 1] == " ":
        area = lex.areas.get(key)
        canonical = f"{area} ICS" if area else f"NHS {entry.canonical}"
        return Cand(f.spans[i - 1][0], end, "ORG", canonical, 0, kind=kind)
    return Cand(start, end, entry.label, entry.canonical, 0, kind=kind)


def _known_surname(f: FieldText, lex: Lexicon, i: int) -> Cand | None:
    """ "Streeting" alone, for the few people well known enough to be named so."""
    canonical, mid_only = lex.surnames[f.words[i]]
    if mid_only and (f.initial[i] or f.title_case):
        return None
    if _inside_name(f, i, lex) and not (i > 0 and f.words[i - 1] in TITLES):
        return None
    start, end = f.spans[i]
    return Cand(start, end, "PERSON", canonical, 6, kind="surname")


def _resolve(cands: list[Cand]) -> list[Cand]:
    """Keep the longest of overlapping candidates (ties: the more trusted source)."""
    cands.sort(key=lambda c: (c.start - c.end, c.prio, c.start))
    chosen: list[Cand] = []
    for c in cands:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return chosen


def _clean(text: str) -> str:
    text = " ".join(normalise(text).split())
    return text[4:] if text.startswith("The ") else text


def _name_parts(text: str) -> tuple[list[str], list[str]]:
    """(titles, name words) of a person's mention."""
    words = TOKEN_RE.findall(_clean(text))
    titles = []
    while len(words) > 1 and words[0] in TITLES:
        titles.append(words.pop(0))
    return titles, words


def _people(story: list[tuple[FieldText, list[Cand]]]) -> None:
    """Canonical names for people; a bare surname takes the full name given in the story."""
    lex = lexicon()
    full: dict[str, str] = {}
    knights: dict[str, str] = {}  # "Sir Jim" and "Dame Clare" name a knight by first name
    for f, chosen in story:
        for c in chosen:
            if c.label != "PERSON":
                continue
            titles, words = _name_parts(f.text[c.start : c.end])
            if not c.canonical:
                peer = len(words) == 1 and titles and titles[-1] in PEER_TITLES
                c.canonical = f"{titles[-1]} {words[0]}" if peer else " ".join(words)
            if len(words) >= 2 or (titles and titles[-1] in PEER_TITLES):
                full.setdefault(words[-1], c.canonical)
            if len(words) >= 2 and titles and titles[-1] in ("Sir", "Dame"):
                knights.setdefault(words[0], c.canonical)
    for f, chosen in story:
        for c in chosen:
            if c.label == "PERSON":
                titles, words = _name_parts(f.text[c.start : c.end])
                if len(words) == 1 and titles and titles[-1] in ("Sir", "Dame"):
                    c.canonical = knights.get(words[0], c.canonical)
                elif len(words) == 1 and words[0] in full:
                    c.canonical = full[words[0]]
                elif len(words) == 1 and words[0] in lex.surnames and c.canonical == words[0]:
                    c.canonical = lex.surnames[words[0]][0]
        taken = [(c.start, c.end) for c in chosen]
        for i, word in enumerate(f.words):
            if word not in full or not is_name_word(word):
                continue
            start, end = f.spans[i]
            if any(s < end and start < e for s, e in taken) or _inside_name(f, i, lex):
                continue
            chosen.append(Cand(start, end, "PERSON", full[word], 6, kind="surname"))


def _inside_name(f: FieldText, i: int, lex: Lexicon) -> bool:
    """Is token i next to another capitalised word, so part of some other name?

    A capitalised word that opens a sentence says nothing unless it is a first name.
    """
    before = i > 0 and f.gaps[i - 1] == " " and is_name_word(f.words[i - 1])
    if before and f.initial[i - 1] and f.words[i - 1] not in lex.first_names:
        before = False
    after = i + 1 < len(f.words) and f.gaps[i] == " " and is_name_word(f.words[i + 1])
    return before or after


def _organisations(story: list[tuple[FieldText, list[Cand]]]) -> None:
    """Canonical organisation names, aliases defined in brackets, short forms of full names."""
    lex = lexicon()
    aliases: dict[str, str] = {}
    for f, chosen in story:
        for c in list(chosen):
            if c.label != "ORG":
                continue
            if not c.canonical:
                c.canonical = org_canonical(f.text[c.start : c.end], lex)
            m = ACRONYM_RE.match(f.norm, c.end)
            if m and m.group(1) not in lex.entries:
                aliases[m.group(1)] = c.canonical
    orgs = [
        (_clean(f.text[c.start : c.end]), c)
        for f, chosen in story
        for c in chosen
        if c.label == "ORG"
    ]
    for text, c in orgs:
        if c.canonical != text or text.split()[-1] in HEADS:
            continue
        for other, o in orgs:
            rest = other[len(text) + 1 :].split()
            if other.startswith(text + " ") and rest and rest[0] in GENERIC | HEADS:
                c.canonical = o.canonical
                break
    if not aliases:
        return
    for f, chosen in story:
        taken = [(c.start, c.end) for c in chosen]
        for i, word in enumerate(f.words):
            start, end = f.spans[i]
            if word in aliases and not any(s < end and start < e for s, e in taken):
                chosen.append(Cand(start, end, "ORG", aliases[word], 6, kind="alias"))


def org_canonical(text: str, lex: Lexicon | None = None) -> str:
    """One name for the forms an organisation goes by ("X FT", "X NHS Foundation Trust")."""
    lex = lex or lexicon()
    text = _clean(text)
    entry = lex.entries.get(text)
    if entry is not None:
        return entry.canonical
    m = ICS_RE.match(text)
    if m:
        return f"{lex.areas.get(m.group(1), m.group(1))} ICS"
    m = CCG_RE.match(text)
    if m:
        return f"{m.group(1)} CCG"
    m = TRUST_RE.match(text)
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


__all__ = ["extract", "org_canonical"]
