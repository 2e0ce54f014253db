"""The explorer's keys: each with a description for the footer, the help screen and the command
palette, and an id a user's key map rebinds it by (`tui.keymap`). The actions are the main
screen's (`tui.screens.main`); the panes' own keys are in their classes, listed under their
titles here.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.entity_pane import EntityPane
from tui.widgets.saved_pane import SavedPane
from tui.widgets.search_bar import SearchBar
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView
from tui.widgets.timeline_chart import TimelineChart

# Pane titles for the help screen and the command palette.
PANES = (
    ("Search bar", SearchBar),
    ("Timeline", TimelineChart),
    ("Stories", StoryList),
    ("Reader", StoryView),
    ("Entities", EntityPane),
    ("Bookmarks", BookmarksPane),
    ("Saved searches", SavedPane),
)

BINDINGS: list[BindingType] = [
    Binding("slash", "focus_search", "Search", id="search", tooltip="Type a query"),
    Binding("s", "toggle_sort", "Sort", id="sort", show=False, tooltip="Relevance or newest"),
    Binding("b", "toggle_bookmark", "Bookmark", id="bookmark", tooltip="Bookmark on/off"),
    # In the footer: what fits at 80 columns; the rest is in the help screen and palette.
    Binding(
        "e", "edit_note", "Note", id="note", show=False, tooltip="Note and tags (bookmarks it)"
    ),
    Binding(
        "m",
        "focus_bookmarks",
        "Bookmarks",
        id="bookmarks",
        show=False,
        tooltip="Your bookmarks",
    ),
    Binding(
        "S",
        "save_search",
        "Save search",
        id="save_search",
        show=False,
        tooltip="Keep the query under a name",
    ),
    Binding("v", "focus_saved", "Saved searches", id="saved", show=False),
    Binding(
        "L",
        "more_like_this",
        "More like this",
        id="similar",
        show=False,
        tooltip="Similar stories",
    ),
    Binding("i", "toggle_new", "New only", id="new", show=False, tooltip="New since last visit"),
    Binding("E", "focus_entities", "Entities", id="entities", show=False),
    Binding(
        "o",
        "open_digest",
        "Open digest",
        id="open_digest",
        show=False,
        tooltip="The digest file in $PAGER or $EDITOR",
    ),
    Binding("w", "focus_timeline", "Timeline", id="timeline", tooltip="Stories over time"),
    Binding("T", "trends", "Trends", id="trends", tooltip="Who rose and fell in the news"),
    Binding("u", "undo", "Undo delete", id="undo", show=False),
    Binding("x", "export", "Export", id="export", show=False, tooltip="Export bookmarks"),
    Binding("A", "bookmark_all", "Bookmark all results", id="bookmark_all", show=False),
    Binding("ctrl+y", "did_you_mean", "Use suggestion", id="did_you_mean", show=False),
    Binding(
        "escape",
        "focus_list",
        "Back",
        id="back",
        show=False,
        tooltip="To the stories; there, to the results before",
    ),
]
