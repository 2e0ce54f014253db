"""Parsing preprocessed query text into Whoosh queries and rewriting them for this index."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from whoosh import qparser
from whoosh import query as wq

from indexer.engine.analysis import phrase_pairs, stem
from indexer.engine.reading import live_doc_frequencies
from indexer.engine.schema import (
    MAX_EXPANSIONS,
    PARSE_SCHEMA,
    TEXT_FIELDS,
    Expander,
    Query,
    Searcher,
)
from indexer.errors import QueryError

# ---------------------------------------------------------------------------------------------
# Queries.

_local = threading.local()
_NEVER = wq.Term("id", "\x00never")  # matches nothing, unlike NullQuery, which And() drops


def _parser() -> qparser.QueryParser:
    parser: qparser.QueryParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = qparser.QueryParser("text", PARSE_SCHEMA)
        parser.add_plugin(qparser.FuzzyTermPlugin())
        _local.parser = parser
    return parser


def compile_query(
    text: str, sets: Mapping[str, frozenset[str]], searcher: Searcher, expand: Expander
) -> Query:
    """Parse preprocessed query text and rewrite it for this index (see query.py for the text).

    Phrases become look-ups of adjacent word pairs; `title:` is headline OR lead title;
    wildcards and fuzzy terms on the stemmed fields expand over the unstemmed vocabulary;
    `vset:` names an id set (bookmarks, tags). Raises QueryError with the reason (the caller
    adds the query).
    """
    parsed = _parser().parse(text)
    reader = searcher.reader()

    def rewrite(q: Query) -> Query:
        error = getattr(q, "error", None)
        if error is not None:  # Whoosh's parser turns a bad value into a query with .error
            raise QueryError(str(error).strip("'\""))
        if isinstance(q, wq.qcore._NullQuery):
            return q
        if not q.is_leaf():
            return q.apply(rewrite)
        field = getattr(q, "fieldname", None)
        if field in _ALSO_SEARCHED:
            return wq.Or([leaf(_with_field(q, name)) for name in _ALSO_SEARCHED[field]])
        return leaf(q)

    def leaf(q: Query) -> Query:
        field = q.fieldname
        if field == "vset":
            ids = sets.get(q.text, frozenset())
            return wq.Or([wq.Term("id", i) for i in sorted(ids)]) if ids else _NEVER
        if isinstance(q, wq.Phrase):
            return _phrase(q, text)
        if field in TEXT_FIELDS and isinstance(q, wq.FuzzyTerm | wq.Wildcard | wq.Prefix):
            return _expand(q, reader, expand)
        return q

    return rewrite(parsed).normalize()


# `title:` is the headline, or the lead title (indexed as "title") of a story without one.
# `entity:` is any entity: the org, person and place fields plus `entity` (the others).
_ALSO_SEARCHED = {
    "title": ("headline", "lead title"),
    "entity": ("org", "person", "place", "entity"),
}


def _with_field(q: Query, fieldname: str) -> Query:
    q = q.copy()
    q.fieldname = "title" if fieldname == "lead title" else fieldname
    return q


class CheckedPhrase(wq.qcore.Query):
    """A phrase of three or more words: its word pairs find the candidates, and ranking.py
    keeps those where the pairs follow each other (by their positions, or in the text), since
    pairs found in different places of a story do not make the phrase. `stems` are the
    phrase's word pairs as indexed."""

    def __init__(self, pairs: Query, field: str, stems: list[str]) -> None:
        self.pairs, self.fieldname, self.stems = pairs, field, stems
        self.boost = 1.0

    def is_leaf(self) -> bool:
        return False

    def children(self) -> list[Query]:
        return [self.pairs]

    def apply(self, fn: Any) -> Query:
        return CheckedPhrase(fn(self.pairs), self.fieldname, self.stems)

    def normalize(self) -> Query:
        return CheckedPhrase(self.pairs.normalize(), self.fieldname, self.stems)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CheckedPhrase) and (self.pairs, self.fieldname, self.stems) == (
            other.pairs,
            other.fieldname,
            other.stems,
        )

    def __hash__(self) -> int:
        return hash((self.pairs, self.fieldname, tuple(self.stems)))

    def __repr__(self) -> str:
        return f"CheckedPhrase({self.fieldname}:{' '.join(self.stems)!r})"


def _phrase(q: Query, text: str) -> Query:
    """A phrase as the word pairs of one sentence: "junior doctors strike" needs "junior
    doctor" and "doctor strike" one after the other. Stop words are not indexed, but how many
    stand between two words is ("secretary of state" is "secretari ~1 state", which "secretary
    for state" also has, and "NHS is that the England" does not). A sloppy phrase ("a b"~3)
    is all of its words. On a keyword field the phrase is the whole value."""
    field, stems = q.fieldname, list(q.words)
    if field not in TEXT_FIELDS:
        return wq.Term(field, " ".join(stems), boost=q.boost)
    if len(stems) < 2 or q.slop > 1:
        return wq.And([wq.Term(field, s) for s in stems], boost=q.boost) if stems else _NEVER
    ranges = getattr(q, "char_ranges", None)
    typed = text[ranges[0][0] : ranges[-1][1]] if ranges else " ".join(stems)
    pairs = phrase_pairs(typed)
    needed = [wq.Term("pairs", p) for p in pairs]
    if field != "text":  # the pairs field covers the whole story: also need the words here
        needed += [wq.Term(field, s) for s in stems]
    found = wq.And(needed, boost=q.boost)
    return CheckedPhrase(found, field, pairs) if len(pairs) > 1 else found


def _expand(q: Query, reader: Any, expand: Expander) -> Query:
    field = q.fieldname
    if isinstance(q, wq.FuzzyTerm):
        kind, pattern, maxdist = "fuzzy", q.text, q.maxdist
    elif isinstance(q, wq.Prefix):
        kind, pattern, maxdist = "prefix", q.text, 0
    else:
        kind, pattern, maxdist = "wildcard", q.text, 0
    found: dict[str, int] = {}
    for word in expand(kind, pattern, maxdist):
        s = stem(word)
        if s not in found:
            found[s] = reader.doc_frequency(field, s)
    if reader.has_deletions() and sum(1 for df in found.values() if df) > MAX_EXPANSIONS:
        # Which terms are kept must not depend on stories replaced since the last merge.
        found = live_doc_frequencies(reader, field, [s for s, df in found.items() if df])
    kept = sorted((s for s, df in found.items() if df), key=lambda s: (-found[s], s))
    kept = kept[:MAX_EXPANSIONS]
    if not kept:
        return _NEVER
    return wq.Or([wq.Term(field, s) for s in sorted(kept)], boost=q.boost)


def positive_terms(q: Query) -> dict[str, set[str]]:
    """Field -> terms the query asks for (not under NOT): what a snippet highlights."""
    found: dict[str, set[str]] = {}

    def walk(node: Query) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        if isinstance(node, wq.Term) and node.fieldname == "pairs":
            words = (w for w in str(node.text).split() if not w.startswith("~"))
            found.setdefault("text", set()).update(words)
        elif isinstance(node, wq.Term):
            found.setdefault(node.fieldname, set()).add(str(node.text))
        elif not node.is_leaf():
            for child in node.children():
                walk(child)

    walk(q)
    return found


def query_tree(q: Query) -> tuple[Any, ...]:
    """The query as nested plain tuples: ("and"|"or", [children], boost), ("not", child),
    ("andnot"|"andmaybe", a, b), ("term", field, text, boost), ("dates", low, high),
    ("phrase", candidates, field, stems) (candidates to check with has_phrase),
    ("numbers", field, low, high, low exclusive, high exclusive),
    ("every",), ("none",), or ("other", query) for anything answered by Whoosh directly."""
    kind = type(q)
    if kind is CheckedPhrase:
        return ("phrase", query_tree(q.pairs), q.fieldname, q.stems)
    if kind in (wq.And, wq.Or):
        return ("and" if kind is wq.And else "or", [query_tree(c) for c in q.subqueries], q.boost)
    if kind is wq.Not:
        return ("not", query_tree(q.query))
    if kind in (wq.AndNot, wq.AndMaybe):
        return ("andnot" if kind is wq.AndNot else "andmaybe", query_tree(q.a), query_tree(q.b))
    if kind is wq.Term:
        return ("term", q.fieldname, q.text, q.boost)
    if kind is wq.Every:
        return ("every",)
    if isinstance(q, wq.qcore._NullQuery):
        return ("none",)
    if kind is wq.NumericRange and q.fieldname == "date":
        low = 0 if q.start is None else q.start + (1 if q.startexcl else 0)
        high = 2**32 - 1 if q.end is None else q.end - (1 if q.endexcl else 0)
        return ("dates", low, high)
    if kind is wq.NumericRange and q.fieldname in ("money", "percent"):
        return ("numbers", q.fieldname, q.start, q.end, q.startexcl, q.endexcl)
    return ("other", q)
