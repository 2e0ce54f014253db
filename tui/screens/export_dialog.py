"""Choose a format and a file, then export every bookmark (the writing happens in a worker)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

# Kept in step with bookmarks.export (checked by a test), so opening the app does not load it.
FORMATS = ("markdown", "json", "csv", "ris", "csl-json")
EXTENSIONS = {"markdown": ".md", "json": ".json", "csv": ".csv", "ris": ".ris", "csl-json": ".json"}

DESCRIPTIONS = {
    "markdown": "Markdown: to read or paste into notes",
    "json": "JSON: dex's own format (dex bookmarks import reads it back)",
    "csv": "CSV: for a spreadsheet",
    "ris": "RIS: for Zotero, EndNote, Mendeley",
    "csl-json": "CSL-JSON: for Zotero and citation tools",
}


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    path: Path
    overwrite: bool


def default_path(fmt: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"dex-bookmarks{EXTENSIONS[fmt]}"


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Format (radio buttons), path, overwrite; Enter or the button exports, Escape cancels."""

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    ExportScreen > Vertical {
        width: 76;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    ExportScreen RadioSet {
        width: 100%;
    }
    ExportScreen Label {
        margin-top: 1;
    }
    ExportScreen #export-problem {
        color: $text-error;
        height: auto;
    }
    ExportScreen Horizontal {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    ExportScreen Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel")
    ]

    def __init__(self, count: int, folder: Path | None = None, fmt: str = "markdown") -> None:
        super().__init__()
        self.count = count
        self.folder = folder
        self.fmt = fmt

    def compose(self) -> ComposeResult:
        with Vertical():
            plural = "bookmark" if self.count == 1 else "bookmarks"
            yield Static(Text(f"Export {self.count} {plural}", style="bold"), markup=False)
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(
                        DESCRIPTIONS.get(fmt, fmt), value=fmt == self.fmt, id=f"fmt-{fmt}"
                    )
            yield Label("Save to")
            yield Input(str(default_path(self.fmt, self.folder)), id="export-path")
            yield Checkbox("Overwrite the file if it exists", id="export-overwrite")
            yield Static("", id="export-problem", markup=False)
            with Horizontal():
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel (esc)", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        new = (event.pressed.id or "fmt-markdown").removeprefix("fmt-")
        box = self.query_one("#export-path", Input)
        old_suffix = EXTENSIONS[self.fmt]
        if box.value.endswith(old_suffix):
            box.value = box.value[: -len(old_suffix)] + EXTENSIONS[new]
        self.fmt = new

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        problem = self.query_one("#export-problem", Static)
        if not text:
            problem.update(Text("Type the path of the file to write."))
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = (self.folder or Path.cwd()) / path
        overwrite = self.query_one("#export-overwrite", Checkbox).value
        self.dismiss(ExportRequest(self.fmt, path, overwrite))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
