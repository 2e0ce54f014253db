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
  document at a time with little Python per row; stored fields at zlib's fastest level;
- posting weights are term counts, pickled as small ints rather than 9-byte floats, with pickle
  protocol 3 rather than Whoosh's 2 (which pickles bytes through _codecs.encode) and without
  pickle's memo (tables.Pickles).

Builders run in the indexing worker processes, each writing its own segment; the parent adds
the finished segments to the index in its one commit (see DocWriter.add_segments).

Memory stays bounded however many documents a segment gets: a builder keeps at most
_SPILL_TOKENS tokens in memory and appends the rest to a spill file (an anonymous temporary
file in the index folder, gone when closed or when the process dies). A field is then inverted
a part at a time: parts are ranges of terms in text order with about _PART_TOKENS tokens each,
gathered from every spilled run, so the segment's files are the same as if it had all been
kept in memory.
"""

from __future__ import annotations

import secrets
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from itertools import count as numbering
from itertools import pairwise, repeat
from pathlib import Path
from typing import IO, Any, NamedTuple

import numpy as np
from whoosh import analysis, fields
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte

from indexer.engine.analysis import Decoding, Positioned
from indexer.engine.files import INDEX_NAME
from indexer.engine.schema import SCHEMA, codec
from indexer.engine.tables import Pickles, StoredColumn, TermTable

_BLOCK = 128  # postings per block, as Whoosh's W3 codec
_INLINE_MAX = 8  # terms in at most this many documents keep their postings in the term table
_BATCH_POSTINGS = 1 << 15  # postings given to _FieldPostings.blocks at a time (~250 bytes each)
_BATCH_TERMS = 1 << 15  # terms turned into text and written at a time (memory)
_SPILL_TOKENS = 1 << 20  # tokens a builder keeps in memory (~16 MB) before spilling them to disk
_PART_TOKENS = 1 << 18  # tokens of a field inverted at a time (~60 bytes each while inverted)
_SAMPLE = 16  # every this many tokens' keys sampled to cut a field into parts
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
        # Per column field, its documents and their values (two lists: a tuple a document
        # cost ~100 bytes more, held until the segment is written).
        self._columns: dict[str, tuple[array[int], list[Any]]] = {}
        self._numbers: dict[str, dict[Any, list[bytes]]] = {}
        self._buffered = 0  # tokens in the posting buffers (not yet spilled)
        self._spill: IO[bytes] | None = None
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
                docs, values = self._columns.setdefault(name, (array("I"), []))
                docs.append(docnum)
                values.append(field.to_column_value(value))
        if stored:
            self._stored.add(docnum, stored)
        if self._buffered >= _SPILL_TOKENS:
            spill = self._spill_file()
            for buffer in self._postings.values():
                buffer.spill(spill)
            self._buffered = 0
        return docnum

    def _spill_file(self) -> IO[bytes]:
        if self._spill is None:  # beside the index: the system's temporary folder may be memory
            self._spill = tempfile.TemporaryFile(dir=self._storage.folder)  # noqa: SIM115
        return self._spill

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
        self._buffered += len(tokens)
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
        self._close_spill()
        segment = self._segment
        segment.set_doc_count(self.count)
        segment._fieldlengths = dict(self._totals)
        return segment

    def cancel(self) -> None:
        """Close and delete whatever was written so far."""
        self._close_spill()
        if not self._stored_file.is_closed:
            self._stored_file.close()
        for name in self._segment.list_files(self._storage):
            self._storage.delete_file(name)

    def _close_spill(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None

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
        for name, (docs, values) in self._columns.items():
            handle = self._create_column(name)
            writer = SCHEMA[name].column_type.writer(handle)
            for docnum, value in zip(docs, values, strict=True):
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
            for field in self._postings.pop(name).inverted(self._spill_file):
                # A slice of terms at a time: a term's text, key and info are Python objects
                # (~250 bytes together), and a field can have millions of terms (word pairs).
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


class _Run(NamedTuple):
    """Tokens of one field spilled to disk: terms (int64), documents (uint32) and, for a field
    with positions, positions (uint32), one after another from `where`."""

    where: int
    size: int
    positioned: bool


class _PostingBuffer:
    """One field's tokens in the order documents gave them: term number and document.

    Appending a document's tokens is two C-level extends (no Python loop per token, no
    counting per document); inverted() sorts them by term and counts repeats with numpy.
    Tokens are strings, numbered here, or numbers already (with `decode` to read them). A
    field with positions (word pairs) keeps them too: after inverted(), `positions` holds
    each posting's positions (see Positions). spill() moves the tokens so far to a file."""

    def __init__(self, decode: Decoding | None = None) -> None:
        self._decode = decode
        self.numbers: dict[Any, int] = {}  # term -> a unique number (not dense)
        self._fresh = numbering()
        self.terms = array("q")
        self.docs = array("I")
        self._at: array[int] | None = None
        self._runs: list[_Run] = []
        self._texts: list[Any] = []  # strings, once inverted: the terms in sorted order
        self._rank = np.zeros(0, np.int64)  # strings: term number -> its place in _texts

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

    def spill(self, file: IO[bytes]) -> None:
        """Append the tokens held in memory to `file` (as a run) and let them go."""
        if not self.terms:
            return
        where = file.seek(0, 2)
        file.write(self.terms)
        file.write(self.docs)
        if self._at is not None:
            file.write(self._at)
        self._runs.append(_Run(where, len(self.terms), self._at is not None))
        self.terms, self.docs = array("q"), array("I")
        if self._at is not None:
            self._at = array("I")

    def inverted(self, spill: Callable[[], IO[bytes]]) -> Iterator[Inverted]:
        """The field's postings, a part at a time (see Inverted): each part holds whole terms,
        the parts come in the terms' text order, and none inverts many more than _PART_TOKENS
        tokens at once (those spilled to the file `spill` gives, and the rest). The buffer is
        emptied: its tokens are not needed once inverted, and the field's writing has the
        memory."""
        if self._decode is None:  # strings: numbered in sorted order
            self._texts = sorted(self.numbers)
            texts = self._texts
            numbers = np.fromiter((self.numbers[t] for t in texts), np.int64, len(texts))
            self._rank = np.zeros(int(numbers.max()) + 1, np.int64)
            self._rank[numbers] = np.arange(len(texts))
        if not self._runs and len(self.terms) <= _PART_TOKENS:
            tokens = np.frombuffer(self.terms, np.int64)
            docs = np.frombuffer(self.docs, np.uint32)
            at = None if self._at is None else np.frombuffer(self._at, np.uint32)
            self.terms, self.docs, self._at = array("q"), array("I"), None
            yield self._inverted(tokens, docs, at)
            return
        file = spill()
        self.spill(file)
        self._at = None
        for runs in self._parts(file):
            if runs:  # a range may hold no token (below the first cut)
                yield self._inverted(*self._gather(file, runs))

    def _key(self, tokens: np.ndarray) -> np.ndarray:
        """int64 keys of term numbers that ascend as the terms' text does."""
        return self._rank[tokens] if self._decode is None else self._decode.order(tokens)

    def _read(
        self, file: IO[bytes], run: _Run, *, tokens_only: bool = False
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        file.seek(run.where)
        tokens = np.frombuffer(file.read(8 * run.size), np.int64)
        if tokens_only:
            return tokens, np.zeros(0, np.uint32), None
        docs = np.frombuffer(file.read(4 * run.size), np.uint32)
        at = np.frombuffer(file.read(4 * run.size), np.uint32) if run.positioned else None
        return tokens, docs, at

    def _parts(self, file: IO[bytes]) -> list[list[_Run]]:
        """The spilled tokens as parts of about _PART_TOKENS each, each part the runs that hold
        its tokens: ranges of keys cut from a sample (a term is never cut), each run's tokens
        written again to the file a range after another (so each is read twice in all, and
        its key computed once)."""
        total = sum(run.size for run in self._runs)
        count = -(-total // _PART_TOKENS)
        if count < 2:
            return [self._runs]
        sample = np.sort(np.concatenate([
            self._key(self._read(file, run, tokens_only=True)[0][::_SAMPLE])
            for run in self._runs
        ]))  # fmt: skip
        cuts = np.unique(sample[(np.arange(1, count) * len(sample)) // count])
        parts: list[list[_Run]] = [[] for _ in range(len(cuts) + 1)]
        positioned = any(run.positioned for run in self._runs)
        for run in self._runs:
            tokens, docs, at = self._read(file, run)
            part = np.searchsorted(cuts, self._key(tokens), side="right")
            order = np.argsort(part, kind="stable")  # stable: documents still ascend
            if positioned and at is None:
                at = np.zeros(run.size, np.uint32)
            pieces = [tokens[order], docs[order], *([at[order]] if at is not None else [])]
            bounds = np.cumsum(np.bincount(part, minlength=len(parts))).tolist()
            for number, (start, end) in enumerate(pairwise([0, *bounds])):
                if start < end:
                    where = file.seek(0, 2)
                    for piece in pieces:
                        file.write(piece[start:end].tobytes())
                    parts[number].append(_Run(where, end - start, positioned))
        return parts

    def _gather(
        self, file: IO[bytes], runs: list[_Run]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """The tokens of `runs`, in the order they came (so documents ascend), with their
        documents and positions."""
        positioned = any(run.positioned for run in runs)
        tokens, docs, at = [], [], []
        for run in runs:
            run_tokens, run_docs, run_at = self._read(file, run)
            tokens.append(run_tokens)
            docs.append(run_docs)
            if positioned:
                at.append(np.zeros(run.size, np.uint32) if run_at is None else run_at)
        return (
            np.concatenate(tokens),
            np.concatenate(docs),
            np.concatenate(at) if positioned else None,
        )

    def _inverted(self, tokens: np.ndarray, docs: np.ndarray, at: np.ndarray | None) -> Inverted:
        """Inverted of tokens that hold every posting of their terms."""
        if self._decode is None:
            tokens = self._rank[tokens]
        keys, docs, counts, order = _postings(tokens, docs, at)
        positions = None
        if at is not None and order is not None:
            sizes = counts.astype(np.int64)
            positions = Positions(at[order], np.cumsum(sizes) - sizes)
        starts = np.flatnonzero(np.diff(keys, prepend=-1))
        ends = np.append(starts[1:], len(keys))
        numbers = keys[starts]  # each term's number, ascending
        if self._decode is None:
            texts = self._texts
            return Inverted(
                lambda chosen: [texts[i] for i in numbers[chosen].tolist()],
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
        self._dumps = Pickles()

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
        # lists and pickles blocks() makes cost ~250 bytes a posting with positions).
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
        return head + self._dumps((tuple(ids), weights, values))

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
        posts, dumps = self._posts, self._dumps
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
                data = dumps((tuple(deltas[at:end]), mini, values))
                low, high = code_lows[block], code_highs[block]
                head = dumps((end - at, last_ids[block], float(top), 0, low, high))
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
