"""Reading: the story to show in the reader, after a pause when the list cursor only passes
over it, and how many stories share each of its entities.

Answers go up to the screen (`StoryLoaded`, `EntityCountsLoaded` from `tui.messages`); a story
no longer in the index is said here.
"""

from __future__ import annotations

from textual import work
from textual.timer import Timer
from textual.worker import get_current_worker

from indexer.records import Story
from tui import messages
from tui.controllers.controller import Controller
from tui.session import Session

# The reader follows the list cursor after this pause, so typing and j/k repaint only the list.
PREVIEW_DELAY_S = 0.12


class ReaderController(Controller):
    """Loads stories for the reader; the newest request wins."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._preview_timer: Timer | None = None

    def preview(self, story_id: str, query: str) -> None:
        """Show the story once the cursor rests on it, without moving the focus."""
        self._cancel_preview()
        self._preview_timer = self.set_timer(
            PREVIEW_DELAY_S, lambda: self._load(story_id, False, query)
        )

    def open(self, story_id: str, query: str) -> None:
        """Show the story now and focus the reader; the query's words are marked in it."""
        self._cancel_preview()
        self._load(story_id, True, query)

    def _cancel_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None

    @work(thread=True, exclusive=True, group="story", exit_on_error=False)
    def _load(self, story_id: str, focus: bool, query: str) -> None:
        loaded = self.session.load(story_id, query)
        if get_current_worker().is_cancelled:
            return
        if loaded is None:
            self.post_message(messages.StoryMissing(story_id))
            return
        marked = story_id in self.session.marked()
        self.post_message(messages.StoryLoaded(loaded, focus, marked))

    def on_story_loaded(self, event: messages.StoryLoaded) -> None:
        story = event.loaded.story
        if story.entities:
            self._load_counts(story)

    def on_story_missing(self, event: messages.StoryMissing) -> None:
        event.stop()
        self.notify(f"Story {event.story_id} is no longer in the index", severity="warning")

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _load_counts(self, story: Story) -> None:
        counts = self.session.entity_counts(story.entities)
        if not get_current_worker().is_cancelled:
            self.post_message(messages.EntityCountsLoaded(story.id, counts))
