"""Organisations by their last word, which says what kind of body they are: "South Devon
Healthcare FT", "Tower Hamlets CCG", "Mental Health Taskforce".

Why rules: thousands of NHS bodies, GP practices and councils exist; the suffix gives them away
more reliably than any list. Where such a name starts, and whether an "and" in it joins two
names, is joined_names' work.
"""

from __future__ import annotations

from indexer.entities.field_text import Cand, FieldText, acts_after, is_name_word, is_org_word
from indexer.entities.joined_names import extend_back, extend_forward
from indexer.entities.sites import at_a_venue
from indexer.entities.word_lists import (
    CONNECTORS,
    GENERIC,
    HEADS,
    JOINT_HEADS,
    KIND_HEADS,
    NAME_OPENERS,
    NATIONS,
    NEVER_FIRST,
    OF_HEADS,
    ON_HEADS,
    POST_HEADS,
    ROLES_LOWER,
    STOPWORDS,
    THINGS,
    TITLES,
    VENUE_KINDS,
)


def org_rule(f: FieldText, gaz: dict[int, Cand]) -> list[Cand]:
    """Names that end in an organisation word: "South Devon Healthcare FT", "Tower Hamlets CCG".

    `gaz` maps the index of the last token of each gazetteer match to that match.
    """
    if f.title_case:
        return []
    found: list[Cand] = []
    words = f.words
    for k in f.caps:
        head = words[k]
        if head not in HEADS:
            if head != "Care" or k == 0 or words[k - 1] != "Integrated":
                continue  # "NHS Greater Manchester Integrated Care" is a system's board
        elif head == "System" and (k == 0 or words[k - 1] != "Care"):
            continue
        elif head == "Executive" and k > 0 and words[k - 1] == "Chief":
            # a post, not a body ("RCPP Chief Executive Dr Kwame Asante"); an acronym before
            # it names the body whose post it is
            j = k - 2
            acronym = j >= 0 and 2 <= len(words[j]) <= 6 and words[j].isupper()
            if acronym and words[j].isalpha() and f.gaps[j] == " " and j not in gaz:
                found.append(Cand(f.starts[j], f.ends[j], "ORG", "", 1, "rule"))
            continue
        elif (
            head == "Centre"
            and k > 0
            and words[k - 1] in VENUE_KINDS
            and not _named_before(f, k - 1)
        ):
            continue  # a venue with no name of its own: "the Education Centre", "Civic Centre"
        first = extend_back(f, k, gaz)
        if head in POST_HEADS and _names_a_post(f, first, k):
            continue
        last = extend_forward(f, k, gaz) if head in OF_HEADS or head in ON_HEADS else k
        last = _town_end(f, _branch_end(f, last), gaz)
        if last + 1 < len(words) and f.gaps[last] == " " and words[last + 1] in THINGS:
            continue  # "the King's Ambulance Service Medal": an award, not the service
        if head not in _WHOLE_HEADS and _goes_on(f, last) and not _gaz_starts_at(f, gaz, last + 1):
            continue  # "Remediable Service Statements": the head is a word of a longer title
        while first < k:  # no name starts with "and", "the" or "Chief"
            low = words[first].lower()
            initial_stop = f.initial[first] and low in STOPWORDS and low not in NAME_OPENERS
            if low not in _NOT_FIRST and not initial_stop:
                break
            first += 1
        if head == "Committee" and words[first] == "Commons" and first + 1 < k:
            first += 1  # "the Commons Health Committee": the house, not the committee's name
        span = words[first : last + 1]
        if head in JOINT_HEADS and "and" not in span:
            continue  # "four central London CCGs": several bodies of one place
        names = [w for w in span if w.lower() not in CONNECTORS and w != "s"]
        named = _kind_named(names) or (len(names) >= 3 and "s" in span)  # "Children's ..."
        if len(names) < 2 or (
            GENERIC.issuperset(names) and not named and not _of_named(f, k, last)
        ):
            continue
        opener = len(names) == 2 and f.initial[first] and not _gaz_starts_at(f, gaz, first)
        if opener and not (acts_after(f, last) or _phrase_ends_after(f, last)):
            continue  # "Threefold ICS variation": a capitalised opener; "Ashwick LMC said"
        venue = head == "Centre" and k > 0 and words[k - 1] in VENUE_KINDS and at_a_venue(f, first)
        found.append(
            Cand(f.starts[first], f.ends[last], "PLACE" if venue else "ORG", "", 1, "rule")
        )
    return found


def _branch_end(f: FieldText, last: int) -> int:
    """A body's name goes on with the nation of its branch: "Kidney Care Alliance Scotland"."""
    words, n = f.words, len(f.words)
    if last + 1 >= n or f.gaps[last] != " " or words[last + 1] not in NATIONS:
        return last
    if words[last + 1] != "Northern":
        return last + 1
    ireland = last + 2 < n and f.gaps[last + 1] == " " and words[last + 2] == "Ireland"
    return last + 2 if ireland else last


# Heads after which a town says which of the hospitals (or universities) of one name it is:
# "Queen Elizabeth Hospital Gateshead", "Queen's University Belfast".
_TOWN_HEADS = frozenset(("Hospital", "Infirmary", "University"))


def _town_end(f: FieldText, last: int, gaz: dict[int, Cand]) -> int:
    """A hospital's or university's name goes on with its town: "Queen Elizabeth Hospital
    Gateshead", "Queen's University Belfast" (not where the town starts a name of its own:
    "... Hospital Kettering General")."""
    words, n = f.words, len(f.words)
    if words[last] not in _TOWN_HEADS or last + 1 >= n or f.gaps[last] != " ":
        return last
    start = f.starts[last + 1]
    for j in range(last + 1, min(last + 4, n)):
        place = gaz.get(j)
        if place is not None and place.label == "PLACE" and place.start == start:
            goes_on = j + 1 < n and f.gaps[j] in (" ", "'") and words[j + 1][0].isupper()
            return last if goes_on or f.gaps[j] == "'" else j
    return last


# Heads that end a body's name whatever follows ("... NHS Trust Enclosure B3", a paper's code).
_WHOLE_HEADS = frozenset(("Trust", "FT", "ICB", "CCG", "ICS", "CSU", "LMC", "PCN"))


def _goes_on(f: FieldText, last: int) -> bool:
    """Does a capitalised word go on after the head, so that the name is part of some longer
    title ("Patient Research Experience Survey", "Stirling Court Hotel"), not a body's (a
    person's title after it starts a name of its own: "... Health Service Professor Jo Bell",
    as a known name does: "Queen Mary Hospital Kettering General")?"""
    if last + 1 >= len(f.words) or f.gaps[last] != " ":
        return False
    after = f.words[last + 1]
    return is_name_word(after) and after not in TITLES and after.lower() not in ROLES_LOWER


def _named_before(f: FieldText, k: int) -> bool:
    """Does a name word of its own stand before token k ("Weald Education Centre")?"""
    return (
        k > 0 and f.gaps[k - 1] == " " and is_org_word(f.words[k - 1]) and f.words[k - 1] != "The"
    )


def _names_a_post(f: FieldText, first: int, k: int) -> bool:
    """Is a name ending in a post's word ("Commissioner") the title of a person after it
    ("Health Commissioner Jo Bell") or cut from a longer title ("Police and Crime
    Commissioner")?"""
    words = f.words
    if k + 1 < len(words) and f.gaps[k] == " " and is_name_word(words[k + 1]):
        return True
    return first >= 2 and words[first - 1] in ("and", "&")


def _of_named(f: FieldText, k: int, last: int) -> bool:
    """Is a head with "of" and capitals after it a whole name, even of generic words
    ("Institute of Community Nursing"), rather than the first of two ("Centre for Health and
    the Public Interest" is cut short at "and")?"""
    return last > k and (last + 1 >= len(f.words) or f.words[last + 1] not in ("and", "&"))


def _phrase_ends_after(f: FieldText, last: int) -> bool:
    """Does the phrase end with the name at token `last`: punctuation, the text's end, or "and",
    "in", "at" ("Whitecliff Surgery and Eastway Medical Centre will merge", "Hinchingbrooke
    Hospital in Huntingdon"), where an opener's common word would go on with a noun?"""
    if last + 1 >= len(f.words):
        return True
    gap = f.gaps[last]
    if gap != " ":
        return gap[0] in ",.;:(" and f.words[last + 1] != "s"
    return f.words[last + 1] in _PHRASE_ENDERS


_PHRASE_ENDERS = frozenset(("and", "&", "in", "at", "on", "from", "near"))


def _kind_named(names: list[str]) -> bool:
    """Is a name of generic words still a body's name ("Mental Health Taskforce"), as it is
    for the heads that say what kind of body it is, given three words or more?"""
    return len(names) >= 3 and names[-1] in KIND_HEADS


def _gaz_starts_at(f: FieldText, gaz: dict[int, Cand], i: int) -> bool:
    return any(f.index_at(c.start) == i for c in gaz.values())


_NOT_FIRST = CONNECTORS | NEVER_FIRST
