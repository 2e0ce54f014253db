"""A new file is hashed by the worker that reads it, not before the workers start: the manifest
still records its content hash (so a touched file is not indexed again), and a new file that
cannot be read is still one failure with the same message."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from indexer.index import indexing
from indexer.index import workers as index_workers
from indexer.index.manifest import FILE_NAME, Manifest
from indexer.index.store import update_index
from indexer.index.workers import Builder, hash_file, index_file

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "digests"
    folder.mkdir()
    for number in range(count):
        source = SEED_FILES[number % len(SEED_FILES)]
        shutil.copy(source, folder / f"{number:02d}-{source.name}")
    return folder


def _hashes(index_dir: Path) -> dict[str, str]:
    manifest = Manifest(index_dir / FILE_NAME)
    try:
        return {path: record.hash for path, record in manifest.files().items()}
    finally:
        manifest.close()


@pytest.mark.parametrize("pool", [True, False], ids=["worker processes", "in-process"])
def test_new_files_get_their_hash_and_touching_them_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: bool
) -> None:
    monkeypatch.setattr(indexing, "POOL_MIN_FILES", 2 if pool else 100)
    monkeypatch.setattr(indexing.os, "cpu_count", lambda: 2)
    folder = _folder(tmp_path, 6)
    first = update_index(tmp_path / "index", [str(folder)])
    assert (first.digests, first.failed) == (6, 0)
    files = sorted(str(path) for path in folder.iterdir())
    assert _hashes(tmp_path / "index") == {path: hash_file(path) for path in files}
    for path in files:
        os.utime(path)
    again = update_index(tmp_path / "index", [str(folder)])
    assert (again.unchanged, again.digests, again.failed) == (6, 0, 0)


def test_a_new_file_that_cannot_be_read_fails_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 3)  # in-process (below POOL_MIN_FILES), so the patch applies
    locked = str(folder / sorted(os.listdir(folder))[1])

    def hash_or_refuse(path: str) -> str:
        if path == locked:
            raise PermissionError(13, "Permission denied", path)
        return hash_file(path)

    monkeypatch.setattr(index_workers, "hash_file", hash_or_refuse)
    first = update_index(tmp_path / "index", [str(folder)])
    assert (first.digests, first.failed) == (2, 1)
    assert [(p.source, p.message) for p in first.problems] == [
        (locked, "cannot read: Permission denied")
    ]
    assert locked not in _hashes(tmp_path / "index")

    monkeypatch.setattr(index_workers, "hash_file", hash_file)
    again = update_index(tmp_path / "index", [str(folder)])
    assert (again.digests, again.unchanged, again.failed) == (1, 2, 0)
    assert _hashes(tmp_path / "index")[locked] == hash_file(locked)


def test_index_file_hashes_only_when_asked(tmp_path: Path) -> None:
    digest = _folder(tmp_path, 1) / f"00-{SEED_FILES[0].name}"
    (tmp_path / "index").mkdir()
    builder = Builder(tmp_path / "index")
    try:
        asked = index_file(builder, (0, str(digest), "d.txt", True))
        not_asked = index_file(builder, (1, str(digest), "d.txt", False))
        missing = index_file(builder, (2, str(tmp_path / "gone.txt"), "gone.txt", True))
    finally:
        builder.cancel()
    assert asked.content_hash == hash_file(str(digest)) and asked.rows
    assert not_asked.content_hash is None and not_asked.rows == asked.rows
    assert (missing.error, missing.content_hash) == ("cannot read: No such file or directory", None)
