"""The index files' checksums: what they find, and how much the check at open reads."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from indexer.index import checksums
from indexer.index.checksums import BLOCK, FileSums, find_damage, sum_file


def _flip(path: Path, at: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(at)
        byte = handle.read(1)
        handle.seek(at)
        handle.write(bytes([byte[0] ^ 0x01]))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "big").write_bytes(os.urandom(3 * BLOCK + 123))
    (tmp_path / "small").write_bytes(b"table of contents")
    return tmp_path


def test_sums_round_trip_and_read_old_markers(folder: Path) -> None:
    sums = sum_file(folder / "big")
    assert sums.size == 3 * BLOCK + 123 and len(sums.blocks) == 4
    assert FileSums.from_json(sums.to_json()) == sums
    assert FileSums.from_json(17) == FileSums(17)  # a marker from before checksums: sizes only
    with pytest.raises(ValueError):
        FileSums.from_json({"size": "x"})


def test_a_flipped_bit_is_found_by_a_full_check(folder: Path) -> None:
    sums = {name: sum_file(folder / name) for name in ("big", "small")}
    assert find_damage(folder, sums, full=True) is None
    _flip(folder / "big", 2 * BLOCK + 5)
    found = find_damage(folder, sums, full=True)
    assert found and str(folder / "big") in found and str(2 * BLOCK) in found


def test_the_check_at_open_reads_small_files_whole_and_samples_the_rest(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sums = {name: sum_file(folder / name) for name in ("big", "small")}
    _flip(folder / "small", 3)
    assert find_damage(folder, sums, full=False) is not None  # always read whole
    sums["small"] = sum_file(folder / "small")
    _flip(folder / "big", 5)  # block 0
    monkeypatch.setattr(checksums, "SAMPLE_BYTES", BLOCK)  # one block of the four a check
    found = [find_damage(folder, sums, full=False, rng=random.Random(seed)) for seed in range(40)]
    assert 0 < sum(f is not None for f in found) < 40  # a different sample each time


def test_size_and_missing_files_are_found_without_reading(folder: Path) -> None:
    sums = {name: sum_file(folder / name) for name in ("big", "small")}
    (folder / "small").write_bytes(b"x")
    assert "1 bytes, 17 written" in (find_damage(folder, sums, full=False) or "")
    (folder / "small").unlink()
    assert "missing" in (find_damage(folder, sums, full=False) or "")
