"""People's canonical names across a story: titles set apart from the name, and a surname or first
name alone takes the full name the story gives elsewhere ("Sir Jim" a knight's).
"""

from __future__ import annotations

from indexer.entities.field_text import Cand, FieldText, is_name_word
from indexer.entities.gazetteer import TOKEN_RE, Lexicon, lexicon
from indexer.entities.mentions import clean_mention, remember
from indexer.entities.word_lists import (
    PEER_TITLES,
    SILKS,
    TITLES,
)


def name_parts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(titles, name words) of a person's mention (`text` normalised), remembered per text:
    the same people are named story after story."""
    known = _NAME_PARTS.get(text)
    if known is None:
        words = TOKEN_RE.findall(clean_mention(text))
        titles = []
        while len(words) > 1 and words[0] in TITLES:
            titles.append(words.pop(0))
        if len(words) > 1 and words[-1] in SILKS:
            words.pop()  # "Simon Agyeman KC" is Simon Agyeman
        known = remember(_NAME_PARTS, text, (tuple(titles), tuple(words)))
    return known


_NAME_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def full_names(story: list[tuple[FieldText, list[Cand]]]) -> None:
    """Canonical names for people; a bare surname, or a bare first name, takes the full name
    given in the story."""
    people = [
        (c, *name_parts(f.norm[c.start : c.end]))
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
        elif len(words) == 1 and firsts.get(words[0]):
            c.canonical = firsts[words[0]]  # "Martin's" after "Dr Martin Hale"
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
            if any(s < end and start < e for s, e in taken) or inside_name(f, i, lex):
                continue
            chosen.append(Cand(start, end, "PERSON", canonical, 6, "surname"))


def _surname(words: tuple[str, ...]) -> str:
    """The word a person is named by alone: the last, or a peer's before "of" ("Pelham of Rye")."""
    if len(words) > 2 and words[-2] == "of":
        return words[-3]
    return words[-1]


def inside_name(f: FieldText, i: int, lex: Lexicon) -> bool:
    """Is token i next to another capitalised word, so part of some other name?

    A capitalised word that opens a sentence says nothing unless it is a first name.
    """
    before = i > 0 and f.gaps[i - 1] == " " and is_name_word(f.words[i - 1])
    if before and f.initial[i - 1] and f.words[i - 1] not in lex.first_names:
        before = False
    after = i + 1 < len(f.words) and f.gaps[i] == " " and is_name_word(f.words[i + 1])
    return before or after
