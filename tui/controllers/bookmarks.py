"""Bookmarks: toggle, notes and tags, delete with undo, bulk add, export.

Every write runs in a thread worker. What the panes show goes up to the screen
(`BookmarkToggled`, `BookmarksLoaded` from `tui.messages`); the rest (the note editor, the
export and confirm dialogs, notifications, the undo stack) is handled here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from indexer.reading.textcodec import visible_text
from tui import messages
from tui.controllers.controller import Controller
from tui.screens.confirm import ConfirmScreen
from tui.screens.export_dialog import ExportRequest, ExportScreen
from tui.screens.note_editor import NoteAndTags, NoteEditorScreen
from tui.session import Session

if TYPE_CHECKING:
    from indexer.bookmarks.store import Bookmark

UNDO_DEPTH = 20


class BookmarksController(Controller):
    """The bookmark store's side of the screen; bookmarks may be off for the session."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.undo_stack: list[Bookmark] = []

    def available(self) -> bool:
        """True when bookmarks are on; else says why."""
        if self.session.bookmarks is None:
            self.notify(self.session.bookmarks_error or "Bookmarks are off", severity="warning")
            return False
        return True

    # --- what the screen asks for ---------------------------------------------------------------

    def toggle(self, story_id: str) -> None:
        if self.available():
            self._toggle(story_id)

    def edit_note(self, story_id: str) -> None:
        """Note and tags for the story; saving bookmarks it if need be."""
        if self.available():
            self._note_for(story_id)

    def edit(self, bookmark: Bookmark) -> None:
        def saved(result: NoteAndTags | None) -> None:
            if result is not None:
                self._update(bookmark.story_id, result)

        self.app.push_screen(NoteEditorScreen(bookmark), saved)

    def undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo", timeout=2)
        elif self.available():
            self._restore(self.undo_stack.pop())

    def export(self, count: int) -> None:
        """Ask where and how to export the `count` bookmarks shown, then write them."""
        if not self.available():
            return
        if count == 0:
            self.notify("No bookmarks to export yet", timeout=3)
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._export(request)

        self.app.push_screen(ExportScreen(count), chosen)

    def bookmark_all(self, query: str, total: int, *, similar: bool) -> None:
        """Bookmark the `total` stories `query` finds, once the user confirms (`similar`: the
        list shows stories like one instead, which have no query to repeat)."""
        if not self.available():
            return
        if similar:
            self.notify("Bookmark all works on a search's results: search first", timeout=4)
            return
        if total == 0:
            self.notify("No results to bookmark", timeout=3)
            return
        shown = query.strip()
        what = f"matching {shown!r}" if shown else "in the index"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._bookmark_all(query)

        self.app.push_screen(ConfirmScreen(f"Bookmark all {total} stories {what}?"), confirmed)

    def load(self) -> None:
        if self.session.bookmarks is not None:
            self._load()

    # --- answers --------------------------------------------------------------------------------

    def on_bookmark_toggled(self, event: messages.BookmarkToggled) -> None:
        """Keep a removed bookmark for undo and say what happened; the screen marks the panes."""
        if event.removed is not None:
            self.undo_stack.append(event.removed)
            del self.undo_stack[:-UNDO_DEPTH]
            title = visible_text(event.removed.headline or event.removed.title, one_line=True)
            self.notify(f"Removed bookmark: {title}\nPress u to undo.", timeout=6, markup=False)
        elif event.marked:
            self.notify(visible_text(event.note or "Bookmarked"), timeout=2, markup=False)
        self.load()

    def on_bookmarks_changed(self, event: messages.BookmarksChanged) -> None:
        event.stop()
        if event.note:
            self.notify(visible_text(event.note), timeout=4, markup=False)
        self.load()

    def on_note_wanted(self, event: messages.NoteWanted) -> None:
        event.stop()
        self.edit(event.bookmark)

    def on_export_done(self, event: messages.ExportDone) -> None:
        event.stop()
        plural = "bookmark" if event.count == 1 else "bookmarks"
        self.notify(f"Exported {event.count} {plural} ({event.fmt}) to {event.path}", timeout=6)

    # --- workers --------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="bookmarks", exit_on_error=False)
    def _load(self) -> None:
        bookmarks = self.session.store().list()
        if not get_current_worker().is_cancelled:
            marked = frozenset(b.story_id for b in bookmarks)
            self.post_message(messages.BookmarksLoaded(bookmarks, marked))

    @work(thread=True, group="write", exit_on_error=False)
    def _toggle(self, story_id: str) -> None:
        marked, removed = self.session.toggle(story_id)
        self.post_message(messages.BookmarkToggled(story_id, marked, removed))

    @work(thread=True, group="write", exit_on_error=False)
    def _restore(self, bookmark: Bookmark) -> None:
        self.session.store().restore(bookmark)
        title = bookmark.headline or bookmark.title
        self.post_message(
            messages.BookmarkToggled(bookmark.story_id, True, note=f"Restored: {title}")
        )

    @work(thread=True, exclusive=True, group="note", exit_on_error=False)
    def _note_for(self, story_id: str) -> None:
        from indexer.bookmarks.store import Bookmark

        bookmark = self.session.store().get(story_id)
        if bookmark is not None:
            self.post_message(messages.NoteWanted(bookmark, saved=True))
            return
        loaded = self.session.load(story_id)
        if loaded is None:
            raise LookupError(f"story {story_id} is no longer in the index")
        self.post_message(messages.NoteWanted(Bookmark.from_story(loaded.story), saved=False))

    @work(thread=True, group="write", exit_on_error=False)
    def _update(self, story_id: str, result: NoteAndTags) -> None:
        store = self.session.store()
        if store.get(story_id) is None:  # a note on a story not bookmarked yet bookmarks it
            loaded = self.session.load(story_id)
            if loaded is None:
                raise LookupError(f"story {story_id} is no longer in the index")
            store.add(loaded.story, note=result.note, tags=result.tags)
            self.post_message(
                messages.BookmarkToggled(story_id, True, note="Bookmarked, with the note and tags")
            )
            return
        store.update(story_id, note=result.note, tags=result.tags)
        self.post_message(messages.BookmarksChanged("Saved the note and tags"))

    @work(thread=True, group="write", exit_on_error=False)
    def _bookmark_all(self, query: str) -> None:
        added, matched = self.session.bookmark_all(query)
        if added == matched:
            note = f"Bookmarked {added} stories"
        else:
            note = f"Bookmarked {added} more stories ({matched - added} already were)"
        self.post_message(messages.BookmarksChanged(note))

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, request: ExportRequest) -> None:
        count = self.session.export(request.fmt, request.path, overwrite=request.overwrite)
        self.post_message(messages.ExportDone(str(request.path), count, request.fmt))
