"""Messages thread workers post back to the UI with their results.

Widget messages (a pane asking for something) live in the widget classes; these carry what a
worker found. Each search carries its generation so a late answer to an old query is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from indexer.records import Facets, SearchResult

if TYPE_CHECKING:
    from indexer.bookmarks.store import Bookmark
    from tui.session import LoadedStory, OpenResult, SavedCount


@dataclass
class SessionOpened(Message):
    """The index (and the bookmarks, or why not) are open."""

    result: OpenResult


@dataclass
class SessionFailed(Message):
    """The index could not be opened: nothing to explore; the line says why."""

    message: str


@dataclass
class SearchDone(Message):
    generation: int
    result: SearchResult
    marked: frozenset[str]
    limit: int
    keep_cursor: bool = False
    new: frozenset[str] = frozenset()  # new since the last visit, unread (all, not only hits)


@dataclass
class SimilarFound(Message):
    """Stories like `title`'s, to show in the list instead of a query's results."""

    generation: int
    result: SearchResult
    marked: frozenset[str]
    title: str
    keep_cursor: bool = False
    new: frozenset[str] = frozenset()


@dataclass
class SearchFailed(Message):
    """A malformed query: the bar shows `message`, the list keeps the last good results."""

    generation: int
    query: str
    message: str


@dataclass
class StoryLoaded(Message):
    loaded: LoadedStory
    focus: bool
    marked: bool


@dataclass
class StoryMissing(Message):
    story_id: str


@dataclass
class StoryRechecked(Message):
    """The reader's story after the index changed: as it is now, from its bookmark if it left
    the index, or None when it is gone."""

    story_id: str
    loaded: LoadedStory | None
    marked: bool


@dataclass
class StoryRead(Message):
    """The user opened a story: it is new no more; `new_count` stories still are."""

    story_id: str
    new_count: int


@dataclass
class EntityCountsLoaded(Message):
    story_id: str
    counts: dict[tuple[str, str], int]


@dataclass
class FacetsLoaded(Message):
    query: str
    facets: Facets


@dataclass
class BookmarksLoaded(Message):
    bookmarks: list[Bookmark]
    marked: frozenset[str]


@dataclass
class BookmarkToggled(Message):
    """A story's bookmark was added or removed (`removed` kept whole so `u` can undo)."""

    story_id: str
    marked: bool
    removed: Bookmark | None = None
    note: str = ""


@dataclass
class NoteWanted(Message):
    """Open the note editor on this bookmark (`saved` False: the story is not bookmarked yet,
    and saving the note bookmarks it)."""

    bookmark: Bookmark
    saved: bool


@dataclass
class BookmarksChanged(Message):
    """Bookmarks were added, restored or edited: panes reload; `note` is a line to show."""

    note: str = ""


@dataclass
class SavedLoaded(Message):
    """The saved searches with their counts now."""

    saved: list[SavedCount]


@dataclass
class SavedChanged(Message):
    """A search was saved or forgotten; `note` says which."""

    note: str


@dataclass
class ExportDone(Message):
    path: str
    count: int
    fmt: str


@dataclass
class OutsideChanges(Message):
    """The index and/or the bookmarks changed while the app was open (another dex, or the
    app's watcher): `generation` and `stories` are the index's now, `before` its stories then."""

    index: bool
    bookmarks: bool
    generation: int = 0
    stories: int = 0
    before: int = 0


@dataclass
class WatchReport(Message):
    """The app's own watcher updated the index from the sources (`line` says what changed,
    None if nothing did), or could not (`error`). `generation` is the index's after it."""

    line: str | None
    error: str | None = None
    generation: int = 0
