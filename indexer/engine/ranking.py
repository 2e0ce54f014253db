"""Ranking inside the engine: a compiled query in, ranked document numbers out.

Whoosh's matchers walk documents one at a time in Python (a few microseconds each), which is
too slow when a word is in half of 100,000 stories. Here each term's postings are read once
per searcher (reading.term_postings), scored with Whoosh's own BM25F formula, and combined with
set operations on sorted arrays; the top hits come from a partial sort. Counts are exact.
Query parts with no array form (wildcards or fuzzy terms on keyword fields) are answered by
Whoosh as unscored filters. Posting lists never leave this module: callers get a Ranked (the
best documents and the total) or facet counts.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from indexer.engine import documents, reading
from indexer.engine.analysis import has_phrase
from indexer.engine.arrays import distinct, within
from indexer.engine.queries import query_tree
from indexer.engine.schema import Query, Searcher

K1 = 1.2  # Whoosh's BM25F defaults
B = 0.75
_CACHED_TERMS = 512

Result = tuple[np.ndarray, np.ndarray]  # sorted unique document numbers, their scores
Counts = list[tuple[str, int]]  # (term or year, documents), commonest first


@dataclass(frozen=True)
class Ranked:
    """The best documents for a query, best first, and how many documents match it in all."""

    docs: tuple[tuple[int, float], ...]  # (document number, score)
    total: int


class Ranker:
    """Ranks queries against one searcher; caches arrays tied to it (one per thread)."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._terms: OrderedDict[tuple[str, Any], Result] = OrderedDict()
        self._lengths: dict[str, tuple[np.ndarray, float]] = {}
        self._live: np.ndarray | None = None
        self._dates: np.ndarray | None = None
        self._facets: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        self._numeric: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._phrases: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}

    # -- what callers ask ------------------------------------------------------------------

    def rank(self, q: Query | None, limit: int, *, newest_first: bool = False) -> Ranked:
        """The best `limit` documents matching the compiled query `q` (None: every document),
        by BM25F score or newest first; a query of filters alone (nothing scored) lists the
        newest first. Ties keep index order."""
        ids, scores = self._matches(q)
        by_date = newest_first or not scores.any()
        return Ranked(tuple(self._top(ids, scores, limit, newest_first=by_date)), len(ids))

    def facets(
        self, q: Query | None, fields: Iterable[str], top: int
    ) -> tuple[dict[str, Counts], Counts]:
        """Among the documents matching `q` (None: every document): the commonest `top` terms
        of each keyword field, and the commonest `top` years (newest first)."""
        ids, _ = self._matches(q)
        counted = {field: self._facet_counts(field, ids, top) for field in fields}
        return counted, self._year_counts(ids, top)

    def dated(self, q: Query | None) -> tuple[np.ndarray, np.ndarray]:
        """The documents matching `q` (None: every one), in index order, and their dates
        (yyyymmdd), for counting them over time."""
        ids, _ = self._matches(q)
        return ids, self.dates[ids]

    def counts_by_group(
        self, field: str, docs: np.ndarray, groups: np.ndarray, size: int
    ) -> tuple[list[str], np.ndarray]:
        """Every term of a keyword field and, for documents `docs` each in group `groups[i]`
        (0 to size - 1), how many documents of each group have it: counts[term, group]."""
        names, posted, terms = self._postings(field)
        group_of = np.full(len(self.live), -1, np.int64)
        group_of[docs] = groups
        where = group_of[posted]
        keep = where >= 0
        flat = terms[keep] * size + where[keep]
        counts = np.bincount(flat, minlength=len(names) * size).reshape(len(names), size)
        return names, counts

    def warm(self, fields: tuple[str, ...]) -> None:
        """Read these fields' length columns now (BM25 needs them for the first scored term)."""
        for field in fields:
            self._field_lengths(field)

    # -- evaluation -------------------------------------------------------------------------

    @property
    def live(self) -> np.ndarray:
        if self._live is None:
            self._live = reading.live_mask(self.searcher)
        return self._live

    @property
    def dates(self) -> np.ndarray:
        if self._dates is None:
            self._dates = reading.date_array(self.searcher)
        return self._dates

    def _all_ids(self) -> np.ndarray:
        return np.flatnonzero(self.live)

    def _matches(self, q: Query | None) -> Result:
        """Every live document matching the compiled query (None: every one), with its score."""
        if q is None:
            ids = self._all_ids()
            return ids, np.zeros(len(ids))
        ids, scores = self._eval(query_tree(q))
        keep = self.live[ids] if len(ids) else np.zeros(0, bool)
        return ids[keep], scores[keep]

    def _eval(self, node: tuple[Any, ...]) -> Result:
        kind = node[0]
        if kind == "term":
            return self._term(node[1], node[2], node[3])
        if kind == "and":
            parts = sorted((self._eval(child) for child in node[1]), key=lambda r: len(r[0]))
            ids, scores = parts[0] if parts else _empty()
            for other_ids, other_scores in parts[1:]:
                common, left, right = np.intersect1d(
                    ids, other_ids, assume_unique=True, return_indices=True
                )
                ids, scores = common, scores[left] + other_scores[right]
            return ids, scores * node[2]
        if kind == "or":
            parts = [self._eval(child) for child in node[1]]
            ids, scores = _union(parts)
            return ids, scores * node[2]
        if kind == "not":
            inner, _ = self._eval(node[1])
            ids = np.setdiff1d(self._all_ids(), inner, assume_unique=True)
            return ids, np.zeros(len(ids))
        if kind in ("andnot", "andmaybe"):
            ids, scores = self._eval(node[1])
            other_ids, other_scores = self._eval(node[2])
            if kind == "andnot":
                keep = ~np.isin(ids, other_ids, assume_unique=True)
                return ids[keep], scores[keep]
            _, left, right = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
            scores = scores.copy()
            scores[left] += other_scores[right]
            return ids, scores
        if kind == "phrase":
            ids, scores = self._eval(node[1])
            keep = self._phrase_mask(ids, node[2], node[3])
            return ids[keep], scores[keep]
        if kind == "dates":
            ids = np.flatnonzero((self.dates >= node[1]) & (self.dates <= node[2]))
            return ids, np.zeros(len(ids))
        if kind == "numbers":
            return self._numbers(*node[1:])
        if kind == "every":
            ids = self._all_ids()
            return ids, np.zeros(len(ids))
        if kind == "none":
            return _empty()
        ids = distinct(reading.other_docs(self.searcher, node[1]))
        return ids, np.zeros(len(ids))

    def _phrase_mask(self, ids: np.ndarray, field: str, pairs: list[str]) -> np.ndarray:
        """Which candidate documents (all of whose word pairs a phrase has) have the phrase:
        the pairs' positions chain, or, where positions were not kept, the text has it."""
        keep = self.live[ids] if len(ids) else np.zeros(0, bool)
        if field == "text":
            chained, unknown = self._chains(tuple(pairs))
            check = keep & within(ids, unknown)
            keep &= check | within(ids, chained)
        else:  # a phrase in the headline or lead title alone: positions do not say which
            check = keep.copy()
        for at in np.flatnonzero(check):
            content, _ = documents.decode(reading.stored(self.searcher, int(ids[at]))["doc"])
            if field == "headline":
                texts = [content.headline or ""]
            elif field == "title":
                texts = [content.title]
            else:
                texts = [content.headline or "", content.body, content.extras or ""]
            keep[at] = has_phrase(texts, pairs)
        return keep

    def _chains(self, pairs: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """Documents where the phrase's pairs follow each other (pair k starts k words after
        the first), and documents with a pair whose positions were not kept."""
        found = self._phrases.get(pairs)
        if found is None:
            keys = np.zeros(0, np.int64)
            unknown: list[np.ndarray] = []
            for k, pair in enumerate(pairs):
                docs, places, not_kept = reading.pair_positions(self.searcher, pair)
                unknown.append(not_kept)
                if k == 0:
                    keys = docs << 16 | places
                    continue
                after = places >= k
                keys = keys[within(keys, docs[after] << 16 | (places[after] - k))]
            found = (distinct(keys >> 16), distinct(np.concatenate(unknown)))
            self._phrases[pairs] = found
        return found

    def _numbers(
        self, field: str, low: float | None, high: float | None, low_excl: bool, high_excl: bool
    ) -> Result:
        if field not in self._numeric:
            self._numeric[field] = reading.numeric_postings(self.searcher, field)
        values, docs, terms = self._numeric[field]
        inside = np.ones(len(values), bool)
        if low is not None:
            inside &= values > low if low_excl else values >= low
        if high is not None:
            inside &= values < high if high_excl else values <= high
        ids = distinct(docs[inside[terms]])
        return ids, np.zeros(len(ids))

    def _term(self, field: str, text: Any, boost: float) -> Result:
        key = (field, text)
        found = self._terms.get(key)
        if found is None:
            ids, weights = reading.term_postings(self.searcher, field, text)
            idf, scorable = reading.term_stats(self.searcher, field, text)
            if scorable and len(ids):
                lengths, average = self._field_lengths(field)
                norm = K1 * ((1 - B) + B * lengths[ids] / average)
                scores = idf * weights * (K1 + 1) / (weights + norm)
            else:
                scores = np.ones(len(ids))
            order = np.argsort(ids, kind="stable")
            found = (ids[order], scores[order])
            self._terms[key] = found
            if len(self._terms) > _CACHED_TERMS:
                self._terms.popitem(last=False)
        else:
            self._terms.move_to_end(key)
        return found[0], found[1] * boost

    def _field_lengths(self, field: str) -> tuple[np.ndarray, float]:
        if field not in self._lengths:
            self._lengths[field] = reading.field_lengths(self.searcher, field)
        return self._lengths[field]

    # -- ordering ---------------------------------------------------------------------------

    def _top(
        self, ids: np.ndarray, scores: np.ndarray, limit: int, *, newest_first: bool
    ) -> list[tuple[int, float]]:
        """The best `limit` (docnum, score): by score, or newest first; ties in index order."""
        if not len(ids) or limit <= 0:
            return []
        key = self.dates[ids].astype(np.float64) if newest_first else scores
        if len(ids) > limit:
            part = np.argpartition(-key, limit - 1)[:limit]
            ids, scores, key = ids[part], scores[part], key[part]
        order = np.lexsort((ids, -key))[:limit]
        return [(int(ids[i]), float(scores[i])) for i in order]

    # -- facets -----------------------------------------------------------------------------

    def _facet_counts(self, field: str, ids: np.ndarray, top: int) -> Counts:
        """The commonest terms of a keyword field among documents `ids`."""
        if len(ids) == len(self.live) and field not in self._facets:  # every document
            frequencies = reading.field_doc_frequencies(self.searcher, field)
            if frequencies is not None:  # no deletions: the term table has the counts
                commonest = sorted(frequencies.items(), key=lambda item: -item[1])[:top]
                return [(name, count) for name, count in commonest if count > 0]
        names, docs, terms = self._postings(field)
        if not names or not len(ids):
            return []
        wanted = np.zeros(len(self.live), bool)
        wanted[ids] = True
        counts = np.bincount(terms[wanted[docs]], minlength=len(names))
        best = np.argsort(-counts, kind="stable")[:top]
        return [(names[i], int(counts[i])) for i in best if counts[i] > 0]

    def _postings(self, field: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Every term of a keyword field and (document, term number) of each posting."""
        if field not in self._facets:
            self._facets[field] = reading.field_term_postings(self.searcher, field)
        return self._facets[field]

    def _year_counts(self, ids: np.ndarray, top: int) -> Counts:
        years, counts = np.unique(self.dates[ids] // 10000, return_counts=True)
        best = np.argsort(-counts, kind="stable")[:top]
        return sorted(((str(years[i]), int(counts[i])) for i in best), reverse=True)


def _empty() -> Result:
    return np.zeros(0, np.int64), np.zeros(0, np.float64)


def _union(parts: list[Result]) -> Result:
    if not parts:
        return _empty()
    if len(parts) == 1:
        return parts[0]
    ids = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    unique, inverse = np.unique(ids, return_inverse=True)
    return unique, np.bincount(inverse, weights=scores, minlength=len(unique))
