"""Searchers and reads: stored stories, counts, and whole posting lists as numpy arrays."""

from __future__ import annotations

import io
import itertools
import pickle
import struct
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec import whoosh3
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from indexer.engine.analysis import stem
from indexer.engine.arrays import distinct
from indexer.engine.mapping import numeric_column
from indexer.engine.schema import SCHEMA, Query, Searcher, WhooshIndex

# ---------------------------------------------------------------------------------------------
# Searching. A searcher belongs to one thread; the caller keeps one per thread.


def open_searcher(ix: WhooshIndex) -> Searcher:
    return ix.searcher()


def fresh_searcher(searcher: Searcher) -> Searcher:
    """The same searcher if the index has not changed, else a new one. Whoosh hands the
    unchanged segments' readers to the new searcher and closes the rest: do not close the old."""
    return searcher.refresh()


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


def live_doc_frequencies(reader: Any, field: str, texts: Sequence[str]) -> dict[str, int]:
    """How many documents that are not deleted hold each term: what a freshly built index
    would give (Whoosh's doc_frequency counts deleted documents until their segment is merged,
    so it drifts as re-indexing replaces stories)."""
    counts = dict.fromkeys(texts, 0)
    for leaf, _ in _leaves_of(reader):
        if not leaf.has_deletions():
            for text in counts:
                counts[text] += leaf.doc_frequency(field, text)
            continue
        deleted = np.zeros(leaf.doc_count_all(), bool)
        deleted[np.fromiter(leaf.deleted_docs_set, np.int64)] = True
        table = leaf._terms
        for text in counts:
            try:
                info = table.term_info(field, leaf._text_to_bytes(field, text))
            except TermNotFound:
                continue
            ids, _ = _posting_arrays(table, info)
            counts[text] += len(ids) - int(np.count_nonzero(deleted[ids]))
    return counts


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
_INT = struct.Struct("!i")
_LENGTHS = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)


def _leaves(searcher: Searcher) -> list[tuple[Any, int]]:
    return _leaves_of(searcher.reader())


def _leaves_of(reader: Any) -> list[tuple[Any, int]]:
    # An index with no documents reads as an EmptyReader, which has no term table.
    return [(leaf, offset) for leaf, offset in reader.leaf_readers()
            if hasattr(leaf, "_terms")]  # fmt: skip


def term_postings(searcher: Searcher, field: str, text: Any) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers (deleted ones included) and weights (term frequencies) of a term."""
    id_parts: list[np.ndarray] = [np.zeros(0, np.int64)]
    weight_parts: list[np.ndarray] = [np.zeros(0, np.float64)]
    for leaf, offset in _leaves(searcher):
        table = leaf._terms
        try:
            info = table.term_info(field, leaf._text_to_bytes(field, text))
        except TermNotFound:
            continue
        ids, weights = _posting_arrays(table, info)
        id_parts.append(ids + offset)
        weight_parts.append(weights)
    return np.concatenate(id_parts), np.concatenate(weight_parts)


def _posting_arrays(table: Any, info: Any) -> tuple[np.ndarray, np.ndarray]:
    """A term's postings in one segment: inlined in its term info, or blocks in the postings
    file decoded here (W3LeafMatcher would step through them a posting at a time)."""
    ids, weights, _ = _postings_with_values(table, info, values=False)
    return ids, weights


def _postings_with_values(
    table: Any, info: Any, *, values: bool
) -> tuple[np.ndarray, np.ndarray, list[Any]]:
    if info.is_inlined():
        ids, weights, found = info.inlined_postings()
        return np.array(ids, np.int64), np.array(weights, np.float64), list(found)
    offset, _ = info.extent()
    return _block_arrays(table._postfile, offset, values=values)


def _block_arrays(
    postfile: Any, offset: int, *, values: bool = False
) -> tuple[np.ndarray, np.ndarray, list[Any]]:
    """Whoosh 3 posting blocks: a length (negative for the last), a pickled info tuple, then
    the pickled (ids as deltas from the block's start, weights, values); the values only
    when asked for, and only for a field whose values vary in size (word pairs' positions)."""
    if postfile.get(offset, 4) != whoosh3.WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"posting list at {offset}: not a Whoosh 3 block")
    position = offset + 4
    deltas: list[Any] = []
    weights: list[Any] = []  # each block's weights, or one weight repeated: one array at the end
    kept: list[Any] = []
    starts: list[int] = []
    total = 0
    while True:
        (length,) = _INT.unpack(postfile.get(position, 4))
        stream = io.BytesIO(postfile.get(position + 4, abs(length)))
        count, _maxid, _maxweight, compression, _min, _max = pickle.load(stream)
        data = stream.read()
        block = pickle.loads(zlib.decompress(data) if compression else data)
        deltas.append(block[0])
        found = block[1]
        if found is None or isinstance(found, float):
            weights.append(itertools.repeat(found or 1.0, count))
        else:
            weights.append(found)
        if values:
            kept += block[2] if isinstance(block[2], tuple | list) else (None,) * count
        starts.append(total)
        total += count
        if length < 0:
            break
        position += 4 + length
    flat = np.fromiter(itertools.chain.from_iterable(deltas), np.int64, total)
    ids = np.cumsum(flat)
    if len(starts) > 1:  # each block's ids restart from zero: take off the earlier blocks' sums
        before = np.add.reduceat(flat, starts)
        ids -= np.repeat(np.concatenate(([0], np.cumsum(before)[:-1])), np.diff([*starts, total]))
    return ids, np.fromiter(itertools.chain.from_iterable(weights), np.float64, total), kept


def pair_positions(searcher: Searcher, pair: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where a word pair starts in each story that has it: (document of each position, the
    positions) for the postings that keep positions, and the documents whose postings do not
    (their text must be checked). Deleted documents included."""
    docs: list[np.ndarray] = [np.zeros(0, np.int64)]
    places: list[np.ndarray] = [np.zeros(0, np.int64)]
    unknown: list[np.ndarray] = [np.zeros(0, np.int64)]
    for leaf, offset in _leaves(searcher):
        table = leaf._terms
        try:
            info = table.term_info("pairs", leaf._text_to_bytes("pairs", pair))
        except TermNotFound:
            continue
        ids, _, found = _postings_with_values(table, info, values=True)
        has = np.fromiter((v is not None for v in found), bool, len(ids))
        unknown.append(ids[~has] + offset)
        blobs = [v for v in found if v is not None]
        where = np.frombuffer(b"".join(blobs), "<u2").astype(np.int64)
        sizes = np.fromiter(map(len, blobs), np.int64, len(blobs)) // 2
        docs.append(np.repeat(ids[has] + offset, sizes))
        places.append(where)
    return np.concatenate(docs), np.concatenate(places), distinct(np.concatenate(unknown))


def term_stats(searcher: Searcher, field: str, text: Any) -> tuple[float, bool]:
    """(idf, whether the field is scored) as Whoosh's BM25F computes them."""
    if not searcher.doc_count_all():  # no stories yet: Whoosh's idf would take log(0)
        return 0.0, bool(SCHEMA[field].scorable)
    return float(searcher.idf(field, text)), bool(SCHEMA[field].scorable)


def field_lengths(searcher: Searcher, field: str) -> tuple[np.ndarray, float]:
    """Each document's length in `field` (as Whoosh stores it) and the average length."""
    parts = [
        _LENGTHS[numeric_column(leaf, whoosh3._lenfield(field), whoosh3.LENGTHS_COLUMN)]
        for leaf, _ in _leaves(searcher)
    ]
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
    """yyyymmdd of each document number (read straight from each segment's column)."""
    column = SCHEMA["date"].column_type
    parts = [numeric_column(leaf, "date", column) for leaf, _ in _leaves(searcher)]
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def other_docs(searcher: Searcher, q: Query) -> np.ndarray:
    return np.fromiter(searcher.docs_for_query(q), np.int64)


def field_term_postings(searcher: Searcher, field: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every term of a keyword field, and (document, term number) for each posting: one pass
    over each segment's term table (short lists are stored inline there)."""
    numbers: dict[str, int] = {}
    docs: list[int] = []
    terms: list[int] = []
    for leaf, offset in _leaves(searcher):
        table = leaf._terms
        for (name, tbytes), info in table.items_from(field, b""):
            if name != field:
                break
            number = numbers.setdefault(tbytes.decode("utf-8"), len(numbers))
            ids = _posting_ids(table, info)
            docs.extend([i + offset for i in ids] if offset else ids)
            terms.extend([number] * len(ids))
    return list(numbers), np.array(docs, np.int64), np.array(terms, np.int64)


def field_doc_frequencies(searcher: Searcher, field: str) -> dict[str, int] | None:
    """How many documents have each term of a keyword field, from the term table alone (no
    postings read); None when documents are deleted, as they count until the next merge."""
    if searcher.reader().has_deletions():
        return None
    counts: dict[str, int] = {}
    for leaf, _ in _leaves(searcher):
        for (name, tbytes), info in leaf._terms.items_from(field, b""):
            if name != field:
                break
            term = tbytes.decode("utf-8")
            counts[term] = counts.get(term, 0) + info.doc_frequency()
    return counts


def _posting_ids(table: Any, info: Any) -> list[int]:
    """A term's document numbers in one segment as a list (cheaper than arrays for the many
    short lists of a keyword field)."""
    if info.is_inlined():
        return list(info.inlined_postings()[0])
    offset, _ = info.extent()
    postfile = table._postfile
    position = offset + 4
    ids: list[int] = []
    while True:
        (length,) = _INT.unpack(postfile.get(position, 4))
        stream = io.BytesIO(postfile.get(position + 4, abs(length)))
        compression = pickle.load(stream)[3]
        data = stream.read()
        block = pickle.loads(zlib.decompress(data) if compression else data)
        ids.extend(itertools.accumulate(block[0]))  # deltas from the block's start
        if length < 0:
            return ids
        position += 4 + length


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
            ids, _ = _posting_arrays(table, info)
            docs.append(ids + offset)
            terms.append(np.full(len(ids), number, np.int64))
    values = np.array(list(numbers), np.float64)
    return values, np.concatenate(docs), np.concatenate(terms)
