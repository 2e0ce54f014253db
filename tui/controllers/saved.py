"""Saved searches: keep the query under a name (asked in a dialog), forget one, and count what
each finds.

Counts are two searches each (all matches, and the new ones), made in a thread worker on the
bulk lane, after the list opens and again whenever the index or what is new changes. Answers go
up to the screen (`SavedLoaded` from `tui.messages`).
"""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from tui import messages
from tui.controllers.controller import Controller
from tui.screens.save_search import SaveSearchScreen
from tui.session import Session


class SavedController(Controller):
    """The saved searches shown in their pane, and the work behind them."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def load(self) -> None:
        self._load()

    def ask_to_save(self, query: str) -> None:
        """Ask for a name to keep `query` under, then save it."""
        if not query:
            self.notify("Type a query first: there is nothing to save", timeout=3)
            return

        def saved(name: str | None) -> None:
            if name:
                self._save(name, query)

        self.app.push_screen(SaveSearchScreen(query), saved)

    def forget(self, name: str) -> None:
        self._forget(name)

    @work(thread=True, exclusive=True, group="saved", exit_on_error=False)
    def _load(self) -> None:
        counts = self.session.saved_counts()
        if not get_current_worker().is_cancelled:
            self.post_message(messages.SavedLoaded(counts))

    @work(thread=True, group="saved-write", exit_on_error=False)
    def _save(self, name: str, query: str) -> None:
        saved = self.session.store().saved.save(name, query)
        self.post_message(messages.SavedChanged(f"Saved “{saved.name}”: {saved.query}"))

    @work(thread=True, group="saved-write", exit_on_error=False)
    def _forget(self, name: str) -> None:
        self.session.store().saved.remove(name)
        self.post_message(messages.SavedChanged(f"Forgot the saved search “{name}”"))

    def on_saved_changed(self, event: messages.SavedChanged) -> None:
        self.notify(event.note, timeout=4, markup=False)
        self.load()
