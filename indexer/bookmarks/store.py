"""The user's bookmarks: the one thing that cannot be rebuilt from the digests, so kept with care.

SQLite (stdlib driver) in WAL mode with `synchronous=FULL`: every commit is fsynced, so neither a
crash, a `kill -9` nor a power cut loses a bookmark the app said it saved (NORMAL would be safe
against a crash but may drop the last commits on power loss; writes here are rare, so the fsync
costs nothing a user can feel). Writes take the lock up front (`BEGIN IMMEDIATE`) and wait up to
`BUSY_TIMEOUT_S` for a second running `dex`, instead of failing.

A bookmark keeps a snapshot of the story as the user saw it, so it survives re-indexing and the
digest file disappearing. The schema (`bookmark_schema`) is versioned and the file is recognised
by `PRAGMA application_id`: a file that is not ours (or is damaged) raises `BookmarkStoreError`
and is never written to. The app then shows the message and carries on with
`BookmarkStore.in_memory()` (bookmarks of that session are not saved, but can still be exported).
"""

from __future__ import annotations

import builtins
import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from indexer.bookmarks import schema
from indexer.bookmarks.saved import SavedSearches
from indexer.bookmarks.schema import normalise_tags, tag_key
from indexer.reading.textcodec import visible_controls
from indexer.records import Story

BUSY_TIMEOUT_S = 10.0
_WAL_RETRY_S = 0.02


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch to write-ahead logging, waiting out a peer that is opening the file too.

    Changing the journal mode does not wait on SQLite's busy handler: two stores opened at the
    same moment (two app windows, the app and `dex bookmarks`) can see "database is locked" at
    once. It is retried for up to `BUSY_TIMEOUT_S`; a file already in WAL mode is not touched.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(_WAL_RETRY_S)


class BookmarkStoreError(Exception):
    """The bookmarks database is damaged, not ours, busy or unwritable; str(e) is one line.
    `unusable` is True when the file itself is the problem (damaged or not a dex bookmarks
    database), not the moment (a lock, a read-only folder)."""

    def __init__(self, message: str, *, unusable: bool = False) -> None:
        super().__init__(message)
        self.unusable = unusable


def set_aside(path: Path) -> Path:
    """Move an unusable bookmarks file out of the way, whole and unchanged, so a fresh one can
    take its place; returns where it went. Its write-ahead log moves first: were the main file
    moved first and a crash came between, a new database could meet the old log."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    os.replace(path, target)
    return target


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmarked story: a snapshot of what the user saw, plus their note and tags."""

    story_id: str
    headline: str | None
    title: str
    date: dt.date
    source: str
    body: str
    digest_title: str
    created: dt.datetime  # UTC
    note: str = ""
    tags: tuple[str, ...] = ()
    details: str | None = None  # the story's metadata lines ("Closing date: 17 March")

    @classmethod
    def from_story(
        cls,
        story: Story,
        note: str = "",
        tags: Iterable[str] = (),
        created: dt.datetime | None = None,
    ) -> Bookmark:
        return cls(
            story_id=story.id,
            headline=story.headline,
            title=story.title,
            date=story.date,
            source=story.source,
            body=story.body,
            digest_title=story.digest_title,
            created=created or utc_now(),
            note=note,
            tags=normalise_tags(tags),
            details=story.details,
        )


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What importing bookmarks did: new ones, existing ones that gained tags/a note, the rest."""

    added: int = 0
    merged: int = 0
    unchanged: int = 0


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_COLUMNS = "story_id, headline, title, date, source, body, digest_title, created, note, details"


def _created_text(created: dt.datetime) -> str:
    """Fixed-width UTC ISO text, so ordering by the column is ordering by time."""
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    return created.astimezone(dt.UTC).isoformat(timespec="microseconds")


class BookmarkStore:
    """Bookmarks on disk, shared safely by threads (one locked connection) and processes (WAL)."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._data_version: int | None = None
        self.changed = False  # this store wrote a change (for the backup after a run)
        self._db = self._open()

    @classmethod
    def in_memory(cls) -> BookmarkStore:
        """A store that keeps nothing: the fallback when the file on disk cannot be used."""
        return cls(":memory:")

    @classmethod
    def for_reading(cls, path: Path | str) -> BookmarkStore:
        """The store to list or export from: read-write if possible, else read-only (a
        read-only folder, a backup on a read-only disk); BookmarkStoreError if neither."""
        try:
            return cls(path)
        except BookmarkStoreError:
            try:
                return cls(path, read_only=True)
            except BookmarkStoreError:
                pass
            raise

    @property
    def persistent(self) -> bool:
        return str(self.path) != ":memory:"

    # --- opening -------------------------------------------------------------------------------

    def _fail(self, what: str, *, unusable: bool = False) -> BookmarkStoreError:
        message = " ".join(f"bookmarks {self.path}: {what}".split())
        return BookmarkStoreError(message, unusable=unusable)

    def _open(self) -> sqlite3.Connection:
        if self.read_only:
            return self._open_read_only()
        if self.persistent:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._fail(f"cannot create its folder ({exc.strerror or exc})") from exc
            if self.path.is_dir():
                raise self._fail("is a folder, not a file")
        try:
            db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise self._fail(f"cannot open ({exc})") from exc
        try:
            self._check_and_migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _open_read_only(self) -> sqlite3.Connection:
        """Read without writing anything. `mode=ro` still needs WAL's shared-memory file; where
        that cannot be made, `immutable` reads the file alone, which is only complete when no
        write-ahead log is waiting beside it."""
        if not self.path.is_file():
            raise self._fail("no such file")
        base = self.path.resolve().as_uri()
        db: sqlite3.Connection | None = None
        error: sqlite3.Error | None = None
        for uri in (f"{base}?mode=ro", f"{base}?mode=ro&immutable=1"):
            if uri.endswith("immutable=1"):
                wal = Path(f"{self.path}-wal")
                if wal.exists() and wal.stat().st_size > 0:
                    raise self._fail(f"its latest changes are in {wal}; open it where it can "
                                     "be written")  # fmt: skip
            try:
                db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
                db.execute("PRAGMA user_version").fetchone()
                break
            except sqlite3.Error as exc:
                if db is not None:
                    db.close()
                db = None
                error = exc
        if db is None:
            raise self._fail(f"cannot open ({error})")
        problem = schema.why_unusable(db)
        if not problem and db.execute("PRAGMA user_version").fetchone()[0] != len(
            schema.MIGRATIONS
        ):
            problem = "made by an older dex; open it once where it can be written"
        if problem:
            db.close()
            raise self._fail(f"{problem}; the file was left untouched")
        return db

    def _check_and_migrate(self, db: sqlite3.Connection) -> None:
        """Recognise the file before changing anything in it; then set it up and migrate."""
        problem = schema.why_unusable(db)
        if problem:
            unusable = problem.startswith(schema.UNUSABLE)
            raise self._fail(f"{problem}; the file was left untouched", unusable=unusable)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if self.persistent:
                _use_wal(db)
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise self._fail(f"cannot use ({exc})") from exc
        self._migrate(db)

    def _migrate(self, db: sqlite3.Connection) -> None:
        while True:
            with self._transaction(db):
                # Re-read inside the write lock: another process may have migrated meanwhile.
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version >= len(schema.MIGRATIONS):
                    return
                schema.MIGRATIONS[version](db)
                db.execute(f"PRAGMA user_version = {version + 1}")

    # --- transactions --------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, db: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock first so a busy peer is waited for."""
        conn = db if db is not None else self._db
        with self._lock:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._error(exc) from exc
            try:
                yield conn
                conn.execute("COMMIT")
                self.changed = self.changed or db is None  # not the migrations at open
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc) from exc
                raise

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise self._error(exc) from exc

    def _error(self, exc: sqlite3.Error) -> BookmarkStoreError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return self._fail("busy: another dex kept it locked; try again")
        if isinstance(exc, sqlite3.ProgrammingError) and "closed" in text:
            return self._fail("already closed")
        return self._fail(f"could not save or read ({text})")

    # --- reading -------------------------------------------------------------------------------

    def _get_in(self, db: sqlite3.Connection, story_id: str) -> Bookmark | None:
        sql = f"SELECT {_COLUMNS} FROM bookmark WHERE story_id = ?"
        found = self._rows_to_bookmarks(db, db.execute(sql, (story_id,)).fetchall())
        return found[0] if found else None

    def _rows_to_bookmarks(
        self, db: sqlite3.Connection, rows: list[tuple[Any, ...]]
    ) -> list[Bookmark]:
        tags: dict[str, list[str]] = {}
        ids = {row[0] for row in rows}
        if len(ids) == 1:
            query = db.execute(
                "SELECT story_id, tag FROM tag WHERE story_id = ? ORDER BY rowid", (*ids,)
            )
        else:
            query = db.execute("SELECT story_id, tag FROM tag ORDER BY rowid")
        if ids:
            for story_id, tag in query:
                if story_id in ids:
                    tags.setdefault(story_id, []).append(tag)
        return [
            Bookmark(
                story_id=row[0],
                headline=row[1],
                title=row[2],
                date=dt.date.fromisoformat(row[3]),
                source=row[4],
                body=row[5],
                digest_title=row[6],
                created=dt.datetime.fromisoformat(row[7]),
                note=row[8],
                tags=tuple(tags.get(row[0], ())),
                details=row[9],
            )
            for row in rows
        ]

    def get(self, story_id: str) -> Bookmark | None:
        with self._reading() as db:
            return self._get_in(db, story_id)

    def list(
        self, tag: str | None = None, ids: Collection[str] | None = None
    ) -> builtins.list[Bookmark]:
        """Bookmarks newest first, optionally only those with `tag` and/or among `ids`."""
        sql = f"SELECT {_COLUMNS} FROM bookmark"
        params: tuple[str, ...] = ()
        if tag is not None:
            sql += " WHERE story_id IN (SELECT story_id FROM tag WHERE tag_key = ?)"
            params = (tag_key(tag),)
        sql += " ORDER BY created DESC, rowid DESC"
        with self._reading() as db:
            rows = db.execute(sql, params).fetchall()
            if ids is not None:
                wanted = set(ids)
                rows = [row for row in rows if row[0] in wanted]
            return self._rows_to_bookmarks(db, rows)

    def ids(self, tag: str | None = None) -> set[str]:
        """Bookmarked story ids (or those tagged `tag`): the index's BookmarkLookup."""
        with self._reading() as db:
            if tag is None:
                rows = db.execute("SELECT story_id FROM bookmark").fetchall()
            else:
                rows = db.execute(
                    "SELECT story_id FROM tag WHERE tag_key = ?", (tag_key(tag),)
                ).fetchall()
        return {row[0] for row in rows}

    def tags(self) -> builtins.list[tuple[str, int]]:
        """Every tag with its number of bookmarks, most used first; the commonest spelling shown."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT tag_key, tag, count(*), min(rowid) FROM tag GROUP BY tag_key, tag"
            ).fetchall()
        best: dict[str, tuple[int, int, str]] = {}
        totals: dict[str, int] = {}
        for key, tag, count, first in rows:
            totals[key] = totals.get(key, 0) + count
            if key not in best or (count, -first) > best[key][:2]:
                best[key] = (count, -first, tag)
        counted = [(best[key][2], total) for key, total in totals.items()]
        return sorted(counted, key=lambda item: (-item[1], item[0].casefold()))

    @property
    def saved(self) -> SavedSearches:
        """The saved searches, kept in the same database (and exports) as the bookmarks."""
        return SavedSearches(self)

    def count(self) -> int:
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM bookmark").fetchone()[0])

    def __len__(self) -> int:
        return self.count()

    def refresh(self) -> bool:
        """True if another connection (another dex) changed the bookmarks since the last call."""
        with self._reading() as db:
            version = int(db.execute("PRAGMA data_version").fetchone()[0])
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    # --- writing -------------------------------------------------------------------------------

    @staticmethod
    def _insert(db: sqlite3.Connection, bookmark: Bookmark) -> None:
        # Imported text may hold terminal escapes: kept visible, never to be acted on.
        shown = visible_controls
        db.execute(
            f"INSERT INTO bookmark ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                bookmark.story_id,
                None if bookmark.headline is None else shown(bookmark.headline),
                shown(bookmark.title),
                bookmark.date.isoformat(),
                bookmark.source,
                shown(bookmark.body),
                shown(bookmark.digest_title),
                _created_text(bookmark.created),
                shown(bookmark.note),
                None if bookmark.details is None else shown(bookmark.details),
            ),
        )
        BookmarkStore._set_tags(db, bookmark.story_id, bookmark.tags)

    @staticmethod
    def _set_tags(db: sqlite3.Connection, story_id: str, tags: Iterable[str]) -> None:
        db.execute("DELETE FROM tag WHERE story_id = ?", (story_id,))
        db.executemany(
            "INSERT INTO tag (story_id, tag, tag_key) VALUES (?, ?, ?)",
            [(story_id, tag, tag.casefold()) for tag in normalise_tags(tags)],
        )

    @staticmethod
    def _delete(db: sqlite3.Connection, story_id: str) -> None:
        db.execute("DELETE FROM tag WHERE story_id = ?", (story_id,))
        db.execute("DELETE FROM bookmark WHERE story_id = ?", (story_id,))

    def add(self, story: Story, note: str = "", tags: Iterable[str] = ()) -> Bookmark:
        """Bookmark `story`; if already bookmarked, keep it, union tags, a non-empty note wins."""
        with self._transaction() as db:
            existing = self._get_in(db, story.id)
            if existing is None:
                bookmark = Bookmark.from_story(story, note=note, tags=tags)
                self._insert(db, bookmark)
                return bookmark
            merged = replace(
                existing,
                note=note or existing.note,
                tags=normalise_tags((*existing.tags, *tags)),
            )
            self._write_note_and_tags(db, merged)
            return merged

    def toggle(self, story: Story) -> bool:
        """Bookmark `story`, or remove its bookmark; True if it is bookmarked now."""
        with self._transaction() as db:
            if self._get_in(db, story.id) is not None:
                self._delete(db, story.id)
                return False
            self._insert(db, Bookmark.from_story(story))
            return True

    def remove(self, story_id: str) -> Bookmark | None:
        """Remove a bookmark; returns it (note, tags and all) so the caller can offer undo."""
        with self._transaction() as db:
            existing = self._get_in(db, story_id)
            if existing is not None:
                self._delete(db, story_id)
            return existing

    def restore(self, bookmark: Bookmark) -> None:
        """Put back a removed bookmark exactly as it was (undo), replacing any newer one."""
        with self._transaction() as db:
            self._delete(db, bookmark.story_id)
            self._insert(db, bookmark)

    def update(
        self, story_id: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Bookmark:
        """Replace the note and/or the tags of a bookmark; KeyError if it is not bookmarked."""
        with self._transaction() as db:
            existing = self._get_in(db, story_id)
            if existing is None:
                raise KeyError(story_id)
            changed = replace(
                existing,
                note=existing.note if note is None else note,
                tags=existing.tags if tags is None else normalise_tags(tags),
            )
            self._write_note_and_tags(db, changed)
            return changed

    @staticmethod
    def _write_note_and_tags(db: sqlite3.Connection, bookmark: Bookmark) -> None:
        db.execute(
            "UPDATE bookmark SET note = ? WHERE story_id = ?",
            (visible_controls(bookmark.note), bookmark.story_id),
        )
        BookmarkStore._set_tags(db, bookmark.story_id, bookmark.tags)

    def add_many(self, stories: Iterable[Story], tags: Iterable[str] = ()) -> int:
        """Bookmark every story not yet bookmarked, in one transaction; returns how many are new."""
        tags = normalise_tags(tags)
        created = utc_now()
        added = 0
        with self._transaction() as db:
            present = {row[0] for row in db.execute("SELECT story_id FROM bookmark")}
            for offset, story in enumerate(stories):
                if story.id in present:
                    continue
                # Later stories a microsecond older, so newest-first keeps the given order.
                stamp = created - dt.timedelta(microseconds=offset)
                self._insert(db, Bookmark.from_story(story, tags=tags, created=stamp))
                present.add(story.id)
                added += 1
        return added

    def merge(self, bookmarks: Iterable[Bookmark]) -> MergeResult:
        """Import bookmarks in one transaction.

        New ones are added as they are (created time included). For one already here, the
        existing bookmark is kept, the tags are unioned, and its note is kept if non-empty,
        else the imported note is taken. Importing the same file twice adds nothing.
        """
        added = merged = unchanged = 0
        with self._transaction() as db:
            for incoming in bookmarks:
                existing = self._get_in(db, incoming.story_id)
                if existing is None:
                    self._insert(db, replace(incoming, tags=normalise_tags(incoming.tags)))
                    added += 1
                    continue
                combined = replace(
                    existing,
                    note=existing.note or incoming.note,
                    tags=normalise_tags((*existing.tags, *incoming.tags)),
                )
                if combined == existing:
                    unchanged += 1
                else:
                    self._write_note_and_tags(db, combined)
                    merged += 1
        return MergeResult(added, merged, unchanged)

    def replace_all(self, bookmarks: Iterable[Bookmark]) -> None:
        """Hold exactly these bookmarks (a restore), in one transaction."""
        with self._transaction() as db:
            db.execute("DELETE FROM tag")
            db.execute("DELETE FROM bookmark")
            for bookmark in bookmarks:
                self._delete(db, bookmark.story_id)  # a repeated id: the last one wins
                self._insert(db, replace(bookmark, tags=normalise_tags(bookmark.tags)))

    # --- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"BookmarkStore({os.fspath(self.path)!r})"
