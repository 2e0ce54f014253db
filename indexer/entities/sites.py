"""Sites named by their kind: streets, squares, plazas, parks and rooms for hire are places
("Victoria Square", "Priory Road", "Broad Street Plaza", "Alderley Park", "the Milton Rooms");
halls, houses and lodges are mostly the homes, hospitals and offices in them, so
organisations ("Orsett Hall", "Sanger House", "Oakfield Lodge"), as are a hospital's wards and
wings ("Ribble Ward", "Jessop Wing"); but a hall or a house where something happens is a place
("the awards evening at Ashby Hall", "clinics at Kingsholm House").

Why a rule: digests say where a clinic, a march or a meeting is, and no list holds every street
and building; the last word says what kind of site the capitals before it name.
"""

from __future__ import annotations

from indexer.entities.field_text import Cand, FieldText, is_name_word
from indexer.entities.word_lists import GENERIC, MONTHS_DAYS, STOPWORDS, TITLES

# The last word of a site's name. The first set are surnames too ("Lucy Hall", "Jenny Hill"),
# so a first name before the name makes it a person's.
SURNAME_SITES = frozenset(("Hall", "Hill", "House", "Lane", "Park", "Lodge", "Ward"))
SITES = SURNAME_SITES | frozenset(
    (
        "Square",
        "Street",
        "Road",
        "Avenue",
        "Gardens",
        "Terrace",
        "Crescent",
        "Parade",
        "Quarter",
        "Wing",
        "Plaza",
        "Rooms",
    )
)
BUILDINGS = frozenset(("Hall", "House", "Lodge", "Ward", "Wing"))


def site_places(f: FieldText, first_names: frozenset[str]) -> list[Cand]:
    """One to three capitalised words and a site word: "Centenary Square", "Upper Newtownards
    Road"; not "Town Hall" (no word of its own), "Lucy Hall" (a person) or a postal address
    ("18 Old Queen Street", which contact and event lines give)."""
    if f.title_case:
        return []
    found: list[Cand] = []
    words, gaps = f.words, f.gaps
    for k in f.caps:
        if k == 0 or words[k] not in SITES or gaps[k - 1] != " ":
            continue
        first = k
        while first > 0 and k - first < 3 and gaps[first - 1] == " " and _named(words[first - 1]):
            first -= 1
        if first == k or all(w in _NOT_NAMING for w in words[first:k]):
            continue
        if first > 0 and words[first - 1].isdigit() and gaps[first - 1] == " ":
            continue
        if words[k] in SURNAME_SITES and words[first] in first_names:
            continue
        if first > 0 and gaps[first - 1] in (" ", ". ") and words[first - 1] in TITLES:
            continue  # "Dr Hall"
        venue = words[k] in _VENUES and at_a_venue(f, first)  # "the awards evening at Ashby Hall"
        label = "ORG" if words[k] in BUILDINGS and not venue else "PLACE"
        found.append(Cand(f.starts[first], f.ends[k], label, "", 1, "site"))
    return found


# Buildings that are where something happens after "at" (not a home's lodge, a hospital's wing).
_VENUES = frozenset(("Hall", "House"))


def at_a_venue(f: FieldText, first: int) -> bool:
    """Does "at" or a word like it stand before the name at token `first` ("at Ashby Hall",
    "near the Kendal House offices", "at the Todwick Leisure Centre")? Where a building is, it
    is a place; where it acts ("Ashby Hall will close"), the body in it."""
    j = first - 1
    if j > 0 and f.words[j] == "the" and f.gaps[j] == " ":
        j -= 1
    return j >= 0 and f.gaps[j] == " " and f.words[j] in ("at", "near", "outside", "opposite")


_NOT_NAMING = GENERIC | frozenset(("Town", "Village", "Church", "Market", "High"))


def _named(word: str) -> bool:
    """Can this word be part of a site's name (a capitalised word, not "The" or "May")?"""
    return is_name_word(word) and word.lower() not in STOPWORDS and word not in MONTHS_DAYS
