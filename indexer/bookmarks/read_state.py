"""What the user has read, and what arrived since they last looked ("new since last visit").

A small SQLite file of its own in the user data directory, beside the bookmarks but not in
them: it is cheap to lose (nothing is new, nothing read) and written often, so it is not backed
up or fsynced on every change. It stays small for a million stories: it keeps the stories the
user read (a few thousand, not the archive), and the stories that arrived since the visit before
this one, as the indexing side tells it (`note_arrivals`, with `IndexSummary.new_ids`).

A visit: `begin_visit()` when the app opens; `looked()` while the user reads (and at exit).
Stories that arrived after the last look of the previous visit are new in this one. Arrivals
are only kept once the user has visited: the first index of an archive marks nothing new.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

APPLICATION_ID = 0x44455852  # "DEXR"
_CHUNK = 500  # ids per IN (...) query, below SQLite's limit on parameters


class ReadStateError(Exception):
    """The file is not ours, damaged or cannot be written; str(e) is one line naming it."""


def _seconds(when: dt.datetime | None) -> float:
    return time.time() if when is None else when.timestamp()


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


class ReadState:
    """Read marks and arrivals, shared by threads (one locked connection) and processes (WAL)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                path, timeout=10, isolation_level=None, check_same_thread=False
            )
            self._set_up()
        except (OSError, sqlite3.Error) as exc:
            raise ReadStateError(f"read state {self.path}: cannot use ({exc})") from exc

    def _set_up(self) -> None:
        db = self._db
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if app_id != APPLICATION_ID and (app_id or tables):
            db.close()
            raise sqlite3.DatabaseError("not a dex read-state file; left untouched")
        if str(self.path) != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        with self._writing() as w:
            w.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            w.execute(
                "CREATE TABLE IF NOT EXISTS read (story_id TEXT PRIMARY KEY, at REAL NOT NULL)"
                " WITHOUT ROWID"
            )
            w.execute(
                "CREATE TABLE IF NOT EXISTS arrival (story_id TEXT PRIMARY KEY, at REAL NOT NULL)"
                " WITHOUT ROWID"
            )
            w.execute(
                "CREATE TABLE IF NOT EXISTS visit (one INTEGER PRIMARY KEY CHECK (one = 1),"
                " baseline REAL, looked REAL NOT NULL)"
            )

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; SQLite's errors (a lock held too long, a full disk) are
        ReadStateError."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                    self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise ReadStateError(f"read state {self.path}: not saved ({exc})") from exc

    # --- visits --------------------------------------------------------------------------------

    def _visit(self) -> tuple[float | None, float] | None:
        with self._lock:
            row = self._db.execute("SELECT baseline, looked FROM visit").fetchone()
        return None if row is None else (row[0], row[1])

    def begin_visit(self, now: dt.datetime | None = None) -> dt.datetime | None:
        """A visit begins: what arrived after the previous visit's last look is new from now
        on. Returns that last look (None on the first visit)."""
        at = _seconds(now)
        with self._writing() as db:
            row = db.execute("SELECT looked FROM visit").fetchone()
            baseline = None if row is None else row[0]
            db.execute(
                "INSERT INTO visit (one, baseline, looked) VALUES (1, ?, ?) ON CONFLICT (one)"
                " DO UPDATE SET baseline = excluded.baseline, looked = excluded.looked",
                (baseline, at),
            )
            if baseline is not None:  # older arrivals are no longer new to anyone
                db.execute("DELETE FROM arrival WHERE at <= ?", (baseline,))
        return None if baseline is None else dt.datetime.fromtimestamp(baseline, dt.UTC)

    def looked(self, now: dt.datetime | None = None) -> None:
        """The user is looking now (call it while they read, and when the app closes)."""
        with self._writing() as db:
            db.execute("UPDATE visit SET looked = ?", (_seconds(now),))

    # --- arrivals ------------------------------------------------------------------------------

    def note_arrivals(self, story_ids: Iterable[str], now: dt.datetime | None = None) -> None:
        """Stories new to the index (kept only once the user has visited)."""
        ids = list(story_ids)
        if not ids or self._visit() is None:
            return
        at = _seconds(now)
        with self._writing() as db:
            db.executemany(
                "INSERT OR REPLACE INTO arrival (story_id, at) VALUES (?, ?)",
                ((story_id, at) for story_id in ids),
            )

    def note_gone(self, story_ids: Iterable[str]) -> None:
        """Stories that left the index are new no more."""
        self._delete("arrival", story_ids)

    def _delete(self, table: str, story_ids: Iterable[str]) -> None:
        ids = list(story_ids)
        with self._writing() as db:
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                db.execute(f"DELETE FROM {table} WHERE story_id IN ({marks})", chunk)

    def new_ids(self, *, unread: bool = False) -> set[str]:
        """Stories that arrived since the previous visit's last look (only unread ones)."""
        visit = self._visit()
        if visit is None or visit[0] is None:
            return set()
        sql = "SELECT story_id FROM arrival WHERE at > ?"
        if unread:
            sql += " AND story_id NOT IN (SELECT story_id FROM read)"
        with self._lock:
            return {row[0] for row in self._db.execute(sql, (visit[0],))}

    def waiting_ids(self) -> set[str]:
        """Unread stories that arrived since the user last looked: what the next visit will show
        as new (for the command line, which is no visit of its own)."""
        visit = self._visit()
        if visit is None:
            return set()
        sql = (
            "SELECT story_id FROM arrival WHERE at > ?"
            " AND story_id NOT IN (SELECT story_id FROM read)"
        )
        with self._lock:
            return {row[0] for row in self._db.execute(sql, (visit[1],))}

    def new_count(self, *, unread: bool = False) -> int:
        return len(self.new_ids(unread=unread))

    # --- read marks ----------------------------------------------------------------------------

    def mark_read(self, story_ids: Iterable[str], now: dt.datetime | None = None) -> None:
        at = _seconds(now)
        with self._writing() as db:
            db.executemany(
                "INSERT OR REPLACE INTO read (story_id, at) VALUES (?, ?)",
                ((story_id, at) for story_id in story_ids),
            )

    def mark_unread(self, story_ids: Iterable[str]) -> None:
        self._delete("read", story_ids)

    def read_among(self, story_ids: Iterable[str]) -> set[str]:
        """Which of these stories (a page of results) the user has read."""
        ids = list(story_ids)
        found: set[str] = set()
        with self._lock:
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT story_id FROM read WHERE story_id IN ({marks})", chunk
                )
                found.update(row[0] for row in rows)
        return found

    def read_at(self, story_id: str) -> dt.datetime | None:
        with self._lock:
            row = self._db.execute("SELECT at FROM read WHERE story_id = ?", (story_id,)).fetchone()
        return None if row is None else dt.datetime.fromtimestamp(row[0], dt.UTC)

    # --- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ReadState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def note_index_changes(path: Path, new_ids: Collection[str], gone_ids: Collection[str]) -> None:
    """Tell the read state at `path` which stories an index run added and removed; nothing to
    tell before the user's first visit (no file yet). ReadStateError names the file."""
    if not (new_ids or gone_ids) or not path.exists():
        return
    with ReadState(path) as state:
        state.note_arrivals(new_ids)
        state.note_gone(gone_ids)
