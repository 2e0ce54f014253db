"""The bookmark store: the user's own data, so it must never be lost or damaged."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from indexer.bookmarks import schema as bookmark_schema
from indexer.bookmarks.schema import APPLICATION_ID, SCHEMA_VERSION, normalise_tags
from indexer.bookmarks.store import Bookmark, BookmarkStore, BookmarkStoreError
from indexer.errors import BookmarkLookup
from indexer.records import Story

ROOT = Path(__file__).resolve().parents[3]


def story(n: int | str, **changes: object) -> Story:
    fields: dict[str, object] = {
        "id": f"s{n}",
        "source": f"digests/2024 May/digest {n}.txt",
        "digest_title": f"Must reads {n}",
        "date": dt.date(2024, 5, 1),
        "date_from": "header",
        "position": 0,
        "headline": f"Headline {n}",
        "title": f"Headline {n}",
        "body": f"First paragraph of {n}.\n\nSecond paragraph.",
    }
    fields.update(changes)
    return Story(**fields)  # type: ignore[arg-type]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bookmarks.sqlite3"


@pytest.fixture
def store(db_path: Path):
    with BookmarkStore(db_path) as opened:
        yield opened


# --- basic use ------------------------------------------------------------------------------------


def test_add_keeps_a_snapshot_of_the_story(store: BookmarkStore) -> None:
    original = story(1, headline=None, title="Untitled story")
    added = store.add(original, note="read later", tags=["NHS"])
    got = store.get("s1")
    assert got == added
    assert (got.headline, got.title, got.date, got.source, got.body, got.digest_title) == (
        None,
        "Untitled story",
        original.date,
        original.source,
        original.body,
        original.digest_title,
    )
    assert got.note == "read later" and got.tags == ("NHS",)
    assert got.created.tzinfo is not None and got.created.utcoffset() == dt.timedelta(0)
    assert store.get("missing") is None


def test_the_snapshot_keeps_the_storys_details_and_the_json_export_carries_them(
    store: BookmarkStore,
) -> None:
    from indexer.bookmarks.export.dex_json import import_json, to_json

    details = "Deceased: Mr Kieran Walsh | Coroner: Alison Dunmore | Sent to: NHS England"
    store.add(story(1, details=details))
    store.add(story(2))
    assert store.get("s1").details == details and store.get("s2").details is None
    back = {bookmark.story_id: bookmark.details for bookmark in import_json(to_json(store.list()))}
    assert back == {"s1": details, "s2": None}


def test_creates_parent_folders_and_survives_reopening(db_path: Path) -> None:
    with BookmarkStore(db_path) as first:
        first.add(story(1), tags=["a"])
    with BookmarkStore(db_path) as second:
        assert [b.story_id for b in second.list()] == ["s1"]
        assert second.get("s1").tags == ("a",)


def test_list_is_newest_first_and_filters(store: BookmarkStore) -> None:
    for n in range(5):
        store.add(story(n), tags=["even"] if n % 2 == 0 else ["odd"])
    assert [b.story_id for b in store.list()] == ["s4", "s3", "s2", "s1", "s0"]
    assert [b.story_id for b in store.list(tag="EVEN")] == ["s4", "s2", "s0"]
    assert [b.story_id for b in store.list(ids={"s1", "s2", "nope"})] == ["s2", "s1"]
    assert [b.story_id for b in store.list(tag="odd", ids=["s1", "s2"])] == ["s1"]
    assert store.list(tag="none") == []
    assert len(store) == 5


def test_toggle(store: BookmarkStore) -> None:
    assert store.toggle(story(1)) is True
    assert store.ids() == {"s1"}
    assert store.toggle(story(1)) is False
    assert store.ids() == set()


def test_remove_returns_the_bookmark_and_restore_puts_it_back(store: BookmarkStore) -> None:
    for n in range(3):
        store.add(story(n), note=f"note {n}", tags=["x", f"t{n}"])
    removed = store.remove("s1")
    assert removed is not None and removed.note == "note 1" and removed.tags == ("x", "t1")
    assert store.get("s1") is None
    assert store.remove("s1") is None
    store.restore(removed)
    assert store.get("s1") == removed
    assert [b.story_id for b in store.list()] == ["s2", "s1", "s0"]  # back in its place


def test_update_note_and_tags(store: BookmarkStore) -> None:
    store.add(story(1), note="old", tags=["a", "b"])
    assert store.update("s1", note="new").tags == ("a", "b")
    changed = store.update("s1", tags=["c"])
    assert (changed.note, changed.tags) == ("new", ("c",))
    assert store.get("s1") == changed
    assert store.update("s1", note="", tags=[]).tags == ()
    with pytest.raises(KeyError):
        store.update("missing", note="x")


def test_adding_again_keeps_the_bookmark_and_unions_tags(store: BookmarkStore) -> None:
    first = store.add(story(1), note="mine", tags=["a"])
    again = store.add(story(1, headline="Changed later"), tags=["A", "b"])
    assert again.created == first.created and again.headline == "Headline 1"
    assert (again.note, again.tags) == ("mine", ("a", "b"))
    assert store.add(story(1), note="replaced").note == "replaced"


# --- tags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["  NHS  ", "nhs", "Nhs"], ("NHS",)),
        (["a, b", 'say "hi"', "it's"], ("a, b", 'say "hi"', "it's")),
        (["Straße", "STRASSE", "Zürich"], ("Straße", "Zürich")),
        (["two\n words\t", "", "   "], ("two words",)),
        (["bell\x07tag"], ("belltag",)),
    ],
)
def test_tags_are_normalised(given: list[str], expected: tuple[str, ...]) -> None:
    assert normalise_tags(given) == expected


def test_tags_match_case_insensitively_and_count(store: BookmarkStore) -> None:
    store.add(story(1), tags=["Policy, funding", "NHS"])
    store.add(story(2), tags=["nhs"])
    store.add(story(3), tags=["NHS", 'say "hi"'])
    assert store.ids("nhs") == {"s1", "s2", "s3"}
    assert store.ids("POLICY, FUNDING") == {"s1"}
    assert store.ids('say "hi"') == {"s3"}
    assert store.ids() == {"s1", "s2", "s3"}
    # One entry per tag whatever its case, shown in its commonest spelling.
    assert store.tags() == [("NHS", 3), ("Policy, funding", 1), ('say "hi"', 1)]


def test_add_many_is_one_transaction_and_counts_new(store: BookmarkStore) -> None:
    store.add(story(2))
    added = store.add_many([story(n) for n in range(5)], tags=["batch"])
    assert added == 4
    assert store.ids("batch") == {"s0", "s1", "s3", "s4"}
    assert [b.story_id for b in store.list(tag="batch")] == ["s0", "s1", "s3", "s4"]
    assert store.add_many([]) == 0


def test_merge_policy(store: BookmarkStore) -> None:
    store.add(story(1), note="keep me", tags=["a"])
    store.add(story(2), note="", tags=["b"])
    store.add(story(3), note="same", tags=["c"])
    created = dt.datetime(2023, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    incoming = [
        Bookmark.from_story(story(1), note="theirs", tags=["A", "z"], created=created),
        Bookmark.from_story(story(2), note="imported", tags=[], created=created),
        Bookmark.from_story(story(3), note="", tags=["C"], created=created),
        Bookmark.from_story(story(4), note="new", tags=["n"], created=created),
    ]
    result = store.merge(incoming)
    assert (result.added, result.merged, result.unchanged) == (1, 2, 1)
    assert (store.get("s1").note, store.get("s1").tags) == ("keep me", ("a", "z"))
    assert store.get("s2").note == "imported"
    assert store.get("s4") == incoming[3]
    again = store.merge(incoming)
    assert (again.added, again.merged, again.unchanged) == (0, 0, 4)


def test_satisfies_the_index_bookmark_lookup(store: BookmarkStore) -> None:
    store.add(story(1), tags=["x"])
    lookup: BookmarkLookup = store
    assert lookup.ids() == {"s1"} and lookup.ids(tag="X") == {"s1"} and lookup.ids("y") == set()


def test_in_memory_fallback_works_but_keeps_nothing(tmp_path: Path) -> None:
    with BookmarkStore.in_memory() as memory:
        assert not memory.persistent
        memory.add(story(1), tags=["t"])
        assert memory.ids("t") == {"s1"}
    assert list(tmp_path.iterdir()) == []


def test_threads_share_one_store(store: BookmarkStore) -> None:
    def worker(k: int) -> None:
        for n in range(25):
            store.add(story(f"{k}-{n}"), tags=[f"t{k}"])
            store.list(tag=f"t{k}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.ids()) == 100


def test_refresh_sees_changes_by_another_instance(db_path: Path) -> None:
    with BookmarkStore(db_path) as app, BookmarkStore(db_path) as other:
        assert app.refresh() is False
        other.add(story(1))
        assert app.refresh() is True
        assert app.refresh() is False
        assert app.ids() == {"s1"}


# --- durability settings and schema -------------------------------------------------------------


def test_database_settings(store: BookmarkStore, db_path: Path) -> None:
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        raw.close()


V1_SCHEMA = """
PRAGMA application_id = 1145395266;
CREATE TABLE bookmark (
    story_id TEXT PRIMARY KEY, headline TEXT, title TEXT NOT NULL, date TEXT NOT NULL,
    source TEXT NOT NULL, body TEXT NOT NULL, digest_title TEXT NOT NULL, created TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tag (
    story_id TEXT NOT NULL REFERENCES bookmark(story_id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (story_id, tag)
);
CREATE INDEX bookmark_created ON bookmark(created);
PRAGMA user_version = 1;
"""


def test_migrates_a_version_1_database(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    old = sqlite3.connect(db_path)
    old.executescript(V1_SCHEMA)
    old.execute(
        "INSERT INTO bookmark VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "old1", "Old headline", "Old headline", "2020-02-03", "old.txt", "Old body.",
            "Old digest", "2020-02-04T10:00:00.000000+00:00", "an old note",
        ),
    )  # fmt: skip
    # v1 matched tags by exact spelling, so it could hold the same tag twice in two cases.
    old.executemany(
        "INSERT INTO tag VALUES (?, ?)",
        [("old1", "NHS"), ("old1", " nhs "), ("old1", "Funding, capital")],
    )
    old.commit()
    old.close()

    with BookmarkStore(db_path) as store:
        got = store.get("old1")
        assert got is not None
        assert (got.headline, got.date, got.note) == (
            "Old headline",
            dt.date(2020, 2, 3),
            "an old note",
        )
        assert got.created == dt.datetime(2020, 2, 4, 10, tzinfo=dt.UTC)
        assert got.tags == ("NHS", "Funding, capital")
        assert store.ids("nhs") == {"old1"}
        store.update("old1", tags=["new"])
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with BookmarkStore(db_path) as reopened:  # migrating is done once
        assert reopened.get("old1").tags == ("new",)


def test_a_failed_migration_changes_nothing(db_path: Path, monkeypatch) -> None:
    db_path.parent.mkdir(parents=True)
    old = sqlite3.connect(db_path)
    old.executescript(V1_SCHEMA)
    old.close()

    def broken(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE tag ADD COLUMN tag_key TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(bookmark_schema, "MIGRATIONS", (bookmark_schema.MIGRATIONS[0], broken))
    with pytest.raises(BookmarkStoreError, match="disk I/O error"):
        BookmarkStore(db_path)
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [row[1] for row in raw.execute("PRAGMA table_info(tag)")]
        assert "tag_key" not in columns
    finally:
        raw.close()


# --- files that are not ours ----------------------------------------------------------------------


def _foreign_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (x TEXT)")
    db.execute("INSERT INTO notes VALUES ('someone else''s data')")
    db.commit()
    db.close()


def _damaged_store(path: Path) -> None:
    with BookmarkStore(path) as store:
        store.add_many([story(n, body="text " * 400) for n in range(40)])
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 2 * page + 200] = b"\xff" * 200  # scribble over a b-tree page
    path.write_bytes(bytes(data))


def _newer_store(path: Path) -> None:
    with BookmarkStore(path):
        pass
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b"These are my notes, not a database.\n" * 50), "not a bookmarks"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(3000)), "not a bookmarks"),
        (_foreign_sqlite, "not a Digest Explorer bookmarks database"),
        (_damaged_store, "damaged"),
        (_newer_store, "newer dex"),
    ],
    ids=["text", "bad-header", "foreign-sqlite", "damaged", "newer-schema"],
)
def test_files_that_are_not_usable_are_reported_and_kept(db_path: Path, make, reason: str) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    make(db_path)
    before = db_path.read_bytes()
    with pytest.raises(BookmarkStoreError) as caught:
        BookmarkStore(db_path)
    message = str(caught.value)
    assert str(db_path) in message and reason in message and "\n" not in message
    assert db_path.read_bytes() == before


def test_an_empty_file_becomes_a_store(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    with BookmarkStore(db_path) as store:
        store.add(story(1))
        assert store.ids() == {"s1"}


def test_unusable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BookmarkStoreError, match="cannot create its folder"):
        BookmarkStore(blocker / "sub" / "bookmarks.sqlite3")
    with pytest.raises(BookmarkStoreError, match="is a folder"):
        BookmarkStore(tmp_path)


# --- several processes --------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import datetime as dt, os, sys, time
    from indexer.bookmarks.store import BookmarkStore
    from indexer.records import Story

    path, prefix, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    store = BookmarkStore(path)
    print("ready", flush=True)
    while not os.path.exists(go):
        time.sleep(0.002)
    for n in range(count):
        story = Story(id=f"{prefix}{n}", source="x.txt", digest_title="d",
                      date=dt.date(2024, 1, 1), date_from="header", position=n,
                      headline=f"h{n}", title=f"h{n}", body="b" * 200)
        store.add(story, tags=[prefix])
        print(n, flush=True)
    store.close()
    """
)


def _writer(tmp_path: Path, db_path: Path, prefix: str, count: int, go: Path) -> subprocess.Popen:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, str(script), str(db_path), prefix, str(count), str(go)]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path, db_path: Path) -> None:
    BookmarkStore(db_path).close()
    go = tmp_path / "go"
    writers = [_writer(tmp_path, db_path, prefix, 200, go) for prefix in ("a", "b")]
    go.touch()
    for process in writers:
        process.communicate(timeout=60)
        assert process.returncode == 0
    with BookmarkStore(db_path) as store:
        assert len(store.ids()) == 400
        assert len(store.ids("a")) == len(store.ids("b")) == 200


def test_a_killed_writer_loses_nothing_it_committed(tmp_path: Path, db_path: Path) -> None:
    with BookmarkStore(db_path) as store:
        store.add(story("before"), note="older bookmark", tags=["keep"])
    go = tmp_path / "go"
    go.touch()
    process = _writer(tmp_path, db_path, "k", 100_000, go)
    assert process.stdout is not None
    committed = [process.stdout.readline() for _ in range(30)]
    process.send_signal(signal.SIGKILL)
    rest, _ = process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL
    committed += rest.splitlines()
    numbers = {int(line) for line in committed if line.strip()}

    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        raw.close()
    with BookmarkStore(db_path) as store:
        ids = store.ids()
        assert {f"k{n}" for n in numbers} <= ids
        assert store.get("sbefore").tags == ("keep",)
        # The add in flight is all there (bookmark and its tag) or not at all.
        assert store.ids("k") == {i for i in ids if i.startswith("k")}


def test_a_second_instance_waits_for_a_writer(db_path: Path, monkeypatch) -> None:
    with BookmarkStore(db_path) as store:
        holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
        release.start()
        started = time.monotonic()
        store.add(story(1))  # waits for the lock, then succeeds
        assert time.monotonic() - started >= 0.2
        release.join()

        holder.execute("BEGIN IMMEDIATE")
        store._db.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(BookmarkStoreError, match="busy"):
            store.add(story(2))
        holder.execute("ROLLBACK")
        holder.close()
        assert store.ids() == {"s1"}
