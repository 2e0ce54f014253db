"""The bookmark half of the main screen: toggle, list, edit, delete with undo, export, bulk add.

Kept apart from `main.py` so each stays readable; MainScreen inherits it. Every write runs in a
thread worker and reports back with a message from `tui.messages`; failures reach the screen's
single worker-error handler.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.screen import Screen
from textual.worker import get_current_worker

from indexer.reading.textcodec import visible_text
from tui import messages
from tui.screens.confirm import ConfirmScreen
from tui.screens.export_dialog import ExportRequest, ExportScreen
from tui.screens.note_editor import NoteAndTags, NoteEditorScreen
from tui.session import Session
from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView

if TYPE_CHECKING:
    from indexer.bookmarks.store import Bookmark

UNDO_DEPTH = 20


class BookmarkingScreen(Screen[None]):
    """Bookmark actions shared by the panes; the subclass composes the widgets."""

    session: Session
    query_text: str
    result_total: int
    similar_to: str | None

    def __init__(self) -> None:
        super().__init__()
        self.undo_stack: list[Bookmark] = []

    # --- helpers -------------------------------------------------------------------------------

    def _bookmarks_on(self) -> bool:
        if self.session.bookmarks is None:
            self.notify(self.session.bookmarks_error or "Bookmarks are off", severity="warning")
            return False
        return True

    def _target_story(self) -> str | None:
        """The story `b` means: the one in the focused pane (list row, reader, bookmark)."""
        focused = self.focused
        story_list = self.query_one(StoryList)
        reader = self.query_one(StoryView)
        pane = self.query_one(BookmarksPane)
        if focused is story_list:
            return story_list.highlighted_id
        if focused is pane:
            return pane.current.story_id if pane.current else None
        return reader.story_id or story_list.highlighted_id

    # --- actions (bound in MainScreen.BINDINGS, offered in the command palette) ----------------

    def action_toggle_bookmark(self) -> None:
        story_id = self._target_story()
        if story_id is None:
            self.notify("No story selected", timeout=2)
        elif self._bookmarks_on():
            self._toggle(story_id)

    def action_edit_note(self) -> None:
        """Note and tags for the story in the focused pane; saving bookmarks it if need be."""
        story_id = self._target_story()
        if story_id is None:
            self.notify("No story selected", timeout=2)
        elif self._bookmarks_on():
            self._note_for(story_id)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo", timeout=2)
        elif self._bookmarks_on():
            self._restore(self.undo_stack.pop())

    def action_export(self) -> None:
        if not self._bookmarks_on():
            return
        count = len(self.query_one(BookmarksPane).bookmarks)
        if count == 0:
            self.notify("No bookmarks to export yet", timeout=3)
            return
        self.app.push_screen(ExportScreen(count), self._export_chosen)

    def action_bookmark_all(self) -> None:
        if not self._bookmarks_on():
            return
        if self.similar_to is not None:
            self.notify("Bookmark all works on a search's results: search first", timeout=4)
            return
        if self.result_total == 0:
            self.notify("No results to bookmark", timeout=3)
            return
        query = self.query_text.strip()
        what = f"matching {query!r}" if query else "in the index"
        question = f"Bookmark all {self.result_total} stories {what}?"
        self.app.push_screen(ConfirmScreen(question), self._bulk_confirmed)

    # --- pane messages -------------------------------------------------------------------------

    @on(BookmarksPane.Edit)
    def _edit_requested(self, event: BookmarksPane.Edit) -> None:
        self._edit(event.bookmark)

    @on(BookmarksPane.Delete)
    def _delete_requested(self, event: BookmarksPane.Delete) -> None:
        if self._bookmarks_on():
            self._toggle(event.story_id)

    def _edit(self, bookmark: Bookmark) -> None:
        def saved(result: NoteAndTags | None) -> None:
            if result is not None:
                self._update(bookmark.story_id, result)

        self.app.push_screen(NoteEditorScreen(bookmark), saved)

    def on_note_wanted(self, event: messages.NoteWanted) -> None:
        self._edit(event.bookmark)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None:
            self._export(request)

    def _bulk_confirmed(self, yes: bool | None) -> None:
        if yes:
            self._bookmark_all(self.query_text)

    # --- results -------------------------------------------------------------------------------

    def on_bookmark_toggled(self, event: messages.BookmarkToggled) -> None:
        self.query_one(StoryList).set_marked(event.story_id, event.marked)
        reader = self.query_one(StoryView)
        if reader.story_id == event.story_id:
            reader.set_marked(event.marked)
        if event.removed is not None:
            self.undo_stack.append(event.removed)
            del self.undo_stack[:-UNDO_DEPTH]
            title = visible_text(event.removed.headline or event.removed.title, one_line=True)
            self.notify(f"Removed bookmark: {title}\nPress u to undo.", timeout=6, markup=False)
        elif event.marked:
            self.notify(visible_text(event.note or "Bookmarked"), timeout=2, markup=False)
        self.load_bookmarks()

    def on_bookmarks_changed(self, event: messages.BookmarksChanged) -> None:
        if event.note:
            self.notify(visible_text(event.note), timeout=4, markup=False)
        self.load_bookmarks()

    def on_bookmarks_loaded(self, event: messages.BookmarksLoaded) -> None:
        self.query_one(BookmarksPane).show_bookmarks(event.bookmarks)
        self.query_one(StoryList).sync_marked(event.marked)
        reader = self.query_one(StoryView)
        if reader.story_id is not None and (reader.story_id in event.marked) != reader.marked:
            reader.set_marked(reader.story_id in event.marked)

    def on_export_done(self, event: messages.ExportDone) -> None:
        plural = "bookmark" if event.count == 1 else "bookmarks"
        self.notify(f"Exported {event.count} {plural} ({event.fmt}) to {event.path}", timeout=6)

    # --- workers -------------------------------------------------------------------------------

    def load_bookmarks(self) -> None:
        if self.session.bookmarks is not None:
            self._load_bookmarks()

    @work(thread=True, exclusive=True, group="bookmarks", exit_on_error=False)
    def _load_bookmarks(self) -> None:
        store = self.session.store()
        bookmarks = store.list()
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
