"""Opening: the session opens in a thread worker while the screen shows the prompt, and what
opening found (the sample built, an index repaired or incomplete, bookmarks set aside or off)
is said here.

The answer goes up to the screen (`SessionOpened` from `tui.messages`), which starts the other
controllers; a failure is reported by the screen under the worker's group, "open".
"""

from __future__ import annotations

from textual import work

from tui import messages
from tui.controllers.controller import Controller
from tui.session import Session


class OpeningController(Controller):
    """Opens the session once, when the screen asks."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def begin(self) -> None:
        self._open()

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open(self) -> None:
        self.post_message(messages.SessionOpened(self.session.open()))
        problem = self.session.back_up_first()  # while the first list is searched and drawn
        if problem is not None:
            self.app.call_from_thread(
                self.notify, problem, title="Bookmarks", severity="warning", timeout=15
            )

    def on_session_opened(self, event: messages.SessionOpened) -> None:
        """Say what opening found; the screen shows the rest."""
        opened = event.result
        if opened.built_sample:
            self.notify(
                f"Showing the bundled sample digests ({opened.stories} stories). "
                "Add your own with: dex index FOLDER",
                timeout=8,
            )
        for note in opened.index_notes:
            self.notify(note, title="Index repaired", severity="warning", timeout=15)
        if opened.index_warning:
            warning = opened.index_warning
            self.notify(warning, title="Index not up to date", severity="warning", timeout=30)
        if opened.bookmarks_note:
            self.notify(
                opened.bookmarks_note,
                title="Bookmarks file set aside",
                severity="warning",
                timeout=20,
            )
        if self.session.read_state_error:
            self.notify(
                self.session.read_state_error, title="New stories not marked", severity="warning"
            )
        if opened.bookmarks_error:
            self.notify(opened.bookmarks_error, title="Bookmarks are off", severity="error")
