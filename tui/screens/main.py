"""The explorer: search bar, results, reader, entities and bookmarks, and the work behind them.

The screen composes the panes and the controllers (`tui.controllers`): opening, searching,
reading, bookmarks, saved searches and watching, each with its own state, workers and messages.
It routes keys and pane messages to them and their answers to the panes, and reports every
worker's failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from indexer.reading.textcodec import visible_text
from tui import messages
from tui.controllers.bookmarks import BookmarksController
from tui.controllers.controller import Controller, describe
from tui.controllers.opening import OpeningController
from tui.controllers.reader import ReaderController
from tui.controllers.saved import SavedController
from tui.controllers.search import SearchController, new_only_toggled
from tui.controllers.watching import WatchController
from tui.history import QueryHistory
from tui.screens import main_keys, main_layout
from tui.session import Session
from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.entity_pane import EntityPane
from tui.widgets.saved_pane import SavedPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView
from tui.widgets.timeline_chart import TimelineChart

TRENDS_TOP = 12  # rising and falling entities of each type in the Trends view


class MainScreen(Screen[None]):
    """Routes keys and pane messages to the controllers, and their answers to the panes."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = main_layout.WIDTHS
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = main_layout.HEIGHTS
    PANES = main_keys.PANES  # pane titles for the help screen and the command palette
    BINDINGS: ClassVar[list[BindingType]] = main_keys.BINDINGS

    def __init__(
        self,
        session: Session,
        history: QueryHistory,
        history_path: Path,
        *,
        show_timings: bool = True,
        watch_sources: bool = True,
    ) -> None:
        super().__init__()
        self.show_timings = show_timings
        self.session = session
        self.history = history
        self.opening = OpeningController(session)
        self.search = SearchController(session, history, history_path)
        self.reader = ReaderController(session)
        self.bookmarks = BookmarksController(session)
        self.watching = WatchController(session, watch_sources=watch_sources)
        self.saved = SavedController(session)
        self.panes = main_layout.MainLayout(self)

    def compose(self) -> ComposeResult:
        yield self.opening
        yield self.search
        yield self.reader
        yield self.bookmarks
        yield self.watching
        yield self.saved
        yield SearchBar(self.history, show_timings=self.show_timings, id="search-bar")
        yield TimelineChart(self.session.timeline, id="timeline")
        with Horizontal(id="body"):
            yield StoryList(id="story-list")
            yield StoryView(id="reader")
            with Vertical(id="side"):
                yield EntityPane(id="entities")
                yield BookmarksPane(id="bookmarks")
                yield SavedPane(id="saved")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(StoryList).set_sort(self.search.sort)
        self.action_focus_search()  # the screen opens as a prompt: typing searches
        if self.session.needs_build():
            self.query_one(SearchBar).show_note(
                "First run: indexing the bundled sample digests (a few seconds)…"
            )
        self.opening.begin()

    # --- opening and outside changes: start the controllers, show what changed -----------------

    def on_session_opened(self, event: messages.SessionOpened) -> None:
        """The opening controller said what it found; the panes show the rest."""
        if error := event.result.bookmarks_error:
            self.query_one(BookmarksPane).show_problem(f"Bookmarks off: {error}")
        self.bookmarks.load()
        self.saved.load()
        self.search.begin(self.query_one(SearchBar).value, event.result.first_page)
        self.watching.begin()

    def on_outside_changes(self, event: messages.OutsideChanges) -> None:
        """Show the index and bookmarks as they are now: refresh the results (and so counts and
        facets), let the reader drop a story that is gone, reload the bookmarks."""
        if event.index:
            self.search.show_again()
            if (story_id := self.query_one(StoryView).story_id) is not None:
                self.reader.recheck(story_id, self.search.query_text)
        if event.bookmarks:
            self.bookmarks.load()
        self.saved.load()  # their counts, or searches another dex saved

    # --- searching: the bar and the list to the search controller, its answers to the panes ----

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        self.search.query_changed(event.query)

    @on(SearchBar.Submitted)
    def _submitted(self, event: SearchBar.Submitted) -> None:
        self.search.remember(event.query)
        self.query_one(StoryList).focus()

    @on(SearchBar.SuggestionChosen)
    def _suggestion(self, event: SearchBar.SuggestionChosen) -> None:
        self.query_one(SearchBar).set_query(event.suggestion)

    @on(SearchBar.Left)
    def _left_search(self) -> None:
        self.query_one(StoryList).focus()

    @on(StoryList.MoreWanted)
    def _more(self) -> None:
        self.search.more()

    def search_for(self, query: str) -> None:
        """Run `query` as if typed (the command palette's "search for …")."""
        self.query_one(SearchBar).set_query(query)
        self.search.remember(query)
        self.query_one(StoryList).focus()

    def on_search_done(self, event: messages.SearchDone) -> None:
        self.query_one(SearchBar).show_result(event.result, len(event.new))
        self.query_one(TimelineChart).show_query(event.result.query)
        stories = self.query_one(StoryList)
        stories.show(event.result, event.marked, keep_cursor=event.keep_cursor, new=event.new)
        self._restore(False, event.result.query)
        if not event.result.hits:
            why = self.session.index_warning or "no stories match."
            self.query_one(StoryView).clear(f"No story to show: {why}")
            self.query_one(EntityPane).show_story(None)
        self.search.schedule_facets(event.result.query if self.panes.side_shown() else None)

    def on_search_failed(self, event: messages.SearchFailed) -> None:
        self.query_one(SearchBar).show_error(event.message)

    def on_similar_found(self, event: messages.SimilarFound) -> None:
        count = len(event.result.hits)
        noun = "story" if count == 1 else "stories"
        title = visible_text(event.title, one_line=True)
        self.query_one(SearchBar).show_note(
            f"{count} {noun} like “{title}”  ·  type or press / to search again"
        )
        stories = self.query_one(StoryList)
        stories.show(event.result, event.marked, keep_cursor=event.keep_cursor, new=event.new)
        self._restore(True, "")
        if not event.keep_cursor:
            self.query_one(StoryList).focus()

    def on_facets_loaded(self, event: messages.FacetsLoaded) -> None:
        self.query_one(EntityPane).show_facets(event.facets, event.query)

    @on(EntityPane.SearchFor)
    def _search_entity(self, event: EntityPane.SearchFor) -> None:
        self._leave_results()
        query = self.search.query_text.strip()
        self.search_for(f"{query} {event.query}".strip() if event.refine else event.query)

    def action_toggle_sort(self) -> None:
        self.query_one(StoryList).set_sort(self.search.toggle_sort())

    def action_more_like_this(self) -> None:
        if (story_id := self.panes.target_story()) is not None:
            self._leave_results()
            self.search.more_like_this(story_id)

    def action_open_digest(self) -> None:
        """Show the story's digest file in the user's pager or editor, then come back."""
        from tui.pager import show_digest

        show_digest(self.app, self.query_one(StoryView).loaded)

    def action_toggle_new(self) -> None:
        """Keep only the stories new since the last visit (`new:yes`), or all of them again."""
        self.search_for(new_only_toggled(self.query_one(SearchBar).value))

    def action_did_you_mean(self) -> None:
        suggestion = self.query_one(SearchBar).suggestion
        if suggestion:
            self.query_one(SearchBar).set_query(suggestion)

    # --- bookmarks: keys and the pane to the bookmarks controller, its answers to the panes ----

    def action_toggle_bookmark(self) -> None:
        if (story_id := self.panes.target_story()) is not None:
            self.bookmarks.toggle(story_id)

    def action_edit_note(self) -> None:
        if (story_id := self.panes.target_story()) is not None:
            self.bookmarks.edit_note(story_id)

    def action_undo(self) -> None:
        self.bookmarks.undo()

    def action_export(self) -> None:
        self.bookmarks.export(len(self.query_one(BookmarksPane).bookmarks))

    def action_bookmark_all(self) -> None:
        search = self.search
        similar = search.similar_to is not None
        self.bookmarks.bookmark_all(search.query_text, search.result_total, similar=similar)

    @on(BookmarksPane.Edit)
    def _edit_requested(self, event: BookmarksPane.Edit) -> None:
        self.bookmarks.edit(event.bookmark)

    @on(BookmarksPane.Delete)
    def _delete_requested(self, event: BookmarksPane.Delete) -> None:
        self.bookmarks.toggle(event.story_id)

    def on_bookmark_toggled(self, event: messages.BookmarkToggled) -> None:
        self.query_one(StoryList).set_marked(event.story_id, event.marked)
        reader = self.query_one(StoryView)
        if reader.story_id == event.story_id:
            reader.set_marked(event.marked)

    def on_bookmarks_loaded(self, event: messages.BookmarksLoaded) -> None:
        self.query_one(BookmarksPane).show_bookmarks(event.bookmarks)
        self.query_one(StoryList).sync_marked(event.marked)
        reader = self.query_one(StoryView)
        if reader.story_id is not None and (reader.story_id in event.marked) != reader.marked:
            reader.set_marked(reader.story_id in event.marked)

    # --- stories: the list's and panes' choices to the reader controller, its answers to panes --

    @on(StoryList.StoryHighlighted)
    def _preview(self, event: StoryList.StoryHighlighted) -> None:
        self.reader.preview(event.story_id, self.search.query_text)

    @on(StoryList.StoryChosen)
    def _chosen(self, event: StoryList.StoryChosen) -> None:
        self.search.remember(self.search.query_text)
        self.reader.open(event.story_id, self.search.query_text)

    @on(StoryView.OpenStory)
    @on(BookmarksPane.Open)
    def _open(self, event: StoryView.OpenStory | BookmarksPane.Open) -> None:
        self.reader.open(event.story_id, self.search.query_text)

    @on(StoryView.Back)
    def _back(self) -> None:
        self.query_one(StoryList).focus()

    def on_story_loaded(self, event: messages.StoryLoaded) -> None:
        reader = self.query_one(StoryView)
        reader.show(event.loaded, event.marked)
        self.query_one(EntityPane).show_story(event.loaded.story)
        if event.focus:
            self.set_focus(reader)

    def on_story_rechecked(self, event: messages.StoryRechecked) -> None:
        reader = self.query_one(StoryView)
        if reader.story_id != event.story_id:
            return  # the user moved on meanwhile
        if event.loaded is None:
            reader.clear("This story is no longer in the index: its digest was changed or removed.")
            self.query_one(EntityPane).show_story(None)
            return
        reader.show(event.loaded, event.marked)
        self.query_one(EntityPane).show_story(event.loaded.story)
        if event.loaded.story.entities:
            self.reader.load_counts(event.loaded.story)

    def on_story_read(self, event: messages.StoryRead) -> None:
        self.query_one(StoryList).set_read(event.story_id)
        self.query_one(SearchBar).set_new_count(event.new_count)
        self.saved.load()  # their new counts

    # --- saved searches --------------------------------------------------------------------------

    def action_save_search(self) -> None:
        self.saved.ask_to_save(self.query_one(SearchBar).value.strip())

    def action_focus_saved(self) -> None:
        self.panes.focus_side(self.query_one(SavedPane))

    def on_saved_loaded(self, event: messages.SavedLoaded) -> None:
        self.query_one(SavedPane).show_saved(event.saved)

    @on(SavedPane.Run)
    def _run_saved(self, event: SavedPane.Run) -> None:
        self._leave_results()
        self.search_for(event.query)

    @on(SavedPane.Delete)
    def _forget_saved(self, event: SavedPane.Delete) -> None:
        self.saved.forget(event.name)

    def on_entity_counts_loaded(self, event: messages.EntityCountsLoaded) -> None:
        self.query_one(EntityPane).show_counts(event.story_id, event.counts)

    # --- over time ---------------------------------------------------------------------------

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
        """Back to the stories; from the stories, back to the results shown before."""
        stories = self.query_one(StoryList)
        if self.focused is not stories:
            stories.focus()
            return
        place = self.search.back()
        if place is not None and place.similar_id is None:
            bar = self.query_one(SearchBar)
            if bar.value != place.query:
                bar.set_query(place.query)  # its change runs the search
            else:
                self.search.request(place.query)

    def _leave_results(self) -> None:
        stories = self.query_one(StoryList)
        self.search.leave(stories.highlighted_id, stories.scroll_y)

    def _restore(self, similar: bool, query: str) -> None:
        """Back at results left earlier: the cursor and scroll as they were."""
        if (place := self.search.returned(similar, query)) is not None:
            self.query_one(StoryList).return_to(place.story_id, place.scroll_y)

    def action_focus_bookmarks(self) -> None:
        self.panes.focus_side(self.query_one(BookmarksPane))

    def action_focus_timeline(self) -> None:
        self.panes.focus_timeline()

    def action_focus_entities(self) -> None:
        self.panes.focus_side(self.query_one(EntityPane))

    def on_descendant_focus(self) -> None:
        self.panes.follow_focus()

    # --- the one place worker failures are reported ---------------------------------------------

    def on_controller_failed(self, event: Controller.Failed) -> None:
        message = describe(event.error)
        if event.group == "open":
            self.query_one(SearchBar).show_error(f"Cannot open the index: {message}")
            self.query_one(StoryView).clear(f"Cannot open the index: {message}")
            self.notify(message, title="Cannot open the index", severity="error", timeout=15)
        else:
            self.notify(message, title=f"{event.group.capitalize()} failed", severity="error")
