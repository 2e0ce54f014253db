"""Name the current query to keep it as a saved search."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from indexer.reading.textcodec import visible_text


class SaveSearchScreen(ModalScreen[str | None]):
    """Enter saves under the name typed, Escape cancels (nothing is written)."""

    DEFAULT_CSS = """
    SaveSearchScreen {
        align: center middle;
    }
    SaveSearchScreen > Vertical {
        width: 60;
        max-width: 95%;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="save_search.cancel"),
    ]

    def __init__(self, query: str, name: str = "") -> None:
        super().__init__()
        self.search_query = query
        self.suggested_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(visible_text(self.search_query, one_line=True), style="bold"))
            yield Label("Save this search as (Enter saves, Escape cancels)")
            yield Input(self.suggested_name, placeholder="a name", id="save-search-name")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
