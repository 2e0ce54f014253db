"""The bookmarks database's schema: how tags are keyed, the migrations, and recognising our file.

Kept apart from the store so the on-disk format can be read (and reviewed) in one place. Every
schema change is a new step appended to MIGRATIONS; a step never changes once released.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable

APPLICATION_ID = 0x44455842  # "DEXB" in PRAGMA application_id: how we know the file is ours

_SPACE = re.compile(r"\s+")


def normalise_tag(tag: str) -> str:
    """Trim, NFC, one space for any run of whitespace, no control characters; case is kept."""
    tag = unicodedata.normalize("NFC", tag)
    tag = "".join(ch for ch in tag if ch.isspace() or unicodedata.category(ch)[0] != "C")
    return _SPACE.sub(" ", tag).strip()


def tag_key(tag: str) -> str:
    """What tags are matched by: case-insensitive, Unicode-aware ("Straße" == "STRASSE")."""
    return normalise_tag(tag).casefold()


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Normalised tags without empty ones or duplicates (ignoring case); first spelling kept."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in tags:
        tag = normalise_tag(raw)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


# --- migrations ---------------------------------------------------------------------------


def _v1_create(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        """CREATE TABLE bookmark (
            story_id TEXT PRIMARY KEY,
            headline TEXT,
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            source TEXT NOT NULL,
            body TEXT NOT NULL,
            digest_title TEXT NOT NULL,
            created TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """CREATE TABLE tag (
            story_id TEXT NOT NULL REFERENCES bookmark(story_id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (story_id, tag)
        )"""
    )
    db.execute("CREATE INDEX bookmark_created ON bookmark(created)")


def _v2_tag_keys(db: sqlite3.Connection) -> None:
    """v1 matched tags by exact spelling; v2 keys them case-insensitively (Python casefold)."""
    db.execute("ALTER TABLE tag ADD COLUMN tag_key TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT rowid, story_id, tag FROM tag ORDER BY rowid").fetchall()
    seen: set[tuple[str, str]] = set()
    for rowid, story_id, tag in rows:
        clean = normalise_tag(tag)
        key = (story_id, clean.casefold())
        if not clean or key in seen:
            db.execute("DELETE FROM tag WHERE rowid = ?", (rowid,))
            continue
        seen.add(key)
        db.execute("UPDATE tag SET tag = ?, tag_key = ? WHERE rowid = ?", (clean, key[1], rowid))
    db.execute("CREATE UNIQUE INDEX tag_story_key ON tag(story_id, tag_key)")
    db.execute("CREATE INDEX tag_by_key ON tag(tag_key)")


def _v3_saved_searches(db: sqlite3.Connection) -> None:
    """Saved searches: a query kept under a name (matched like tags, ignoring case)."""
    db.execute(
        """CREATE TABLE saved_search (
            name_key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            query TEXT NOT NULL,
            created TEXT NOT NULL
        )"""
    )


def _v4_story_details(db: sqlite3.Connection) -> None:
    """A story's details (the metadata lines under its headline) kept in the snapshot too."""
    db.execute("ALTER TABLE bookmark ADD COLUMN details TEXT")


# MIGRATIONS[i] takes a database from user_version i to i + 1; append, never edit.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_create,
    _v2_tag_keys,
    _v3_saved_searches,
    _v4_story_details,
)
SCHEMA_VERSION = len(MIGRATIONS)


# How why_unusable's answers begin when the file itself is at fault (not a lock or a folder).
UNUSABLE = ("not a", "damaged")


def why_unusable(db: sqlite3.Connection) -> str | None:
    """Why this database is not one we may use (None if it is ours or empty), reading only."""
    try:
        # One statement, one snapshot: another dex may be creating the file right now, and
        # separate reads could see its tables but not yet its application id.
        app_id, version, tables = db.execute(
            "SELECT (SELECT application_id FROM pragma_application_id()),"
            " (SELECT user_version FROM pragma_user_version()),"
            " (SELECT count(*) FROM sqlite_schema)"
        ).fetchone()
    except sqlite3.OperationalError as exc:  # not damage: a read-only file or folder, a lock
        return f"cannot be opened here ({exc}; is the folder read-only?)"
    except sqlite3.DatabaseError as exc:
        return f"not a bookmarks database ({exc})"
    if app_id == 0 and version == 0 and tables == 0:
        return None  # a new (or empty) file: ours to set up
    if app_id != APPLICATION_ID:
        return "not a Digest Explorer bookmarks database"
    if version > len(MIGRATIONS):
        return f"made by a newer dex (schema {version}, this one knows {len(MIGRATIONS)})"
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return f"damaged ({exc})"
    return None if problems == ["ok"] else f"damaged ({problems[0]})"
