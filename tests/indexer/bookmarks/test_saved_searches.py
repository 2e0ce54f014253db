"""Saved searches: kept with the bookmarks, named without regard to case, carried by the JSON
export, the backups and a restore, and added to a bookmarks file made before them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from indexer.bookmarks import schema as bookmark_schema
from indexer.bookmarks.backups import back_up, backups, restore
from indexer.bookmarks.export import (
    BookmarkImportError,
    export,
    import_json,
    import_saved_searches,
    to_json,
)
from indexer.bookmarks.store import BookmarkStore
from indexer.records import Story

STORY = Story(
    id="s1", source="d.txt", digest_title="Digest", date=dt.date(2024, 5, 1),
    date_from="header", position=0, headline="Deficit grows", title="Deficit grows",
    body="The deficit grew.",
)  # fmt: skip


def test_a_search_is_saved_replaced_and_removed_by_name_in_any_case(tmp_path: Path) -> None:
    with BookmarkStore(tmp_path / "b.sqlite3") as store:
        store.saved.save("NHS finance", 'org:"NHS England" deficit')
        store.saved.save("Strikes", "strike OR walkout")
        assert [s.name for s in store.saved.list()] == ["NHS finance", "Strikes"]
        again = store.saved.save("nhs  FINANCE", "deficit")
        assert again.name == "nhs FINANCE" and store.saved.get("NHS Finance").query == "deficit"
        assert len(store.saved.list()) == 2
        assert store.saved.remove("strikes").query == "strike OR walkout"
        assert store.saved.remove("strikes") is None
    with BookmarkStore(tmp_path / "b.sqlite3") as store:  # kept on disk
        assert [s.query for s in store.saved.list()] == ["deficit"]


@pytest.mark.parametrize(("name", "query"), [("  ", "x"), ("name", " \n ")])
def test_an_empty_name_or_query_is_refused(name: str, query: str) -> None:
    with BookmarkStore.in_memory() as store, pytest.raises(ValueError):
        store.saved.save(name, query)


def test_a_bookmarks_file_made_before_saved_searches_gains_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "b.sqlite3"
    with monkeypatch.context() as patch:
        patch.setattr(bookmark_schema, "MIGRATIONS", bookmark_schema.MIGRATIONS[:2])
        with BookmarkStore(path) as old:  # a file of version 2, written as that version wrote
            old._db.execute(
                "INSERT INTO bookmark (story_id, headline, title, date, source, body,"
                " digest_title, created, note) VALUES ('s1', 'H', 'H', '2024-03-12', 'd.txt',"
                " 'Text.', 'Digest', '2024-03-12T09:00:00.000000+00:00', 'mine')"
            )
            old._db.commit()
    with BookmarkStore(path) as store:
        assert store.get("s1").note == "mine" and store.saved.list() == []
        assert store.get("s1").details is None  # a column added since, empty for older rows
        store.saved.save("mine", "deficit")
        version = store._db.execute("PRAGMA user_version").fetchone()[0]
        assert version == bookmark_schema.SCHEMA_VERSION == 4


def test_the_json_export_carries_them_and_reads_them_back() -> None:
    with BookmarkStore.in_memory() as store:
        store.add(STORY)
        store.saved.save("Deficits", "deficit -council")
        text = export(store.list(), "json", store.saved.list())
        assert import_saved_searches(text) == store.saved.list()
        assert [b.story_id for b in import_json(text)] == ["s1"]
        assert "Deficits" not in export(store.list(), "markdown", store.saved.list())


def test_an_export_made_before_them_has_none_and_a_bad_one_is_named() -> None:
    document = json.loads(to_json([]))
    del document["saved_searches"]
    assert import_saved_searches(json.dumps(document)) is None
    document["saved_searches"] = [{"name": "x", "query": ""}]
    with pytest.raises(BookmarkImportError, match=r"saved search 1: .*empty query"):
        import_saved_searches(json.dumps(document))
    document["saved_searches"] = [{"name": 3, "query": "x"}]
    with pytest.raises(BookmarkImportError, match="saved search 1: 'name'"):
        import_saved_searches(json.dumps(document))


def test_importing_keeps_the_query_a_name_has_here() -> None:
    with BookmarkStore.in_memory() as here, BookmarkStore.in_memory() as there:
        here.saved.save("Deficits", "deficit")
        there.saved.save("deficits", "deficit -council")
        there.saved.save("Strikes", "strike")
        assert here.saved.merge(there.saved.list()) == 1
        assert here.saved.merge(there.saved.list()) == 0
        assert {s.name: s.query for s in here.saved.list()} == {
            "Deficits": "deficit",
            "Strikes": "strike",
        }


def test_backups_hold_them_and_a_restore_brings_them_back(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    with BookmarkStore(tmp_path / "b.sqlite3") as store:
        store.add(STORY)
        store.saved.save("Deficits", "deficit")
        back_up(store, folder)
        back_up(store, folder)
        assert len(backups(folder)) == 1  # nothing changed
        store.saved.save("Deficits", "deficit council")  # only a saved search changed:
        back_up(store, folder)
        assert len(backups(folder)) == 2  # still a new backup
        oldest = backups(folder)[-1]
        assert oldest.read_saved() is not None
        restore(store, oldest, folder)
        assert store.saved.get("deficits").query == "deficit"
