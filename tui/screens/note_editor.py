"""Edit a bookmark's note and tags in a small dialog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from indexer.reading.textcodec import visible_text

if TYPE_CHECKING:
    from indexer.bookmarks.store import Bookmark


@dataclass(frozen=True)
class NoteAndTags:
    """What the dialog returns when saved."""

    note: str
    tags: tuple[str, ...]


def split_tags(text: str) -> tuple[str, ...]:
    """Tags typed as "nhs, workforce  strikes" (commas or spaces), duplicates dropped."""
    parts = text.replace(",", " ").split()
    return tuple(dict.fromkeys(part.lstrip("#") for part in parts if part.lstrip("#")))


class NoteEditorScreen(ModalScreen[NoteAndTags | None]):
    """Ctrl+S saves, Escape cancels (nothing is written)."""

    DEFAULT_CSS = """
    NoteEditorScreen {
        align: center middle;
    }
    NoteEditorScreen > Vertical {
        width: 72;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    NoteEditorScreen TextArea {
        height: 6;
    }
    NoteEditorScreen Label {
        margin-top: 1;
    }
    NoteEditorScreen Horizontal {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    NoteEditorScreen Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="note.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, bookmark: Bookmark) -> None:
        super().__init__()
        self.bookmark = bookmark

    def compose(self) -> ComposeResult:
        with Vertical():
            title = Text(visible_text(self.bookmark.headline or self.bookmark.title), style="bold")
            yield Static(title, markup=False)
            yield Label("Note")
            yield TextArea(self.bookmark.note, id="note-text", soft_wrap=True)
            yield Label("Tags (separated by commas or spaces)")
            yield Input(", ".join(self.bookmark.tags), id="note-tags")
            with Horizontal():
                yield Button("Save (ctrl+s)", variant="primary", id="note-save")
                yield Button("Cancel (esc)", id="note-cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    @on(Button.Pressed, "#note-save")
    @on(Input.Submitted, "#note-tags")
    def action_save(self) -> None:
        note = self.query_one("#note-text", TextArea).text.strip()
        tags = split_tags(self.query_one("#note-tags", Input).value)
        self.dismiss(NoteAndTags(note, tags))

    @on(Button.Pressed, "#note-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
