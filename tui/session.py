"""What the app holds open (the index, the bookmarks) and the blocking calls its workers make.

No Textual here: every method may block and is called from a thread worker, never from the
event loop. The index lives in a child process (tui.index_server, started with the app), so
Whoosh and numpy load on the other core while the UI starts, and searching never takes turns
with drawing for the interpreter lock.

A call goes straight from the worker thread to the child (two hops: the Textual worker, then
the child process) on one of two lanes, each a thread of its own in the child: one for what
the user waits on (searches, stories), one for the slower facets and bulk work, so facets
never delay a keystroke's results.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from indexer.records import Entity, Facets, Period, SearchResult, Span, Story, Timeline, Trends
from tui.highlight import query_terms, term_spans
from tui.index_client import IndexClient, IndexProcessError, IndexProxy
from tui.index_server import FIRST_PAGE

if TYPE_CHECKING:
    from indexer.bookmarks.read_state import ReadState
    from indexer.bookmarks.store import Bookmark, BookmarkStore
    from indexer.index.changes import ChangeCheck

Sort = Literal["relevance", "date"]
BOOKMARKS_OFF = "bookmarks are off"


@dataclass(frozen=True, slots=True)
class FirstPage:
    """The first list (every story, best first), searched as the session opened: shown at
    once if the search bar is still empty, with no search of its own (a worker and a round
    trip to the index process fewer before the first paint)."""

    result: SearchResult
    marked: frozenset[str]
    new: frozenset[str]


@dataclass(frozen=True, slots=True)
class OpenResult:
    """What opening found: whether the sample index was built, and a bookmarks problem if any."""

    built_sample: bool
    stories: int
    bookmarks_error: str | None = None
    index_notes: tuple[str, ...] = ()  # e.g. damage found at open and repaired
    bookmarks_note: str | None = None  # an unusable bookmarks file was set aside
    index_warning: str | None = None  # the index is incomplete: a `dex index` run stopped
    first_page: FirstPage | None = None


@dataclass(frozen=True, slots=True)
class LoadedStory:
    """A story ready for the reader: from the index, or rebuilt from a bookmark's snapshot."""

    story: Story
    sources: tuple[str, ...]
    digest_ids: tuple[str, ...]
    from_snapshot: bool = False
    query: str = ""
    headline_spans: tuple[Span, ...] = ()
    body_spans: tuple[Span, ...] = ()
    details_spans: tuple[Span, ...] = ()
    byline_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class SavedCount:
    """A saved search and its counts now (total None: its query no longer reads)."""

    name: str
    query: str
    total: int | None
    new: int = 0


class BookmarksUnavailable(Exception):
    """Bookmarks could not be opened this session (the message says why, in one line)."""


class Session:
    """The index and bookmark store of one app run."""

    def __init__(
        self,
        index_dir: Path,
        bookmarks_path: Path,
        backups_dir: Path | None = None,
        read_state_path: Path | None = None,
    ) -> None:
        from tui import locations

        self.index_dir = index_dir
        self.bookmarks_path = bookmarks_path
        self.read_state_path = read_state_path or locations.read_state_db()
        self.read_state: ReadState | None = None
        self.read_state_error: str | None = None  # "new since last visit" is off, and why
        self.backups_dir = backups_dir or locations.bookmark_backups_dir()
        self.backup_problem: str | None = None  # the last backup of the bookmarks failed
        self.index: Any = None  # the user's lane
        self._bulk: Any = None  # the same index on the lane for facets and bulk work
        self.bookmarks: BookmarkStore | None = None
        self.bookmarks_error: str | None = None
        self.bookmarks_note: str | None = None  # an unusable file was set aside
        self.index_warning: str | None = None  # the index is incomplete, and how to finish it
        self._opening: Future[tuple[bool, int, list[str], str | None]] | None = None
        self._client: IndexClient | None = None
        self._warmed = False
        self._index_check: ChangeCheck | None = None
        self._opened_generation = 0
        self.stories = 0  # in the index, as of the last look

    # --- opening -------------------------------------------------------------------------------

    def needs_build(self) -> bool:
        """True when there is no index yet (the first run builds one from the samples)."""
        try:
            return not any(self.index_dir.iterdir())
        except OSError:
            return True

    def start(self, client: IndexClient | None = None) -> None:
        """Start the index process (or take `client`, one started already) and ask it to open
        the index, so both overlap the UI starting up. The child opens the index (building
        the sample one on a first run) and makes the first page."""
        if self._client is None:
            self._client = client or IndexClient()
            self._opening = self._client.submit("fast", "open", str(self.index_dir))

    def open(self) -> OpenResult:
        """Open the bookmarks, then wait for the index the child is opening, and take the first
        page it made (the list shows it without a search of its own)."""
        self.start()
        assert self._client is not None and self._opening is not None
        self.open_bookmarks()  # while the child loads
        self.open_read_state()
        built, stories, notes, self.index_warning = self._opening.result()
        self.index = IndexProxy(self._client, "fast")
        self._bulk = IndexProxy(self._client, "slow")
        if self.bookmarks is not None:
            self.bookmarks.refresh()
        self.stories = stories
        # The baseline later looks compare with, as the child opened it (the check itself is
        # made at the first look), asked for beside the first page (the child has it ready).
        generation = self._client.submit("fast", "generation")
        result, marked = self.search("", "relevance", FIRST_PAGE)
        self._opened_generation = int(generation.result())
        return OpenResult(
            built,
            stories,
            self.bookmarks_error,
            tuple(notes),
            self.bookmarks_note,
            self.index_warning,
            FirstPage(result, marked, self.new_ids()),
        )

    def open_bookmarks(self) -> None:
        """Open the store. A damaged or foreign file is set aside unchanged and a fresh one
        started (`bookmarks_note` says where the old one is); any other failure (a lock, a
        read-only folder, a newer dex's file) turns bookmarks off and leaves the file alone."""
        from indexer.bookmarks.store import BookmarkStore, BookmarkStoreError, set_aside

        self.bookmarks, self.bookmarks_error = None, None
        try:
            self.bookmarks = BookmarkStore(self.bookmarks_path)
            return
        except BookmarkStoreError as exc:
            if not exc.unusable:
                self.bookmarks_error = str(exc)
                return
            problem = str(exc).removesuffix("; the file was left untouched")
        try:
            kept = set_aside(self.bookmarks_path)
            self.bookmarks = BookmarkStore(self.bookmarks_path)
        except (OSError, BookmarkStoreError) as exc:
            self.bookmarks_error = f"{problem}; could not set it aside ({exc})"
            return
        self.bookmarks_note = (
            f"{problem}. It is kept, unchanged, as {kept}; new bookmarks go in a fresh file."
        )

    def open_read_state(self) -> None:
        """Begin a visit: what arrived since the last one is new. A file that cannot be used
        turns "new" off for this run (`read_state_error` says why); nothing else depends on it."""
        from indexer.bookmarks.read_state import ReadState, ReadStateError

        try:
            self.read_state = ReadState(self.read_state_path)
            self.read_state.begin_visit()
        except ReadStateError as exc:
            self.read_state, self.read_state_error = None, str(exc)

    def back_up_first(self) -> str | None:
        """The bookmarks' first backup, if they have none yet (bookmark_backups), made once the
        session is open: the first list does not wait for it. The problem, if it failed."""
        self._back_up(first=True)
        return self.backup_problem

    def _back_up(self, *, first: bool = False) -> None:
        """Back up the bookmarks (bookmark_backups): the first backup when there is none yet,
        or, at the end of a run that changed them, them as they are now."""
        from indexer.bookmarks.backups import back_up, back_up_first

        store = self.bookmarks
        if store is None or (not first and not store.changed):
            return
        try:
            (back_up_first if first else back_up)(store, self.backups_dir)
        except OSError as exc:
            self.backup_problem = f"bookmarks not backed up: {exc}"

    def close(self) -> None:
        """Stop the index process and close the bookmarks, backing them up if this run
        changed them."""
        if self._client is not None:
            self._client.close()  # answers still awaited fail with IndexProcessError
        self.index = self._bulk = None
        if self.read_state is not None:
            from indexer.bookmarks.read_state import ReadStateError

            with contextlib.suppress(ReadStateError):  # then the next visit starts earlier
                self.read_state.looked()
            self.read_state.close()
            self.read_state = None
        if self.bookmarks is not None:
            self._back_up()
            self.bookmarks.close()
            self.bookmarks = None

    def changes(self) -> tuple[bool, bool]:
        """(index changed, bookmarks changed) since the last call: another dex wrote them, or
        this app's watcher did. One stat of the index marker while nothing changed."""
        index = self.index is not None and self._index_changed()
        if index:  # the child moves to the new commit; a `dex index` run may have finished
            self.index.refresh()
            self.index_warning = self.index.incomplete()
            self.stories = int(self.index.doc_count())
        marks = bool(self.bookmarks.refresh()) if self.bookmarks is not None else False
        return index, marks

    def _index_changed(self) -> bool:
        if self._index_check is None:
            from indexer.index.changes import ChangeCheck

            self._index_check = ChangeCheck(self.index_dir)
            return self._index_check.generation != self._opened_generation
        return self._index_check.changed()

    @property
    def index_generation(self) -> int:
        """The index's generation as of the last look (0 before it is open)."""
        check = self._index_check
        return check.generation if check is not None else self._opened_generation

    def store(self) -> BookmarkStore:
        if self.bookmarks is None:
            raise BookmarksUnavailable(
                f"{BOOKMARKS_OFF}: {self.bookmarks_error}"
                if self.bookmarks_error
                else BOOKMARKS_OFF
            )
        return self.bookmarks

    # --- reading -------------------------------------------------------------------------------

    def marked(self) -> frozenset[str]:
        """Ids of bookmarked stories (empty when bookmarks are off)."""
        return frozenset(self.bookmarks.ids()) if self.bookmarks is not None else frozenset()

    def new_ids(self) -> frozenset[str]:
        """Stories new since the last visit and not read yet (none when that is off)."""
        state = self.read_state
        return frozenset(state.new_ids(unread=True)) if state is not None else frozenset()

    def mark_read(self, story_id: str) -> None:
        """The user read the story: it is new no more (and they are looking now)."""
        if self.read_state is not None:
            self.read_state.mark_read([story_id])
            self.read_state.looked()

    def _new_for(self, query: str) -> dict[str, frozenset[str]]:
        """What `new:` means, sent only with a query that may ask."""
        return {"new": self.new_ids()} if "new" in query.casefold() else {}

    def search(self, query: str, sort: Sort, limit: int) -> tuple[SearchResult, frozenset[str]]:
        """Run a query (QueryError propagates) and say which hits are bookmarked."""
        result = self.index.search(
            query, limit=limit, sort=sort, bookmarks=self.bookmarks, **self._new_for(query)
        )
        if not self._warmed and self._client is not None:
            # After the first list, not before it (it would delay first paint): load what the
            # first typed query needs (the vocabulary is shared by both lanes), on the bulk
            # lane so that a key typed meanwhile is not queued behind it. Nobody waits for it.
            self._warmed = True
            with contextlib.suppress(IndexProcessError):  # then the next call says so
                self._client.submit("slow", "warm")
        return result, self.marked()

    def more_like_this(
        self, story_id: str, limit: int, sort: Sort = "relevance"
    ) -> tuple[str, SearchResult]:
        """The story's display title and the stories most like it (none if it is gone), the
        most alike first or, sorted by date, the newest."""
        story = self.index.story(story_id)
        if story is None:
            raise LookupError(f"story {story_id} is no longer in the index")
        hits = self.index.more_like_this(story_id, limit)
        if sort == "date":
            hits = tuple(sorted(hits, key=lambda hit: hit.date, reverse=True))
        return story.title, SearchResult(query="", hits=hits, total=len(hits))

    def saved_counts(self) -> list[SavedCount]:
        """Every saved search with how many stories it finds and how many of those are new."""
        from indexer.errors import QueryError

        if self.bookmarks is None:
            return []
        new = self.new_ids()
        counts = []
        for saved in self.bookmarks.saved.list():
            try:
                total = self._bulk.search(saved.query, limit=1, bookmarks=self.bookmarks).total
                fresh = 0
                if new:
                    only_new = f"new:yes ({saved.query})"
                    found = self._bulk.search(only_new, limit=1, bookmarks=self.bookmarks, new=new)
                    fresh = found.total
            except QueryError:
                counts.append(SavedCount(saved.name, saved.query, None))
                continue
            counts.append(SavedCount(saved.name, saved.query, total, fresh))
        return counts

    def facets(self, query: str) -> Facets:
        return self._bulk.facets(query, bookmarks=self.bookmarks, top=8, **self._new_for(query))

    def timeline(self, query: str, by: Period) -> Timeline:
        """The query's stories per period (QueryError propagates). On the searches' lane: it
        costs milliseconds, and behind the warm-up and facets it would wait seconds."""
        return self.index.timeline(query, by=by, bookmarks=self.bookmarks)  # type: ignore[no-any-return]

    def trends(self, by: Period, period: dt.date | None, top: int) -> Trends:
        """The entities that rose and fell most into the period holding `period` (default:
        the newest story's)."""
        return self._bulk.trends("", by=by, period=period, top=top)  # type: ignore[no-any-return]

    def entity_counts(self, entities: Sequence[Entity]) -> dict[tuple[str, str], int]:
        keys = sorted({(e.label, e.canonical) for e in entities})
        return self.index.entity_counts(keys) if keys else {}

    def load(self, story_id: str, query: str = "") -> LoadedStory | None:
        """The story from the index, else from its bookmark snapshot; None if neither has it.
        The query's words are marked as the index matches them (same stemming)."""
        story = self.index.story(story_id)
        if story is not None:
            sources = tuple(self.index.sources(story_id))
            digest = tuple(self.index.digest_stories(story_id))
            loaded = LoadedStory(story, sources, digest)
        else:
            bookmark = self.bookmarks.get(story_id) if self.bookmarks is not None else None
            if bookmark is None:
                return None
            loaded = LoadedStory(story_from_bookmark(bookmark), (bookmark.source,), (), True)
        if not query.strip():
            return loaded
        story = loaded.story
        return replace(
            loaded,
            query=query,
            headline_spans=self._spans(query, story.headline or story.title),
            body_spans=self._spans(query, story.body),
            details_spans=self._spans(query, story.details) if story.details else (),
            byline_spans=self._spans(query, story.byline) if story.byline else (),
        )

    def _spans(self, query: str, text: str) -> tuple[Span, ...]:
        """Where the query's words are in `text`; a malformed query marks nothing."""
        from indexer.errors import QueryError

        marker = getattr(self.index, "query_spans", None)
        if marker is None:  # an index without it: the front end's own approximation
            return tuple(term_spans(text, query_terms(query)))
        try:
            return tuple(marker(query, text))
        except QueryError:
            return ()

    # --- writing -------------------------------------------------------------------------------

    def toggle(self, story_id: str) -> tuple[bool, Bookmark | None]:
        """Bookmark a story or remove its bookmark: (bookmarked now, the removed one for undo)."""
        store = self.store()
        if store.get(story_id) is not None:
            return False, store.remove(story_id)
        loaded = self.load(story_id)
        if loaded is None:
            raise LookupError(f"story {story_id} is no longer in the index")
        store.add(loaded.story)
        return True, None

    def bookmark_all(self, query: str) -> tuple[int, int]:
        """Bookmark every story the query finds; (newly bookmarked, matched)."""
        store, index = self.store(), self._bulk
        total = max(int(index.doc_count()), 1)
        result = index.search(query, limit=total, bookmarks=store, **self._new_for(query))
        stories = [s for hit in result.hits if (s := index.story(hit.id)) is not None]
        return store.add_many(stories), len(result.hits)

    def export(self, fmt: str, path: Path, *, overwrite: bool) -> int:
        """Write every bookmark to `path` in `fmt`, all or nothing; how many were written."""
        from indexer.atomic import write_text_atomically
        from indexer.bookmarks.export import export

        store = self.store()
        bookmarks = store.list()
        text = export(bookmarks, fmt, store.saved.list())
        try:
            write_text_atomically(path, text, overwrite=overwrite, durable=True)
        except FileExistsError as exc:
            raise FileExistsError(f"{exc}: tick “Overwrite” to replace it") from exc
        return len(bookmarks)


def story_from_bookmark(bookmark: Bookmark) -> Story:
    """A Story rebuilt from a bookmark's snapshot, for a story no longer in the index."""
    return Story(
        id=bookmark.story_id,
        source=bookmark.source,
        digest_title=bookmark.digest_title,
        date=bookmark.date if isinstance(bookmark.date, dt.date) else dt.date.min,
        date_from="header",
        position=0,
        headline=bookmark.headline,
        title=bookmark.title,
        body=bookmark.body,
        details=bookmark.details,
    )
