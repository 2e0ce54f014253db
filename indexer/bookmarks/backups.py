"""Rolling automatic backups of the bookmarks, and restoring one without losing the current state.

Bookmarks cannot be rebuilt, and SQLite notices only some damage (a flipped bit in a note's text
passes `PRAGMA quick_check`). So after every app run or command that changed them, dex writes
them, with the saved searches, as a JSON export (the lossless format `dex bookmarks import`
reads) into `DATA/bookmark-backups/`, unless the newest backup already holds the same, and
keeps the newest `KEEP` (as Zotero keeps its automatic database backups). Restoring first backs
up what is there, so a restore can itself be undone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from indexer.atomic import write_text_atomically
from indexer.bookmarks.export import (
    BookmarkImportError,
    bookmark_to_dict,
    import_json,
    import_saved_searches,
    to_json,
)
from indexer.bookmarks.export.dex_json import saved_search_to_dict
from indexer.bookmarks.saved import SavedSearch
from indexer.bookmarks.store import Bookmark, BookmarkStore

KEEP = 10
T = TypeVar("T")
_NAME = re.compile(r"^bookmarks-(\d{8}T\d{6}\.\d{6}Z)(?:-\d+)?\.json$")
_STAMP = "%Y%m%dT%H%M%S.%fZ"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken: dt.datetime  # UTC

    @classmethod
    def of_file(cls, path: Path) -> Backup:
        """Any JSON export, as a backup taken when it was last written."""
        return cls(path, dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC))

    def count(self) -> int | None:
        """How many bookmarks it holds (None if it cannot be read)."""
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
            return len(document["bookmarks"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def read(self) -> list[Bookmark]:
        """Its bookmarks; BookmarkImportError (naming the file) if it is unreadable."""
        return self._read(import_json)

    def read_saved(self) -> list[SavedSearch] | None:
        """Its saved searches (None: made before dex kept any)."""
        return self._read(import_saved_searches)

    def _read(self, parse: Callable[[str], T]) -> T:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise BookmarkImportError(f"{self.path}: cannot read ({reason})") from exc
        try:
            return parse(text)
        except BookmarkImportError as exc:
            raise BookmarkImportError(f"{self.path}: {exc}") from exc


def backups(folder: Path) -> list[Backup]:
    """The backups in `folder`, newest first."""
    found = []
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    for path in entries:
        match = _NAME.match(path.name)
        if match and path.is_file():
            taken = dt.datetime.strptime(match.group(1), _STAMP).replace(tzinfo=dt.UTC)
            found.append(Backup(path, taken))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def _same(backup: Backup, bookmarks: list[Bookmark], saved: list[SavedSearch]) -> bool:
    try:
        document = json.loads(backup.path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(document, dict)
        and document.get("bookmarks") == [bookmark_to_dict(b) for b in bookmarks]
        and document.get("saved_searches", []) == [saved_search_to_dict(s) for s in saved]
    )


def back_up(store: BookmarkStore, folder: Path, *, keep: int = KEEP) -> Backup:
    """Write the store's bookmarks to a new backup in `folder`, unless the newest backup holds
    the same (then that one is returned); keep the newest `keep`. OSError names the file."""
    bookmarks, saved = store.list(), store.saved.list()
    existing = backups(folder)
    if existing and _same(existing[0], bookmarks, saved):
        return existing[0]
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    stamp = now.strftime(_STAMP)
    path = folder / f"bookmarks-{stamp}.json"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"bookmarks-{stamp}-{number}.json"
    write_text_atomically(path, to_json(bookmarks, saved), overwrite=False, durable=True)
    made = Backup(path, now)
    for old in backups(folder)[keep:]:
        if old.path != path:
            old.path.unlink(missing_ok=True)
    return made


def back_up_first(store: BookmarkStore, folder: Path) -> Backup | None:
    """A first backup when there is none yet (bookmarks made before backups existed), before
    anything changes them; cheap otherwise (a look at the folder)."""
    if backups(folder) or not store.count():
        return None
    return back_up(store, folder)


@dataclass(frozen=True, slots=True)
class Restored:
    count: int  # bookmarks restored
    before: int  # bookmarks there were
    kept: Backup | None  # where those are kept (None: there were none)


def restore(store: BookmarkStore, source: Backup, folder: Path) -> Restored:
    """Make the store hold exactly the bookmarks (and saved searches) of `source` (a backup,
    or any JSON export), after backing up what it holds now; BookmarkImportError if `source`
    cannot be read (the store is then untouched)."""
    incoming, saved = source.read(), source.read_saved()
    before = store.count()
    kept = back_up(store, folder) if before else None
    store.replace_all(incoming)
    if saved is not None:  # a backup made before saved searches leaves them as they are
        store.saved.replace_all(saved)
    back_up(store, folder)
    return Restored(len(incoming), before, kept)
