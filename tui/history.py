"""Queries the user ran, kept between sessions so up/down in the search bar can recall them."""

from __future__ import annotations

from pathlib import Path

from indexer.atomic import write_text_atomically

MAX_QUERIES = 200


class QueryHistory:
    """Most recent last; walking back with `older()` and forward with `newer()`."""

    def __init__(self, entries: list[str] | None = None) -> None:
        self.entries: list[str] = list(entries or [])
        self._cursor: int | None = None

    @classmethod
    def load(cls, path: Path) -> QueryHistory:
        """Read the history file; a missing or unreadable one is an empty history."""
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return cls()
        return cls([line for line in lines if line.strip()][-MAX_QUERIES:])

    def save(self, path: Path) -> None:
        """Write the history via a temporary file, so a crash never leaves half of it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(path, "".join(f"{entry}\n" for entry in self.entries))

    def add(self, query: str) -> bool:
        """Remember a query (moved to the end if already there); True if the history changed."""
        query = " ".join(query.split())
        self._cursor = None
        if not query or (self.entries and self.entries[-1] == query):
            return False
        if query in self.entries:
            self.entries.remove(query)
        self.entries.append(query)
        del self.entries[:-MAX_QUERIES]
        return True

    def older(self) -> str | None:
        if not self.entries:
            return None
        self._cursor = len(self.entries) - 1 if self._cursor is None else max(self._cursor - 1, 0)
        return self.entries[self._cursor]

    def newer(self) -> str | None:
        """The next more recent query, or "" after the newest (back to an empty bar)."""
        if self._cursor is None:
            return None
        if self._cursor >= len(self.entries) - 1:
            self._cursor = None
            return ""
        self._cursor += 1
        return self.entries[self._cursor]

    def reset(self) -> None:
        self._cursor = None
