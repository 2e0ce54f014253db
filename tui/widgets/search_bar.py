"""The query box, with a status line under it: counts, a malformed-query message, did-you-mean."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from indexer.records import SearchResult
from tui.history import QueryHistory

PLACEHOLDER = 'Search: words, "a phrase", org:"NHS England", person:, place:, date:>2023 …'


class SearchBar(Vertical):
    """Search as you type; up/down recall earlier queries; Enter, Esc, or Down past the newest
    query go to the results."""

    DEFAULT_CSS = """
    SearchBar {
        height: auto;
        padding: 0 1;
    }
    SearchBar > Input {
        border: tall $border-blurred;
    }
    SearchBar > Input:focus {
        border: tall $border;
    }
    SearchBar > #search-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    SearchBar > #search-status.-error {
        color: $text-error;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history_back", "Older query", id="search.history_back", show=False),
        Binding(
            "down",
            "history_forward",
            "Newer query; past the newest, the stories",
            id="search.history_forward",
            show=False,
        ),
        Binding("escape", "leave", "Back to stories", id="search.leave"),
        Binding("enter", "submit", "Go to results", id="search.submit", show=False),
    ]

    @dataclass
    class QueryChanged(Message):
        """The text in the box changed: search for it."""

        query: str

    @dataclass
    class Submitted(Message):
        """Enter: remember the query, and go to the results (or take the suggestion)."""

        query: str

    @dataclass
    class SuggestionChosen(Message):
        """The user took the did-you-mean offer (click or key)."""

        suggestion: str

    @dataclass
    class Left(Message):
        """Escape, or Down with no newer query: focus the stories."""

    def __init__(
        self,
        history: QueryHistory | None = None,
        *,
        show_timings: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.history = history or QueryHistory()
        self.show_timings = show_timings
        self.suggestion: str | None = None
        self._shown: SearchResult | None = None  # the counts on the status line are its
        self._new_count = 0

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="search-input", select_on_focus=False)
        yield Static(Text("Opening the index…"), id="search-status", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def set_query(self, query: str) -> None:
        """Put `query` in the box (its Changed event runs the search)."""
        self.input.value = query
        self.input.cursor_position = len(query)

    # --- status line ---------------------------------------------------------------------------

    def _status(self, text: Text, *, error: bool = False) -> None:
        status = self.query_one("#search-status", Static)
        status.set_class(error, "-error")
        status.update(text, layout=False)  # one line, fixed height: no relayout per keystroke

    def show_result(self, result: SearchResult, new_count: int = 0) -> None:
        """Counts (and how many stories are new since the last visit), or "no stories match"
        with a clickable did-you-mean."""
        self.suggestion = result.suggestion if not result.hits else None
        self._shown, self._new_count = result, new_count
        if result.hits:
            about = "" if result.exact else "~"
            noun = "story" if result.total == 1 else "stories"
            line = Text(f"{len(result.hits)} of {about}{result.total} {noun}")
            if new_count:
                line.append(f"  ·  {new_count} new (i)", style="bold")
            if result.elapsed_ms and self.show_timings:
                line.append(f"  ·  {result.elapsed_ms:.0f} ms", style="dim")
            self._status(line)
            return
        line = Text(f"No stories match {result.query!r}." if result.query else "No stories yet.")
        if self.suggestion:
            line.append("  Did you mean ")
            line.append(self.suggestion, style=Style(bold=True, underline=True))
            line.append("?  (Enter or click)")
        self._status(line)

    def set_new_count(self, new_count: int) -> None:
        """Fewer stories are new (one was read): say so in the counts shown."""
        if self._shown is not None and new_count != self._new_count:
            self.show_result(self._shown, new_count)

    def show_error(self, message: str) -> None:
        """A malformed query: say what is wrong; the results below stay as they were."""
        self.suggestion, self._shown = None, None
        self._status(Text(message), error=True)

    def show_note(self, message: str) -> None:
        self._shown = None
        self._status(Text(message))

    def on_click(self, event: events.Click) -> None:
        if self.suggestion and event.widget is not None and event.widget.id == "search-status":
            self.post_message(self.SuggestionChosen(self.suggestion))

    # --- input ---------------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        if self.suggestion:
            self.post_message(self.SuggestionChosen(self.suggestion))
        else:
            self.post_message(self.Submitted(self.value))

    def action_history_back(self) -> None:
        query = self.history.older()
        if query is not None:
            self.set_query(query)

    def action_history_forward(self) -> None:
        query = self.history.newer()
        if query is None:  # not recalling: down from the box is down into the results
            self.post_message(self.Left())
        else:
            self.set_query(query)

    def action_leave(self) -> None:
        self.post_message(self.Left())
