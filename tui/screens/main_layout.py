"""The main screen's layout: which panes it shows, and which story a key means by the focus.

Under 100 columns the side column (entities, bookmarks, saved searches) takes the reader's
place while one of its panes has focus (`-side-open`); under 30 rows the timeline shows only
while it has focus (`-timeline-open`). Those classes are styled in `tui/app.tcss`.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget

from tui.widgets.bookmarks_pane import BookmarksPane
from tui.widgets.story_list import StoryList
from tui.widgets.story_view import StoryView
from tui.widgets.timeline_chart import TimelineChart

# The screen's classes by its size (Textual's breakpoints): the side column needs 100 columns.
WIDTHS = [(0, "-tiny"), (70, "-narrow"), (100, "-wide")]
HEIGHTS = [(0, "-short"), (30, "-tall")]


class MainLayout:
    """Opens the panes small screens hide when they are asked for or focused."""

    def __init__(self, screen: Screen[None]) -> None:
        self.screen = screen

    def target_story(self) -> str | None:
        """The story a key means: the one in the focused pane (list row, reader, bookmark)."""
        screen = self.screen
        focused = screen.focused
        story_list = screen.query_one(StoryList)
        pane = screen.query_one(BookmarksPane)
        if focused is story_list:
            story_id = story_list.highlighted_id
        elif focused is pane:
            story_id = pane.current.story_id if pane.current else None
        else:
            story_id = screen.query_one(StoryView).story_id or story_list.highlighted_id
        if story_id is None:
            screen.notify("No story selected", timeout=2)
        return story_id

    def side_shown(self) -> bool:
        """The side column is beside the reader (not hidden, nor only opened in its place)."""
        screen = self.screen
        return bool(screen.query_one("#side").display) and not screen.has_class("-narrow", "-tiny")

    def focus_side(self, pane: Widget) -> None:
        if self.screen.query_one("#side").display:
            pane.focus()
        else:  # narrow: show the side column first, focus it once it is laid out
            self.screen.add_class("-side-open")
            self.screen.call_after_refresh(pane.focus)

    def focus_timeline(self) -> None:
        self.screen.add_class("-timeline-open")  # short screens hide it until asked
        self.screen.call_after_refresh(self.screen.query_one(TimelineChart).focus)

    def follow_focus(self) -> None:
        """On narrow screens the side panes replace the reader while one of them has focus."""
        focused = self.screen.focused
        in_side = focused is not None and self.screen.query_one("#side") in focused.ancestors
        self.screen.set_class(in_side, "-side-open")
        self.screen.set_class(isinstance(focused, TimelineChart), "-timeline-open")
