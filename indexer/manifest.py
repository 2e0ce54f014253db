"""What has been indexed: files (size, mtime, content hash) and where each story appears.

Kept in SQLite beside the Whoosh index. It lets a re-index skip unchanged files without reading
them, find files that left an indexed folder, and rebuild a story's list of sources when one of
the digests repeating it changes or goes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.documents import Occurrence
from indexer.index_errors import IndexDamagedError

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


class Manifest:
    """One connection, one transaction per indexing run (commit() after Whoosh commits)."""

    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(path, isolation_level="DEFERRED", timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")  # readers (facet names) never wait
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise IndexDamagedError(f"{path}: index manifest unreadable ({exc})") from exc

    def files(self) -> dict[str, FileRecord]:
        rows = self._db.execute("SELECT path, source, size, mtime_ns, hash, sample FROM files")
        return {
            path: FileRecord(path, source, size, mtime_ns, hash_, bool(sample))
            for path, source, size, mtime_ns, hash_, sample in rows
        }

    def put_file(self, record: FileRecord) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (record.path, record.source, record.size, record.mtime_ns, record.hash,
             int(record.sample)),
        )  # fmt: skip

    def drop_file(self, path: str) -> None:
        self._db.execute("DELETE FROM files WHERE path = ?", (path,))

    def take_occurrences(self, paths: Iterable[str]) -> dict[str, list[tuple[str, Occurrence]]]:
        """Remove and return the occurrences found in these files: path -> [(story id, occ)]."""
        taken: dict[str, list[tuple[str, Occurrence]]] = {}
        for path in paths:
            rows = self._db.execute(
                f"SELECT story_id, {_OCCURRENCE} FROM occurrences WHERE path = ? ORDER BY seq",
                (path,),
            ).fetchall()
            taken[path] = [(row[0], _occurrence(row[1:])) for row in rows]
            self._db.execute("DELETE FROM occurrences WHERE path = ?", (path,))
        return taken

    def add_occurrences(self, path: str, found: Iterable[tuple[str, Occurrence]]) -> None:
        self._db.executemany(
            "INSERT INTO occurrences (story_id, path, source, digest_key, digest_title, date, "
            "date_from, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (story_id, path, o.source, o.digest_key, o.digest_title, o.date.isoformat(),
                 o.date_from, o.position)
                for story_id, o in found
            ],
        )  # fmt: skip

    def add_names(self, names: dict[str, str]) -> None:
        """Remember how entity names were written ("NHS England" for the term "nhs england")."""
        self._db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names.items())

    def story_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT DISTINCT story_id FROM occurrences")}

    def occurrences(self, story_id: str) -> list[Occurrence]:
        rows = self._db.execute(
            f"SELECT {_OCCURRENCE} FROM occurrences WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        return [_occurrence(row) for row in rows]

    def commit(self) -> None:
        self._db.commit()

    def rollback(self) -> None:
        self._db.rollback()

    def close(self) -> None:
        self._db.close()
