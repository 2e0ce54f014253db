"""The search half of the main screen: queries as typed, more like this, and facets.

Searches run one at a time in a thread worker: a key typed while one runs is kept and searched
as soon as it finishes (only the latest text), so typing never queues stale searches and the
first key is searched at once. Each search has a generation; an answer older than what is shown
is dropped. MainScreen inherits this and composes the widgets.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.timer import Timer
from textual.worker import get_current_worker

from indexer.reading.textcodec import visible_text
from tui import messages
from tui.history import QueryHistory
from tui.screens.bookmarking import BookmarkingScreen
from tui.session import Sort
from tui.widgets.entity_pane import EntityPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView

PAGE = 20
FACETS_DELAY_S = 0.3


class SearchingScreen(BookmarkingScreen):
    """Search, more-like-this and facet workers, and what their answers do to the panes."""

    history: QueryHistory
    history_path: Path
    ready: bool

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.result_total = 0
        self.sort: Sort = "relevance"
        self.limit = PAGE
        self.similar_to: str | None = None  # the list shows stories like this title
        self._generation = 0
        self._shown_generation = 0
        self._searching = False
        self._pending: tuple[str, Sort, int, bool] | None = None
        self._facets_timer: Timer | None = None

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
        from indexer.errors import QueryError

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
            why = self.session.index_warning or "no stories match."
            self.query_one(StoryView).clear(f"No story to show: {why}")
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
        title = visible_text(event.title, one_line=True)
        if count == 0:
            self.notify(f"No stories like “{title}”", timeout=4, markup=False)
            return
        noun = "story" if count == 1 else "stories"
        self.query_one(SearchBar).show_note(
            f"{count} {noun} like “{title}”  ·  type or press / to search again"
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
        from indexer.errors import QueryError

        try:
            facets = self.session.facets(query)
        except QueryError:
            return
        if not get_current_worker().is_cancelled:
            self.post_message(messages.FacetsLoaded(query, facets))

    def on_facets_loaded(self, event: messages.FacetsLoaded) -> None:
        if event.query == self.query_text:
            self.query_one(EntityPane).show_facets(event.facets, event.query)
