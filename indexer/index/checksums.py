"""Checksums of the files dex writes in the index folder, so damage inside them is found.

Sizes alone missed flipped bytes. Each file is summed in blocks (a CRC-32 per mebibyte), kept in
the index marker. A full check reads every block (`dex index --check`); the check at every open
reads the small files whole and a random sample of the other blocks, up to a few mebibytes, so
opening stays fast on a large index and damage is still found soon (a different sample each time).
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BLOCK = 1 << 20
SAMPLE_BYTES = 4 << 20  # read at open, beyond the small files
WHOLE_BELOW = 64 << 10  # files smaller than this are always read whole


@dataclass(frozen=True, slots=True)
class FileSums:
    """A file's size and the CRC-32 of each of its blocks (none: only the size is known)."""

    size: int
    blocks: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "crc32": list(self.blocks)}

    @classmethod
    def from_json(cls, value: object) -> FileSums:
        """Read back to_json's value; a bare size is what markers held before checksums."""
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        if isinstance(value, dict):
            size, blocks = value.get("size"), value.get("crc32", [])
            numbers = isinstance(blocks, list) and all(isinstance(b, int) for b in blocks)
            if isinstance(size, int) and numbers:
                return cls(size, tuple(blocks))
        raise ValueError(f"not a file's checksums: {value!r}")


def _blocks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while block := handle.read(BLOCK):
            yield block


def sum_file(path: Path) -> FileSums:
    """The checksums of a file as it is now (OSError if it cannot be read)."""
    size, sums = 0, []
    for block in _blocks(path):
        size += len(block)
        sums.append(zlib.crc32(block))
    return FileSums(size, tuple(sums))


def find_damage(
    folder: Path, sums: Mapping[str, FileSums], *, full: bool, rng: random.Random | None = None
) -> str | None:
    """One line naming the first file found missing, of another size, or with a block that is
    not what was written; None if all that was read is sound. `full` reads every block."""
    for name, expected in sums.items():
        path = folder / name
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return f"{path}: index file missing"
        except OSError as exc:
            return f"{path}: index file unreadable ({exc.strerror or exc})"
        if size != expected.size:
            return f"{path}: index file damaged ({size} bytes, {expected.size} written)"
    for name, numbers in _plan(sums, full, rng or random.Random()).items():
        path = folder / name
        try:
            with open(path, "rb") as handle:
                for number in numbers:
                    handle.seek(number * BLOCK)
                    if zlib.crc32(handle.read(BLOCK)) != sums[name].blocks[number]:
                        at = number * BLOCK
                        return f"{path}: index file damaged (bytes {at}-{at + BLOCK - 1} changed)"
        except OSError as exc:
            return f"{path}: index file unreadable ({exc.strerror or exc})"
    return None


def _plan(sums: Mapping[str, FileSums], full: bool, rng: random.Random) -> dict[str, list[int]]:
    """Which blocks of which files to read: all of them, or the small files whole and random
    blocks of the others up to SAMPLE_BYTES (all of them, in an index smaller than that)."""
    plan: dict[str, list[int]] = {}
    rest: list[tuple[str, int]] = []
    for name, file_sums in sums.items():
        numbers = list(range(len(file_sums.blocks)))
        if full or file_sums.size < WHOLE_BELOW:
            plan[name] = numbers
        else:
            rest += [(name, number) for number in numbers]
    rng.shuffle(rest)
    budget = SAMPLE_BYTES
    for name, number in rest:
        length = min(BLOCK, sums[name].size - number * BLOCK)
        if length > budget:
            continue
        budget -= length
        plan.setdefault(name, []).append(number)
    return {name: sorted(numbers) for name, numbers in plan.items() if numbers}
