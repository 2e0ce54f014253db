"""The explorer: search bar, results, reader, entities and bookmarks, and the work behind them.

The search half lives in `searching.py`, the bookmark half in `bookmarking.py`; this module
composes the panes, opens the session, loads stories and reports worker failures.
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

from indexer.records import Story
from tui import messages
from tui.history import QueryHistory
from tui.screens.searching import SearchingScreen
from tui.session import Session
from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.entity_pane import EntityPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView
from tui.widgets.timeline_chart import TimelineChart

# The reader follows the list cursor after this pause, so typing and j/k repaint only the list.
PREVIEW_DELAY_S = 0.12
# How often to look for changes another dex made (`dex index`, `dex bookmarks import`).
CHANGES_EVERY_S = 5.0
TRENDS_TOP = 12  # rising and falling entities of each type in the Trends view


def describe(error: BaseException) -> str:
    """One line for a worker's failure (our exceptions already name the file or query)."""
    text = " ".join(str(error).split())
    ours = type(error).__module__.split(".")[0] in ("indexer", "tui")
    if ours or isinstance(error, (OSError, ValueError, LookupError)):
        return text or type(error).__name__
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class MainScreen(SearchingScreen):
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
        ("Timeline", TimelineChart),
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
        Binding("L", "more_like_this", "More like this", id="similar", tooltip="Similar stories"),
        Binding("E", "focus_entities", "Entities", id="entities", show=False),
        Binding("w", "focus_timeline", "Timeline", id="timeline", tooltip="Stories over time"),
        Binding("T", "trends", "Trends", id="trends", tooltip="Who rose and fell in the news"),
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
        self.ready = False
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SearchBar(self.history, show_timings=self.show_timings, id="search-bar")
        yield TimelineChart(self.session.timeline, id="timeline")
        with Horizontal(id="body"):
            yield StoryList(id="story-list")
            yield StoryView(id="reader")
            with Vertical(id="side"):
                yield EntityPane(id="entities")
                yield BookmarksPane(id="bookmarks")
        yield Footer(compact=True)

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
        for note in opened.index_notes:
            self.notify(note, title="Index repaired", severity="warning", timeout=15)
        if opened.index_warning:
            warning = opened.index_warning
            self.notify(warning, title="Index incomplete", severity="warning", timeout=30)
        if opened.bookmarks_note:
            self.notify(
                opened.bookmarks_note,
                title="Bookmarks file set aside",
                severity="warning",
                timeout=20,
            )
        if opened.backup_problem:
            self.notify(opened.backup_problem, title="Bookmarks", severity="warning", timeout=15)
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

    # --- over time ---------------------------------------------------------------------------

    @on(messages.SearchDone)
    def _count_over_time(self, event: messages.SearchDone) -> None:
        if event.result.query == self.query_text:
            self.query_one(TimelineChart).show_query(event.result.query)

    @on(TimelineChart.Narrow)
    def _narrow(self, event: TimelineChart.Narrow) -> None:
        self.query_one(SearchBar).set_query(event.query)

    def action_trends(self) -> None:
        from tui.screens.trends_view import TrendsScreen

        loader = lambda by, day: self.session.trends(by, day, TRENDS_TOP)  # noqa: E731
        self.app.push_screen(TrendsScreen(loader), self._searched_from_elsewhere)

    @on(EntityPane.OverTime)
    def _entity_over_time(self, event: EntityPane.OverTime) -> None:
        from tui.screens.entity_over_time import EntityOverTimeScreen

        screen = EntityOverTimeScreen(
            event.label, event.name, self.session.timeline, self.session.facets
        )
        self.app.push_screen(screen, self._searched_from_elsewhere)

    def _searched_from_elsewhere(self, query: str | None) -> None:
        if query:
            self.search_for(query)

    # --- focus and layout ----------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).input.focus()

    def action_focus_list(self) -> None:
        self.query_one(StoryList).focus()

    def action_focus_bookmarks(self) -> None:
        self._focus_side(self.query_one(BookmarksPane))

    def action_focus_timeline(self) -> None:
        self.add_class("-timeline-open")  # short screens hide it until asked
        self.call_after_refresh(self.query_one(TimelineChart).focus)

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
        self.set_class(isinstance(self.focused, TimelineChart), "-timeline-open")

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
