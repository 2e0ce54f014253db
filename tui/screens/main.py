"""The explorer: search bar, results, reader, entities and bookmarks, and the work behind them.

Searches run one at a time in a thread worker: a key typed while one runs is kept and searched
as soon as it finishes (only the latest text), so typing never queues stale searches and the
first key is searched at once. Each search has a generation; an answer older than what is shown
is dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer
from textual.worker import Worker, WorkerState, get_current_worker

from indexer.models import Story
from tui import messages
from tui.history import QueryHistory
from tui.screens.bookmarking import BookmarkingScreen
from tui.session import Session, Sort
from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.entity_pane import EntityPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView

PAGE = 20
FACETS_DELAY_S = 0.3
# The reader follows the list cursor after this pause, so typing and j/k repaint only the list.
PREVIEW_DELAY_S = 0.12
# How often to look for changes another dex made (`dex index`, `dex bookmarks import`).
CHANGES_EVERY_S = 5.0


def describe(error: BaseException) -> str:
    """One line for a worker's failure (our exceptions already name the file or query)."""
    text = " ".join(str(error).split())
    ours = type(error).__module__.split(".")[0] in ("indexer", "tui")
    if ours or isinstance(error, (OSError, ValueError, LookupError)):
        return text or type(error).__name__
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class MainScreen(BookmarkingScreen):
    """Routes pane messages to workers and worker results to panes."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-tiny"),
        (70, "-narrow"),
        (100, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (30, "-tall")]
    # Pane titles for the help screen and the command palette.
    PANES = (
        ("Search bar", SearchBar),
        ("Stories", StoryList),
        ("Reader", StoryView),
        ("Entities", EntityPane),
        ("Bookmarks", BookmarksPane),
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", id="search", tooltip="Type a query"),
        Binding("s", "toggle_sort", "Sort", id="sort", tooltip="Relevance or newest first"),
        Binding("b", "toggle_bookmark", "Bookmark", id="bookmark", tooltip="Bookmark on/off"),
        Binding("e", "edit_note", "Note", id="note", tooltip="Note and tags (bookmarks it)"),
        Binding("m", "focus_bookmarks", "Bookmarks", id="bookmarks", tooltip="Your bookmarks"),
        Binding("L", "more_like_this", "More like this", id="more_like_this",
                tooltip="Stories most like this one"),
        Binding("E", "focus_entities", "Entities", id="entities", show=False),
        Binding("u", "undo", "Undo delete", id="undo", show=False),
        Binding("x", "export", "Export", id="export", show=False, tooltip="Export bookmarks"),
        Binding("A", "bookmark_all", "Bookmark all results", id="bookmark_all", show=False),
        Binding("ctrl+y", "did_you_mean", "Use suggestion", id="did_you_mean", show=False),
        Binding("escape", "focus_list", "Back to stories", id="back", show=False),
    ]

    def __init__(
        self,
        session: Session,
        history: QueryHistory,
        history_path: Path,
        *,
        show_timings: bool = True,
    ) -> None:
        super().__init__()
        self.show_timings = show_timings
        self.session = session
        self.history = history
        self.history_path = history_path
        self.query_text = ""
        self.result_total = 0
        self.sort: Sort = "relevance"
        self.limit = PAGE
        self.ready = False
        self._generation = 0
        self._shown_generation = 0
        self._searching = False
        self._pending: tuple[str, Sort, int, bool] | None = None
        self._facets_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self.similar_to: str | None = None  # the list shows stories like this title

    def compose(self) -> ComposeResult:
        yield SearchBar(self.history, show_timings=self.show_timings, id="search-bar")
        with Horizontal(id="body"):
            yield StoryList(id="story-list")
            yield StoryView(id="reader")
            with Vertical(id="side"):
                yield EntityPane(id="entities")
                yield BookmarksPane(id="bookmarks")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StoryList).set_sort(self.sort)
        self.query_one(StoryList).focus()
        if self.session.needs_build():
            self.query_one(SearchBar).show_note(
                "First run: indexing the bundled sample digests (a few seconds)…"
            )
        self._open_session()

    # --- opening -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_session(self) -> None:
        self.post_message(messages.SessionOpened(self.session.open()))

    def on_session_opened(self, event: messages.SessionOpened) -> None:
        self.ready = True
        opened = event.result
        if opened.built_sample:
            self.notify(
                f"Showing the bundled sample digests ({opened.stories} stories). "
                "Add your own with: dex index FOLDER",
                timeout=8,
            )
        if opened.bookmarks_error:
            self.query_one(BookmarksPane).show_problem(f"Bookmarks off: {opened.bookmarks_error}")
            self.notify(opened.bookmarks_error, title="Bookmarks are off", severity="error")
        self.load_bookmarks()
        self._request_search(self.query_one(SearchBar).value)
        self.set_interval(CHANGES_EVERY_S, self._look_for_changes)

    @work(thread=True, exclusive=True, group="changes", exit_on_error=False)
    def _look_for_changes(self) -> None:
        index, bookmarks = self.session.changes()
        if index or bookmarks:
            self.post_message(messages.OutsideChanges(index, bookmarks))

    def on_outside_changes(self, event: messages.OutsideChanges) -> None:
        """Show what another dex wrote: re-run the query, reload the bookmarks."""
        if event.index:
            self._request_search(self.query_text, keep_cursor=True)
        if event.bookmarks:
            self.load_bookmarks()

    # --- searching -----------------------------------------------------------------------------

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        self.limit = PAGE
        self._request_search(event.query)

    def _request_search(self, query: str, *, keep_cursor: bool = False) -> None:
        self.query_text = query
        self._pending = (query, self.sort, self.limit, keep_cursor)
        if self.ready and not self._searching:
            self._start_search()

    def _start_search(self) -> None:
        if self._pending is None:
            return
        query, sort, limit, keep_cursor = self._pending
        self._pending = None
        self._searching = True
        self._generation += 1
        self._search(self._generation, query, sort, limit, keep_cursor)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, generation: int, query: str, sort: Sort, limit: int, keep: bool) -> None:
        from indexer.index_errors import QueryError

        try:
            result, marked = self.session.search(query, sort, limit)
        except QueryError as exc:
            self.post_message(messages.SearchFailed(generation, query, str(exc)))
            return
        self.post_message(messages.SearchDone(generation, result, marked, limit, keep))

    def _search_finished(self) -> None:
        self._searching = False
        self._start_search()

    def on_search_done(self, event: messages.SearchDone) -> None:
        if event.generation <= self._shown_generation:
            return
        self._shown_generation = event.generation
        self.similar_to = None
        self.result_total = event.result.total
        self.query_one(SearchBar).show_result(event.result)
        self.query_one(StoryList).show(event.result, event.marked, keep_cursor=event.keep_cursor)
        if not event.result.hits:
            self.query_one(StoryView).clear("No story to show: no stories match.")
            self.query_one(EntityPane).show_story(None)
        self._schedule_facets(event.result.query)

    def on_search_failed(self, event: messages.SearchFailed) -> None:
        if event.generation > self._shown_generation:
            self._shown_generation = event.generation
            self.query_one(SearchBar).show_error(event.message)

    # --- more like this ------------------------------------------------------------------------

    def action_more_like_this(self) -> None:
        story_id = self._target_story()
        if story_id is None:
            self.notify("No story selected", timeout=2)
            return
        self._generation += 1  # answers to searches already running are now stale
        self._similar(self._generation, story_id)

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def _similar(self, generation: int, story_id: str) -> None:
        title, result = self.session.more_like_this(story_id, PAGE)
        if not get_current_worker().is_cancelled:
            marked = self.session.marked()
            self.post_message(messages.SimilarFound(generation, result, marked, title))

    def on_similar_found(self, event: messages.SimilarFound) -> None:
        if event.generation <= self._shown_generation:
            return
        self._shown_generation = event.generation
        self.similar_to = event.title
        self.result_total = event.result.total
        count = len(event.result.hits)
        if count == 0:
            self.notify(f"No stories like “{event.title}”", timeout=4)
            return
        noun = "story" if count == 1 else "stories"
        self.query_one(SearchBar).show_note(
            f"{count} {noun} like “{event.title}”  ·  type or press / to search again"
        )
        self.query_one(StoryList).show(event.result, event.marked, keep_cursor=False)
        self.query_one(StoryList).focus()

    def action_toggle_sort(self) -> None:
        self.sort = "date" if self.sort == "relevance" else "relevance"
        self.query_one(StoryList).set_sort(self.sort)
        self._request_search(self.query_text)

    @on(StoryList.MoreWanted)
    def _more(self) -> None:
        self.limit += PAGE * 2
        self._request_search(self.query_text, keep_cursor=True)

    @on(SearchBar.Submitted)
    def _submitted(self, event: SearchBar.Submitted) -> None:
        self._remember(event.query)
        self.query_one(StoryList).focus()

    @on(SearchBar.SuggestionChosen)
    def _suggestion(self, event: SearchBar.SuggestionChosen) -> None:
        self.query_one(SearchBar).set_query(event.suggestion)

    def search_for(self, query: str) -> None:
        """Run `query` as if typed (the command palette's "search for …")."""
        self.query_one(SearchBar).set_query(query)
        self._remember(query)
        self.query_one(StoryList).focus()

    def action_did_you_mean(self) -> None:
        suggestion = self.query_one(SearchBar).suggestion
        if suggestion:
            self.query_one(SearchBar).set_query(suggestion)

    @on(SearchBar.Left)
    def _left_search(self) -> None:
        self.query_one(StoryList).focus()

    def _remember(self, query: str) -> None:
        if self.history.add(query):
            self._save_history()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _save_history(self) -> None:
        self.history.save(self.history_path)

    # --- facets (debounced: they cost more than a search) -------------------------------------

    def _schedule_facets(self, query: str) -> None:
        if self._facets_timer is not None:
            self._facets_timer.stop()
        if self.query_one("#side").display and not self.has_class("-narrow", "-tiny"):
            self._facets_timer = self.set_timer(FACETS_DELAY_S, lambda: self._load_facets(query))

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def _load_facets(self, query: str) -> None:
        from indexer.index_errors import QueryError

        try:
            facets = self.session.facets(query)
        except QueryError:
            return
        if not get_current_worker().is_cancelled:
            self.post_message(messages.FacetsLoaded(query, facets))

    def on_facets_loaded(self, event: messages.FacetsLoaded) -> None:
        if event.query == self.query_text:
            self.query_one(EntityPane).show_facets(event.facets, event.query)

    # --- stories -------------------------------------------------------------------------------

    @on(StoryList.StoryHighlighted)
    def _preview(self, event: StoryList.StoryHighlighted) -> None:
        self._cancel_preview()
        story_id, query = event.story_id, self.query_text
        self._preview_timer = self.set_timer(
            PREVIEW_DELAY_S, lambda: self._load_story(story_id, False, query)
        )

    def _cancel_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None

    @on(StoryList.StoryChosen)
    def _chosen(self, event: StoryList.StoryChosen) -> None:
        self._cancel_preview()
        self._remember(self.query_text)
        self._load_story(event.story_id, True, self.query_text)

    @on(StoryView.OpenStory)
    def _step(self, event: StoryView.OpenStory) -> None:
        self._load_story(event.story_id, True, self.query_text)

    @on(BookmarksPane.Open)
    def _open_bookmark(self, event: BookmarksPane.Open) -> None:
        self._load_story(event.story_id, True, self.query_text)

    @on(StoryView.Back)
    def _back(self) -> None:
        self.query_one(StoryList).focus()

    @work(thread=True, exclusive=True, group="story", exit_on_error=False)
    def _load_story(self, story_id: str, focus: bool, query: str) -> None:
        loaded = self.session.load(story_id, query)
        if get_current_worker().is_cancelled:
            return
        if loaded is None:
            self.post_message(messages.StoryMissing(story_id))
            return
        marked = story_id in self.session.marked()
        self.post_message(messages.StoryLoaded(loaded, focus, marked))

    def on_story_loaded(self, event: messages.StoryLoaded) -> None:
        reader = self.query_one(StoryView)
        reader.show(event.loaded, event.marked)
        story = event.loaded.story
        self.query_one(EntityPane).show_story(story)
        if story.entities:
            self._load_counts(story)
        if event.focus:
            self.set_focus(reader)

    def on_story_missing(self, event: messages.StoryMissing) -> None:
        self.notify(f"Story {event.story_id} is no longer in the index", severity="warning")

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _load_counts(self, story: Story) -> None:
        counts = self.session.entity_counts(story.entities)
        if not get_current_worker().is_cancelled:
            self.post_message(messages.EntityCountsLoaded(story.id, counts))

    def on_entity_counts_loaded(self, event: messages.EntityCountsLoaded) -> None:
        self.query_one(EntityPane).show_counts(event.story_id, event.counts)

    @on(EntityPane.SearchFor)
    def _search_entity(self, event: EntityPane.SearchFor) -> None:
        query = f"{self.query_text.strip()} {event.query}".strip() if event.refine else event.query
        self.search_for(query)

    # --- focus and layout ----------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).input.focus()

    def action_focus_list(self) -> None:
        self.query_one(StoryList).focus()

    def action_focus_bookmarks(self) -> None:
        self._focus_side(self.query_one(BookmarksPane))

    def action_focus_entities(self) -> None:
        self._focus_side(self.query_one(EntityPane))

    def _focus_side(self, pane: Widget) -> None:
        if self.query_one("#side").display:
            pane.focus()
        else:  # narrow: show the side column first, focus it once it is laid out
            self.add_class("-side-open")
            self.call_after_refresh(pane.focus)

    def on_descendant_focus(self) -> None:
        """On narrow screens the side panes replace the reader while one of them has focus."""
        in_side = self.focused is not None and self.query_one("#side") in self.focused.ancestors
        self.set_class(in_side, "-side-open")

    # --- the one place worker failures are reported ---------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "search" and event.state in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            self._search_finished()
        if event.state != WorkerState.ERROR or worker.error is None:
            return
        message = describe(worker.error)
        if worker.group == "open":
            self.query_one(SearchBar).show_error(f"Cannot open the index: {message}")
            self.query_one(StoryView).clear(f"Cannot open the index: {message}")
            self.notify(message, title="Cannot open the index", severity="error", timeout=15)
        else:
            self.notify(message, title=f"{worker.group.capitalize()} failed", severity="error")
