"""A damaged or foreign bookmarks database: reported in one line naming it, kept byte for byte
(never written to; the app sets it aside and starts a fresh one), and dex still opens and
searches."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.bookmarks.store import BookmarkStore
from indexer.index.store import update_index
from tests.reliability import bookmark_writer
from tests.reliability.helpers import SAMPLES, assert_no_traceback, record, run_dex
from tui.session import Session


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database\n" * 100)


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        db.execute("INSERT INTO invoices VALUES (1, 9.5)")


def _torn(path: Path) -> None:
    """One of ours with a page overwritten in the middle (a bad sector)."""
    with BookmarkStore(path) as store:
        for number in range(200):
            store.add(bookmark_writer.story(f"torn-{number:04d}"), note="x" * 500)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3 : page * 5] = b"\xff" * (page * 2)
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    _torn(path)
    path.write_bytes(path.read_bytes()[:5000])


KINDS: dict[str, Callable[[Path], None]] = {
    "not a database": _garbage,
    "another program's database": _foreign,
    "damaged pages": _torn,
    "truncated": _truncated,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("built") / "index"
    update_index(index_dir, [str(SAMPLES)])
    return index_dir


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_bad_bookmarks_file_is_kept_reported_and_dex_opens(
    tmp_path: Path, built: Path, kind: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(built, data / "index")
    path = data / "bookmarks.sqlite3"
    KINDS[kind](path)
    before = path.read_bytes()
    listed = run_dex(data, "bookmarks", "list")
    assert_no_traceback(listed)
    assert listed.returncode == 1
    lines = listed.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "untouched" in lines[0], lines
    searched = run_dex(data, "search", "--json", "nhs")
    assert searched.returncode == 0 and '"hits"' in searched.stdout
    assert str(path) in searched.stderr
    assert path.read_bytes() == before, "the command line changed the file"
    session = Session(data / "index", path)
    try:
        # What the app does: it opens, sets the file aside unchanged, says where, and keeps
        # bookmarking in a fresh file.
        opened = session.open()
        assert opened.stories > 0
        assert opened.bookmarks_error is None
        note = opened.bookmarks_note
        assert note and str(path) in note and "\n" not in note
        kept = next(p for p in data.glob("bookmarks.sqlite3.damaged-*") if p.name[-1].isdigit())
        assert str(kept) in note
        assert kept.read_bytes() == before, "the set-aside file was changed"
        hits = session.search("nhs", "relevance", 5)[0].hits
        assert hits
        assert session.toggle(hits[0].id)[0]
    finally:
        session.close()
    with BookmarkStore(path) as fresh:
        assert fresh.ids() == {hits[0].id}
    record("bad bookmark files kept untouched")
