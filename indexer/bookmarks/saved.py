"""Saved searches: a query kept under a name, like notmuch's saved searches or newsboat's query
feeds. Kept in the bookmarks database (the user's own data, backed up and exported with the
bookmarks); a name is matched as tags are, ignoring case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from indexer.bookmarks.schema import normalise_tag, tag_key
from indexer.reading.textcodec import visible_controls

if TYPE_CHECKING:
    from indexer.bookmarks.store import BookmarkStore


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    query: str
    created: dt.datetime  # UTC


def saved_search(name: str, query: str, created: dt.datetime | None = None) -> SavedSearch:
    """A saved search with its name and query made clean; ValueError when either is empty."""
    clean_name = normalise_tag(name)
    clean_query = " ".join(visible_controls(query).split())
    if not clean_name:
        raise ValueError("a saved search needs a name")
    if not clean_query:
        raise ValueError(f"saved search {clean_name!r}: empty query")
    return SavedSearch(clean_name, clean_query, created or dt.datetime.now(dt.UTC))


class SavedSearches:
    """The saved searches of one BookmarkStore (its connection, lock and transactions)."""

    def __init__(self, store: BookmarkStore) -> None:
        self._store = store

    def list(self) -> list[SavedSearch]:
        """Every saved search, by name."""
        with self._store._reading() as db:
            rows = db.execute(
                "SELECT name, query, created FROM saved_search ORDER BY name_key"
            ).fetchall()
        return [SavedSearch(n, q, _time(c)) for n, q, c in rows]

    def get(self, name: str) -> SavedSearch | None:
        with self._store._reading() as db:
            row = db.execute(
                "SELECT name, query, created FROM saved_search WHERE name_key = ?",
                (tag_key(name),),
            ).fetchone()
        return None if row is None else SavedSearch(row[0], row[1], _time(row[2]))

    def save(self, name: str, query: str) -> SavedSearch:
        """Keep `query` under `name`, replacing the query a search of that name had."""
        search = saved_search(name, query)
        with self._store._transaction() as db:
            db.execute(
                "INSERT INTO saved_search (name_key, name, query, created) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (name_key) DO UPDATE SET name = excluded.name,"
                " query = excluded.query",
                (tag_key(search.name), search.name, search.query, _text(search.created)),
            )
        return search

    def remove(self, name: str) -> SavedSearch | None:
        """Forget a saved search; returns it (None if there was none of that name)."""
        found = self.get(name)
        if found is not None:
            with self._store._transaction() as db:
                db.execute("DELETE FROM saved_search WHERE name_key = ?", (tag_key(name),))
        return found

    def merge(self, searches: Iterable[SavedSearch]) -> int:
        """Import saved searches; one whose name is taken keeps its query. How many were new."""
        added = 0
        with self._store._transaction() as db:
            for search in searches:
                cursor = db.execute(
                    "INSERT INTO saved_search (name_key, name, query, created)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING",
                    (tag_key(search.name), search.name, search.query, _text(search.created)),
                )
                added += cursor.rowcount
        return added

    def replace_all(self, searches: Iterable[SavedSearch]) -> None:
        """Hold exactly these saved searches (a restore)."""
        with self._store._transaction() as db:
            db.execute("DELETE FROM saved_search")
            for search in searches:
                db.execute(
                    "INSERT OR REPLACE INTO saved_search (name_key, name, query, created)"
                    " VALUES (?, ?, ?, ?)",
                    (tag_key(search.name), search.name, search.query, _text(search.created)),
                )


def _text(created: dt.datetime) -> str:
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    return created.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)
