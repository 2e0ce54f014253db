"""A read-only data folder and a full disk: one clear line, exit status 1, nothing half-written
(the index and the bookmarks are as before and still open)."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from indexer.bookmarks.store import BookmarkStore, BookmarkStoreError
from indexer.index.store import update_index
from indexer.search.searcher import open_index
from tests.reliability import bookmark_writer
from tests.reliability.helpers import (
    SAMPLES,
    assert_no_traceback,
    message_lines,
    run_dex,
)
from tui.cli import main


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _corpus(folder: Path, count: int = 3) -> Path:
    folder.mkdir(parents=True)
    for sample in sorted(SAMPLES.glob("*.txt"))[:count]:
        shutil.copy2(sample, folder / sample.name)
    return folder


def _ids(index_dir: Path) -> set[str]:
    index = open_index(index_dir)
    try:
        return {hit.id for hit in index.search("", limit=100_000).hits}
    finally:
        index.close()


def _one_error_line(proc, *needles: str) -> None:
    assert_no_traceback(proc)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for needle in needles:
        assert needle.lower() in lines[0].lower(), lines[0]


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, Path]:
    """(data dir with an index of three samples and one bookmark, a second corpus)."""
    data = tmp_path / "data"
    update_index(data / "index", [str(_corpus(tmp_path / "first", 2))])
    index = open_index(data / "index")
    story = index.story(index.search("", limit=1).hits[0].id)
    index.close()
    with BookmarkStore(data / "bookmarks.sqlite3") as store:
        store.add(story, note="keep me", tags=("kept",))
    # A user's folder after dex has closed: no -wal/-shm left beside the database.
    return data, _corpus(tmp_path / "second", 4)


def test_a_read_only_empty_data_dir_says_so_and_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    corpus = _corpus(tmp_path / "corpus")
    try:
        proc = run_dex(data, "index", str(corpus), plain_user=True)
        _one_error_line(proc, str(data / "index"), "permission denied")
        proc = run_dex(data, "bookmarks", "import", str(tmp_path / "missing.json"), plain_user=True)
        _one_error_line(proc, "missing.json")
        assert list(data.iterdir()) == []
    finally:
        data.chmod(0o755)


def test_a_read_only_data_dir_keeps_index_and_bookmarks_as_they_were(
    tmp_path: Path, filled
) -> None:
    data, second = filled
    before = _snapshot(data)
    folders = [data, data / "index"]
    for folder in folders:
        folder.chmod(0o555)
    out = tmp_path / "out"
    out.mkdir(mode=0o555)
    try:
        _one_error_line(run_dex(data, "index", str(second), plain_user=True), "permission denied")
        searched = run_dex(data, "search", "--json", "nhs", plain_user=True)
        assert searched.returncode == 0, searched.stderr  # reading still works
        exported = run_dex(data, "bookmarks", "export", "--format", "json", plain_user=True)
        assert exported.returncode == 0 and "keep me" in exported.stdout, exported.stderr
        _one_error_line(run_dex(data, "bookmarks", "remove", "x", plain_user=True),
                        "bookmarks.sqlite3")  # fmt: skip
        _one_error_line(
            run_dex(data, "bookmarks", "export", "-o", str(out / "b.md"), plain_user=True),
            str(out / "b.md"),
        )
        assert _snapshot(data) == before
        assert list(out.iterdir()) == []
    finally:
        for folder in [*folders, out]:
            folder.chmod(0o755)
    with BookmarkStore(data / "bookmarks.sqlite3") as store:
        assert [(b.note, b.tags) for b in store.list()] == [("keep me", ("kept",))]


def test_a_full_disk_while_indexing_leaves_the_old_index(
    tmp_path: Path, filled, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ENOSPC from the index's file writes part-way through: the old index still opens with the
    old stories; the next run, with space again, indexes everything."""
    import io

    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.structfile import StructFile

    data, second = filled
    old = _ids(data / "index")
    real_create = FileStorage.create_file
    calls = {"n": 0}

    class FullDisk(io.BufferedWriter):
        """Writes until the (shared) budget is spent, then fails as a full disk does."""

        def write(self, data):  # type: ignore[no-untyped-def,override]
            calls["n"] += len(data)
            if calls["n"] > 40_000:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self.raw.name)
            return super().write(data)

    def create_file(self, name, excl=False, mode="wb", **kwargs):  # type: ignore[no-untyped-def]
        return StructFile(FullDisk(io.FileIO(self._fpath(name), "w")), name=name, **kwargs)

    monkeypatch.setattr(FileStorage, "create_file", create_file)
    status = main(["--data-dir", str(data), "index", str(second)])
    out, err = capsys.readouterr()
    assert status == 1, (out, err)  # the writes may be in a worker process: not counted here
    assert "Traceback" not in out + err
    lines = [line for line in message_lines(err) if "indexing:" not in line]
    assert len(lines) == 1 and "No space left on device" in lines[0], lines
    assert _ids(data / "index") == old
    assert not list((data / "index").glob("*.tmp"))
    monkeypatch.setattr(FileStorage, "create_file", real_create)
    assert main(["--data-dir", str(data), "index", str(second)]) == 0
    capsys.readouterr()
    expected = tmp_path / "expected"
    update_index(expected, [str(tmp_path / "first"), str(second)])
    assert _ids(data / "index") == _ids(expected)


def test_a_full_disk_while_exporting_leaves_no_file(
    tmp_path: Path, filled, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export's temporary file is on a full disk (/dev/full): one line, no file at all."""
    import tempfile

    data, _ = filled
    target = tmp_path / "briefing.md"
    made: list[str] = []

    def on_full_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        fd, name = real_mkstemp(*args, **kwargs)
        made.append(name)
        os.dup2(os.open("/dev/full", os.O_WRONLY), fd)
        return fd, name

    real_mkstemp = tempfile.mkstemp
    monkeypatch.setattr(tempfile, "mkstemp", on_full_disk)
    status = main(["--data-dir", str(data), "bookmarks", "export", "-o", str(target)])
    _, err = capsys.readouterr()
    assert status == 1 and made
    assert "No space left on device" in err and len(err.strip().splitlines()) == 1
    assert not target.exists() and not any(Path(name).exists() for name in made)


def test_a_full_bookmarks_database_says_so_and_keeps_what_it_had(filled) -> None:
    """SQLite's own full-disk error (SQLITE_FULL, here by capping the file's pages)."""
    data, _ = filled
    path = data / "bookmarks.sqlite3"
    with BookmarkStore(path) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(BookmarkStoreError) as caught:
            for number in range(50):
                store.add(bookmark_writer.story(f"full-{number:04d}"), note="n" * 20_000)
        assert str(path) in str(caught.value) and "full" in str(caught.value)
        assert "\n" not in str(caught.value)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with BookmarkStore(path) as store:
        notes = {b.story_id: b.note for b in store.list()}
    assert "keep me" in notes.values()
    assert all(note in ("keep me", "n" * 20_000) for note in notes.values())
