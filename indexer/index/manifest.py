"""What has been indexed: files (size, mtime, content hash) and where each story appears.

Kept in SQLite beside the Whoosh index. It lets a re-index skip unchanged files without reading
them, find files that left an indexed folder, and rebuild a story's list of sources when one of
the digests repeating it changes or goes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from indexer.engine.documents import Occurrence
from indexer.errors import IndexDamagedError

FILE_NAME = "manifest.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, source TEXT NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, hash TEXT NOT NULL, sample INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS occurrences (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, story_id TEXT NOT NULL, path TEXT NOT NULL,
    source TEXT NOT NULL, digest_key TEXT NOT NULL, digest_title TEXT NOT NULL,
    date TEXT NOT NULL, date_from TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS occurrences_story ON occurrences (story_id);
CREATE INDEX IF NOT EXISTS occurrences_path ON occurrences (path);
CREATE TABLE IF NOT EXISTS names (key TEXT PRIMARY KEY, display TEXT NOT NULL);
"""
_OCCURRENCE = "source, digest_key, digest_title, date, date_from, position"
_ADD_OCCURRENCE = (
    f"INSERT INTO occurrences (story_id, {_OCCURRENCE}, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_PUT_FILE = "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)"
PENDING_ROWS = 4096  # rows held before they are written (one executemany is cheaper than many)
_PATHS_A_QUERY = 500  # below SQLite's limit on host parameters

# A story's appearance as the manifest stores it: story id, source, digest key, digest title,
# date (ISO), date_from, position in the digest.
Row = tuple[str, str, str, str, str, str, int]


@dataclass(frozen=True, slots=True)
class FileRecord:
    path: str  # absolute path: the key
    source: str  # as the user named it
    size: int
    mtime_ns: int
    hash: str
    sample: bool = False


def _occurrence(row: Sequence[object]) -> Occurrence:
    source, key, title, date, date_from, position = row
    return Occurrence(
        str(source),
        str(key),
        str(title),
        dt.date.fromisoformat(str(date)),
        date_from,  # type: ignore[arg-type]
        int(position),  # type: ignore[call-overload]
    )


def file_dated_story_ids(index_dir: Path) -> list[str]:
    """Stories with an appearance dated by its file's modification time (no date in the mail,
    the text or the name), read without taking a writer's lock; none if it cannot be read."""
    try:
        with closing(sqlite3.connect(f"file:{index_dir / FILE_NAME}?mode=ro", uri=True)) as db:
            rows = db.execute(
                "SELECT DISTINCT story_id FROM occurrences WHERE date_from = 'mtime'"
            ).fetchall()
    except sqlite3.Error:
        return []
    return [str(row[0]) for row in rows]


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Manifest:
    """One connection, one transaction per indexing run (commit() after Whoosh commits).

    Files and appearances added are held and written in batches (every read writes them
    first), all within the run's one transaction, so a crash still commits nothing."""

    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(path, isolation_level="DEFERRED", timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")  # readers (facet names) never wait
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise IndexDamagedError(f"{path}: index manifest unreadable ({exc})") from exc
        self._files: list[tuple[str, str, int, int, str, int]] = []
        self._found: list[tuple[tuple[str], Sequence[Row]]] = []  # ((path,), rows) to write
        self._held = 0  # rows in self._found

    def _write(self) -> None:
        """Write the files and appearances held (still uncommitted)."""
        if self._files:
            self._db.executemany(_PUT_FILE, self._files)
            self._files = []
        if self._found:
            found, self._found, self._held = self._found, [], 0
            self._db.executemany(
                _ADD_OCCURRENCE, (row + tail for tail, rows in found for row in rows)
            )

    def files(self) -> dict[str, FileRecord]:
        self._write()
        rows = self._db.execute("SELECT path, source, size, mtime_ns, hash, sample FROM files")
        return {
            path: FileRecord(path, source, size, mtime_ns, hash_, bool(sample))
            for path, source, size, mtime_ns, hash_, sample in rows
        }

    def put_file(self, record: FileRecord) -> None:
        self._files.append(
            (record.path, record.source, record.size, record.mtime_ns, record.hash,
             int(record.sample))
        )  # fmt: skip

    def drop_file(self, path: str) -> None:
        self._write()
        self._db.execute("DELETE FROM files WHERE path = ?", (path,))

    def take_occurrences(self, paths: Sequence[str]) -> dict[str, list[Row]]:
        """Remove and return the appearances found in these files, in the order they were
        added: path -> rows."""
        self._write()
        taken: dict[str, list[Row]] = {path: [] for path in paths}
        for some in _chunks(list(taken), _PATHS_A_QUERY):
            marks = ", ".join("?" * len(some))
            rows = self._db.execute(
                f"SELECT path, story_id, {_OCCURRENCE} FROM occurrences WHERE path IN ({marks}) "
                "ORDER BY seq",
                some,
            )
            for row in rows:
                taken[row[0]].append(row[1:])
            self._db.execute(f"DELETE FROM occurrences WHERE path IN ({marks})", some)
        return taken

    def add_occurrences(self, path: str, rows: Sequence[Row]) -> None:
        """Record where stories appear in a file (written with the next batch)."""
        self._found.append(((path,), rows))
        self._held += len(rows)
        if self._held >= PENDING_ROWS:
            self._write()

    def add_names(self, names: dict[str, str]) -> None:
        """Remember how entity names were written ("NHS England" for the term "nhs england")."""
        self._write()
        self._db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names.items())

    def story_ids(self) -> set[str]:
        self._write()
        return {row[0] for row in self._db.execute("SELECT DISTINCT story_id FROM occurrences")}

    def occurrences(self, story_id: str) -> list[Occurrence]:
        self._write()
        rows = self._db.execute(
            f"SELECT {_OCCURRENCE} FROM occurrences WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        return [_occurrence(row) for row in rows]

    def commit(self) -> None:
        self._write()
        self._db.commit()

    def settle(self) -> bool:
        """Move everything committed from the write-ahead log into the file itself, so the
        file does not change after the run (its checksum holds); False if a reader kept part
        of the log in use."""
        try:
            busy, _, _ = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.OperationalError:
            return False
        return not busy

    def rollback(self) -> None:
        self._files, self._found, self._held = [], [], 0
        self._db.rollback()

    def close(self) -> None:
        self._db.close()
