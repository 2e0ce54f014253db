"""Entity extraction tuned to NHS news: organisations, people, places, money, percentages, dates.

Why not a general NER model: on health-policy digests a small model mislabels trusts, systems
and regulators and misses their abbreviations. A curated gazetteer (lists/), rules for the shape
and company of names and British number and date forms (quantities) do better and run thousands
of stories a second.

Order of work for one story: lines that are not the story (captions, credits, footers) are
blanked (story_text); candidates per field (gazetteer_matches, names by their head word in
orgs_by_head, by what opens them in orgs_by_opening, people in person_rules, bodies named by
kind in bodies, places in places and sites, quantities and date_periods); the longest of
overlapping candidates wins; then story-wide passes: a surname alone takes the full name given
elsewhere in the story (full_names), "(ABC)" after an organisation defines an alias (as does a
name the whole digest spells out, see initialisms), a short form of an organisation named in
full takes its canonical name (org_names), and every ORG, PERSON and PLACE gets its aliases
(aliases: "BMA" for "British Medical Association").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from operator import attrgetter

from indexer.entities import quantities
from indexer.entities.aliases import add_aliases
from indexer.entities.areas import area_places, digest_areas
from indexer.entities.bodies import bodies
from indexer.entities.bylines import byline_people
from indexer.entities.field_text import Cand, FieldText
from indexer.entities.full_names import full_names
from indexer.entities.gazetteer import Lexicon, lexicon
from indexer.entities.gazetteer_matches import gazetteer_matches, names_on
from indexer.entities.hospitals import hospitals
from indexer.entities.initialisms import initialisms
from indexer.entities.listings import without_listed_dates
from indexer.entities.org_names import org_canonical, organisations
from indexer.entities.orgs_by_head import org_rule
from indexer.entities.orgs_by_opening import introduced_orgs, prefixed_orgs
from indexer.entities.person_rules import person_rules
from indexer.entities.places import (
    bracketed_places,
    compass_places,
    constituencies,
    context_places,
    listed_places,
    shouted_places,
)
from indexer.entities.sites import site_places
from indexer.entities.story_text import headline_text, story_text
from indexer.records import Entity

_START = attrgetter("start")


def extract(
    headline: str | None,
    body: str,
    date: dt.date | None = None,
    initials: Mapping[str, str] | None = None,
    areas: Collection[str] = (),
    details: str | None = None,
    byline: str | None = None,
) -> tuple[Entity, ...]:
    """Entities of one story; `date` (the digest's) resolves dates written without a year,
    `initials` (see digest_initials) are the acronyms the digest spells out elsewhere, and
    `areas` (see digest_areas) the areas its care systems are named by; `details`, the lines
    of metadata under its headline (one a line), and `byline` (who wrote it, for whom, when)
    are read as fields of their own."""
    lex = lexicon()
    story: list[tuple[FieldText, list[Cand]]] = []
    fields = (("headline", headline), ("body", body), ("details", details), ("byline", byline))
    for name, text in fields:
        if text:
            if name in ("headline", "body"):
                text = story_text(text) if name == "body" else headline_text(text)
            f = FieldText(name, text)
            story.append((f, _resolve(_candidates(f, lex, date, areas))))
    full_names(story)
    for f, chosen in story:
        chosen += bracketed_places(f, chosen)
    defined = organisations(story, initials)
    add_aliases(story, lex, defined)
    found: list[Entity] = []
    for f, chosen in story:
        chosen.sort(key=_START)
        for c in chosen:
            span = f.text[c.start : c.end]  # a blanked line holds no entity
            found.append(
                Entity(span, c.label, f.name, c.start, c.end, c.canonical, c.value, c.aliases)  # type: ignore[arg-type]
            )
    return tuple(found)


def _candidates(
    f: FieldText, lex: Lexicon, date: dt.date | None, areas: Collection[str]
) -> list[Cand]:
    cands, by_last, covered = gazetteer_matches(f, lex, date)
    if areas:
        cands += area_places(f, areas)
    cands += org_rule(f, by_last)
    cands += person_rules(f, lex, covered)
    cands += byline_people(f)
    cands += introduced_orgs(f, covered, by_last)
    cands += prefixed_orgs(f)
    cands += bodies(f, by_last, covered)
    cands += compass_places(f, by_last)
    cands += constituencies(f)
    cands += context_places(f, covered, by_last)
    cands += listed_places(f, covered, by_last, lex.first_names)
    cands += site_places(f, lex.first_names)
    cands += shouted_places(f, lex)
    places = {j for j, c in by_last.items() if c.label == "PLACE" and c.start == f.starts[j]}
    cands += hospitals(f, places)
    named = places if f.title_case else [j for j, c in by_last.items() if c.label == "PLACE"]
    modifiers = {by_last[j].end for j in named if names_on(f, lex, j)}
    if modifiers:
        cands = [c for c in cands if c.label != "PLACE" or c.end not in modifiers]
    found = quantities.find(f.text, date)
    if f.name != "details":  # (a story's own date line: "Date: Wednesday 28 January, 9.30am")
        found = without_listed_dates(f.text, found)
    for s, e, label, canon, value in found:
        cands.append(Cand(s, e, label, canon, 1, "qty", value))
    return cands


def _resolve(cands: list[Cand]) -> list[Cand]:
    """Keep the longest of overlapping candidates (ties: the more trusted source)."""
    if len(cands) < 2:
        return cands
    cands.sort(key=lambda c: (c.start - c.end, c.prio, c.start))
    chosen: list[Cand] = []
    for c in cands:
        for o in chosen:
            if c.start < o.end and o.start < c.end:
                break
        else:
            chosen.append(c)
    return chosen


def digest_initials(text: str) -> dict[str, str]:
    """The acronyms a whole digest's text spells out (acronym -> name), for extract."""
    return initialisms(text, lexicon().entries)


__all__ = ["digest_areas", "digest_initials", "extract", "org_canonical"]
