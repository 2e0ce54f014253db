"""Rolling bookmark backups: one per change (none when nothing changed), the newest KEEP kept,
and a restore that makes the store hold exactly a backup after backing up what it held."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.bookmarks.backups import Backup, back_up, back_up_first, backups, restore
from indexer.bookmarks.export import to_json
from indexer.bookmarks.store import BookmarkStore
from tests.reliability.bookmark_writer import story


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with BookmarkStore(tmp_path / "bookmarks.sqlite3") as opened:
        yield opened


def test_a_backup_per_change_and_the_newest_kept(store: BookmarkStore, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    assert back_up_first(store, folder) is None  # nothing to back up yet
    store.add(story("a"), note="first")
    first = back_up_first(store, folder)
    assert first is not None and back_up_first(store, folder) is None
    assert back_up(store, folder) == first  # unchanged: the newest backup holds it already
    for number in range(5):
        store.add(story(f"s{number}"))
        back_up(store, folder, keep=3)
    found = backups(folder)
    assert len(found) == 3
    assert [len(b.read()) for b in found] == [6, 5, 4]  # newest first
    assert not list(folder.glob(".*"))  # no temporary file left


def test_restore_is_exact_and_keeps_what_was_there(store: BookmarkStore, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    store.add(story("a"), note="old note", tags=["x"])
    saved = back_up(store, folder)
    store.update("a", note="new note", tags=["y"])
    store.add(story("b"))
    result = restore(store, saved, folder)
    assert (result.count, result.before) == (1, 2)
    assert [(b.story_id, b.note, b.tags) for b in store.list()] == [("a", "old note", ("x",))]
    assert result.kept is not None
    assert sorted(b.story_id for b in result.kept.read()) == ["a", "b"]
    assert restore(store, result.kept, folder).count == 2  # undone


def test_restore_from_an_export_file_and_a_broken_one(store: BookmarkStore, tmp_path: Path) -> None:
    export = tmp_path / "mine.json"
    with BookmarkStore(tmp_path / "other.sqlite3") as other:
        other.add(story("z"), tags=["from export"])
        export.write_text(to_json(other.list()), encoding="utf-8")
    result = restore(store, Backup.of_file(export), tmp_path / "backups")
    assert result.kept is None and [b.story_id for b in store.list()] == ["z"]
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "nope"}', encoding="utf-8")
    with pytest.raises(ValueError, match="broken\\.json"):
        restore(store, Backup.of_file(broken), tmp_path / "backups")
    assert [b.story_id for b in store.list()] == ["z"]  # untouched
