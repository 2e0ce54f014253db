"""What the index and search can go wrong with, and the bookmark look-up they accept.

Kept apart from the Whoosh engine so the query preprocessor and the front end can name these
without importing Whoosh.
"""

from __future__ import annotations

from typing import Protocol

BUSY_MESSAGE = "index is busy: another dex is indexing; try again when it finishes"


class IndexBusyError(Exception):
    """Another dex process holds the index writer; the user should retry when it finishes."""

    def __init__(self, message: str = BUSY_MESSAGE) -> None:
        super().__init__(message)


class IndexDamagedError(Exception):
    """The index folder is not a dex index, or is unreadable; str(e) says which in one line."""


class IndexUnsafeError(IndexDamagedError):
    """The index folder, or a file in it, belongs to another user or others can write it: dex
    will not read it (Whoosh's files hold pickles) nor rebuild it; str(e) says how to fix it."""


class QueryError(ValueError):
    """A query dex cannot run; str(e) names the query and what is wrong, on one line."""


class BookmarkLookup(Protocol):
    """Answers `bookmarked:yes` and `tag:x` at query time (satisfied by BookmarkStore)."""

    def ids(self, tag: str | None = None) -> set[str]: ...
