"""Organisations named by their kind rather than ended by a head word: "NHS Kernow", a union's
national branch ("RCN Wales"), a local newspaper ("Hull Daily Mail"), bodies named by what
they are for ("Skills for Care", "Action on Smoking and Health") and the publications that saw
a document ("seen by The Ward Round").

Why rules of their own: none of these ends in "Trust" or "Council", so the head-word rule
(orgs_by_head.org_rule) cannot see them, and no list can hold every health board, branch and
local paper. Each rule asks for the company such a name keeps, which a common phrase lacks.
"""

from __future__ import annotations

from indexer.entities.field_text import Cand, FieldText, acts_after, is_org_word
from indexer.entities.word_lists import (
    BROADCASTERS,
    GENERIC,
    HEADS,
    NATIONS,
    NEVER_FIRST,
    NEWSPAPER_DAYS,
    NEWSPAPER_TITLES,
    PURPOSE_WORDS,
    ROLES_LOWER,
    STOPWORDS,
    TITLES,
    is_thing,
)

COMPASS_ADJECTIVES = frozenset(("Northern", "Southern", "Eastern", "Western"))


def bodies(f: FieldText, gaz_last: dict[int, Cand], covered: set[int]) -> list[Cand]:
    """Every candidate of this module's rules in one field (none in a title-case headline,
    where every word is capitalised and no name can be told by its shape)."""
    if f.title_case:
        return []
    gaz_starts = {c.start for c in gaz_last.values()}
    found = nhs_bodies(f, gaz_starts)
    found += national_branches(f, gaz_last)
    found += local_branches(f, gaz_last)
    found += newspapers(f, gaz_last)
    found += channels(f)
    found += purpose_names(f, covered)
    found += sources(f)
    return found


def nhs_bodies(f: FieldText, gaz_starts: set[int]) -> list[Cand]:
    """ "NHS" and a name or number that no head word ends: "NHS Kernow", "NHS 111 Wales".

    Not a thing the NHS runs or publishes ("NHS Jobs", "NHS Staff Survey"), and not where the
    gazetteer knows a name starting there ("NHS Resolution Maternity Incentive
    Scheme" is NHS Resolution's scheme, not a body).
    """
    found: list[Cand] = []
    words, n = f.words, len(f.words)
    for i in f.caps:
        if words[i] != "NHS" or i + 1 >= n or f.gaps[i] != " " or f.starts[i] in gaz_starts:
            continue
        last = i
        while last + 1 < n and last - i < 3 and (last == i or f.gaps[last] == " "):
            word = words[last + 1]
            if not (word.isdigit() or is_org_word(word)) or word.lower() in STOPWORDS:
                break
            if word.isdigit() and last + 2 < n and f.gaps[last + 1][:1] in ".,%":
                break  # a number going on: "the NHS 2.8% a year", not "NHS 111"
            last += 1
            if word in NATIONS:
                break  # "NHS 111 Wales", not "NHS 111 Wales Directory"
        names = words[i + 1 : last + 1]
        thing = last + 1 < n and f.gaps[last] == " " and is_thing(words[last + 1])
        if names and not GENERIC.issuperset(names) and not thing and not is_thing(names[-1]):
            found.append(Cand(f.starts[i], f.ends[last], "ORG", "", 1, "rule"))
    return found


def national_branches(f: FieldText, gaz_last: dict[int, Cand]) -> list[Cand]:
    """An acronym or a known body, and a nation: its branch there ("BMA Scotland", "RCN Wales",
    "Unison Scotland", in both languages: "BMA Cymru Wales")."""
    found: list[Cand] = []
    words, n = f.words, len(f.words)
    for k in f.caps:  # from the nation back: nations are rarer than acronyms
        if k == 0 or words[k] not in NATIONS or f.gaps[k - 1] != " ":
            continue
        i = k - 1
        word = words[i]
        g = gaz_last.get(i)
        if g is not None and g.label != "ORG":
            continue
        acronym = 2 <= len(word) <= 6 and word.isupper() and word.isalpha()
        if (g is None and not acronym) or word in GENERIC:
            continue  # "BMA Scotland", "Unison Scotland"; not "NHS Scotland"'s "NHS" alone
        last = i + 1
        if words[last] == "Northern":
            if last + 1 >= n or words[last + 1] != "Ireland" or f.gaps[last] != " ":
                continue
            last += 1
        elif (
            last + 1 < n
            and words[last] == "Cymru"
            and f"{f.gaps[last]}{words[last + 1]}" == " Wales"
        ):
            last += 1  # a bilingual name: "BMA Cymru Wales"
        start = g.start if g is not None else f.starts[i]
        found.append(Cand(start, f.ends[last], "ORG", "", 1, "rule"))
    return found


def local_branches(f: FieldText, gaz_last: dict[int, Cand]) -> list[Cand]:
    """A body the gazetteer knows and a place it knows: its branch or region there ("Age UK
    Darlington", "NHS England South West", "ADASS London")."""
    found: list[Cand] = []
    places = {c.start: c for c in gaz_last.values() if c.label == "PLACE"}
    if not places:
        return found
    n = len(f.words)
    for j, body in gaz_last.items():
        if body.label != "ORG" or body.kind == "area" or j + 1 >= n or f.gaps[j] != " ":
            continue
        place = places.get(f.starts[j + 1])
        if place is not None:
            found.append(Cand(body.start, place.end, "ORG", "", 1, "rule"))
    return found


def newspapers(f: FieldText, gaz_last: dict[int, Cand]) -> list[Cand]:
    """A place, maybe "Daily" or "Evening", and a newspaper's title word: "Yorkshire Post",
    "Manchester Evening News" ("News" and "Press" only after such a day word)."""
    found: list[Cand] = []
    words = f.words
    for k in f.caps:
        title = words[k]
        if title not in NEWSPAPER_TITLES or k == 0 or f.gaps[k - 1] != " ":
            continue
        j = k - 1
        if words[j] in NEWSPAPER_DAYS:
            if j == 0 or f.gaps[j - 1] != " ":
                continue
            j -= 1
        elif title in ("News", "Press"):
            continue
        g = gaz_last.get(j)
        if g is not None and g.label == "PLACE":
            start = g.start
        elif words[j] in COMPASS_ADJECTIVES:
            start = f.starts[j]
        else:
            continue
        found.append(Cand(start, f.ends[k], "ORG", "", 1, "rule"))
    return found


def channels(f: FieldText) -> list[Cand]:
    """A broadcaster and its station, channel, programme or region: "BBC Radio 5 Live", "ITV
    West Country" (a number only after "Radio"; not a post: "BBC Health Editor")."""
    found: list[Cand] = []
    words, gaps, n = f.words, f.gaps, len(f.words)
    for i in f.caps:
        if words[i] not in BROADCASTERS:
            continue
        last = i
        while last + 1 < n and last - i < 4 and gaps[last] == " ":
            word = words[last + 1]
            radio_number = word.isdigit() and words[last] == "Radio"
            if not radio_number and not _channel_word(word):
                break
            last += 1
        post = last + 1 < n and words[last + 1].lower() in ROLES_LOWER
        if last > i and post and words[last + 1][0].isupper():
            last -= 1  # "BBC Health Editor": the post's field is no channel
        if last > i:
            found.append(Cand(f.starts[i], f.ends[last], "ORG", "", 1, "rule"))
    return found


def _channel_word(word: str) -> bool:
    low = word.lower()
    return (
        is_org_word(word)
        and low not in STOPWORDS
        and low not in ROLES_LOWER
        and word not in NATIONS  # "BBC Scotland": a branch, see national_branches
        and not word.isupper()
    )


def purpose_names(f: FieldText, covered: set[int]) -> list[Cand]:
    """A capitalised name built on "for" or "on" that acts like a body: "Skills for Care
    estimates", "Action on Smoking and Health said", "Skills for Care's report".

    The verb (or possessive) after it is required: "Agenda for Change rates" is a pay system.
    """
    found: list[Cand] = []
    words, gaps = f.words, f.gaps
    skip_to = 0
    for j in _purpose_words(f):  # from the rare "for"/"on" between capitals, back to the name
        if j < skip_to or not (_name_part(words[j - 1]) and _name_part(words[j + 1])):
            continue
        i = j - 1
        while i > 0 and gaps[i - 1] == " " and _name_part(words[i - 1]):
            i -= 1
        while i < j and (i in covered or not _may_open(words[i])):
            i += 1
        if i == j or i < skip_to or _post_of(f, i):
            continue
        last = _purpose_end(f, i)
        if last < 0 or not acts_after(f, last):
            continue
        found.append(Cand(f.starts[i], f.ends[last], "ORG", "", 1, "rule"))
        skip_to = last + 1
    return found


def _post_of(f: FieldText, i: int) -> bool:
    """Does the name at token i follow a post and "of" ("Secretary of State for Health and
    Social Care", "Minister of State for Care"): a post's title, not a body?"""
    return i >= 2 and f.words[i - 1] == "of" and f.words[i - 2].lower() in ROLES_LOWER


def _purpose_words(f: FieldText) -> list[int]:
    """Tokens "for" and "on" with a space on each side, not first or last (in text order)."""
    found: list[int] = []
    norm = f.norm
    for needle in (" for ", " on "):
        after = len(needle)
        pos = norm.find(needle)
        while pos != -1:
            if norm[pos + after : pos + after + 1].isupper():  # a capital after: maybe a name
                found.append(f.index_at(pos + 1))
            pos = norm.find(needle, pos + 1)
    n = len(f.words)
    return sorted(j for j in found if 0 < j < n - 1)


def _may_open(word: str) -> bool:
    """Can this word start a body's name (not "The", "Dr", "Secretary" or "Trust")?"""
    low = word.lower()
    if word in TITLES or low in ROLES_LOWER or low in NEVER_FIRST or low in STOPWORDS:
        return False
    return is_org_word(word) and word not in HEADS


def _purpose_end(f: FieldText, i: int) -> int:
    """The last token of "Cap+ for|on Cap+ (and Cap+)" from token i, or -1."""
    words, gaps, n = f.words, f.gaps, len(f.words)
    j = i
    while j + 1 < n and gaps[j] == " " and _name_part(words[j + 1]):
        j += 1
        if words[j].lower() in ROLES_LOWER:
            return -1  # "Cabinet Secretary for Health": a post, not a body
    if j + 2 >= n or gaps[j] != " " or words[j + 1] not in PURPOSE_WORDS or gaps[j + 1] != " ":
        return -1
    j += 2
    if not _name_part(words[j]):
        return -1
    while True:
        while j + 1 < n and gaps[j] == " " and _name_part(words[j + 1]):
            j += 1
        and_follows = j + 2 < n and words[j + 1] == "and" and gaps[j] == gaps[j + 1] == " "
        if not (and_follows and _name_part(words[j + 2])):
            return j
        j += 2


def _name_part(word: str) -> bool:
    return is_org_word(word) and word.lower() not in STOPWORDS


def sources(f: FieldText) -> list[Cand]:
    """The publication a leak was "seen by" or "obtained by": "figures seen by The Ward Round",
    "a draft seen by GP Frontline" (a newsletter quoted as a source, whatever its name)."""
    found: list[Cand] = []
    if " by " not in f.norm:
        return found
    words, gaps, n = f.words, f.gaps, len(f.words)
    for k in f.caps:
        i = k - 1
        if words[i : i + 1] in (["the"], ["The"]) and gaps[i] == " ":
            i -= 1
        if i < 1 or words[i] != "by" or words[i - 1] not in _SOURCE_VERBS:
            continue
        if gaps[i] != " " or gaps[i - 1] != " ":
            continue
        last = k - 1
        while last + 1 < n and last - k < 4 and (last < k or gaps[last] == " "):
            word = words[last + 1]
            joined = last >= k and last + 2 < n and gaps[last + 1] == " "
            if word in _SOURCE_JOINS and joined and is_org_word(words[last + 2]):
                last += 1  # "Policy at Nine"
                continue
            if not is_org_word(word) or word in TITLES or (last < k and word.lower() in STOPWORDS):
                break  # "Commissioning Today": a capitalised common word may end the name
            last += 1
        if last >= k and words[last] not in _SOURCE_JOINS:
            found.append(Cand(f.starts[k], f.ends[last], "ORG", "", 1, "rule"))
    return found


_SOURCE_VERBS = frozenset(("seen", "obtained"))
_SOURCE_JOINS = frozenset(("at", "of", "for", "on"))
