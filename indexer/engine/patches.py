"""Fixes to Whoosh 2.7.5 hot spots found by profiling `dex index` (applied on import).

Each keeps Whoosh's answers and file format: a cache Whoosh forgot, or a type check dropped.
Measured together with the token-list fields in schema.py: ~2x faster indexing."""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length


def _patch_segment_reader() -> None:
    """The per-document reader did not cache a missing column (a `stat` per posting of an
    unscored field) and read field lengths one struct at a time (also slowing BM25)."""
    cls = whoosh3.W3PerDocReader
    if getattr(cls, "_dex_patched", False):
        return
    missing = object()

    def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        reader = self._readers.get(fieldname, missing)
        if reader is missing:
            found = self.has_column(fieldname)
            reader = self.column_reader(fieldname, column) if found else None
            self._readers[fieldname] = reader
        return reader

    def doc_field_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.__dict__.setdefault("_dex_lengths", {})
        values = lengths.get(fieldname)
        if values is None:
            reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
            values = lengths[fieldname] = reader.load() if reader is not None else ()
        if docnum < len(values) and values[docnum]:
            return byte_to_length(values[docnum])
        return default

    cls._cached_reader = _cached_reader
    cls.doc_field_length = doc_field_length
    cls._dex_patched = True


def _patch_posting_writers() -> None:
    """Whoosh checks the type of every posting it buffers and re-derives its size estimate
    with a dozen additions (about 2 of the ~12 microseconds a posting costs to write). dex
    builds postings itself (bytes terms, int ids, float weights), so these leaner copies keep
    the same bookkeeping without the checks."""
    from whoosh.writing import PostingPool

    def pool_add(self: Any, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        self.fieldnames.add(item[0])
        self.currentsize += 134 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def add_posting(
        self: Any, id_: int, weight: float, vbytes: bytes, length: int | None = None
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

    PostingPool.add = pool_add
    whoosh3.W3PostingsWriter.add_posting = add_posting


def apply() -> None:
    """Apply both fixes (idempotent)."""
    if not getattr(whoosh3.W3PerDocReader, "_dex_patched", False):
        _patch_posting_writers()
    _patch_segment_reader()
