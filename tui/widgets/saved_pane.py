"""The user's saved searches, each with how many stories it finds and how many are new."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from indexer.reading.textcodec import visible_text
from tui.session import SavedCount


def saved_row(saved: SavedCount) -> Text:
    """Name and counts, then the query."""
    line = Text()
    line.append(visible_text(saved.name, one_line=True), style="bold")
    if saved.total is None:
        line.append("  (query no longer reads)", style="italic red")
    else:
        line.append(f"  {saved.total}", style="dim")
        if saved.new:
            line.append(f"  {saved.new} new", style="bold yellow")
    line.append("\n  ")
    line.append(visible_text(saved.query, one_line=True), style="italic dim")
    return line


class SavedPane(OptionList):
    """Enter runs a saved search; d forgets it."""

    DEFAULT_CSS = """
    SavedPane {
        height: 1fr;
        max-height: 100%;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", id="saved.down", show=False),
        Binding("k", "cursor_up", "Up", id="saved.up", show=False),
        Binding("g", "first", "First", id="saved.first", show=False),
        Binding("G", "last", "Last", id="saved.last", show=False),
        Binding("enter", "select", "Run", id="saved.run"),
        Binding("d,delete", "delete", "Forget", id="saved.delete", tooltip="Forget the search"),
    ]

    @dataclass
    class Run(Message):
        name: str
        query: str

    @dataclass
    class Delete(Message):
        name: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.saved: list[SavedCount] = []
        self.border_title = "Saved searches"

    def show_saved(self, saved: list[SavedCount]) -> None:
        """Replace the rows; the cursor stays on the same search if it is still there."""
        current = self.current.name if self.current else None
        self.saved = saved
        if not saved:
            empty = Text("No saved searches yet: press S to save the query.", style="italic")
            self.set_options([Option(empty, disabled=True)])
        else:
            options: list[Option | None] = []
            for item in saved:
                options += [Option(saved_row(item), id=item.name), None]
            self.set_options(options[:-1])
            names = [item.name for item in saved]
            self.highlighted = names.index(current) if current in names else 0
        self.border_title = f"Saved searches  {len(saved)}"

    @property
    def current(self) -> SavedCount | None:
        if self.highlighted is None or not self.saved or self.highlighted >= len(self.saved):
            return None
        return self.saved[self.highlighted]

    def action_delete(self) -> None:
        if self.current is not None:
            self.post_message(self.Delete(self.current.name))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(self.Run(self.current.name, self.current.query))
