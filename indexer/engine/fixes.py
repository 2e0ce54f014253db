"""dex's own Whoosh index, writer and codec: subclasses carrying fixes to Whoosh 2.7.5 hot spots
found by profiling `dex index`.

Only objects dex makes use them (create_index and open_whoosh give a DexIndex), so importing
dex changes nothing for other Whoosh users in the process. Each fix keeps Whoosh's answers and
file format (a segment still records Whoosh's own W3Codec): a cache Whoosh forgot, or a type
check dropped. Measured together with the token-list fields in schema.py: ~2x faster indexing.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3
from whoosh.index import FileIndex
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

_MISSING = object()


class DexPerDocReader(whoosh3.W3PerDocReader):
    """Caches a missing column (Whoosh did a `stat` per posting of an unscored field) and reads
    a field's lengths whole (Whoosh read them one struct at a time, slowing BM25 too)."""

    def _cached_reader(self, fieldname: str, column: Any) -> Any:
        reader = self._readers.get(fieldname, _MISSING)
        if reader is _MISSING:
            found = self.has_column(fieldname)
            reader = self.column_reader(fieldname, column) if found else None
            self._readers[fieldname] = reader
        return reader

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.__dict__.setdefault("_dex_lengths", {})
        values = lengths.get(fieldname)
        if values is None:
            reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
            values = lengths[fieldname] = reader.load() if reader is not None else ()
        if docnum < len(values) and values[docnum]:
            return byte_to_length(values[docnum])
        return default


class LeanPostingsWriter(whoosh3.W3PostingsWriter):
    """Whoosh's posting block writer without its type checks (see LeanPostingPool)."""

    _maxweight: float  # Whoosh's, set in its __init__ (typed here for mypy)
    _minlength: int | None
    _maxlength: int

    def add_posting(
        self, id_: int, weight: float, vbytes: bytes, length: int | None = None
    ) -> None:
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length


class LeanPostingPool(PostingPool):
    """Whoosh checks the type of every posting it buffers and re-derives its size estimate with
    a dozen additions (about 2 of the ~12 microseconds a posting costs to write). dex builds
    postings itself (bytes terms, int ids, float weights): the same bookkeeping, no checks."""

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        self.fieldnames.add(item[0])
        self.currentsize += 134 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


class DexCodec(whoosh3.W3Codec):
    """Whoosh's W3 codec with the readers and writers above. The segments it makes record a
    stock W3Codec (they are pickled into the table of contents), so the files stay Whoosh's."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return LeanPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def per_document_reader(self, storage: Any, segment: Any) -> Any:
        return DexPerDocReader(storage, segment)

    def new_segment(self, storage: Any, indexname: str) -> Any:
        stock = whoosh3.W3Codec(self._blocklimit, self._compression, self._inlinelimit)
        return whoosh3.W3Segment(stock, indexname)


def with_dex_readers(reader: Any) -> Any:
    """`reader` (a segment reader or several) reading per-document data through
    DexPerDocReader: segments record Whoosh's codec, which would give Whoosh's reader."""
    for leaf, _ in reader.leaf_readers():
        if isinstance(leaf, SegmentReader) and type(leaf._perdoc) is whoosh3.W3PerDocReader:
            leaf._perdoc.close()  # nothing opened yet: Whoosh's opens column files on demand
            leaf._perdoc = DexPerDocReader(leaf._storage, leaf.segment())
    return reader


class DexWriter(SegmentWriter):
    """Whoosh's segment writer with the lean pool, and dex's readers for segments it merges."""

    def __init__(self, ix: Any, *, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = LeanPostingPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def add_reader(self, reader: Any) -> None:
        super().add_reader(with_dex_readers(reader))

    def reader(self, reuse: Any = None) -> Any:
        return with_dex_readers(super().reader(reuse=reuse))


class DexIndex(FileIndex):
    """A Whoosh file index whose readers and writers are dex's (see the module's docstring)."""

    def reader(self, reuse: Any = None) -> Any:
        return with_dex_readers(super().reader(reuse=reuse))

    def writer(self, **kwargs: Any) -> Any:
        return DexWriter(self, **kwargs)
