"""Every key binding, generated from the bindings themselves (with the user's key map applied)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keymap import BindingRow, Keymap, rows_for

INTRO = (
    "The app opens in the search box: type, and the results follow each key. Down, Enter or Esc "
    "go to the stories, where the single-letter keys below work; / comes back to the box.\n"
    'Queries: words, "a phrase", org:"NHS England", person:, place:, '
    "date:2023, date:>=2023-06, money:>10m, -word, a OR b, bookmarked:yes, tag:x, new:yes.\n"
    "Arrows, Home, End, PageUp and PageDown move in every pane as well.\n"
    "Rebind any key with an id in keymap.toml in the config folder, e.g.\n"
    '  [keys]\n  bookmark = "ctrl+b"'
)


class HelpScreen(ModalScreen[None]):
    """Escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 96;
        max-width: 100%;
        height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen Static {
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll('down')", "Scroll down", id="help.down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", id="help.up", show=False),
    ]

    def __init__(
        self, sections: Sequence[tuple[str, Sequence[Binding]]], keymap: Keymap, keymap_path: str
    ) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap
        self.keymap_path = keymap_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield Static(Text("Digest Explorer: keys", style="bold"), markup=False)
            yield Static(Text(INTRO + f"\nKey map file: {self.keymap_path}"), markup=False)
            for title, bindings in self.sections:
                rows = rows_for(bindings, self.keymap)
                if rows:
                    yield Static(self._table(title, rows), classes="help-section")

    def _table(self, title: str, rows: list[BindingRow]) -> Table:
        table = Table(title=title, title_justify="left", title_style="bold", expand=True,
                      show_edge=False, box=None, padding=(0, 1))  # fmt: skip
        table.add_column("Keys", style="bold", no_wrap=True, ratio=2)
        table.add_column("Does", ratio=4)
        table.add_column("Id (for keymap.toml)", style="dim", ratio=3)
        for row in rows:
            keys = ", ".join(self.app.get_key_display(Binding(k, row.action)) for k in row.keys)
            table.add_row(Text(keys), Text(row.description), Text(row.binding_id or ""))
        return table

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        if direction == "down":
            scroll.scroll_down()
        else:
            scroll.scroll_up()
