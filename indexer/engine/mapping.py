"""Read-only index storage over memory maps, and numeric columns read as numpy arrays.

Why: Whoosh opens a compound segment through a BufferFile that copies each part of it into a
BytesIO, so an open 100,000-story index held its whole ~500 MB in private memory. Here every
segment file (compound or not) is memory-mapped once and each part is a window on that map:
reads copy only the bytes they return, and the pages belong to the OS file cache.

Whoosh loads a numeric column one value at a time in Python (about a second for the dates of
100,000 stories); the column is a packed big-endian array, so numpy reads it in one call.
"""

from __future__ import annotations

import mmap
import os
import pickle
from array import array
from typing import Any

import numpy as np
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.system import IS_LITTLE


class _Window:
    """A read-only file over [base, base + size) of a map (what StructFile wraps)."""

    __slots__ = ("_base", "_map", "_owner", "_pos", "_size")

    def __init__(self, mapped: mmap.mmap, base: int, size: int, *, owner: bool) -> None:
        self._map, self._base, self._size, self._pos, self._owner = mapped, base, size, 0, owner

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = self._size if size is None or size < 0 else min(self._size, start + size)
        if end <= start:
            return b""
        self._pos = end
        return self._map[self._base + start : self._base + end]

    def readline(self, size: int | None = -1) -> bytes:
        limit = self._size if size is None or size < 0 else min(self._size, self._pos + size)
        found = self._map.find(b"\n", self._base + self._pos, self._base + limit)
        return self.read((found - self._base + 1 if found >= 0 else limit) - self._pos)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        if self._owner and not self._map.closed:
            self._map.close()


class MappedFile(StructFile):
    """A StructFile over part of a memory map; `subset` (compound parts) shares the map."""

    def __init__(
        self, mapped: mmap.mmap, base: int, size: int, name: str | None, *, owner: bool
    ) -> None:
        super().__init__(_Window(mapped, base, size, owner=owner), name=name)
        self._map, self._base = mapped, base

    def subset(self, position: int, length: int, name: str | None = None) -> MappedFile:
        return MappedFile(self._map, self._base + position, length, name or self._name, owner=False)

    def get(self, position: int, length: int) -> bytes:
        start = self._base + position
        return self._map[start : start + length]

    def read_pickle(self) -> Any:
        # The map itself is a C file object: pickle's many small reads stay out of Python.
        window = self.file
        self._map.seek(self._base + window.tell())
        value = pickle.load(self._map)
        window.seek(self._map.tell() - self._base)
        return value

    def get_array(self, position: int, typecode: str, length: int) -> array:
        values = array(typecode)
        values.frombytes(self.get(position, length * values.itemsize))
        if IS_LITTLE:
            values.byteswap()
        return values


class MappedStorage(FileStorage):
    """FileStorage for searching: non-empty files open as maps (compound segments included,
    through MappedFile.subset, since a MappedFile has no fileno for Whoosh to map again)."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder, supports_mmap=False, readonly=True)

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        with open(self._fpath(name), "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if not size:
                return super().open_file(name, **kwargs)  # an empty file cannot be mapped
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return MappedFile(mapped, 0, size, name, owner=True)


def map_storage(ix: Any) -> None:
    """Make an index object opened for searching read its files through memory maps."""
    if not isinstance(ix.storage, MappedStorage):
        ix.storage = MappedStorage(ix.storage.folder)


def numeric_column(leaf: Any, fieldname: str, column: Any) -> np.ndarray:
    """One segment's integer NumericColumn (deleted documents included) as an int64 array."""
    count = leaf.doc_count_all()
    out = np.full(count, int(column.default_value()), np.int64)
    perdoc = leaf._perdoc
    if not count or not perdoc.has_column(fieldname):
        return out
    reader = perdoc.column_reader(fieldname, column)
    stored = min(count, reader._count)  # values after the last non-default one are not written
    width = reader._fixedlen
    raw = reader._dbfile.get(reader._basepos, stored * width)
    values = np.frombuffer(raw, np.dtype(">" + reader._typecode))
    if values.itemsize != width:
        raise ValueError(f"column {fieldname}: unexpected item size {values.itemsize}")
    out[:stored] = values
    return out
