"""The manifest holds added files and appearances and writes them in batches: every read sees
them, a rollback or a close without commit keeps none, and a file's appearances keep their
order. Also the plain rows worker processes send in place of Occurrence objects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.engine.documents import Occurrence
from indexer.index import manifest as manifest_module
from indexer.index.manifest import FileRecord, Manifest, Row
from indexer.index.workers import FileResult
from indexer.records import Problem


def _row(story: str, path: str, position: int) -> Row:
    return (story, f"src:{path}", f"key:{path}", f"Title {path}", "2024-03-05", "header", position)


def _record(path: str) -> FileRecord:
    return FileRecord(path, f"src:{path}", 10, 20, f"hash:{path}")


@pytest.fixture
def manifest(tmp_path: Path) -> Manifest:
    return Manifest(tmp_path / "manifest.sqlite3")


def test_reads_see_what_is_held(manifest: Manifest) -> None:
    manifest.put_file(_record("/a"))
    manifest.add_occurrences("/a", [_row("s1", "/a", 0), _row("s2", "/a", 1)])
    manifest.add_occurrences("/b", [_row("s2", "/b", 4)])
    assert set(manifest.files()) == {"/a"}
    assert manifest.story_ids() == {"s1", "s2"}
    assert [o.digest_key for o in manifest.occurrences("s2")] == ["key:/a", "key:/b"]
    manifest.add_occurrences("/c", [_row("s3", "/c", 2)])
    assert manifest.take_occurrences(["/b", "/c"]) == {
        "/b": [_row("s2", "/b", 4)],
        "/c": [_row("s3", "/c", 2)],
    }
    assert manifest.story_ids() == {"s1", "s2"}  # s2 is still in /a
    assert manifest.take_occurrences(["/b"]) == {"/b": []}  # taken once only


def test_rows_come_back_as_occurrences(manifest: Manifest) -> None:
    where = Occurrence("d.txt", "k1", "Daily", dt.date(2024, 3, 5), "filename", 7)
    result = FileResult(3, digests=1, stories=[("s1", where, 2), ("s2", where, 5)])
    packed = result.packed()
    assert (packed.job, packed.digests, packed.entities) == (3, 1, 7)
    manifest.add_occurrences("/d", packed.rows)
    manifest.commit()
    assert manifest.occurrences("s1") == [where]
    assert manifest.take_occurrences(["/d"])["/d"] == packed.rows


def test_a_failed_file_packs_its_error_and_notes() -> None:
    note = Problem("d.txt", "odd date", fatal=False)
    packed = FileResult(5, notes=[note], error="cannot read: gone").packed()
    assert (packed.rows, packed.entities, packed.notes) == ([], 0, [note])
    assert (packed.error, packed.skipped) == ("cannot read: gone", None)
    assert FileResult(6, skipped="not a digest").packed().skipped == "not a digest"


@pytest.mark.parametrize("files", [3, manifest_module.PENDING_ROWS + 5])
def test_nothing_is_kept_without_a_commit(tmp_path: Path, files: int) -> None:
    """A run killed before its commit (here: closed) leaves no file and no appearance, also
    when more than a batch was already written to SQLite."""
    path = tmp_path / "manifest.sqlite3"
    first = Manifest(path)
    first.put_file(_record("/old"))
    first.add_occurrences("/old", [_row("old", "/old", 0)])
    first.commit()
    for number in range(files):
        name = f"/new{number}"
        first.put_file(_record(name))
        first.add_occurrences(name, [_row(f"s{number}", name, 0)])
    assert len(first.story_ids()) == files + 1
    first.close()
    again = Manifest(path)
    assert set(again.files()) == {"/old"}
    assert again.story_ids() == {"old"}
    again.close()


def test_rollback_drops_what_is_held(manifest: Manifest) -> None:
    manifest.put_file(_record("/a"))
    manifest.add_occurrences("/a", [_row("s1", "/a", 0)])
    manifest.rollback()
    assert manifest.files() == {}
    assert manifest.story_ids() == set()
    manifest.commit()
    assert manifest.files() == {}


def test_many_files_taken_at_once_keep_their_order(manifest: Manifest) -> None:
    paths = [f"/f{number:04d}" for number in range(1_203)]  # more than one query's worth
    for number, path in enumerate(paths):
        rows = [_row(f"s{number}-{k}", path, 9 - k) for k in range(3)]
        manifest.add_occurrences(path, rows)
    manifest.commit()
    taken = manifest.take_occurrences(list(reversed(paths)))
    assert list(taken) == list(reversed(paths))
    assert all(
        taken[path] == [_row(f"s{number}-{k}", path, 9 - k) for k in range(3)]
        for number, path in enumerate(paths)
    )
    assert manifest.story_ids() == set()
