"""Searchers and reads: stored stories, counts, and whole posting lists as numpy arrays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec import whoosh3
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from indexer.engine.analysis import stem
from indexer.engine.schema import SCHEMA, Query, Searcher, WhooshIndex

# ---------------------------------------------------------------------------------------------
# Searching. A searcher belongs to one thread; the caller keeps one per thread.


def open_searcher(ix: WhooshIndex) -> Searcher:
    return ix.searcher()


def fresh_searcher(searcher: Searcher) -> Searcher:
    """The same searcher if the index has not changed, else a new one. Whoosh hands the
    unchanged segments' readers to the new searcher and closes the rest: do not close the old."""
    return searcher.refresh()


def date_values(searcher: Searcher) -> Sequence[int]:
    """yyyymmdd of every document number (deleted ones included)."""
    reader = searcher.reader()
    return reader.column_reader("date").load() if reader.has_column("date") else []


def stored(searcher: Searcher, docnum: int) -> dict[str, Any]:
    return searcher.stored_fields(docnum)


def docnum_of(searcher: Searcher, story_id: str) -> int | None:
    return searcher.document_number(id=story_id)


def doc_count(searcher: Searcher) -> int:
    return searcher.doc_count()


def term_doc_count(searcher: Searcher, field: str, text: str) -> int:
    """Live documents with `text` in `field` (deleted ones only leave at the next merge)."""
    reader = searcher.reader()
    if not reader.has_deletions():
        return reader.doc_frequency(field, text)
    if (field, text) not in reader:
        return 0
    return sum(1 for d in reader.postings(field, text).all_ids() if not reader.is_deleted(d))


def text_doc_frequency(searcher: Searcher, word: str) -> int:
    """How many documents have this (unstemmed) word in their text, roughly."""
    return int(searcher.reader().doc_frequency("text", stem(word)))


def more_like(searcher: Searcher, docnum: int, text: str, limit: int) -> list[tuple[int, float]]:
    results = searcher.more_like(docnum, "text", text=text, top=limit, numterms=12)
    return [(hit.docnum, float(hit.score or 0.0)) for hit in results]


def term_docs(searcher: Searcher, field: str, text: str) -> list[int]:
    return list(searcher.docs_for_query(wq.Term(field, text)))


# Whoosh's matchers spend microseconds per document in Python, too slow for terms in half of
# 100,000 stories; reading whole posting blocks into numpy arrays (for ranking.py) is not.
_LENGTHS = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)


def _leaves(searcher: Searcher) -> list[tuple[Any, int]]:
    return list(searcher.reader().leaf_readers())


def term_postings(searcher: Searcher, field: str, text: Any) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers (deleted ones included) and weights (term frequencies) of a term."""
    id_parts: list[np.ndarray] = [np.zeros(0, np.int64)]
    weight_parts: list[np.ndarray] = [np.zeros(0, np.float64)]
    fmt = SCHEMA[field].format
    for leaf, offset in _leaves(searcher):
        btext = leaf._text_to_bytes(field, text)
        try:
            matcher = leaf._terms.matcher(field, btext, fmt)
        except TermNotFound:
            continue
        ids, weights = _matcher_arrays(matcher)
        id_parts.append(ids + offset)
        weight_parts.append(weights)
    return np.concatenate(id_parts), np.concatenate(weight_parts)


def _matcher_arrays(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(matcher, whoosh3.W3LeafMatcher):  # short lists are kept inline
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return np.array(ids, np.int64), np.array(weights, np.float64)
    deltas: list[int] = []
    weights_out: list[float] = []
    lengths: list[int] = []
    while True:
        if matcher._data is None:
            matcher._read_data()
        block_ids, block_weights = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        deltas.extend(block_ids)
        if block_weights is None or isinstance(block_weights, float):
            weights_out.extend([block_weights or 1.0] * count)
        else:
            weights_out.extend(block_weights)
        lengths.append(count)
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    flat = np.array(deltas, np.int64)
    starts = np.cumsum([0, *lengths[:-1]])
    block_totals = np.add.reduceat(flat, starts)  # each block's ids restart from zero
    before = np.repeat(np.concatenate(([0], np.cumsum(block_totals)[:-1])), lengths)
    return np.cumsum(flat) - before, np.array(weights_out, np.float64)


def term_stats(searcher: Searcher, field: str, text: Any) -> tuple[float, bool]:
    """(idf, whether the field is scored) as Whoosh's BM25F computes them."""
    return float(searcher.idf(field, text)), bool(SCHEMA[field].scorable)


def field_lengths(searcher: Searcher, field: str) -> tuple[np.ndarray, float]:
    """Each document's length in `field` (as Whoosh stores it) and the average length."""
    parts = []
    for leaf, _ in _leaves(searcher):
        count = leaf.doc_count_all()
        column = leaf._perdoc._cached_reader(whoosh3._lenfield(field), whoosh3.LENGTHS_COLUMN)
        codes: Any = np.frombuffer(bytes(column.load()), np.uint8) if column is not None else []
        padded = np.zeros(count, np.uint8)
        padded[: len(codes)] = codes[:count]
        parts.append(_LENGTHS[padded])
    reader = searcher.reader()
    average = reader.field_length(field) / max(1, reader.doc_count_all())
    return (np.concatenate(parts) if parts else np.zeros(0)), float(average) or 1.0


def live_mask(searcher: Searcher) -> np.ndarray:
    """True for each document number that is not deleted."""
    reader = searcher.reader()
    mask = np.ones(reader.doc_count_all(), bool)
    for leaf, offset in _leaves(searcher):
        deleted = list(leaf.deleted_docs_set) if leaf.has_deletions() else []
        if deleted:
            mask[np.array(deleted, np.int64) + offset] = False
    return mask


def date_array(searcher: Searcher) -> np.ndarray:
    """yyyymmdd of each document number."""
    return np.array(date_values(searcher), np.int64)


def other_docs(searcher: Searcher, q: Query) -> np.ndarray:
    return np.fromiter(searcher.docs_for_query(q), np.int64)


def field_term_postings(searcher: Searcher, field: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every term of a keyword field, and (document, term number) for each posting: one pass
    over each segment's term table (short lists are stored inline there)."""
    numbers: dict[str, int] = {}
    docs: list[np.ndarray] = [np.zeros(0, np.int64)]
    terms: list[np.ndarray] = [np.zeros(0, np.int64)]
    fmt = SCHEMA[field].format
    for leaf, offset in _leaves(searcher):
        table = leaf._terms
        for (name, tbytes), info in table.items_from(field, b""):
            if name != field:
                break
            number = numbers.setdefault(tbytes.decode("utf-8"), len(numbers))
            if info.is_inlined():
                ids = np.array(info.inlined_postings()[0], np.int64)
            else:
                ids, _ = _matcher_arrays(table._codec.postings_reader(table._postfile, info, fmt))
            docs.append(ids + offset)
            terms.append(np.full(len(ids), number, np.int64))
    return list(numbers), np.concatenate(docs), np.concatenate(terms)


def numeric_postings(searcher: Searcher, field: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every full-precision value of a numeric field, and (document, value number) for each
    posting (for money and percent ranges without Whoosh's per-document matching)."""
    numbers: dict[float, int] = {}
    docs: list[np.ndarray] = [np.zeros(0, np.int64)]
    terms: list[np.ndarray] = [np.zeros(0, np.int64)]
    fieldobj = SCHEMA[field]
    for leaf, offset in _leaves(searcher):
        table = leaf._terms
        for (name, tbytes), info in table.items_from(field, b"\x00"):
            if name != field or tbytes[:1] != b"\x00":  # shift 0: full precision
                break
            value = float(fieldobj.from_bytes(tbytes))
            number = numbers.setdefault(value, len(numbers))
            matcher = table._codec.postings_reader(table._postfile, info, fieldobj.format)
            ids, _ = _matcher_arrays(matcher)
            docs.append(ids + offset)
            terms.append(np.full(len(ids), number, np.int64))
    values = np.array(list(numbers), np.float64)
    return values, np.concatenate(docs), np.concatenate(terms)
