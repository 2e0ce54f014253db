"""Watching: the app's own watcher over the user's sources (`dex watch`, in the app), and the
look every second for an index or bookmarks another dex (or that watcher) changed.

The watcher runs in its own thread (`indexer.index.watching.SourceWatcher`) and only posts
messages; the looks are thread workers. What changed is said here; the changes go up to the
screen (`OutsideChanges` from `tui.messages`), which refreshes what it shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui import locations, messages
from tui.controllers.controller import Controller
from tui.session import Session

if TYPE_CHECKING:
    from indexer.index.watching import SourceWatcher, WatchUpdate

# How often to look for changes: one stat of the index marker, one query of the bookmarks'.
CHANGES_EVERY_S = 1.0


def stories_change(before: int, now: int) -> str:
    """What another dex did to the index, as far as the counts tell."""
    if now > before:
        return f"{now - before} more {'story' if now - before == 1 else 'stories'} ({now} in all)"
    if now < before:
        return f"{before - now} {'story' if before - now == 1 else 'stories'} fewer ({now} in all)"
    return f"The index changed ({now} stories)"


class WatchController(Controller):
    """Starts the watcher once the session is open, stops it when the screen goes."""

    def __init__(self, session: Session, *, watch_sources: bool = True) -> None:
        super().__init__()
        self.session = session
        self.watch_sources = watch_sources
        self._watcher: SourceWatcher | None = None
        self._announced: set[int] = set()  # index generations the watcher's notice described

    def begin(self) -> None:
        """The session is open: look for changes from now on, and watch the sources."""
        self.set_interval(CHANGES_EVERY_S, self.look)
        if self.watch_sources:
            self._start_watching()

    def look(self) -> None:
        """Look for changes now (and not only at the next tick)."""
        self._look()

    def on_watch_report(self, event: messages.WatchReport) -> None:
        """The app's watcher updated the index: say what changed, and show it now."""
        event.stop()
        if event.error is not None:
            self.notify(event.error, title="Watching", severity="warning", timeout=8)
        if event.line is not None:
            self._announced.add(event.generation)
            self.notify(event.line, title="Index updated", timeout=6)
            self.look()

    def on_outside_changes(self, event: messages.OutsideChanges) -> None:
        """Say how the index changed, unless the watcher's notice did; the screen shows it."""
        if event.index:
            if event.generation not in self._announced:
                self.notify(stories_change(event.before, event.stories), title="Index updated")
            self._announced.discard(event.generation)

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.stop(timeout=5)  # an update in progress finishes first
            self._watcher = None

    @work(thread=True, exclusive=True, group="changes", exit_on_error=False)
    def _look(self) -> None:
        before = self.session.stories
        index, bookmarks = self.session.changes()
        if index or bookmarks:
            generation, stories = self.session.index_generation, self.session.stories
            self.post_message(
                messages.OutsideChanges(index, bookmarks, generation, stories, before)
            )

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _start_watching(self) -> None:
        from indexer.index.sources import SourcesError, read_sources

        try:
            sources = read_sources(locations.sources_file())
        except SourcesError as exc:
            self.post_message(messages.WatchReport(None, f"not watching: {exc}"))
            return
        if not sources or not self.is_attached:
            return
        # Only now: the watcher's module loads the engine (Whoosh, numpy), a quarter of a
        # second holding the interpreter lock the UI draws with.
        from indexer.index.watching import SourceWatcher

        self._watcher = SourceWatcher(self.session.index_dir, sources, self._updated)
        self._watcher.start()

    def _updated(self, update: WatchUpdate) -> None:
        """In the watcher's thread: tell the read state what arrived, the screen what changed."""
        from indexer.bookmarks.read_state import ReadStateError, note_index_changes
        from indexer.index.changes import index_generation
        from indexer.index.watching import describe_change

        if update.summary is None:
            self.post_message(messages.WatchReport(None, update.error))
            return
        summary = update.summary
        try:
            note_index_changes(locations.read_state_db(), summary.new_ids, summary.gone_ids)
        except ReadStateError as exc:
            self.post_message(messages.WatchReport(None, str(exc)))
        generation = index_generation(self.session.index_dir)
        self.post_message(messages.WatchReport(describe_change(summary), None, generation))
