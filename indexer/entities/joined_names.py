"""Where an organisation's name that ends in a head word starts, and where one with "of" after
its head ends: "and", "&" and commas inside one name ("Barking, Havering and Redbridge
University Hospitals Trust") against two names joined ("Monitor and ...", "the Royal College of
Physicians and the Royal College of Psychiatrists").
"""

from __future__ import annotations

from indexer.entities.field_text import Cand, FieldText, is_org_word
from indexer.entities.word_lists import (
    CONNECTORS,
    HEADS,
    NAME_OPENERS,
    OF_HEADS,
    OF_OWNERS,
    ON_HEADS,
    POSSESSIVE_OWNERS,
    STOPWORDS,
    STREET_WORDS,
    TITLES,
    WEAK_HEADS,
)
from indexer.first_names import first_names


def extend_back(f: FieldText, k: int, gaz: dict[int, Cand]) -> int:
    """The first token of the name that ends at head k.

    Names are joined by "and", "&" and commas ("Barking, Havering and Redbridge University
    Hospitals Trust"), but two names are not one: the walk stops at "and the" ("Whitehaven and
    the Cumberland Infirmary"), after an organisation the gazetteer knows ("Monitor and ..."),
    and between two areas each complete on its own ("North East and North Cumbria and
    Lancashire and South Cumbria ICB"). A comma is crossed only inside such a list, once an
    "and" has been ("Northern, Eastern and Western Devon CCG", not "In Leeds, Bradford CCG").
    """
    words, first, i = f.words, k, k - 1
    joined = False  # an "and" has been crossed: a comma may list another part of the name
    while i >= 0 and k - i < 12:
        gap, word = f.gaps[i], words[i]
        if word == "s" and i > 0 and f.gaps[i - 1] == "'" and gap == " ":
            if not _possessive_ok(f, i - 1, first):  # a possessive: "Cuthbert", "'", "s"
                break
            i -= 1
            continue
        if gap == " & ":  # "Telford & Wrekin Council": an "&" between spaces is a gap
            if _joins_two_names(f, gaz, i, first):
                break
            joined = True
        elif gap == ", " and joined and not f.initial[i + 1]:
            if _ends_list_item(f, gaz, i):
                break
        elif gap == "'" and words[i + 1] == "s":
            pass  # the possessive let through above
        elif gap != " " and not (gap == "' " and _possessive_ok(f, i, first)):
            break
        g = gaz.get(i)
        if g is not None and g.kind != "person":
            if words[k] in WEAK_HEADS and _org_ends_at(gaz, i):
                break
            first = f.index_at(g.start)
            i = first - 1
            if f.initial[first]:
                break
            continue
        low = word.lower()
        if (low in CONNECTORS and word[0].islower()) or word == "&":
            if i == 0:
                break
            before = words[i - 1]
            if low in ("and", "&"):
                if f.gaps[i - 1] == ", " or _joins_two_names(f, gaz, i - 1, first):
                    break  # ", and" ends a list of things: "published FAQs, and Leeds LMC"
                joined = True
            if low == "the" and words[i - 1] != "of":
                break  # "... and the Royal College of X": a second name starts at "the"
            if low in ("on", "upon") and (i + 1 == k or _org_ends_at(gaz, i - 1)):
                break  # "question NHS England on ICB mergers": not "Burton upon Trent ..."
            if low in ("of", "for") and before not in _OF_TAKERS:
                break  # "Rebecca Rosen of the Nuffield Trust" is a person and an organisation
            if low == "of" and before in OF_OWNERS and i >= 2 and words[i - 2] in first_names():
                break  # "John King of Leeds CCG": a surname, not "King of ..."
            i -= 1
            continue
        if not is_org_word(word) or (
            low in STOPWORDS and ((f.initial[i] and low not in NAME_OPENERS) or word in TITLES)
        ):
            break
        first = i
        if f.initial[i]:
            break
        i -= 1
    return first


_OF_TAKERS = OF_HEADS | OF_OWNERS


def _org_ends_at(gaz: dict[int, Cand], i: int) -> bool:
    g = gaz.get(i)
    return g is not None and g.label == "ORG" and g.kind != "area"


def _ends_list_item(f: FieldText, gaz: dict[int, Cand], i: int) -> bool:
    """Is token i, before a comma, the end of a whole name rather than a part of one?"""
    word = f.words[i]
    if not is_org_word(word) or word.lower() in STOPWORDS or word in HEADS:
        return True
    g = gaz.get(i)
    return g is not None and (g.kind == "person" or _org_ends_at(gaz, i))


def _joins_two_names(f: FieldText, gaz: dict[int, Cand], i: int, first: int) -> bool:
    """Does an "and" between token i and the name starting at token `first` join two names?

    Yes after a head word, a hospital's short name ("Hallam General and ...") or an
    organisation the gazetteer knows; before "NHS" or "St", which start names ("Severn Vale and
    NHS Wye and Malvern ICB"); after a name of the shape "University of Leeds"; and between two
    areas that are each a whole area name (a system's area is never half of another's).
    """
    words = f.words
    if words[i] in HEADS or words[i] == "General" or _org_ends_at(gaz, i):
        return True
    if words[i] in STREET_WORDS or _place_after_context(f, gaz, i):
        return True  # "Wantage Road and Didcot Community Hospital", "in Huntingdon and ..."
    if any(w in TITLES for w in words[max(0, i - 2) : i]):
        return True  # "Ms Ferris and Humber and North Yorkshire ICB": a person, then a body
    if words[first] in ("NHS", "St") or _head_of_name_ends_at(f, gaz, i):
        return True
    left = gaz.get(i)
    if left is None or left.kind != "area":
        return False
    return any(c.kind == "area" and f.index_at(c.start) == first for c in gaz.values())


def _place_after_context(f: FieldText, gaz: dict[int, Cand], i: int) -> bool:
    """Is token i the end of a place the gazetteer knows that says where a body before it is
    ("Hinchingbrooke Hospital in Huntingdon and Airedale General Hospital"), so a place of its
    own and not the start of the next name ("at Basingstoke and North Hampshire Hospital")?"""
    place = gaz.get(i)
    if place is None or place.label != "PLACE" or place.kind == "area":
        return False
    first = f.index_at(place.start)
    if first < 2 or f.gaps[first - 1] != " " or f.words[first - 1] not in ("in", "at"):
        return False
    return f.gaps[first - 2] == " " and f.words[first - 2] in HEADS


def _head_of_name_ends_at(f: FieldText, gaz: dict[int, Cand], i: int) -> bool:
    """Does a name of the shape "University of Leeds" end at token i?"""
    words, j = f.words, i
    while j > 0 and i - j < 4 and f.gaps[j - 1] == " " and words[j][0].isupper():
        j -= 1
    if words[j] != "of" or j == 0 or f.gaps[j - 1] != " " or words[j - 1] not in OF_HEADS:
        return False
    place = gaz.get(i)  # "of" a place the gazetteer knows: not "Faculty of Sexual and ..."
    return place is not None and place.label == "PLACE" and f.index_at(place.start) == j + 1


def _possessive_ok(f: FieldText, i: int, first: int) -> bool:
    """ "St George's Hospital" and "King's College" keep their possessive; "Hewitt's ICS" not."""
    word = f.words[i]
    if i > 0 and f.words[i - 1] in ("St", "Saint"):
        return True
    if f.gaps[i] == "' " and word[-1] == "s":
        return True  # a plural's: "Allied Health Workers' Union", "Luton Magistrates' Court"
    return word in POSSESSIVE_OWNERS or f.words[first] in _POSSESSIVE_HEADS


_POSSESSIVE_HEADS = frozenset(("Hospital", "Hospitals", "College", "Hospice"))


_PREPOSITIONS = frozenset(("for", "of", "to", "in", "at", "on", "with", "from"))


def extend_forward(f: FieldText, k: int, gaz: dict[int, Cand]) -> int:
    """A head's name goes on with "of" or "for" and capitals ("Society for Acute Medicine"), and
    a group's or commission's with "on" ("All-Party Parliamentary Group on Health in All
    Policies", "Commission on Race and Ethnic Disparities"; not "the commission on Tuesday")."""
    words, last, i = f.words, k, k + 1
    if i + 1 >= len(words) or f.gaps[k] != " ":
        return k
    on = words[i] == "on" and words[k] in ON_HEADS
    if words[i] not in ("of", "for") and not on:
        return k
    while i < len(words) and f.gaps[i - 1] == " ":
        word = words[i]
        if word in ("and", "&") and (
            (i + 1 < len(words) and words[i + 1] in _PREPOSITIONS)
            or _second_name_follows(f, i + 1, gaz)
        ):
            break  # "and for" repeats the preposition: "... Research and for Public Health"
        if (word.lower() in CONNECTORS and word[0].islower()) or (on and word == "in"):
            i += 1  # "... Group on Health in All Policies"
            continue
        if not is_org_word(word) or (word.lower() in STOPWORDS and f.initial[i]):
            break  # "Society for Acute Medicine": a capital inside a sentence goes on
        last = i
        i += 1
    return last


def _second_name_follows(f: FieldText, i: int, gaz: dict[int, Cand]) -> bool:
    """After "and" (and "the"): an organisation the gazetteer knows or a name with its own head
    word starts a second organisation ("Royal College of Physicians and the Royal College of
    Psychiatrists", "Department of Health and NHS England", "... Psychiatrists and Mind");
    other capitals go on with the name ("Centre for Health and the Public Interest")."""
    words = f.words
    if i < len(words) and words[i].lower() == "the":
        i += 1
    if i >= len(words) or words[i].isupper():
        return True  # an acronym names a body of its own: "... Social Care and the NHS"
    if any(c.label == "ORG" and f.index_at(c.start) == i for c in gaz.values()):
        return True
    while i < len(words) and is_org_word(words[i]) and words[i].lower() not in STOPWORDS:
        if words[i] in HEADS:
            return True
        if i + 1 < len(words) and f.gaps[i] != " ":
            break
        i += 1
    return False
