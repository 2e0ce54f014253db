"""Bookmarks cannot be rebuilt: every command and app run that changes them leaves a backup (the
newest KEEP kept), and `dex bookmarks restore` brings one back, damage SQLite does not notice
included, after backing up what is there (nothing is ever lost, a restore can be undone). A kill
at any moment of a command that changes bookmarks never leaves a backup that is not whole."""

from __future__ import annotations

import random
import re
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from indexer.bookmarks.backups import KEEP, backups
from indexer.bookmarks.store import BookmarkStore
from indexer.index.store import update_index
from indexer.search.searcher import open_index
from tests.reliability.helpers import (
    SAMPLES,
    assert_no_traceback,
    note,
    popen_dex,
    record,
    run_dex,
)
from tui.session import Session

SEED = 11
KILLS = 8


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """An index of the samples, and ids of stories in it."""
    index_dir = tmp_path_factory.mktemp("built") / "index"
    update_index(index_dir, [str(SAMPLES)])
    index = open_index(index_dir)
    try:
        return index_dir, [hit.id for hit in index.search("", limit=KEEP + 4).hits]
    finally:
        index.close()


@pytest.fixture
def data(tmp_path: Path, built: tuple[Path, list[str]]) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(built[0], folder / "index")
    return folder


def _notes(data: Path) -> dict[str, str]:
    with BookmarkStore(data / "bookmarks.sqlite3") as store:
        return {bookmark.story_id: bookmark.note for bookmark in store.list()}


def _flip_in_note(db: Path, text: str) -> None:
    """One bit flipped inside a note's text, in the file itself: SQLite cannot notice it."""
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    at = data.index(text.encode())
    data[at] ^= 0x01
    db.write_bytes(bytes(data))


def test_each_change_is_backed_up_and_restore_undoes_silent_damage(
    data: Path, built: tuple[Path, list[str]]
) -> None:
    ids = built[1]
    for number, story_id in enumerate(ids[: KEEP + 2]):
        proc = run_dex(data, "bookmarks", "add", story_id, "--note", f"note number {number}")
        assert proc.returncode == 0, proc.stderr
    folder = data / "bookmark-backups"
    assert len(backups(folder)) == KEEP  # one a change, the oldest pruned
    listed = run_dex(data, "bookmarks", "restore")
    assert listed.returncode == 0 and f"{KEEP + 2} bookmarks" in listed.stdout.splitlines()[0]
    unchanged = run_dex(data, "bookmarks", "list")  # reading changes nothing: no backup
    assert unchanged.returncode == 0 and len(backups(folder)) == KEEP
    good = _notes(data)

    _flip_in_note(data / "bookmarks.sqlite3", "note number 3")
    listed = run_dex(data, "bookmarks", "list")
    assert listed.returncode == 0, "SQLite noticed the flip after all: this test needs another"
    damaged = _notes(data)
    assert damaged != good

    restored = run_dex(data, "bookmarks", "restore", "1")
    assert_no_traceback(restored)
    assert restored.returncode == 0, restored.stderr
    assert _notes(data) == good
    kept = next(line for line in restored.stdout.splitlines() if "kept in" in line)
    undo = re.search(r"dex bookmarks restore (\d+)", kept)
    assert undo, kept
    assert (
        run_dex(data, "bookmarks", "restore", undo.group(1)).returncode == 0
    )  # undoing the restore
    assert _notes(data) == damaged  # the state before the restore was not lost
    record("bookmark restores checked", 2)


def test_a_garbage_database_is_set_aside_and_a_backup_restored(
    data: Path, built: tuple[Path, list[str]]
) -> None:
    for story_id in built[1][:3]:
        assert run_dex(data, "bookmarks", "add", story_id, "--tag", "kept").returncode == 0
    good = _notes(data)
    db = data / "bookmarks.sqlite3"
    db.write_bytes(b"garbage " * 512)
    proc = run_dex(data, "bookmarks", "restore", "1")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert _notes(data) == good
    aside = next(data.glob("bookmarks.sqlite3.damaged-*"))
    assert aside.read_bytes() == b"garbage " * 512 and str(aside) in proc.stdout
    record("bookmark restores checked")


def test_an_app_run_that_changed_bookmarks_leaves_a_backup(
    data: Path, built: tuple[Path, list[str]]
) -> None:
    folder = data / "bookmark-backups"
    session = Session(data / "index", data / "bookmarks.sqlite3", folder)
    try:
        session.open()
        session.search("", "relevance", 5)  # a run that only reads
    finally:
        session.close()
    assert backups(folder) == []
    session = Session(data / "index", data / "bookmarks.sqlite3", folder)
    try:
        session.open()
        assert session.toggle(built[1][0])[0]
    finally:
        session.close()
    found = backups(folder)
    assert len(found) == 1 and [b.story_id for b in found[0].read()] == [built[1][0]]


def test_kills_of_commands_that_back_up_never_leave_a_broken_backup(
    data: Path, built: tuple[Path, list[str]]
) -> None:
    rng = random.Random(SEED)
    ids = built[1]
    started = time.perf_counter()
    for story_id in ids[:4]:  # something to back up, and a body of some size in each backup
        assert run_dex(data, "bookmarks", "add", story_id, "--note", "x" * 5000).returncode == 0
    seconds = (time.perf_counter() - started) / 4  # one command, start to end
    landed = 0
    for number in range(KILLS):
        proc = popen_dex(data, "bookmarks", "add", ids[4 + number % 6], "--tag", f"t{number}")
        time.sleep(rng.uniform(0.3, 0.95) * seconds)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        landed += proc.returncode == -signal.SIGKILL
    found = backups(data / "bookmark-backups")
    for backup in found:  # each one whole: JSON that imports
        assert backup.read(), backup.path
    assert len(found[0].read()) >= 4
    restored = run_dex(data, "bookmarks", "restore", "1")
    assert restored.returncode == 0, restored.stderr
    record("bookmark kill -9 runs of backing-up commands", landed)
    assert landed >= KILLS // 2, "most kills must land while the command runs"
    note(f"bookmark backups: {landed}/{KILLS} kills landed, every backup whole")
