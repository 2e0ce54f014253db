"""Rules for names no list can hold: trusts, systems and councils by their suffix, and people by
title, first name, role or speech verb.

Why rules: thousands of NHS bodies, GP practices and councils exist and people come and go; the
suffix ("... Foundation Trust", "... CCG") and the company a name keeps ("chief executive X Y",
"X Y said") give them away more reliably than any list.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from indexer.entities.gazetteer import Lexicon, normalise, split_tokens
from indexer.entities.word_lists import (
    ACTING_WORDS,
    AUXILIARIES,
    CONNECTORS,
    GENERIC,
    HEADS,
    KIND_HEADS,
    MONTHS_DAYS,
    NATIONS,
    NEVER_FIRST,
    NOT_BEFORE_FIRST_NAME,
    OF_HEADS,
    OF_OWNERS,
    OFFICE_TITLES,
    ORG_INTRODUCERS,
    PARTICLES,
    PARTIES,
    PARTY_PAIRS,
    PEER_TITLES,
    POSSESSIVE_OWNERS,
    POST_HEADS,
    POST_OPENERS,
    PREFIX_HEADS,
    REQUESTS,
    ROLES_LOWER,
    SAY_VERBS,
    SHORT_MONTHS,
    SPECIALTY_ENDINGS,
    STOPWORDS,
    STREET_WORDS,
    SURNAME_MONTHS,
    THINGS,
    TITLES,
    VENUE_KINDS,
    WEAK_HEADS,
)


@dataclass(slots=True)
class Cand:
    """A candidate span; the resolver keeps the longest of overlapping ones."""

    start: int
    end: int
    label: str
    canonical: str
    prio: int
    kind: str = ""  # where it came from: "gaz", "rule", "title", "qty", ...
    value: float | str | None = None
    aliases: tuple[str, ...] = ()


# Characters after which a capitalised word starts a sentence, line, list item or bracket.
SENTENCE_ENDERS = frozenset(".!?:\n([\u2022*\u2013\u2014|")


class FieldText:
    """One field's text with its tokens and which of them start a sentence."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.norm = norm = normalise(text)
        # One split gives words and the gaps between them: [lead, w0, gap0, w1, gap1, ...].
        parts = split_tokens(norm)
        self.words = words = parts[1::2]
        self.gaps = parts[2::2]  # gaps[i] lies between token i and token i + 1
        bounds = list(accumulate(map(len, parts)))
        self.starts = bounds[0::2]  # one more than the tokens: the text's length comes last
        self.ends = bounds[1::2]
        # Capitalised words (and numbers): only they can start a name.
        self.caps = caps = [i for i, w in enumerate(words) if not w[0].islower()]
        # Only a capitalised word's position matters ("Monitor has..." vs "... by Monitor").
        # Whether a word opens a sentence depends only on the gap before it (see _opens).
        self.initial = initial = [False] * len(words)
        gaps, known = self.gaps, _OPENS
        for i in caps:
            if i:
                gap = gaps[i - 1]
                opens = known.get(gap)
                if opens is None:
                    opens = known[gap] = _opens(gap, False)
                initial[i] = opens
            else:
                initial[0] = _opens(parts[0], True) if parts[0] else True  # the text's start
        self.title_case = False
        if name == "headline":
            long = [w for w in words if len(w) > 3 and w.isalpha()]
            if len(long) >= 3:
                capitals = [w for w in long if w[0].isupper()]
                self.title_case = len(capitals) >= 0.75 * len(long)

    def index_at(self, start: int) -> int:
        """The token starting at offset `start` (which must start one)."""
        return bisect_left(self.starts, start)

    def index_ending(self, end: int) -> int:
        """The last token ending at or before offset `end`."""
        return bisect_right(self.ends, end) - 1

    def gap(self, i: int) -> str:
        """The characters between token i and token i + 1."""
        return self.gaps[i]


# Gap text -> does the word after it open a sentence; gaps repeat (" ", ". ", ", ") endlessly.
_OPENS: dict[str, bool] = {}


def _opens(gap: str, leading: bool) -> bool:
    """Does a sentence (or a quotation, list item or line) start just after `gap`?

    `gap` is all the text between the previous token and this one (`leading`: there is no
    previous token). A gap holds no word characters, and a token ends in one, which is never a
    sentence ender; so looking back past the gap's start finds the text's start or a non-ender.
    """
    pos = len(gap)
    i = pos - 1
    while i >= 0 and gap[i] in " \t":
        i -= 1
    if i < 0:
        return leading
    c = gap[i]
    if c in "\"'":
        if i == pos - 1:
            if i == 0:
                if leading:
                    return True  # an opening quote at the very start
            elif gap[i - 1].isspace() or gap[i - 1] in "([":
                return True  # an opening quote
        while i >= 0 and gap[i] in "\"' ":
            i -= 1
        if i < 0:
            return leading
        c = gap[i]
    return c in SENTENCE_ENDERS


def is_name_word(word: str) -> bool:
    """A capitalised word that could be part of a person's name (remembered per word: the
    rules ask about the same few thousand words over and over)."""
    known = _NAME_WORDS.get(word)
    if known is None:
        if len(_NAME_WORDS) >= _WORD_MEMO_SIZE:
            _NAME_WORDS.clear()  # bounded: an archive's vocabulary is not
        known = _NAME_WORDS[word] = _is_name_word(word)
    return known


def _is_name_word(word: str) -> bool:
    if not word[0].isupper() or word.isupper() or word in MONTHS_DAYS:
        return False
    if word[-1] == "s" and len(word) > 3 and word[:-1].isupper():
        return False  # an acronym's plural: "ICBs", "GPs"
    return word.replace("-", "").replace("'", "").isalpha() and word not in HEADS


_NAME_WORDS: dict[str, bool] = {}
_WORD_MEMO_SIZE = 100_000


def is_org_word(word: str) -> bool:
    """A word that may stand inside an organisation's name: capitalised, an acronym or CamelCase
    (not a month or day, nor a month cut short: "16 Jul Board meeting")."""
    return word[0].isupper() and word not in MONTHS_DAYS and word not in SHORT_MONTHS


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
        elif (
            head == "Centre"
            and k > 0
            and words[k - 1] in VENUE_KINDS
            and not _named_before(f, k - 1)
        ):
            continue  # a venue with no name of its own: "the Education Centre", "Civic Centre"
        first = _extend_back(f, k, gaz)
        if head in POST_HEADS and _names_a_post(f, first, k):
            continue
        last = _extend_forward(f, k, gaz) if head in OF_HEADS else k
        last = _branch_end(f, last)
        if last + 1 < len(words) and f.gaps[last] == " " and words[last + 1] in THINGS:
            continue  # "the King's Ambulance Service Medal": an award, not the service
        while first < k:  # no name starts with "and", "the" or "Chief"
            low = words[first].lower()
            if low not in _NOT_FIRST and not (f.initial[first] and low in STOPWORDS):
                break
            first += 1
        if head == "Committee" and words[first] == "Commons" and first + 1 < k:
            first += 1  # "the Commons Health Committee": the house, not the committee's name
        span = words[first : last + 1]
        names = [w for w in span if w.lower() not in CONNECTORS and w != "s"]
        named = _kind_named(names) or (len(names) >= 3 and "s" in span)  # "Children's ..."
        if len(names) < 2 or (
            GENERIC.issuperset(names) and not named and not _of_named(f, k, last)
        ):
            continue
        opener = len(names) == 2 and f.initial[first] and not _gaz_starts_at(f, gaz, first)
        if opener and not (acts_after(f, last) or _phrase_ends_after(f, last)):
            continue  # "Threefold ICS variation": a capitalised opener; "Ashwick LMC said"
        found.append(Cand(f.starts[first], f.ends[last], "ORG", "", 1, "rule"))
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


def _named_before(f: FieldText, k: int) -> bool:
    """Does a name word of its own stand before token k ("Weald Education Centre")?"""
    return (
        k > 0 and f.gaps[k - 1] == " " and is_org_word(f.words[k - 1]) and f.words[k - 1] != "The"
    )


def acts_after(f: FieldText, last: int) -> bool:
    """Is the name ending at token `last` followed by a verb or a possessive?"""
    if last + 1 >= len(f.words):
        return False
    gap, after = f.gaps[last], f.words[last + 1]
    if gap == "'" and after == "s":  # a possessive: the tokens are "Care", "s"
        return True
    return gap == " " and after in ACTING_WORDS


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


def _extend_back(f: FieldText, k: int, gaz: dict[int, Cand]) -> int:
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
            if low in ("of", "for") and before not in _OF_TAKERS:
                break  # "Rebecca Rosen of the Nuffield Trust" is a person and an organisation
            i -= 1
            continue
        if not is_org_word(word) or (low in STOPWORDS and (f.initial[i] or word in TITLES)):
            break
        first = i
        if f.initial[i]:
            break
        i -= 1
    return first


_OF_TAKERS = OF_HEADS | OF_OWNERS
_NOT_FIRST = CONNECTORS | NEVER_FIRST


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


def _extend_forward(f: FieldText, k: int, gaz: dict[int, Cand]) -> int:
    words, last, i = f.words, k, k + 1
    if i + 1 >= len(words) or words[i] not in ("of", "for") or f.gaps[k] != " ":
        return k
    while i < len(words) and f.gaps[i - 1] == " ":
        word = words[i]
        if word in ("and", "&") and _second_name_follows(f, i + 1, gaz):
            break
        if word.lower() in CONNECTORS and word[0].islower():
            i += 1
            continue
        if not is_org_word(word) or (word.lower() in STOPWORDS and f.initial[i]):
            break  # "Society for Acute Medicine": a capital inside a sentence goes on
        last = i
        i += 1
    return last


def _second_name_follows(f: FieldText, i: int, gaz: dict[int, Cand]) -> bool:
    """After "and": "the ...", an organisation the gazetteer knows or a name with its own head
    word starts a second organisation ("Royal College of Physicians and the Royal College of
    Psychiatrists", "Department of Health and NHS England", "... Psychiatrists and Mind")."""
    words = f.words
    if i >= len(words) or words[i].lower() == "the":
        return True
    if any(c.label == "ORG" and f.index_at(c.start) == i for c in gaz.values()):
        return True
    while i < len(words) and is_org_word(words[i]) and words[i].lower() not in STOPWORDS:
        if words[i] in HEADS:
            return True
        if i + 1 < len(words) and f.gaps[i] != " ":
            break
        i += 1
    return False


def introduced_orgs(f: FieldText, covered: set[int], gaz: dict[int, Cand]) -> list[Cand]:
    """A capitalised name right after "firm", "provider", "charity", "think tank" and the like;
    it may begin with a place ("the charity Cotswold Mind", "provider Leeds Community
    Healthcare") but is not a place alone."""
    if f.title_case:
        return []
    found, words, n = [], f.words, len(f.words)
    places: set[int] | None = None  # tokens of the places the gazetteer knows
    for k in f.caps:  # the name after the introducer starts with a capital
        i = k - 1
        if i < 0 or words[i] not in ORG_INTRODUCERS or f.gaps[i] != " ":
            continue
        if places is None:
            places = _place_tokens(f, gaz)
        if k in covered and k not in places:
            continue
        last = i
        while last + 1 < n and last - i < 4 and (last == i or f.gaps[last] == " "):
            word = words[last + 1]
            # a known body after a place is its branch: "the charity Cotswold Mind"
            branch = last > i and last in places
            blocked = last + 1 in covered and last + 1 not in places and not branch
            if blocked or not is_org_word(word) or word.lower() in STOPWORDS:
                break
            last += 1
        if last > i and not places.issuperset(range(k, last + 1)):
            found.append(Cand(f.starts[i + 1], f.ends[last], "ORG", "", 3, "intro"))
    return found


def _place_tokens(f: FieldText, gaz: dict[int, Cand]) -> set[int]:
    tokens: set[int] = set()
    for j, c in gaz.items():
        if c.label == "PLACE":
            tokens.update(range(f.index_at(c.start), j + 1))
    return tokens


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
        else:
            continue
        if cand is not None:
            found.append(cand)
            skip_to = f.index_ending(cand.end) + 1
    return found


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
    if last + 1 >= n:
        return None
    gap, after = f.gaps[last], words[last + 1]
    if gap in (" ", ", ") and after in SAY_VERBS and (gap == ", " or after not in AUXILIARIES):
        return Cand(start, end, "PERSON", "", 5, "verb")
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
    return None


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
    """After "Name, ": "the trust's chief nurse", "its director of digital" (a post), or a post
    in capitals as a list of speakers gives it ("Chief Nurse", "MHA Manager", "National
    Director of Operations")."""
    words = f.words
    k = last + 1
    if k >= len(words):
        return False
    if words[k] in ("the", "its", "their", "our", "his", "her"):
        return any(w.lower() in ROLES_LOWER for w in words[k + 1 : k + 5])
    for j in range(k, min(k + 3, len(words))):
        if not words[j][0].isupper():
            return False
        if words[j].lower() in ROLES_LOWER:
            return True
        if f.gaps[j] != " ":
            return False
    return False


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
        if word.lower() in STOPWORDS or (k > j and word.endswith(SPECIALTY_ENDINGS)):
            break
        last, count = k, count + 1
        k += 1
    return last


def prefixed_orgs(f: FieldText) -> list[Cand]:
    """Names that start with an organisation word and go on with a place: "Healthwatch Devon"."""
    found: list[Cand] = []
    words, n = f.words, len(f.words)
    for i in f.caps:
        if words[i] not in PREFIX_HEADS or i + 1 >= n or f.gaps[i] != " ":
            continue
        last = i
        while last + 1 < n and last - i < 4 and f.gaps[last] == " ":
            word = words[last + 1]
            if not is_org_word(word) or word.lower() in STOPWORDS or word in HEADS:
                break
            last += 1
        if last > i:
            found.append(Cand(f.starts[i], f.ends[last], "ORG", "", 1, "rule"))
    return found
