"""People by title, known first name, role before the name, or a speech verb after it.

Why rules: people come and go; the company a name keeps ("chief executive X Y", "X Y said") gives
them away more reliably than any list. A surname alone is full_names' work, once the story's
people are known.
"""

from __future__ import annotations

import re

from indexer.entities.field_text import Cand, FieldText, is_name_word, is_org_word
from indexer.entities.gazetteer import Lexicon
from indexer.entities.word_lists import (
    AUXILIARIES,
    COMPASS,
    GENERIC,
    MEMBERS,
    NEWSPAPER_TITLES,
    NOT_BEFORE_FIRST_NAME,
    OFFICE_TITLES,
    PARTICLES,
    PARTIES,
    PARTY_PAIRS,
    PEER_TITLES,
    POST_OPENERS,
    REQUESTS,
    ROLES_LOWER,
    SAY_TO_VERBS,
    SAY_VERBS,
    SILKS,
    SPECIALTY_ENDINGS,
    STOPWORDS,
    STREET_WORDS,
    SURNAME_MONTHS,
    TITLES,
)

# A publication's name ends so; a person's does not.
_TITLE_ENDINGS = NEWSPAPER_TITLES | frozenset(
    ["Notes", "Digest", "Bulletin", "Weekly", "Review", "Today", "Online", "Magazine", "Ledger"]
)


def person_rules(f: FieldText, lex: Lexicon, covered: set[int]) -> list[Cand]:
    """People by title, known first name, role before the name, or a speech verb after it.

    `covered` holds token indices inside gazetteer organisations and places, which are not names.
    """
    found: list[Cand] = []
    words, gaps, n = f.words, f.gaps, len(f.words)
    untitled = not f.title_case
    skip_to = 0
    for i in f.caps:
        if i < skip_to or i + 1 >= n:
            continue  # every rule wants a second word
        if words[i] in TITLES:
            if gaps[i] not in (" ", ". "):
                continue
            cand = _titled_person(f, i, covered, lex)
        elif (
            untitled
            and gaps[i] == " "
            and (words[i + 1][0].isupper() or words[i + 1] in PARTICLES)  # a name could go on
            and i not in covered
        ):
            cand = _untitled_person(f, lex, i, covered)
        elif untitled and i not in covered and _first_name_acts(f, lex, i):
            cand = Cand(f.starts[i], f.ends[i], "PERSON", "", 6, "first")
        else:
            continue
        if cand is not None and f.words[f.index_ending(cand.end)] in _TITLE_ENDINGS:
            continue  # "... chief Westbridge Gazette", "review lead Ward Notes": a publication
        if cand is not None:
            last = f.index_ending(cand.end)
            if last + 1 < n and gaps[last] == " " and words[last + 1] in SILKS:
                # "Simon Agyeman KC": a silk's letters belong to the mention (not to the name:
                # see full_names.name_parts)
                cand.end = f.ends[last + 1]
                last += 1
            elif last + 1 < n and gaps[last] == " " and words[last + 1] in _SITE_WORDS:
                skip_to = last + 2
                continue  # "rated Heather Lea House": a building named after someone
            found.append(cand)
            skip_to = last + 1
    return found


def _first_name_acts(f: FieldText, lex: Lexicon, i: int) -> bool:
    """Is token i a first name alone that acts: "Ravi's message", "Fatima will brief the
    committee" (a colleague the story may name no further; full_names gives the full name
    where it does)?"""
    word = f.words[i]
    if word not in lex.first_names or not is_name_word(word):
        return False
    if i > 0 and f.gaps[i - 1] == " " and f.words[i - 1][0].isupper():
        return False  # part of a longer name: "St Helen's", "Lake Victoria"
    gap, after = f.gaps[i], f.words[i + 1]
    if gap == "'" and after == "s":  # not a thing named for a person: "John's Campaign"
        return i + 2 >= len(f.words) or f.gaps[i + 1] != " " or not f.words[i + 2][0].isupper()
    return gap == " " and (after in SAY_VERBS or after in AUXILIARIES or _talks_to(f, i))


def _titled_person(f: FieldText, i: int, covered: set[int], lex: Lexicon) -> Cand | None:
    """ "Dr Sarah Wollaston", "Professor Sir Chris Ham": titles, then up to three name words
    (the first of them may be a town's name too: "Lord Aldridge")."""
    words, gaps, n = f.words, f.gaps, len(f.words)
    j = i + 1
    while j < n and words[j] in TITLES and gaps[j - 1] in (" ", ". "):
        j += 1
    places = {k for k in range(j, min(j + 3, n)) if k in covered and words[k] in lex.single_places}
    if places:  # "Lord Aldridge", "Dr Alison Crewe": a town's name may be a name after a title
        covered = covered - places
    last = _name_run(f, j, 3, covered)
    if last < j:
        return None
    if any(w in PEER_TITLES for w in words[i:j]):
        last = _territory(f, last)
    first = i
    while first < j and words[first] in OFFICE_TITLES:
        first += 1  # "Cllr Jo Bell" is Jo Bell; "Cllr Dr Jo Bell" is Dr Jo Bell
    start = f.starts[first] if first < j else f.starts[j]
    return Cand(start, f.ends[last], "PERSON", "", 2, "title")


def _territory(f: FieldText, last: int) -> int:
    """A peer's name goes on with "of" and a place: "Baroness Pelham of Rye"."""
    words, n = f.words, len(f.words)
    k = last + 2
    joined = k < n and words[last + 1] == "of" and f.gaps[last] == f.gaps[last + 1] == " "
    return k if joined and is_name_word(words[k]) and words[k] != "State" else last


def _untitled_person(f: FieldText, lex: Lexicon, i: int, covered: set[int]) -> Cand | None:
    words, n = f.words, len(f.words)
    word = words[i]
    if not is_name_word(word) or (f.initial[i] and (word.lower() in STOPWORDS or word in REQUESTS)):
        return None
    first = word in lex.first_names or _hyphenated_first_name(word, lex)
    if first and i + 1 < n and f.gaps[i] == " " and _may_precede_name(f, i):
        last = _name_run(f, i + 1, 1, covered - {i + 1} if _place_surname(f, lex, i) else covered)
        if last > i:
            return Cand(f.starts[i], f.ends[last], "PERSON", "", 4, "first")
    last = _name_run(f, i, 3, covered)
    if last < i + 1:
        return None
    start, end = f.starts[_first_of_name(f, lex, i, last)], f.ends[last]
    if i > 0 and f.gaps[i - 1] == " " and _role_before(f, lex, i):
        return Cand(start, end, "PERSON", "", 3, "role")
    if i > 0 and f.gaps[i - 1] == " " and words[i - 1] in ("said", "says", "according"):
        return Cand(start, end, "PERSON", "", 5, "verb")
    if last + 1 >= n or (words[i] not in lex.first_names and _names_a_thing(f, i, last)):
        return None
    gap, after = f.gaps[last], words[last + 1]
    if gap in (" ", ", ") and after in SAY_VERBS and (gap == ", " or after not in AUXILIARIES):
        return Cand(start, end, "PERSON", "", 5, "verb")
    if gap == " " and after in MEMBERS and last > i and party_end(f, i) < 0:
        return Cand(start, end, "PERSON", "", 5, "verb")  # "Mark Dyson MP said"
    if gap == " " and _talks_to(f, last):
        return Cand(start, end, "PERSON", "", 5, "verb")  # "Jonah Feldman talks to ..."
    if gap == ", " and (after == "who" or after.lower() in ROLES_LOWER or _post_follows(f, last)):
        return Cand(start, end, "PERSON", "", 5, "verb")
    if gap == ", " and _age_follows(f, last):
        return Cand(start, end, "PERSON", "", 5, "verb")  # "the death of Doris Fenwick, 84,"
    if gap in (" (", " <") and _own_address_follows(f, last):
        return Cand(start, end, "PERSON", "", 5, "verb")  # "Aziz Rahman (aziz.rahman4@nhs.net)"
    party = party_end(f, last + 1)
    seat = (
        0 <= party < n - 1 and f.gaps[party] == ", "
    )  # "(Party, Seat)"; not "Opposition Day (Lab)"
    if gap == " (" and party >= 0 and (seat or words[i] in lex.first_names):
        return Cand(start, end, "PERSON", "", 5, "verb")  # "Mark Dewhurst (Conservative, Hexham)"
    if gap == " (" and _seat_in_brackets(f, last + 1):
        if last > i + 1 and words[i].endswith("ing"):  # "Answering Anneliese Cho (...)"
            start = f.starts[i + 1]
        return Cand(start, end, "PERSON", "", 5, "verb")  # "Mark Dyson (Stockport South)"
    return None


def _seat_in_brackets(f: FieldText, k: int) -> bool:
    """Does a seat's name stand in the brackets opening at token k: capitals ending in a
    compass point, as constituencies split from a town are named ("(Bristol South West)")?"""
    words, n = f.words, len(f.words)
    last = k
    while last + 1 < n and last - k < 3 and f.gaps[last] == " " and words[last + 1][0].isupper():
        last += 1
    return (
        last > k
        and words[last] in COMPASS
        and f.gaps[last].startswith(")")
        and all(is_name_word(w) for w in words[k:last])
    )


def _talks_to(f: FieldText, last: int) -> bool:
    """Is the name ending at token `last` followed by "talks to", "speaks to" or "spoke to"?"""
    k = last + 1
    if k + 1 >= len(f.words) or f.words[k] not in SAY_TO_VERBS or f.gaps[k] != " ":
        return False
    return f.words[k + 1] == "to"


def party_end(f: FieldText, k: int) -> int:
    """The last token of a party's name starting at token k ("Lab", "Liberal Democrat"), or -1."""
    words = f.words
    if k + 1 < len(words) and f.gaps[k] == " " and f"{words[k]} {words[k + 1]}" in PARTY_PAIRS:
        return k + 1
    return k if k < len(words) and words[k] in PARTIES else -1


def _hyphenated_first_name(word: str, lex: Lexicon) -> bool:
    """ "Ann-Marie", "Kerry-Ann": first names joined are a first name."""
    return "-" in word and all(part in lex.first_names for part in word.split("-"))


def _age_follows(f: FieldText, last: int) -> bool:
    """Is the name ending at token `last` followed by an age in commas ("Doris Fenwick, 84,")?"""
    k = last + 1
    if k + 1 >= len(f.words) or not f.words[k].isdigit() or f.gaps[k] not in (", ", ". "):
        return False
    return 16 <= int(f.words[k]) <= 110


_ADDRESS_RE = re.compile(r"[(<]([\w.+-]+)@")


def _own_address_follows(f: FieldText, last: int) -> bool:
    """Is the name ending at token `last` followed by a mail address in its own name
    ("Aziz Rahman (aziz.rahman4@nhs.net)")?"""
    m = _ADDRESS_RE.match(f.norm, f.ends[last] + 1)
    return m is not None and f.words[last].lower() in m.group(1).lower()


def _post_follows(f: FieldText, last: int) -> bool:
    """After "Name, ": "the trust's chief nurse", "its director of digital", "a former GP" (a
    post), or a post in capitals as a list of speakers gives it ("Chief Nurse", "MHA Manager",
    "National Director of Operations")."""
    words = f.words
    k = last + 1
    if k >= len(words):
        return False
    if words[k] in ("the", "a", "an", "its", "their", "our", "his", "her"):
        return any(w.lower() in ROLES_LOWER for w in words[k + 1 : k + 5])
    for j in range(k, min(k + 3, len(words))):
        if not words[j][0].isupper():
            return False
        if words[j].lower() in ROLES_LOWER:
            return True
        if f.gaps[j] != " ":
            return False
    return False


# Words after a name that make it a building's or a street's ("Heather Lea House", "Florence
# Nightingale Ward", "Mary Seacole Road").
_SITE_WORDS = STREET_WORDS | frozenset(
    ("House", "Hall", "Court", "Lodge", "Ward", "Wing", "Building", "Suite", "Rooms")
)


def _names_a_thing(f: FieldText, i: int, last: int) -> bool:
    """Does the name at token i (or a capital just before it) stand in commas after a noun that
    no post is in, naming a thing ("our monitoring platform, Clinarc Flow, is", "our partner
    university, Canterbury Christ Church, has"), not a person ("its director of policy, ...")?"""
    j = i - 1 if i > 0 and f.gaps[i - 1] == " " and f.words[i - 1][:1].isupper() else i
    if j < 2 or f.gaps[j - 1] != ", " or f.gaps[last] != ", " or not f.words[j - 1].islower():
        return False
    noun = f.words[max(0, j - 6) : j]  # "director of primary care": the post before "of"
    for k, word in enumerate(noun):
        if word in ("of", "for", "at"):
            noun = noun[:k]
            break
    return not noun or noun[-1].lower() not in ROLES_LOWER


def _role_before(f: FieldText, lex: Lexicon, i: int) -> bool:
    """Is token i after a post ("chief executive Jane Roe")? A post in capitals may be part of a
    name ("Nurse Staffing Levels Act", "GP Forward View"), so then a first name must follow."""
    role = f.words[i - 1]
    if role.lower() not in ROLES_LOWER:
        return False
    if role[0].islower() or f.words[i] in lex.first_names:
        return True
    return i >= 2 and f.gaps[i - 2] == " " and f.words[i - 2] in POST_OPENERS


def _first_of_name(f: FieldText, lex: Lexicon, i: int, last: int) -> int:
    """Where a run of capitals after a post's title starts the name: at a first name after a
    word that is none ("Director of Finance Ewan Dalgleish", "Minister of State Helen Farrant")."""
    words = f.words
    if last > i + 1 and words[i] not in lex.first_names and words[i + 1] in lex.first_names:
        return i + 1
    return i


def _place_surname(f: FieldText, lex: Lexicon, i: int) -> bool:
    """Is the word after first name i a town's name that is a surname here ("Lorraine
    Pickering was re-elected", "Marcus Heywood, National Director", "Clare Ludlow (Liberal
    Democrat, Kendal)"), not a place ("Sarah in Leeds" has no such pair; "Pickering has a
    clinic" opens a sentence with the town)?"""
    if i + 1 >= len(f.words) or f.words[i + 1] not in lex.single_places:
        return False
    if not f.initial[i]:
        return True
    gap = f.gaps[i + 1]
    return (gap == ", " and _post_follows(f, i + 1)) or (gap == " (" and party_end(f, i + 2) >= 0)


def _may_precede_name(f: FieldText, i: int) -> bool:
    """A capitalised word just before a first name usually makes it a place ("St James")."""
    if i == 0 or f.gaps[i - 1] != " ":
        return True
    prev = f.words[i - 1]
    if prev in NOT_BEFORE_FIRST_NAME:
        return False
    if not is_org_word(prev) or prev.lower() in ROLES_LOWER or prev in TITLES:
        return True
    return f.initial[i - 1] and (prev.lower() in STOPWORDS or prev in REQUESTS)


def _name_run(f: FieldText, j: int, most: int, covered: set[int]) -> int:
    """Index of the last token of a run of up to `most` name words starting at j (j - 1 if none)."""
    words, n, last, count = f.words, len(f.words), j - 1, 0
    k = j
    while k < n and count < most:
        if k > j and f.gaps[k - 1] != " ":
            break
        word = words[k]
        if word in PARTICLES and k > j and k + 1 < n:
            k += 1
            continue
        if k > j and word in SURNAME_MONTHS and (k + 1 >= n or not words[k + 1][0].isdigit()):
            last, count = k, count + 1  # "Dame Ruth May", not "Ruth May 2024"
            break
        if k in covered or not is_name_word(word) or word in GENERIC:
            break
        if word.lower() in ROLES_LOWER:
            break
        if word.lower() in STOPWORDS or (k > j and _opens_a_specialty(f, k)):
            break
        last, count = k, count + 1
        k += 1
    return last


def _opens_a_specialty(f: FieldText, k: int) -> bool:
    """Does a field of medicine start at token k: "Gastroenterology", or a word joined by "and"
    to one ("Trauma and Orthopaedics")? A table's row runs a name into its specialty."""
    words = f.words
    if words[k].endswith(SPECIALTY_ENDINGS):
        return True
    joined = k + 2 < len(words) and f.gaps[k] == f.gaps[k + 1] == " " and words[k + 1] == "and"
    return joined and words[k + 2].endswith(SPECIALTY_ENDINGS)
