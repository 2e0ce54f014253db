"""The Digest Explorer app: wires the session, key map and theme to the main screen.

Routing only: the panes are in `tui.widgets`, the screen that composes them in
`tui.screens.main`, the work in `tui.controllers`, the blocking calls in `tui.session`.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from tui import locations
from tui.commands import DexCommands
from tui.history import QueryHistory
from tui.keymap import (
    Keymap,
    KeymapError,
    binding_ids,
    class_bindings,
    load_keymap,
    own_bindings,
)
from tui.screens.confirm import ConfirmScreen
from tui.screens.entity_over_time import EntityOverTimeScreen
from tui.screens.export_dialog import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.note_editor import NoteEditorScreen
from tui.screens.save_search import SaveSearchScreen
from tui.screens.trends_view import TrendsScreen
from tui.session import Session
from tui.settings import Settings
from tui.widgets.trend_list import TrendList

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class DexApp(App[None]):
    """Search, read and bookmark stories from health-policy digests."""

    CSS_PATH = "app.tcss"
    TITLE = "Digest Explorer"
    COMMANDS = App.COMMANDS | {DexCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Every key"),
        Binding("t", "toggle_theme", "Light/dark", id="theme", show=False),
    ]

    def __init__(
        self,
        *,
        session: Session | None = None,
        keymap_path: Path | None = None,
        history_path: Path | None = None,
        theme: str | None = None,
        settings_path: Path | None = None,
        show_timings: bool = True,
        watch_sources: bool = True,
        freeze_when_ready: bool = False,
    ) -> None:
        """`freeze_when_ready`: the app is its process's only one (dex itself), so what it has
        built by its first frame lives as long as the process (see on_ready)."""
        super().__init__()
        self.freeze_when_ready = freeze_when_ready
        self.show_timings = show_timings
        self.watch_sources = watch_sources  # the remembered sources, while the app is open
        self.session = session or Session(locations.index_dir(), locations.bookmarks_db())
        self.session.start()  # open the index while Textual starts up
        self.keymap_path = keymap_path or locations.keymap_file()
        self.history_path = history_path or locations.history_file()
        self.keymap: Keymap = {}
        # An explicit theme (tests, screenshots) is not a preference: it is neither read nor kept.
        self.settings_path = (settings_path or locations.settings_file()) if theme is None else None
        if theme is None:
            theme = Settings.load(self.settings_path).theme if self.settings_path else DARK_THEME
        self.theme = theme if theme in self.available_themes else DARK_THEME

    def on_mount(self) -> None:
        self.load_keymap()
        if self.settings_path is not None:
            self.theme_changed_signal.subscribe(self, lambda _theme: self._save_settings())
        history = QueryHistory.load(self.history_path)
        screen = MainScreen(
            self.session,
            history,
            self.history_path,
            show_timings=self.show_timings,
            watch_sources=self.watch_sources,
        )
        self.push_screen(screen)

    def on_ready(self) -> None:
        if self.freeze_when_ready:
            # The screen's widgets and styles out of the collector's walks, as the modules
            # were (tui.launch): a full collection then walks only what came after them.
            gc.freeze()

    def on_unmount(self) -> None:
        self.session.close()

    # --- key map -------------------------------------------------------------------------------

    def bound_classes(self) -> list[type[DOMNode]]:
        panes = [pane for _title, pane in MainScreen.PANES]
        modals = [HelpScreen, ConfirmScreen, NoteEditorScreen, ExportScreen, SaveSearchScreen,
                  TrendsScreen, TrendList, EntityOverTimeScreen]  # fmt: skip
        return [type(self), MainScreen, *panes, *modals]

    def load_keymap(self) -> None:
        """Apply the user's keymap.toml; problems are shown, never fatal."""
        try:
            keymap, warnings = load_keymap(self.keymap_path, binding_ids(self.bound_classes()))
        except KeymapError as exc:
            self.notify(
                f"{exc}\nUsing the default keys.", title="Key map ignored", severity="warning"
            )
            return
        for warning in warnings:
            self.notify(warning, title="Key map", severity="warning")
        self.keymap = keymap
        self.set_keymap(keymap)

    # --- actions -------------------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        everywhere = [*class_bindings(type(self)), *class_bindings(MainScreen)]
        sections = [("Everywhere", everywhere)]
        sections += [(title, own_bindings(pane)) for title, pane in MainScreen.PANES]
        sections += [
            ("Trends", [*class_bindings(TrendsScreen), *class_bindings(TrendList),
                        *class_bindings(EntityOverTimeScreen)]),
            ("Dialogs", [*class_bindings(NoteEditorScreen), *class_bindings(ExportScreen),
                         *class_bindings(ConfirmScreen), *class_bindings(SaveSearchScreen)]),
        ]  # fmt: skip
        self.push_screen(HelpScreen(sections, self.keymap, str(self.keymap_path)))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    @work(thread=True, exclusive=True, group="settings", exit_on_error=False)
    def _save_settings(self) -> None:
        """Keep the theme (chosen with `t` or the palette) for the next run."""
        assert self.settings_path is not None
        try:
            Settings(theme=self.theme).save(self.settings_path)
        except OSError as exc:
            self.call_from_thread(
                self.notify,
                f"{self.settings_path}: {exc.strerror or exc}",
                title="Theme not saved",
                severity="warning",
            )
