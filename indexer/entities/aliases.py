"""Each named entity's other names: the gazetteer's for its canonical name, those the story defines
in brackets and the mention itself where it differs ("BMA" for the British Medical
Association), so an index can answer any of them with the one canonical name.
"""

from __future__ import annotations

from indexer.entities.field_text import Cand, FieldText
from indexer.entities.full_names import name_parts
from indexer.entities.gazetteer import Lexicon
from indexer.entities.mentions import clean_mention, remember
from indexer.entities.org_names import org_names


def add_aliases(
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
                mention = org_names(norm, lex)[0]
            elif c.label == "PERSON":
                mention = " ".join(name_parts(norm)[1])
            else:
                mention = clean_mention(norm)
                if not c.canonical:  # a place by its shape or company: named as written
                    c.canonical = mention
            key = (c.label, c.canonical, mention)
            names = _ALIASES.get(key)
            if names is None:
                known = lex.aliases.get((c.label, c.canonical), ())
                if mention != c.canonical and mention not in known:
                    known = tuple(sorted((*known, mention)))
                names = remember(_ALIASES, key, known)
            extra = by_canonical.get(c.canonical)
            if extra:
                names = tuple(sorted(set(names).union(extra) - {c.canonical}))
            c.aliases = names


_NAMED = frozenset(("ORG", "PERSON", "PLACE"))


_ALIASES: dict[tuple[str, str, str], tuple[str, ...]] = {}
