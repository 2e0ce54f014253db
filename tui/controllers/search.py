"""Searching: queries as typed, more like this, facets, and the query history.

Searches run one at a time in a thread worker: a key typed while one runs is kept and searched
as soon as it finishes (only the latest text), so typing never queues stale searches and the
first key is searched at once. Each search has a generation; an answer older than what is shown
stops here, and the newest goes up to the screen (`SearchDone`, `SearchFailed`, `SimilarFound`,
`FacetsLoaded` from `tui.messages`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.timer import Timer
from textual.worker import Worker, WorkerState, get_current_worker

from indexer.reading.textcodec import visible_text
from tui import messages
from tui.controllers.controller import Controller
from tui.history import QueryHistory
from tui.index_server import FIRST_PAGE
from tui.session import FirstPage, Session, Sort

PAGE = FIRST_PAGE  # the index process makes the first page as it opens
PLACES_KEPT = 50
FACETS_DELAY_S = 0.3
FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
NEW_ONLY = "new:yes"


def new_only_toggled(query: str) -> str:
    """`query` keeping only the stories new since the last visit (`new:yes`), or all again."""
    words = query.split()
    kept = [word for word in words if word.casefold() != NEW_ONLY]
    return " ".join(kept if len(kept) < len(words) else [*kept, NEW_ONLY])


@dataclass(frozen=True)
class Place:
    """Results the reader left (for stories like one, an entity, a saved search), to go back
    to: the query or the story they were like, the story under the cursor, the scroll."""

    query: str
    similar_id: str | None
    story_id: str | None
    scroll_y: float


class SearchController(Controller):
    """What the list shows (a query's results or stories like one), and the work behind it."""

    def __init__(self, session: Session, history: QueryHistory, history_path: Path) -> None:
        super().__init__()
        self.session = session
        self.history = history
        self.history_path = history_path
        self.ready = False  # searches wait for the session to open
        self.query_text = ""
        self.result_total = 0
        self.sort: Sort = "relevance"
        self.limit = PAGE
        self.similar_to: str | None = None  # the list shows stories like this title
        self.similar_id: str | None = None  # … this story's
        self._generation = 0
        self._shown_generation = 0
        self._searching = False
        self._pending: tuple[str, Sort, int, bool] | None = None
        self._facets_timer: Timer | None = None
        self.places: list[Place] = []  # the back stack, the latest last
        self.returning: Place | None = None  # going back there: the answer restores it

    # --- what the screen asks for ---------------------------------------------------------------

    def begin(self, query: str, first: FirstPage | None = None) -> None:
        """The session is open: show the first page it searched while opening, if the bar is
        still empty, else search for what the bar holds (typed meanwhile)."""
        self.ready = True
        if first is None or query or self.sort != "relevance" or self.limit != PAGE:
            self.request(query)
            return
        self.query_text = ""
        self._generation += 1
        self.post_message(
            messages.SearchDone(self._generation, first.result, first.marked, PAGE, new=first.new)
        )

    def query_changed(self, query: str) -> None:
        """The user typed: search from the first page."""
        self.limit = PAGE
        self.request(query)

    def request(self, query: str, *, keep_cursor: bool = False) -> None:
        self.query_text = query
        self._pending = (query, self.sort, self.limit, keep_cursor)
        if self.ready and not self._searching:
            self._start_search()

    def more(self) -> None:
        """The list reached its end: ask for more of the same results."""
        self.limit += PAGE * 2
        self.request(self.query_text, keep_cursor=True)

    def toggle_sort(self) -> Sort:
        """Sort what is shown the other way: a query's results, or the stories like one."""
        self.sort = "date" if self.sort == "relevance" else "relevance"
        if self.similar_to is not None and self.similar_id is not None:
            self.more_like_this(self.similar_id)
        else:
            self.request(self.query_text)
        return self.sort

    def more_like_this(self, story_id: str, *, keep_cursor: bool = False) -> None:
        self._generation += 1  # answers to searches already running are now stale
        self.similar_id = story_id
        self._similar(self._generation, story_id, self.sort, keep_cursor)

    def show_again(self) -> None:
        """The index changed: show what is shown again, from the index as it is now, keeping
        the cursor (a story that is gone leaves the list)."""
        if self.similar_to is not None and self.similar_id is not None:
            self.more_like_this(self.similar_id, keep_cursor=True)
        else:
            self.request(self.query_text, keep_cursor=True)

    def leave(self, story_id: str | None, scroll_y: float) -> None:
        """The list is about to show other results: keep these to come back to."""
        similar = self.similar_id if self.similar_to is not None else None
        self.places = [*self.places, Place(self.query_text, similar, story_id, scroll_y)]
        del self.places[:-PLACES_KEPT]

    def back(self) -> Place | None:
        """Show the results left last (None: there are none); `returning` says where."""
        if not self.places:
            return None
        self.returning = place = self.places.pop()
        if place.similar_id is not None:
            self.more_like_this(place.similar_id)
        return place

    def returned(self, similar: bool, query: str) -> Place | None:
        """The place this answer brings back, if it is the one being gone back to."""
        place = self.returning
        if place is None or (place.similar_id is not None) != similar:
            return None
        if not similar and place.query != query:
            return None
        self.returning = None
        return place

    def remember(self, query: str) -> None:
        if self.history.add(query):
            self._save_history()

    def schedule_facets(self, query: str | None) -> None:
        """Facets for `query` after a pause, as they cost more than a search (None: none)."""
        if self._facets_timer is not None:
            self._facets_timer.stop()
            self._facets_timer = None
        if query is not None:
            self._facets_timer = self.set_timer(FACETS_DELAY_S, lambda: self._load_facets(query))

    # --- workers --------------------------------------------------------------------------------

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
        new = self.session.new_ids()
        self.post_message(messages.SearchDone(generation, result, marked, limit, keep, new))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A search ended (answered, failed or cancelled): start the one typed meanwhile.
        (Controller's handler, which reports failures, runs as well.)"""
        if event.worker.group == "search" and event.state in FINISHED:
            self._searching = False
            self._start_search()

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def _similar(self, generation: int, story_id: str, sort: Sort, keep_cursor: bool) -> None:
        try:
            title, result = self.session.more_like_this(story_id, PAGE, sort)
        except LookupError:
            if not keep_cursor:
                raise
            # Refreshing stories like one that is gone: back to the query's results.
            self.app.call_from_thread(self.request, self.query_text, keep_cursor=True)
            return
        if not get_current_worker().is_cancelled:
            marked = self.session.marked()
            new = self.session.new_ids()
            message = messages.SimilarFound(generation, result, marked, title, keep_cursor, new)
            self.post_message(message)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _save_history(self) -> None:
        self.history.save(self.history_path)

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def _load_facets(self, query: str) -> None:
        from indexer.errors import QueryError

        try:
            facets = self.session.facets(query)
        except QueryError:
            return
        if not get_current_worker().is_cancelled:
            self.post_message(messages.FacetsLoaded(query, facets))

    # --- answers: the newest go up to the screen ------------------------------------------------

    def _newest(self, generation: int) -> bool:
        if generation <= self._shown_generation:
            return False
        self._shown_generation = generation
        return True

    def on_search_done(self, event: messages.SearchDone) -> None:
        if not self._newest(event.generation):
            event.stop()
            return
        self.similar_to = self.similar_id = None
        self.result_total = event.result.total

    def on_search_failed(self, event: messages.SearchFailed) -> None:
        if not self._newest(event.generation):
            event.stop()

    def on_similar_found(self, event: messages.SimilarFound) -> None:
        if not self._newest(event.generation):
            event.stop()
            return
        self.similar_to = event.title
        self.result_total = event.result.total
        if not event.result.hits:
            title = visible_text(event.title, one_line=True)
            self.notify(f"No stories like “{title}”", timeout=4, markup=False)
            event.stop()

    def on_facets_loaded(self, event: messages.FacetsLoaded) -> None:
        if event.query != self.query_text:
            event.stop()
