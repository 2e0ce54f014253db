"""Entity extraction tuned to NHS news: organisations, people, places, money, percentages, dates.

Why not a general NER model: on health-policy digests a small model mislabels trusts, systems
and regulators and misses their abbreviations. A curated gazetteer (indexer/gazetteer/), suffix
and context rules (entity_rules) and British number and date forms (quantities) do better and
run thousands of stories a second.

Order of work for one story: lines that are not the story (captions, credits, footers) are
blanked; candidates per field (gazetteer, head-word rules in entity_rules, bodies named by kind
in entity_bodies, compass places in entity_places, quantities and date_periods), the longest of
overlapping candidates wins, then story-wide passes: a surname alone takes the full name given
elsewhere in the story, "(ABC)" after an organisation defines an alias (as does a name the
whole digest spells out, see initialisms), a short form of an
organisation named in full takes its canonical name, and every ORG, PERSON and PLACE gets its
aliases (the gazetteer's other names for its canonical name, the story's bracketed ones and
the mention itself where it differs: "BMA" for "British Medical Association").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from operator import attrgetter
from typing import TypeVar

from indexer.entities import quantities
from indexer.entities.areas import area_places, digest_areas
from indexer.entities.bodies import bodies
from indexer.entities.gazetteer import TOKEN_RE, Entry, Lexicon, lexicon, normalise
from indexer.entities.hospitals import hospitals
from indexer.entities.initialisms import initialisms
from indexer.entities.places import (
    COMPASS,
    bracketed_places,
    compass_places,
    constituencies,
    context_places,
    shouted_places,
)
from indexer.entities.rules import (
    Cand,
    FieldText,
    acts_after,
    introduced_orgs,
    is_name_word,
    org_rule,
    person_rules,
    prefixed_orgs,
)
from indexer.entities.sites import site_places
from indexer.entities.word_lists import (
    CONTEXT_WORDS,
    GENERIC,
    HEADS,
    PEER_TITLES,
    STOPWORDS,
    STREET_WORDS,
    TITLES,
)
from indexer.records import Entity
from indexer.stories.boilerplate import is_credit_or_footer

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
_START = attrgetter("start")
_K = TypeVar("_K")
_V = TypeVar("_V")


def extract(
    headline: str | None,
    body: str,
    date: dt.date | None = None,
    initials: Mapping[str, str] | None = None,
    areas: Collection[str] = (),
) -> tuple[Entity, ...]:
    """Entities of one story; `date` (the digest's) resolves dates written without a year,
    `initials` (see digest_initials) are the acronyms the digest spells out elsewhere, and
    `areas` (see digest_areas) the areas its care systems are named by."""
    lex = lexicon()
    story: list[tuple[FieldText, list[Cand]]] = []
    for name, text in (("headline", headline), ("body", body)):
        if text:
            f = FieldText(name, _story_text(text) if name == "body" else text)
            story.append((f, _resolve(_candidates(f, lex, date, areas))))
    _people(story)
    for f, chosen in story:
        chosen += bracketed_places(f, chosen)
    defined = _organisations(story, initials)
    _aliases(story, lex, defined)
    found: list[Entity] = []
    for f, chosen in story:
        chosen.sort(key=_START)
        for c in chosen:
            span = f.text[c.start : c.end]  # a blanked line holds no entity
            found.append(
                Entity(span, c.label, f.name, c.start, c.end, c.canonical, c.value, c.aliases)  # type: ignore[arg-type]
            )
    return tuple(found)


def _story_text(body: str) -> str:
    """The body with its captions, credits, bylines, social links and footer lines blanked
    (each character a space, so offsets stay those of the body); and, in a mailing list's
    message, the quoted reply, its "On ... wrote:" line and the signature after "-- "; and
    postal addresses wherever they stand."""
    return _blank_addresses(_blank_lines(_blank_properties(_blank_inline_credits(body))))


def _blank_lines(body: str) -> str:
    if "\n" not in body and len(body) > 200:
        return body  # one long paragraph: a story's text, not a credit line
    lines = body.split("\n")
    noise = [bool(line) and (is_credit_or_footer(line) or _is_reply(line)) for line in lines]
    signed = next((i for i, line in enumerate(lines) if line.startswith("-- ")), None)
    if signed is not None:
        noise[signed:] = [True] * (len(lines) - signed)
    if not any(noise):
        return body
    return "\n".join(
        " " * len(line) if bad else line for line, bad in zip(lines, noise, strict=True)
    )


# A picture credit at the end of a caption's line: "... last winter. Photo: ECF/Jon Hale".
_INLINE_CREDIT_RE = re.compile(r"\b(?:Photo|Picture|Image|Photograph)(?: credit)?: [^\n]*")
# The line a mail client writes above a quoted reply.
_REPLY_RE = re.compile(r"(?:On .{6,80} wrote:|>)")


def _blank_inline_credits(body: str) -> str:
    if ": " not in body or not _INLINE_CREDIT_RE.search(body):
        return body
    return _INLINE_CREDIT_RE.sub(lambda m: " " * len(m.group()), body)


# A document's properties, as a page export or a summary's header gives them ("Owner: Priya
# Raman Status: Circulated Reviewers: Tom Ashworth Created: 11 March 2024"): who keeps the
# document and when, not what the story says.
_PROPERTY_RE = re.compile(
    r"(?<![^\s])(?:Owner|Status|Reviewers?|Created(?: by)?|Last edited(?: time| by)?|Compiled by"
    r"|Prepared by|Distribution|Coverage period|Tags|Authors?|Audience): "
)
_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def _blank_properties(body: str) -> str:
    """A paragraph that opens with a document's property and holds another is its properties."""
    if ": " not in body or _PROPERTY_RE.search(body) is None:
        return body
    for para in _PARAGRAPH_RE.finditer(body):
        text = para.group()
        if _PROPERTY_RE.match(text) and len(_PROPERTY_RE.findall(text)) >= 2:
            body = body[: para.start()] + _blanked(text) + body[para.end() :]
    return body


# A UK postcode ("BS34 7QH", "SW1A 2NS") ends an address, as contact blocks and footers give
# it: the sentence or line up to it names the sender's organisation and town, not the story's.
_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}\b")
_INWARD_CODE_RE = re.compile(r"[0-9A-Z] [0-9][A-Z]{2}\b")  # a cheap test first: its second half
_ADDRESS_START_RE = re.compile(r".*(?:[.!?:]\s|\n)", re.S)


def _blank_addresses(body: str) -> str:
    if _INWARD_CODE_RE.search(body) is None:
        return body
    for m in reversed(list(_POSTCODE_RE.finditer(body))):
        before = _ADDRESS_START_RE.match(body, max(0, m.start() - 200), m.start())
        start = before.end() if before else max(0, m.start() - 200)
        body = body[:start] + _blanked(body[start : m.end()]) + body[m.end() :]
    return body


def _blanked(text: str) -> str:
    return "".join(c if c == "\n" else " " for c in text)


def _is_reply(line: str) -> bool:
    return (line[0] in "O>") and _REPLY_RE.match(line) is not None


def _candidates(
    f: FieldText, lex: Lexicon, date: dt.date | None, areas: Collection[str]
) -> list[Cand]:
    cands, by_last, covered = _gazetteer(f, lex, date)
    if areas:
        cands += area_places(f, areas)
    cands += org_rule(f, by_last)
    cands += person_rules(f, lex, covered)
    cands += introduced_orgs(f, covered, by_last)
    cands += prefixed_orgs(f)
    cands += bodies(f, by_last, covered)
    cands += compass_places(f, by_last)
    cands += constituencies(f)
    cands += context_places(f, covered, by_last)
    cands += site_places(f, lex.first_names)
    cands += shouted_places(f, lex)
    places = {j for j, c in by_last.items() if c.label == "PLACE" and c.start == f.starts[j]}
    cands += hospitals(f, places)
    modifiers = [by_last[j] for j in places if _names_on(f, lex, j)]
    if modifiers:
        dropped = {id(c) for c in modifiers}
        cands = [c for c in cands if id(c) not in dropped]
    for s, e, label, canon, value in quantities.find(f.text, date):
        cands.append(Cand(s, e, label, canon, 1, "qty", value))
    return cands


def _gazetteer(
    f: FieldText, lex: Lexicon, date: dt.date | None
) -> tuple[list[Cand], dict[int, Cand], set[int]]:
    """Longest gazetteer name starting at each token; keyed also by its last token; and the
    tokens inside organisations and places (which no person's name takes)."""
    found: list[Cand] = []
    by_last: dict[int, Cand] = {}
    covered: set[int] = set()
    words, starts, ends, norm, n = f.words, f.starts, f.ends, f.norm, len(f.words)
    openers = lex.openers
    for i in f.caps:  # a name starts with a capital (or a digit)
        word = words[i]
        if word not in openers:
            continue
        if word in lex.surnames:
            cand = _known_surname(f, lex, i)
            if cand is not None:
                found.append(cand)
        for length, lasts in lex.starts.get(word, ()):
            j = i + length - 1
            if j >= n or words[j] not in lasts:
                continue
            start, end = starts[i], ends[j]
            key = norm[start:end].replace("\n", " ")  # a name may wrap onto the next line
            entry = lex.entries.get(key)
            if entry is None and norm.startswith("'", end):
                tail = "'s" if norm.startswith("'s", end) else "'"
                entry = lex.entries.get(key + tail)
                end += len(tail)
            if entry is None or (entry.flags and not _flags_ok(f, i, entry, date)):
                continue
            if entry.label == "PLACE" and j + 1 < n and words[j + 1] in STREET_WORDS:
                break  # an address: "Tavistock Square"
            cand = _gazetteer_cand(f, lex, i, start, end, key, entry)
            found.append(cand)
            if j not in by_last or by_last[j].end - by_last[j].start < end - start:
                by_last[j] = cand
            if cand.kind != "person":
                first = i if cand.start == start else i - 1  # "NHS Devon" starts a token early
                last = j if end == ends[j] else f.index_ending(end)  # past a trailing "'s"
                covered.update(range(first, last + 1))
            break
    return found, by_last, covered


def _names_on(f: FieldText, lex: Lexicon, j: int) -> bool:
    """Does a one-word place at token j begin some other name ("Humber Estuary", "Cotswold
    Ramblers", "Wessex Downs hub"), so that it is no place of its own?"""
    if j + 1 >= len(f.words) or f.gaps[j] != " ":
        return False
    after = f.words[j + 1]
    if not is_name_word(after) or after.lower() in STOPWORDS or after in TITLES:
        return False
    return after not in COMPASS and after not in lex.first_names and after not in lex.starts


def _flags_ok(f: FieldText, i: int, entry: Entry, date: dt.date | None) -> bool:
    if entry.since and date is not None and date < entry.since:
        return False  # "NHS England and NHS Improvement" in 2018: two bodies
    if "mid" in entry.flags and (
        f.title_case or (f.initial[i] and not _acts(f, i)) or _ends_a_name(f, i)
    ):
        return False
    if "the" in entry.flags:
        return i > 0 and f.gaps[i - 1] == " " and f.words[i - 1] in ("the", "The")
    if "ctx" in entry.flags:
        return _after_context(f, i) or _listed_after_context(f, i)
    if "word" in entry.flags:  # "CONTACT US", "JOIN US": the pronoun in a line of capitals
        return i == 0 or f.gaps[i - 1] != " " or not f.words[i - 1].isupper()
    return True


def _ends_a_name(f: FieldText, i: int) -> bool:
    """Is the common word at token i the last of a longer name ("Portcullis Health Monitor")?"""
    return i > 0 and f.gaps[i - 1] == " " and is_name_word(f.words[i - 1]) and not f.initial[i - 1]


def _after_context(f: FieldText, i: int) -> bool:
    return i > 0 and f.gaps[i - 1] == " " and f.words[i - 1].lower() in CONTEXT_WORDS


def _listed_after_context(f: FieldText, i: int) -> bool:
    """Is token i a later item of a list of names after a word of place ("in Halifax and
    Brighouse", "from Leeds, Elland or Brighouse")? Each item is one to three capitals."""
    words, gaps = f.words, f.gaps
    for _ in range(4):  # list items
        if i >= 2 and gaps[i - 2] == gaps[i - 1] == " " and words[i - 1] in ("and", "or"):
            k = i - 2
        elif i >= 1 and gaps[i - 1] == ", ":
            k = i - 1
        else:
            return False
        first = k
        while first > 0 and k - first < 2 and gaps[first - 1] == " ":
            before = words[first - 1]
            if not before[0].isupper() or before.lower() in CONTEXT_WORDS:
                break
            first -= 1
        if not words[k][0].isupper():
            return False
        if _after_context(f, first):
            return True
        i = first
    return False


def _acts(f: FieldText, i: int) -> bool:
    """Is the one-word name at token i followed by a verb ("Monitor has ordered") or "'s"?"""
    if acts_after(f, i):  # "Monitor has ordered", "Babylon's"
        return True
    # or a headline's present tense: "Babylon pulls out"
    if i + 1 >= len(f.words) or f.gaps[i] != " ":
        return False
    after = f.words[i + 1]
    return after.islower() and after[-1] == "s"


def _gazetteer_cand(
    f: FieldText, lex: Lexicon, i: int, start: int, end: int, key: str, entry: Entry
) -> Cand:
    kind = "person" if entry.label == "PERSON" else "area" if "area" in entry.flags else "gaz"
    if entry.label == "PLACE" and i > 0 and f.words[i - 1] == "NHS" and f.gaps[i - 1] == " ":
        area = lex.areas.get(key)
        canonical = f"{area} ICS" if area else f"NHS {entry.canonical}"
        return Cand(f.starts[i - 1], end, "ORG", canonical, 0, kind)
    return Cand(start, end, entry.label, entry.canonical, 0, kind)


def _known_surname(f: FieldText, lex: Lexicon, i: int) -> Cand | None:
    """ "Streeting" alone, for the few people well known enough to be named so."""
    canonical, mid_only = lex.surnames[f.words[i]]
    if mid_only and (f.initial[i] or f.title_case):
        return None
    if _inside_name(f, i, lex) and not (i > 0 and f.words[i - 1] in TITLES):
        return None
    start, end = f.starts[i], f.ends[i]
    return Cand(start, end, "PERSON", canonical, 6, "surname")


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


def _clean(text: str) -> str:
    return _clean_plain(normalise(text))


def _clean_plain(text: str) -> str:
    """_clean for text already normalised (a slice of FieldText.norm)."""
    text = " ".join(text.split())
    return text[4:] if text.startswith("The ") else text


def _name_parts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(titles, name words) of a person's mention (`text` normalised), remembered per text:
    the same people are named story after story."""
    known = _NAME_PARTS.get(text)
    if known is None:
        words = TOKEN_RE.findall(_clean_plain(text))
        titles = []
        while len(words) > 1 and words[0] in TITLES:
            titles.append(words.pop(0))
        known = _remember(_NAME_PARTS, text, (tuple(titles), tuple(words)))
    return known


def _org_names(text: str, lex: Lexicon) -> tuple[str, str]:
    """(cleaned text, canonical name) of an organisation's span (`text` normalised),
    remembered per text: the same few thousand names recur story after story."""
    memo = _ORG_NAMES.get(id(lex))
    if memo is None:  # one memo per lexicon: a canonical name depends on it
        _ORG_NAMES.clear()
        memo = _ORG_NAMES[id(lex)] = {}
    known = memo.get(text)
    if known is None:
        clean = _clean_plain(text)
        known = _remember(memo, text, (clean, _canonical(clean, lex)))
    return known


_MEMO_SIZE = 50_000  # bounded: an archive's vocabulary is not
_NAME_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
_ORG_NAMES: dict[int, dict[str, tuple[str, str]]] = {}


def _remember(memo: dict[_K, _V], key: _K, value: _V) -> _V:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value


def _people(story: list[tuple[FieldText, list[Cand]]]) -> None:
    """Canonical names for people; a bare surname, or a bare first name, takes the full name
    given in the story."""
    people = [
        (c, *_name_parts(f.norm[c.start : c.end]))
        for f, chosen in story
        for c in chosen
        if c.label == "PERSON"
    ]
    if not people:
        return
    lex = lexicon()
    full: dict[str, str] = {}
    knights: dict[str, str] = {}  # "Sir Jim" and "Dame Clare" name a knight by first name
    firsts: dict[str, str] = {}  # "Nadia" after "Nadia Chaudhry" in the same story
    for c, titles, words in people:
        if not c.canonical:
            peer = len(words) == 1 and titles and titles[-1] in PEER_TITLES
            c.canonical = f"{titles[-1]} {words[0]}" if peer else " ".join(words)
        if len(words) >= 2 or (titles and titles[-1] in PEER_TITLES):
            full.setdefault(_surname(words), c.canonical)
        if len(words) >= 2 and titles and titles[-1] in ("Sir", "Dame"):
            knights.setdefault(words[0], c.canonical)
        first = words[0] if len(words) >= 2 and words[0] in lex.first_names else ""
        if first and firsts.setdefault(first, c.canonical) != c.canonical:
            firsts[first] = ""  # two people of that first name: neither
    for c, titles, words in people:
        if len(words) == 1 and titles and titles[-1] in ("Sir", "Dame"):
            c.canonical = knights.get(words[0], c.canonical)
        elif len(words) == 1 and words[0] in full:
            c.canonical = full[words[0]]
        elif len(words) == 1 and words[0] in lex.surnames and c.canonical == words[0]:
            c.canonical = lex.surnames[words[0]][0]
    if not full:
        return
    for f, chosen in story:
        taken = None  # the field's spans before any surname is added; most fields need none
        for i in f.caps:  # a name word is capitalised
            word = f.words[i]
            canonical = full.get(word) or firsts.get(word)
            if not canonical or not is_name_word(word):
                continue
            if taken is None:
                taken = [(c.start, c.end) for c in chosen]
            start, end = f.starts[i], f.ends[i]
            if any(s < end and start < e for s, e in taken) or _inside_name(f, i, lex):
                continue
            chosen.append(Cand(start, end, "PERSON", canonical, 6, "surname"))


def _surname(words: tuple[str, ...]) -> str:
    """The word a person is named by alone: the last, or a peer's before "of" ("Pelham of Rye")."""
    if len(words) > 2 and words[-2] == "of":
        return words[-3]
    return words[-1]


def _inside_name(f: FieldText, i: int, lex: Lexicon) -> bool:
    """Is token i next to another capitalised word, so part of some other name?

    A capitalised word that opens a sentence says nothing unless it is a first name.
    """
    before = i > 0 and f.gaps[i - 1] == " " and is_name_word(f.words[i - 1])
    if before and f.initial[i - 1] and f.words[i - 1] not in lex.first_names:
        before = False
    after = i + 1 < len(f.words) and f.gaps[i] == " " and is_name_word(f.words[i + 1])
    return before or after


def _organisations(
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
            text, canonical = _org_names(f.norm[c.start : c.end], lex)
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


def _aliases(
    story: list[tuple[FieldText, list[Cand]]], lex: Lexicon, defined: dict[str, str]
) -> None:
    """Each name's other names: the gazetteer's for its canonical name, those the story
    defines in brackets, and the mention itself where it differs ("BMA" for the British
    Medical Association), so an index can answer any of them with the one canonical name."""
    by_canonical: dict[str, list[str]] = {}
    for alias, canonical in defined.items():
        by_canonical.setdefault(canonical, []).append(alias)
    for f, chosen in story:
        for c in chosen:
            if c.label not in _NAMED:
                continue
            norm = f.norm[c.start : c.end]
            if c.label == "ORG":
                mention = _org_names(norm, lex)[0]
            elif c.label == "PERSON":
                mention = " ".join(_name_parts(norm)[1])
            else:
                mention = _clean_plain(norm)
                if not c.canonical:  # a place by its shape or company: named as written
                    c.canonical = mention
            key = (c.label, c.canonical, mention)
            names = _ALIASES.get(key)
            if names is None:
                known = lex.aliases.get((c.label, c.canonical), ())
                if mention != c.canonical and mention not in known:
                    known = tuple(sorted((*known, mention)))
                names = _remember(_ALIASES, key, known)
            extra = by_canonical.get(c.canonical)
            if extra:
                names = tuple(sorted(set(names).union(extra) - {c.canonical}))
            c.aliases = names


_NAMED = frozenset(("ORG", "PERSON", "PLACE"))
_ALIASES: dict[tuple[str, str, str], tuple[str, ...]] = {}


def digest_initials(text: str) -> dict[str, str]:
    """The acronyms a whole digest's text spells out (acronym -> name), for extract."""
    return initialisms(text, lexicon().entries)


def org_canonical(text: str, lex: Lexicon | None = None) -> str:
    """One name for the forms an organisation goes by ("X FT", "X NHS Foundation Trust")."""
    return _canonical(_clean(text), lex or lexicon())


def _canonical(text: str, lex: Lexicon) -> str:
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


__all__ = ["digest_areas", "digest_initials", "extract", "org_canonical"]
