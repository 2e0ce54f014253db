"""What can go wrong, stage by stage: reading a file, the index, a query; and the bookmark
look-up queries accept.

Plain exceptions with no imports, so every stage and the front end can name them without
importing Whoosh or a reader.
"""

from __future__ import annotations

from typing import Protocol


class ReadError(Exception):
    """The file could not be read as a digest; `str(error)` is a one-line reason."""


class Skipped(Exception):
    """The file is not a digest format (image, PDF, binary): a note, not a failure."""


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
