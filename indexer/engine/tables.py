"""Two of Whoosh's on-disk structures, written in bulk for engine.bulk's SegmentBuilder: the
term table (an ordered hash file) and the stored-fields column. Each writes exactly the format
Whoosh's own writers do (test_bulk reads them back through Whoosh, and compares the stored
column byte for byte), with far less Python per row."""

from __future__ import annotations

import struct
from array import array
from io import BytesIO
from itertools import accumulate, pairwise, repeat
from pickle import Pickler, dumps
from typing import Any
from zlib import compress, crc32

import numpy as np
from whoosh.filedb import filetables
from whoosh.util.numlists import GrowableArray

# Whoosh pickles with protocol 2, where bytes go through _codecs.encode (twice the size, and
# slow to load); its readers load any protocol.
PICKLE = 3
_LENGTHS = struct.Struct("!ii")  # key and value lengths before a row of the term table
_SLOT = np.dtype([("hash", ">u4"), ("where", ">i8")])  # a slot of the term table's hash tables
_STORED_LEVEL = 1  # zlib's level for stored fields (see StoredColumn)
_OFFSETS_CUTOFF = 2**15  # VarBytesColumn writes offsets for more documents than this
# GrowableArray's types, each for numbers below its limit.
_GROWTH = (("B", 1 << 8), ("H", 1 << 16), ("i", 1 << 31), ("I", 1 << 32), ("q", 1 << 63))


class TermTable(filetables.OrderedHashWriter):
    """Whoosh's ordered hash file (the term table), taking all the rows of a field at once:
    lengths, positions and hashes by numpy and C-level maps, one write, no per-row checks."""

    def __init__(self, dbfile: Any) -> None:
        # CRC-32 (Whoosh's hash type 1) rather than MD5: the reader takes the type from the
        # file, and it is cheaper to compute on both sides.
        filetables.HashWriter.__init__(self, dbfile, hashtype=1)
        self.index = GrowableArray("H")
        self.lastkey = b""
        self._hashes: list[np.ndarray] = []
        self._places: list[np.ndarray] = []

    def add_sorted(self, keys: list[bytes], values: list[bytes]) -> None:
        """Rows whose keys ascend, each greater than any added before."""
        if not keys:
            return
        size = len(keys)
        key_lengths = np.fromiter(map(len, keys), np.int64, size)
        value_lengths = np.fromiter(map(len, values), np.int64, size)
        places = np.cumsum(8 + key_lengths + value_lengths)
        places = self.dbfile.tell() + np.concatenate(([0], places[:-1]))
        parts: list[bytes] = [b""] * (3 * size)
        parts[0::3] = list(map(_LENGTHS.pack, key_lengths.tolist(), value_lengths.tolist()))
        parts[1::3] = keys
        parts[2::3] = values
        self.dbfile.write(b"".join(parts))
        self._hashes.append(np.fromiter(map(crc32, keys), np.int64, size))
        self._places.append(places)
        self.lastkey = keys[-1]

    def _write_hashes(self) -> None:
        """Whoosh's 256 open-addressing tables (linear probing, in the order rows came, as its
        writer fills them), packed by numpy and written a table at a time (a segment can have
        millions of terms: their hashes as Python lists would cost ~60 bytes each)."""
        hashes = np.concatenate([np.zeros(0, np.int64), *self._hashes])
        places = np.concatenate([np.zeros(0, np.int64), *self._places])
        self._hashes = []
        buckets = hashes & 255
        order = np.argsort(buckets, kind="stable")
        hashes, places = hashes[order], places[order]
        bounds = np.searchsorted(buckets[order], np.arange(257)).tolist()
        del buckets, order
        pos = self.dbfile.tell()
        for low, high in pairwise(bounds):
            slots = 2 * (high - low)
            self.directory.append((pos, slots))
            slot_hashes, slot_places = [0] * slots, [0] * slots
            used = bytearray(slots)
            bucket = zip(hashes[low:high].tolist(), places[low:high].tolist(), strict=True)
            for hashed, where in bucket:
                slot = (hashed >> 8) % slots
                while used[slot]:
                    slot = (slot + 1) % slots
                used[slot] = 1
                slot_hashes[slot], slot_places[slot] = hashed, where
            table = np.empty(slots, _SLOT)
            table["hash"], table["where"] = slot_hashes, slot_places
            self.dbfile.write(table.tobytes())
            pos += slots * _SLOT.itemsize

    def _write_extras(self) -> None:
        # The ordered index OrderedHashWriter writes here: every row's position, in key order.
        places = np.concatenate([np.zeros(0, np.int64), *self._places])
        self.index.array = smallest(places, first="H")
        super()._write_extras()


class StoredColumn:
    """Whoosh's stored-fields column (its STORED_COLUMN: per document a pickled dict, zlib-
    compressed, in a VarBytesColumn), written with less work per document than Whoosh's chain
    of three column writers. zlib level 1: the column is half the size (a story's ~1.3 KB of
    JSON becomes ~0.7 KB; it was a third of the index) for ~27 us a story, and a hit read
    costs ~8 us more; readers inflate any level. Pickle protocol 3 stores the `doc` bytes as
    they are (Whoosh's protocol 2 turns bytes into a latin-1 string and back)."""

    def __init__(self, dbfile: Any) -> None:
        self._file = dbfile
        self._lengths = array("I")

    def add(self, docnum: int, fields: dict[str, Any]) -> None:
        blob = compress(dumps(fields, PICKLE), _STORED_LEVEL)
        lengths = self._lengths
        if docnum > len(lengths):
            lengths.extend(repeat(0, docnum - len(lengths)))
        self._file.write(blob)
        lengths.append(len(blob))

    def finish(self, doccount: int) -> None:
        """VarBytesColumn's trailer: the lengths, the offsets (for more than 2**15 documents),
        each in the smallest array type Whoosh's GrowableArray would have grown to."""
        lengths = self._lengths
        lengths.extend(repeat(0, doccount - len(lengths)))
        found = smallest(lengths)
        self._file.write_array(found)
        codes = found.typecode.encode("ascii")
        if doccount > _OFFSETS_CUTOFF:
            offsets = smallest(array("q", accumulate(lengths[:-1], initial=0)))
            self._file.write_array(offsets)
            codes += offsets.typecode.encode("ascii") + b"X"
        self._file.write(codes)


class Pickles:
    """pickle.dumps without the memo, for the many small pickles of term infos and posting
    blocks: pickle numbers every tuple and bytes object it writes (2 bytes each, a fifth of the
    word pairs' posting blocks) so that a repeat could refer to it, and these have none. What
    they load to is the same."""

    def __init__(self) -> None:
        self._buffer = BytesIO()
        self._pickler = Pickler(self._buffer, PICKLE)
        self._pickler.fast = True  # no memo (the values pickled here hold no cycles)

    def __call__(self, value: Any) -> bytes:
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._pickler.dump(value)
        return buffer.getvalue()


def smallest(numbers: Any, first: str = "B") -> array[int]:
    """`numbers` (a sequence or a numpy array) in the smallest array type Whoosh's
    GrowableArray(first) grows to."""
    if isinstance(numbers, np.ndarray):
        top = int(numbers.max()) if len(numbers) else 0
    else:
        top = max(numbers, default=0)
    for code, limit in _GROWTH[[code for code, _ in _GROWTH].index(first) :]:
        if top < limit:
            if not isinstance(numbers, np.ndarray):
                return array(code, numbers)
            found = array(code)  # numpy's type characters are array's
            found.frombytes(numbers.astype(code).tobytes())
            return found
    raise OverflowError(f"{top} is too big for an array")
