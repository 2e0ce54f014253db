"""A screen's part with no look of its own: state, thread workers, and messages for the screen;
and the one line a worker's failure is reported as."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState


def describe(error: BaseException) -> str:
    """One line for a worker's failure (our exceptions already name the file or query)."""
    text = " ".join(str(error).split())
    ours = type(error).__module__.split(".")[0] in ("indexer", "tui")
    if ours or isinstance(error, (OSError, ValueError, LookupError)):
        return text or type(error).__name__
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class Controller(Widget):
    """Mounted in a screen but never shown: a widget so that its workers and messages belong
    to it, and its messages bubble up to the screen."""

    DEFAULT_CSS = """
    Controller {
        display: none;
    }
    """

    @dataclass
    class Failed(Message):
        """One of this controller's workers stopped with an error: the screen reports it."""

        group: str
        error: BaseException

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.ERROR and worker.error is not None:
            self.post_message(self.Failed(worker.group, worker.error))
