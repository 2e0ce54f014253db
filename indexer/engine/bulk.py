"""Writing a whole segment at once from pre-analysed documents: the fast path of `dex index`.

Whoosh's own writer touches every posting about ten times in Python (a pool tuple, an external
sort, a block buffer with type checks, a length look-up), which made it most of the indexing
time. A SegmentBuilder inverts documents in memory (term -> doc numbers and counts, compact
arrays) and writes the W3 codec's files directly, in the format Whoosh reads:

- non-compound (one file per part), so readers can map the files instead of Whoosh copying a
  compound file into memory;
- a term found in a few documents is inlined in the term table, with no posting block (most
  word pairs, about half the index; a block costs three times as much to write);
- terms of the text fields arrive as numbers (engine.Terms), and only the distinct ones are
  turned back into text;
- the term table and the stored-fields column are written by engine.tables, a field or a
  document at a time with little Python per row; stored fields are not compressed;
- posting weights are term counts, pickled as small ints rather than 9-byte floats, with pickle
  protocol 3 rather than Whoosh's 2 (which pickles bytes through _codecs.encode).

Builders run in the indexing worker processes, each writing its own segment; the parent adds
the finished segments to the index in its one commit (see DocWriter.add_segments).
"""

from __future__ import annotations

import secrets
from array import array
from collections import Counter
from collections.abc import Callable, Mapping
from itertools import count as numbering
from itertools import repeat
from pathlib import Path
from pickle import dumps
from typing import Any, NamedTuple

import numpy as np
from whoosh import analysis, fields
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte

from indexer.engine.analysis import Decoding, Positioned
from indexer.engine.files import INDEX_NAME
from indexer.engine.schema import SCHEMA, codec
from indexer.engine.tables import PICKLE, StoredColumn, TermTable

_BLOCK = 128  # postings per block, as Whoosh's W3 codec
_INLINE_MAX = 8  # terms in at most this many documents keep their postings in the term table
_BATCH_POSTINGS = 1 << 18  # postings given to _FieldPostings.blocks at a time (memory)
_BATCH_TERMS = 1 << 16  # terms turned into text and written at a time (memory)
_MAGIC = whoosh3.WHOOSH3_HEADER_MAGIC
_INFO = whoosh3.W3TermInfo._struct
# Per field: the field, and whether it is indexed, stored, a column (looked up once, not per
# document: Schema.__getitem__ and the field properties are Python calls).
_PLANS = {
    name: (field, field.indexed, field.stored, field.column_type is not None)
    for name, field in SCHEMA.items()
}


def _whole(field: Any) -> bool:
    """Whether an ID field indexes its value as it is (Whoosh's default IDTokenizer)."""
    return type(field.analyzer) is analysis.IDTokenizer and field.format.fixed_value_size() == 0


class SegmentBuilder:
    """Collects documents, then writes them as one new (not yet committed) segment."""

    def __init__(self, index_dir: Path, decoders: Mapping[str, Decoding] | None = None) -> None:
        """`decoders`: for fields whose token lists are numbers (engine.Terms), how the
        distinct numbers read as terms."""
        self._decoders = decoders or {}
        self._storage = FileStorage(str(index_dir))
        self._codec = codec()
        # secrets, not random: forked workers share random's state and would share names.
        self._segment = whoosh3.W3Segment(self._codec, INDEX_NAME, segid=secrets.token_hex(8))
        self._stored_file = self._create_column("_stored")
        self._stored = StoredColumn(self._stored_file)
        self._postings: dict[str, _PostingBuffer] = {}
        self._lengths: dict[str, array[int]] = {}
        self._totals: Counter[str] = Counter()
        self._columns: dict[str, list[tuple[int, Any]]] = {}
        self._numbers: dict[str, dict[Any, list[bytes]]] = {}
        self.count = 0

    def _create_column(self, name: str) -> Any:
        return self._storage.create_file(whoosh3.W3Codec.column_filename(self._segment, name))

    def add(self, doc: Mapping[str, Any]) -> int:
        """Add one document (the keyword arguments Whoosh's add_document takes); returns its
        number in this segment."""
        docnum = self.count
        self.count += 1
        stored: dict[str, Any] = {}
        for name, value in doc.items():
            if value is None:
                continue
            field, indexed, keep, column = _PLANS[name]
            if indexed:
                self._index(name, field, docnum, value)
            if keep:
                stored[name] = value
            if column:
                self._columns.setdefault(name, []).append((docnum, field.to_column_value(value)))
        if stored:
            self._stored.add(docnum, stored)
        return docnum

    def _index(self, name: str, field: Any, docnum: int, value: Any) -> None:
        positions = None
        if type(value) is Positioned:
            value, positions = value
        if type(value) is list and (not value or name in self._decoders or type(value[0]) is str):
            tokens: list[Any] = value  # str: UTF-8 sorts as code points do; repeats counted later
        elif type(value) is str and type(field) is fields.ID and _whole(field):
            tokens = [value]  # what Whoosh's ID field makes of it: the string as one term
        else:  # numbers: Whoosh's own term making (numeric tiers may repeat a term)
            tokens = list(dict.fromkeys(self._terms_of(name, field, value)))
        if not tokens:
            return
        buffer = self._postings.get(name)
        if buffer is None:
            buffer = self._postings[name] = _PostingBuffer(self._decoders.get(name))
        buffer.add(docnum, tokens, positions)
        if field.scorable:
            lengths = self._lengths.get(name)
            if lengths is None:
                lengths = self._lengths[name] = array("I")
            if len(lengths) < docnum:
                lengths.extend(repeat(0, docnum - len(lengths)))
            lengths.append(len(tokens))
            self._totals[name] += len(tokens)

    def _terms_of(self, name: str, field: Any, value: Any) -> list[bytes]:
        """Whoosh's terms for a value (memoised per number: money and percentages repeat)."""
        if field.format.fixed_value_size() not in (0, 4):
            raise ValueError(f"{name}: field format not supported by SegmentBuilder")
        if not isinstance(field, fields.NUMERIC):
            return [btext for btext, _, _, _ in field.index(value)]
        memo = self._numbers.setdefault(name, {})
        found: list[bytes] = []
        for number in value if isinstance(value, list | tuple) else (value,):
            terms = memo.get(number)
            if terms is None:
                terms = memo[number] = [btext for btext, _, _, _ in field.index(number)]
            found += terms
        return found

    def finish(self) -> Any | None:
        """Write the segment's files; returns the segment (None, and no files, if empty)."""
        if not self.count:
            self.cancel()
            return None
        self._stored.finish(self.count)
        self._stored_file.close()
        self._write_columns()
        self._write_terms()
        segment = self._segment
        segment.set_doc_count(self.count)
        segment._fieldlengths = dict(self._totals)
        return segment

    def cancel(self) -> None:
        """Close and delete whatever was written so far."""
        if not self._stored_file.is_closed:
            self._stored_file.close()
        for name in self._segment.list_files(self._storage):
            self._storage.delete_file(name)

    def _write_columns(self) -> None:
        for name, lengths in self._lengths.items():
            column = whoosh3.LENGTHS_COLUMN
            handle = self._create_column(whoosh3._lenfield(name))
            writer = column.writer(handle)
            for docnum, length in enumerate(lengths):
                if length:
                    writer.add(docnum, length_to_byte(length))
            writer.finish(self.count)
            handle.close()
        for name, values in self._columns.items():
            handle = self._create_column(name)
            writer = SCHEMA[name].column_type.writer(handle)
            for docnum, value in values:
                writer.add(docnum, value)
            writer.finish(self.count)
            handle.close()

    def _write_terms(self) -> None:
        segment, storage = self._segment, self._storage
        table = TermTable(segment.create_file(storage, whoosh3.W3Codec.TERMS_EXT))
        fieldmap: dict[str, int] = {}
        table.extras["fieldmap"] = fieldmap
        posts = segment.create_file(storage, whoosh3.W3Codec.POSTS_EXT)
        for name in sorted(self._postings):  # each field's buffer freed once written
            fieldid = fieldmap[name] = len(fieldmap)
            prefix = pack_ushort(fieldid)
            writer = _FieldPostings(posts, SCHEMA[name], self._lengths.get(name))
            field = self._postings.pop(name).inverted()
            # A slice of terms at a time: a term's text, key and info are Python objects (~250
            # bytes together), and a field can have millions of terms (word pairs).
            for at in range(0, len(field.order), _BATCH_TERMS):
                chosen = field.order[at : at + _BATCH_TERMS]
                keys = [
                    prefix + (t.encode("utf-8") if isinstance(t, str) else t)
                    for t in field.texts(chosen)
                ]
                infos = writer.infos(
                    field.starts[chosen], field.ends[chosen], field.docs, field.counts,
                    field.positions,
                )  # fmt: skip
                table.add_sorted(keys, infos)
        table.close()
        posts.close()


class _PostingBuffer:
    """One field's tokens in the order documents gave them: term number and document.

    Appending a document's tokens is two C-level extends (no Python loop per token, no
    counting per document); inverted() sorts them by term and counts repeats with numpy.
    Tokens are strings, numbered here, or numbers already (with `decode` to read them). A
    field with positions (word pairs) keeps them too: after inverted(), `positions` holds
    each posting's positions (see Positions)."""

    def __init__(self, decode: Decoding | None = None) -> None:
        self._decode = decode
        self.numbers: dict[Any, int] = {}  # term -> a unique number (not dense)
        self._fresh = numbering()
        self.terms = array("q")
        self.docs = array("I")
        self._at: array[int] | None = None
        self.positions: Positions | None = None

    def add(self, docnum: int, tokens: list[Any], positions: list[int] | None = None) -> None:
        if self._decode is not None:
            self.terms.fromlist(tokens)  # twice as fast as extend() from a list
        else:  # setdefault with a fresh number per call: a new term keeps it, a known one not
            self.terms.extend(map(self.numbers.setdefault, tokens, self._fresh))
        self.docs.extend(array("I", (docnum,)) * len(tokens))
        if positions is not None:
            if self._at is None:  # word positions: 32 bits are plenty
                self._at = array("I", bytes(4 * (len(self.terms) - len(tokens))))
            self._at.fromlist(positions)

    def inverted(self) -> Inverted:
        """The field's postings, and its terms in text order (see Inverted). The buffer is
        emptied: its tokens are not needed once inverted, and the field's writing has the
        memory."""
        tokens = np.frombuffer(self.terms, np.int64)
        doc_array = np.frombuffer(self.docs, np.uint32)
        at = None if self._at is None else np.frombuffer(self._at, np.uint32)
        self.terms, self.docs, self._at = array("q"), array("I"), None
        if self._decode is None:  # strings: number them in sorted order first
            terms = sorted(self.numbers)
            numbers = np.fromiter((self.numbers[t] for t in terms), np.int64, len(terms))
            rank = np.zeros(int(numbers.max()) + 1, np.int64)
            rank[numbers] = np.arange(len(terms))
            tokens = rank[tokens]
        keys, docs, counts, order = _postings(tokens, doc_array, at)
        positions = None
        if at is not None and order is not None:
            sizes = counts.astype(np.int64)
            positions = Positions(at[order], np.cumsum(sizes) - sizes)
        starts = np.flatnonzero(np.diff(keys, prepend=-1))
        ends = np.append(starts[1:], len(keys))
        numbers = keys[starts]  # each term's number, ascending
        if self._decode is None:
            return Inverted(
                lambda chosen: [terms[i] for i in numbers[chosen].tolist()],
                np.arange(len(starts)), starts, ends, docs, counts, positions,
            )  # fmt: skip
        # Numbers: postings are in number order; the terms are listed in text order instead.
        decode = self._decode
        return Inverted(
            lambda chosen: decode.texts(numbers[chosen].tolist()),
            np.argsort(decode.order(numbers), kind="stable"),
            starts, ends, docs, counts, positions,
        )  # fmt: skip


class Inverted(NamedTuple):
    """A field's postings in term-number order, and its terms in text order: `order` lists
    the terms (indexes into starts and ends) in the order the term table needs, `texts` gives
    the text of some of them, a slice of `order` at a time."""

    texts: Callable[[np.ndarray], list[Any]]
    order: np.ndarray
    starts: np.ndarray  # term i's postings are docs[starts[i]:ends[i]] (documents ascending)
    ends: np.ndarray
    docs: np.ndarray
    counts: np.ndarray
    positions: Positions | None


class Positions(NamedTuple):
    """The positions of every posting of a field: posting i's are
    `sorted[firsts[i]:firsts[i] + counts[i]]` (postings in the order inverted() gives)."""

    sorted: np.ndarray
    firsts: np.ndarray


def _postings(
    tokens: np.ndarray, docs: np.ndarray, positions: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Each (term, document) posting of a token stream, in term then document order, and its
    count (how often the term is in the document). `docs` ascends with the tokens. With
    `positions`, also the order that sorts the tokens (so positions follow their postings)."""
    width = int(docs[-1]).bit_length()
    order = None
    if positions is None and int(tokens.max()).bit_length() + width <= 63:  # one int64
        merged = np.sort(tokens << width | docs)  # sorting values: ~3x faster than argsort
        new = np.ones(len(merged), bool)
        new[1:] = merged[1:] != merged[:-1]
        firsts = np.flatnonzero(new)
        merged = merged[firsts]
        keys, docs = merged >> width, (merged & ((1 << width) - 1)).astype(np.uint32)
    else:  # (word pair numbers are too wide)
        order = np.argsort(tokens, kind="stable")  # stable: documents stay ascending
        keys, docs = tokens[order], docs[order]
        new = np.ones(len(keys), bool)
        new[1:] = (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])
        firsts = np.flatnonzero(new)
        keys, docs = keys[firsts], docs[firsts]
    # A posting is a run of one term in one document; its count is the run's length.
    counts = np.diff(firsts, append=len(new)).astype(np.uint32)
    return keys, docs, counts, order


class _FieldPostings:
    """Encodes the posting lists of one field as W3 blocks, or inlined in the term info."""

    def __init__(self, posts: Any, field: Any, lengths: array[int] | None) -> None:
        self._posts = posts
        self._boost = float(field.format.field_boost)
        self._value_size = field.format.fixed_value_size()
        # Per document, the field's length as the one-byte code Whoosh keeps.
        self._codes = bytes(length_to_byte(n) for n in lengths) if lengths is not None else b""
        # Documents past the last one with this field have length 0.
        self._code_array = np.frombuffer(self._codes + bytes(1 << 20), dtype=np.uint8)

    def infos(
        self,
        starts: np.ndarray,
        ends: np.ndarray,
        docs: np.ndarray,
        counts: np.ndarray,
        positions: Positions | None = None,
    ) -> list[bytes]:
        """The term infos of a field's terms (postings docs[start:end] each), writing the
        posting blocks of the terms in more than _INLINE_MAX documents, in term order. Only
        the blocks keep `positions` (an inlined term's few stories are checked by text)."""
        first = starts.astype(np.int64)
        sizes = ends.astype(np.int64) - first
        found = np.empty(len(starts), object)
        # Most terms (word pairs) are in one document: one info per (document, count).
        ones = np.flatnonzero(sizes == 1)
        if len(ones):
            doc_counts = docs[first[ones]].astype(np.int64) << 32 | counts[first[ones]]
            distinct, where = np.unique(doc_counts, return_inverse=True)
            made = [self.inline([dc >> 32], [dc & 0xFFFFFFFF]) for dc in distinct.tolist()]
            found[ones] = np.array(made, object)[where]
        # Terms in a few documents: only their postings become Python lists (all of a field's
        # would cost ~70 bytes a posting, the peak of a worker's memory).
        few = np.flatnonzero((sizes > 1) & (sizes <= _INLINE_MAX))
        if len(few):
            where, bounds = _gather(first[few], sizes[few])
            doc_list, count_list = docs[where].tolist(), counts[where].tolist()
            for i, start, end in zip(few.tolist(), bounds[:-1], bounds[1:], strict=True):
                found[i] = self.inline(doc_list[start:end], count_list[start:end])
        several = np.flatnonzero(sizes > _INLINE_MAX)
        # Posting blocks, written in term order, a bounded number of postings at a time (the
        # lists blocks() makes cost ~50 bytes a posting).
        batch = np.cumsum(sizes[several]) // _BATCH_POSTINGS
        for part in np.split(several, np.flatnonzero(np.diff(batch)) + 1):
            if len(part):
                made = self.blocks(first[part], sizes[part], docs, counts, positions)
                found[part] = np.array(made, object)
        return found.tolist()  # type: ignore[no-any-return]

    def inline(self, ids: list[int], counts: list[int]) -> bytes:
        """The term info of a term in a few documents, with the postings in it."""
        codes = self._codes
        boost = self._boost
        # Whole counts pickle as 2-byte ints rather than 9-byte floats; reads see equal numbers.
        weights = tuple(counts) if boost == 1.0 else tuple(c * boost for c in counts)
        found = [codes[i] if i < len(codes) else 0 for i in ids]
        if self._value_size == 4:
            values: tuple[Any, ...] = tuple(pack_uint(c) for c in counts)
        else:
            values = (None,) * len(ids)  # what a posting block gives for a field without values
        head = _INFO.pack(
            1, sum(weights), len(ids), min(found), max(found), max(weights), ids[0], ids[-1]
        )
        return head + dumps((tuple(ids), weights, values), PICKLE)

    def blocks(
        self,
        firsts: np.ndarray,
        sizes: np.ndarray,
        docs: np.ndarray,
        counts: np.ndarray,
        positions: Positions | None = None,
    ) -> list[bytes]:
        """The term infos of terms in many documents (postings docs[first:first + size] each),
        writing their posting blocks in that order; every block's figures come from numpy
        at once, leaving two pickles a block to Python."""
        ends = np.cumsum(sizes)  # each term's postings, gathered: [ends - sizes, ends)
        where, _ = _gather(firsts, sizes)
        id_array = docs[where].astype(np.int64)
        count_array = counts[where]
        weight_array = count_array if self._boost == 1.0 else count_array * self._boost
        per_term = (sizes + _BLOCK - 1) // _BLOCK  # blocks
        block_terms = np.repeat(np.arange(len(sizes)), per_term)
        term_blocks = np.cumsum(per_term) - per_term  # each term's first block
        at_array = (ends - sizes)[block_terms] + (
            np.arange(len(block_terms)) - term_blocks[block_terms]
        ) * _BLOCK
        end_array = np.minimum(at_array + _BLOCK, ends[block_terms])
        deltas_array = np.diff(id_array, prepend=0)
        deltas_array[at_array] = id_array[at_array]  # a block starts from its first id
        tops = np.maximum.reduceat(weight_array, at_array)
        lows = np.minimum.reduceat(weight_array, at_array).tolist()
        if self._codes:
            codes = self._code_array[id_array]
            code_lows = np.minimum.reduceat(codes, at_array)
            code_highs = np.maximum.reduceat(codes, at_array)
            term_lows = np.minimum.reduceat(code_lows, term_blocks).tolist()
            term_highs = np.maximum.reduceat(code_highs, term_blocks).tolist()
            code_lows, code_highs = code_lows.tolist(), code_highs.tolist()
        else:
            term_lows = term_highs = [0] * len(sizes)
            code_lows = code_highs = [0] * len(block_terms)
        term_tops = np.maximum.reduceat(tops, term_blocks).tolist()
        ids, weights, deltas = id_array.tolist(), weight_array.tolist(), deltas_array.tolist()
        packed = count_array.astype(">u4").tobytes() if self._value_size == 4 else b""
        kept = _position_values(positions, where, count_array) if positions else None
        last_ids = id_array[end_array - 1].tolist()
        tops = tops.tolist()
        posts = self._posts
        position = posts.tell()
        parts: list[bytes] = []
        found: list[bytes] = []
        block = 0
        for term, (size, end_of_term) in enumerate(zip(sizes.tolist(), ends.tolist(), strict=True)):
            start = position
            parts.append(_MAGIC)
            position += len(_MAGIC)
            first_posting = end_of_term - size
            for at in range(first_posting, end_of_term, _BLOCK):
                end = min(at + _BLOCK, end_of_term)
                top, first = tops[block], weights[at]
                if top == 1 and first == 1:
                    mini: Any = None
                elif top == lows[block]:
                    mini = float(first)
                else:
                    mini = tuple(weights[at:end])
                if kept is not None:
                    values: Any = tuple(kept[at:end])
                else:
                    values = packed[at * 4 : end * 4] if packed else None
                data = dumps((tuple(deltas[at:end]), mini, values), PICKLE)
                low, high = code_lows[block], code_highs[block]
                head = dumps((end - at, last_ids[block], float(top), 0, low, high), PICKLE)
                total = len(head) + len(data)
                parts += (pack_int(-total if end == end_of_term else total), head, data)
                position += 4 + total
                block += 1
            info = _INFO.pack(
                0, sum(weights[first_posting:end_of_term]), size, term_lows[term],
                term_highs[term], term_tops[term], ids[first_posting], ids[end_of_term - 1],
            )  # fmt: skip
            found.append(info + pack_long(start) + pack_int(position - start))
        posts.write(b"".join(parts))
        return found


def _gather(firsts: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The indexes of the runs [first, first + size) one after another, and where each run
    starts in them (and the end)."""
    ends = np.cumsum(sizes)
    where = np.repeat(firsts - (ends - sizes), sizes) + np.arange(int(ends[-1]))
    return where, [0, *ends.tolist()]


def _position_values(positions: Positions, where: np.ndarray, counts: np.ndarray) -> list[Any]:
    """Each posting's positions as schema.encode_positions makes them, for the postings
    `where` (their counts given): one buffer, sliced per posting."""
    counts = counts.astype(np.int64)
    firsts = positions.firsts[where]
    gather = np.repeat(firsts - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    found = positions.sorted[gather]
    ends = np.cumsum(counts)
    starts = ends - counts
    too_far = np.maximum.reduceat(found, starts) >= 0xFFFF if len(found) else np.zeros(0, bool)
    blob = found.astype("<u2").tobytes()
    return [
        None if far else blob[2 * start : 2 * end]
        for start, end, far in zip(starts.tolist(), ends.tolist(), too_far.tolist(), strict=True)
    ]
