"""The user's bookmarks, newest first, with their notes and tags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from indexer.reading.textcodec import visible_text
from tui.widgets.story_list import MARK, short_date

if TYPE_CHECKING:
    from indexer.bookmarks.store import Bookmark


def bookmark_row(bookmark: Bookmark) -> Text:
    """Headline, then date and tags, then the first line of the note."""
    line = Text()
    line.append(f"{MARK} ", style="bold yellow")
    line.append(visible_text(bookmark.headline or bookmark.title), style="bold")
    line.append(f"\n  {short_date(bookmark.date)}", style="italic")
    for tag in bookmark.tags:
        line.append("  ")
        line.append(f"#{visible_text(tag, one_line=True)}", style="bold cyan")
    note = bookmark.note.strip().splitlines()[0] if bookmark.note.strip() else ""
    if note:
        line.append("\n  ")
        line.append(visible_text(note), style="italic dim")
    return line


class BookmarksPane(OptionList):
    """Enter opens a bookmark; e edits its note and tags; d deletes it (u undoes)."""

    DEFAULT_CSS = """
    BookmarksPane {
        height: 1fr;
        max-height: 100%;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", id="bookmarks.down", show=False),
        Binding("k", "cursor_up", "Up", id="bookmarks.up", show=False),
        Binding("g", "first", "First", id="bookmarks.first", show=False),
        Binding("G", "last", "Last", id="bookmarks.last", show=False),
        Binding("enter", "select", "Open", id="bookmarks.open"),
        Binding("e", "edit", "Note/tags", id="bookmarks.edit", tooltip="Edit the note and tags"),
        Binding("d,delete", "delete", "Delete", id="bookmarks.delete"),
    ]

    @dataclass
    class Open(Message):
        story_id: str

    @dataclass
    class Edit(Message):
        bookmark: Bookmark

    @dataclass
    class Delete(Message):
        story_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.bookmarks: list[Bookmark] = []
        self.problem: str | None = None
        self.border_title = "Bookmarks"

    def show_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        """Replace the rows; the cursor stays on the same bookmark if it is still there."""
        current = self.current.story_id if self.current else None
        self.bookmarks = bookmarks
        self.problem = None
        if not bookmarks:
            empty = Text("No bookmarks yet: press b on a story.", style="italic")
            self.set_options([Option(empty, disabled=True)])
        else:
            options: list[Option | None] = []
            for bookmark in bookmarks:
                options += [Option(bookmark_row(bookmark), id=bookmark.story_id), None]
            self.set_options(options[:-1])
            ids = [b.story_id for b in bookmarks]
            self.highlighted = ids.index(current) if current in ids else 0
        self.border_title = f"Bookmarks  {len(bookmarks)}"

    def show_problem(self, message: str) -> None:
        """Bookmarks are off (a damaged or foreign file): say so in one line."""
        self.problem = message
        self.bookmarks = []
        self.set_options([Option(Text(message, style="italic"), disabled=True)])
        self.border_title = "Bookmarks (off)"

    @property
    def current(self) -> Bookmark | None:
        if self.highlighted is None or not self.bookmarks:
            return None
        return self.bookmarks[self.highlighted] if self.highlighted < len(self.bookmarks) else None

    def action_edit(self) -> None:
        if self.current is not None:
            self.post_message(self.Edit(self.current))

    def action_delete(self) -> None:
        if self.current is not None:
            self.post_message(self.Delete(self.current.story_id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.post_message(self.Open(event.option_id))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
