"""The search results: one row per story (headline, date, source, bookmark mark, snippet)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from indexer.models import Hit, SearchResult
from tui.highlight import clip, styled

MORE_ID = "__more__"
MARK = "★"
SNIPPET_CHARS = 170
TERM_STYLE = Style(bold=True, reverse=True)


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def source_name(sources: tuple[str, ...]) -> str:
    """The first source's file name (folders dropped), "+n" for stories in several digests."""
    if not sources:
        return ""
    name = PurePath(sources[0]).name or sources[0]
    return f"{name} +{len(sources) - 1}" if len(sources) > 1 else name


def row(hit: Hit, marked: bool) -> Text:
    """Three lines: mark and headline, date and source, snippet with the query terms shown."""
    line = Text()
    line.append(f"{MARK} " if marked else "  ", style="bold yellow")
    line.append(hit.headline or hit.title, style="bold")
    line.append("\n  ")
    line.append(short_date(hit.date), style="italic")
    source = source_name(hit.sources)
    if source:
        line.append(f"  ·  {source}", style="dim")
    snippet, spans = clip(hit.snippet, hit.snippet_spans, SNIPPET_CHARS)
    if snippet:
        line.append("\n  ")
        line.append_text(styled(snippet, spans, TERM_STYLE, base="dim"))
    return line


class StoryList(OptionList):
    """Results of the current query; moving previews a story, Enter or a click opens it."""

    DEFAULT_CSS = """
    StoryList {
        height: 1fr;
        max-height: 100%;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", id="list.down", show=False),
        Binding("k", "cursor_up", "Up", id="list.up", show=False),
        Binding("g", "first", "First story", id="list.first", show=False),
        Binding("G", "last", "Last story", id="list.last", show=False),
        Binding("enter", "select", "Open story", id="list.open", tooltip="Read the story"),
    ]

    @dataclass
    class StoryHighlighted(Message):
        """The cursor is on a story: the reader previews it."""

        story_id: str

    @dataclass
    class StoryChosen(Message):
        """Enter or a click on a story: open it in the reader."""

        story_id: str

    @dataclass
    class MoreWanted(Message):
        """The "more stories" row was chosen: load the next page of results."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.hits: tuple[Hit, ...] = ()
        self.shown_query: str | None = None
        self.marked: set[str] = set()
        self.border_title = "Stories"

    def show(self, result: SearchResult, marked: frozenset[str], *, keep_cursor: bool) -> None:
        """Replace the rows with `result`; keep the cursor on the same story when asked."""
        current = self.highlighted_id if keep_cursor else None
        position = self.highlighted if keep_cursor and self.highlighted is not None else 0
        self.hits = result.hits
        self.shown_query = result.query
        self.marked = set(marked) | {hit.id for hit in result.hits if hit.bookmarked}
        options: list[Option | None] = []
        for hit in result.hits:
            options += [Option(row(hit, hit.id in self.marked), id=hit.id), None]
        remaining = result.total - len(result.hits)
        if result.hits and remaining > 0:
            about = "" if result.exact else "~"
            more = Text(f"  … {about}{remaining} more: Enter to show more", style="italic dim")
            options.append(Option(more, id=MORE_ID))
        self.set_options(options)
        about = "" if result.exact else "~"
        self.border_title = f"Stories  {len(result.hits)} of {about}{result.total}"
        index = next((i for i, h in enumerate(self.hits) if h.id == current), None)
        if index is None:  # the story is gone, or the cursor was on "more": stay at that row
            index = min(position, len(self.hits) - 1)
        self.highlighted = index if self.hits else None

    def set_sort(self, sort: str) -> None:
        self.border_subtitle = f"by {sort}"

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or self.highlighted >= len(self.hits):
            return None
        return self.hits[self.highlighted].id

    def set_marked(self, story_id: str, marked: bool) -> None:
        """Update one row's bookmark mark in place."""
        if marked:
            self.marked.add(story_id)
        else:
            self.marked.discard(story_id)
        for index, hit in enumerate(self.hits):
            if hit.id == story_id:
                self.replace_option_prompt_at_index(index, row(hit, marked))

    def sync_marked(self, marked: frozenset[str]) -> None:
        """Bring every row's mark in line with the bookmarks (after bulk changes or undo)."""
        for index, hit in enumerate(self.hits):
            if (hit.id in marked) != (hit.id in self.marked):
                self.replace_option_prompt_at_index(index, row(hit, hit.id in marked))
        self.marked = set(marked)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_id and event.option_id != MORE_ID:
            self.post_message(self.StoryHighlighted(event.option_id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == MORE_ID:
            self.post_message(self.MoreWanted())
        elif event.option_id:
            self.post_message(self.StoryChosen(event.option_id))
