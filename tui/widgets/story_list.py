"""The search results: one row per story (headline, date, source, bookmark mark, snippet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.content import Span as ContentSpan
from textual.message import Message
from textual.style import Style as ContentStyle
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from indexer.reading.textcodec import visible_text
from indexer.records import Hit, SearchResult, Span
from tui.highlight import clip, styled

MORE_ID = "__more__"
LOAD_AHEAD = 3  # rows before the last story loaded at which the next page is asked for
MARK = "★"
NEW_MARK = "•"  # new since the last visit, not read yet
SNIPPET_CHARS = 170
TERM_STYLE = Style(bold=True, reverse=True)


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def source_name(sources: tuple[str, ...]) -> str:
    """The first source's file name (folders dropped), "+n" for stories in several digests."""
    if not sources:
        return ""
    name = visible_text(PurePath(sources[0]).name or sources[0], one_line=True)
    return f"{name} +{len(sources) - 1}" if len(sources) > 1 else name


def _row_key(hit: Hit, marked: bool, new: bool) -> Hashable:
    """Everything `row` draws, so equal keys mean identical rows."""
    return (hit.id, hit.headline, hit.title, hit.title_spans, hit.date, hit.sources,
            hit.snippet, hit.snippet_spans, marked, new)  # fmt: skip


def marks(marked: bool, new: bool) -> str:
    """The two columns before a headline: bookmarked and/or new since the last visit."""
    if marked and new:
        return MARK + NEW_MARK
    return f"{MARK} " if marked else (f"{NEW_MARK} " if new else "  ")


def row(hit: Hit, marked: bool, new: bool = False) -> Text:
    """Three lines: marks and headline, date and source, snippet with the query terms shown."""
    line = Text()
    line.append(marks(marked, new), style="bold yellow")
    line.append_text(
        styled(visible_text(hit.headline or hit.title), hit.title_spans, TERM_STYLE, base="bold")
    )
    line.append("\n  ")
    line.append(short_date(hit.date), style="italic")
    source = source_name(hit.sources)
    if source:
        line.append(f"  ·  {source}", style="dim")
    snippet, spans = clip(visible_text(hit.snippet), hit.snippet_spans, SNIPPET_CHARS)
    if snippet:
        line.append("\n  ")
        line.append_text(styled(snippet, spans, TERM_STYLE, base="dim"))
    return line


_ROW_STYLES = ("bold yellow", "bold", "italic", "dim", "dim", TERM_STYLE)


def _content_styles(get_style: Callable[[str], Style], ansi_theme: Any) -> list[ContentStyle]:
    """`row`'s styles as Textual styles, converted once per theme rather than once per row."""
    return [
        ContentStyle.from_rich_style(get_style(s) if isinstance(s, str) else s, ansi_theme)
        for s in _ROW_STYLES
    ]


def row_content(
    hit: Hit, marked: bool, styles: list[ContentStyle], new: bool = False, compact: bool = False
) -> Content:
    """`row` built directly as Textual Content (the same text and spans), which skips the
    conversion from Rich Text that Textual would otherwise make for every row shown.
    `compact`: the headline and date only (a short screen still shows several stories)."""
    mark_style, headline_style, date_style, source_style, base_style, term_style = styles
    parts: list[str] = []
    spans: list[ContentSpan] = []
    at = 0

    def add(text: str, style: ContentStyle | None = None) -> None:
        nonlocal at
        parts.append(text)
        if style is not None and text:
            spans.append(ContentSpan(at, at + len(text), style))
        at += len(text)

    add(marks(marked, new), mark_style)
    start, title = at, visible_text(hit.headline or hit.title)
    add(title, headline_style)
    _mark(title, hit.title_spans, start, term_style, spans)
    if compact:
        add("  ")
        add(short_date(hit.date), date_style)
        return Content("".join(parts), spans)
    add("\n  ")
    add(short_date(hit.date), date_style)
    source = source_name(hit.sources)
    if source:
        add(f"  ·  {source}", source_style)
    snippet, snippet_spans = clip(visible_text(hit.snippet), hit.snippet_spans, SNIPPET_CHARS)
    if snippet:
        add("\n  ")
        start = at
        add(snippet, base_style)
        _mark(snippet, snippet_spans, start, term_style, spans)
    return Content("".join(parts), spans)


def _mark(
    text: str, marks: tuple[Span, ...], at: int, term: ContentStyle, spans: list[ContentSpan]
) -> None:
    """Add the term style over the query's words in `text`, which starts at `at` (after the
    text's own style, so the term style wins)."""
    for span in marks:
        first, last = max(0, span.start), min(len(text), span.end)
        if first < last:
            spans.append(ContentSpan(at + first, at + last, term))


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
        Binding(
            "c",
            "toggle_compact",
            "Compact rows",
            id="list.compact",
            show=False,
            tooltip="Headline and date only, or with source and snippet",
        ),
    ]
    # Under this many rows of list, stories are shown compact unless the user chose otherwise.
    COMPACT_BELOW = 20

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
        self.new: frozenset[str] = frozenset()  # new since the last visit, unread
        self.compact_rows = False
        self.rows_chosen: bool | None = None  # the user's choice (c), else by height
        self._result: SearchResult | None = None
        self._more_asked = 0  # the stories loaded when more were last asked for
        self.border_title = "Stories"
        # What the rows show, and their options: laying out and drawing rows is most of a
        # keystroke's cost, so unchanged results are not redrawn and unchanged rows reused.
        self._shown_keys: tuple[Hashable, ...] | None = None
        self._options_by_key: dict[Hashable, Option] = {}
        self._styles: tuple[Any, list[ContentStyle]] | None = None

    def show(
        self,
        result: SearchResult,
        marked: frozenset[str],
        *,
        keep_cursor: bool,
        new: frozenset[str] = frozenset(),
    ) -> None:
        """Replace the rows with `result`; keep the cursor on the same story when asked."""
        current = self.highlighted_id if keep_cursor else None
        position = self.highlighted if keep_cursor and self.highlighted is not None else 0
        self.hits = result.hits
        self.shown_query = result.query
        self.marked = set(marked) | {hit.id for hit in result.hits if hit.bookmarked}
        self.new = new
        self._result = result
        keys: list[Hashable] = [
            (_row_key(hit, hit.id in self.marked, hit.id in new), self.compact_rows)
            for hit in result.hits
        ]
        remaining = result.total - len(result.hits)
        if result.hits and remaining > 0:
            about = "" if result.exact else "~"
            keys.append(f"  … {about}{remaining} more, loaded as you move down")
        redraw = tuple(keys) != self._shown_keys
        if redraw:
            self._set_rows(result.hits, keys)
        self._more_asked = 0
        index = next((i for i, h in enumerate(self.hits) if h.id == current), None)
        if index is None:  # the story is gone, or the cursor was on "more": stay at that row
            index = min(position, len(self.hits) - 1)
        if not redraw and self.hits and self.highlighted == index:
            self.scroll_to_highlight()
            self.post_message(self.StoryHighlighted(self.hits[index].id))  # as a redraw would
        self.highlighted = index if self.hits else None
        self._show_position()

    def _show_position(self) -> None:
        """ "N of M" in the title: where the cursor is among all the stories found."""
        result = self._result
        if result is None or not result.hits:
            self.border_title = "Stories"
            return
        about = "" if result.exact else "~"
        at = min((self.highlighted or 0) + 1, len(result.hits))
        self.border_title = f"Stories  {at} of {about}{result.total}"

    def _near_the_end(self, index: int) -> None:
        """The cursor is a few rows from the last story loaded: load the next page."""
        result = self._result
        loaded = len(self.hits)
        if result is None or loaded >= result.total or index < loaded - LOAD_AHEAD:
            return
        if self._more_asked != loaded:  # once per page
            self._more_asked = loaded
            self.post_message(self.MoreWanted())

    def _set_rows(self, hits: tuple[Hit, ...], keys: list[Hashable]) -> None:
        """Replace the options, reusing those whose row has not changed (their layout is kept)."""
        previous, self._options_by_key = self._options_by_key, {}
        options: list[Option | None] = []
        for key, hit in zip(keys, hits, strict=False):
            option = previous.get(key) or Option(self._row(hit, hit.id in self.marked), id=hit.id)
            self._options_by_key[key] = option
            options += [option] if self.compact_rows else [option, None]
        if len(keys) > len(hits):
            more = Text(str(keys[-1]), style="italic dim")
            options.append(Option(more, id=MORE_ID))
        self.set_options(options)
        self._shown_keys = tuple(keys)

    def _row(self, hit: Hit, marked: bool) -> Content:
        app = self.app
        theme = app.ansi_theme
        if self._styles is None or self._styles[0] is not theme:
            self._styles = (theme, _content_styles(app.console.get_style, theme))
        return row_content(hit, marked, self._styles[1], hit.id in self.new, self.compact_rows)

    def on_resize(self) -> None:
        if self.rows_chosen is None:
            self._set_compact_rows(self.size.height < self.COMPACT_BELOW)

    def action_toggle_compact(self) -> None:
        self.rows_chosen = not self.compact_rows
        self._set_compact_rows(self.rows_chosen)

    def _set_compact_rows(self, compact: bool) -> None:
        if compact == self.compact_rows:
            return
        self.compact_rows = compact
        if self._result is not None:
            self.show(self._result, frozenset(self.marked), keep_cursor=True, new=self.new)

    def set_sort(self, sort: str) -> None:
        self.border_subtitle = f"by {sort}"

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or self.highlighted >= len(self.hits):
            return None
        return self.hits[self.highlighted].id

    def return_to(self, story_id: str | None, scroll_y: float) -> None:
        """Back at results left earlier: the cursor and scroll as they were."""
        ids = [hit.id for hit in self.hits]
        if story_id in ids:
            self.highlighted = ids.index(story_id)
        self.scroll_to(y=scroll_y, animate=False)

    def _forget_rows(self) -> None:
        """A row was redrawn in place: its option no longer matches its key."""
        self._shown_keys = None
        self._options_by_key = {}

    def set_marked(self, story_id: str, marked: bool) -> None:
        """Update one row's bookmark mark in place."""
        self._forget_rows()
        if marked:
            self.marked.add(story_id)
        else:
            self.marked.discard(story_id)
        for index, hit in enumerate(self.hits):
            if hit.id == story_id:
                self.replace_option_prompt_at_index(index, self._row(hit, marked))

    def set_read(self, story_id: str) -> None:
        """The story was read: its row loses the new mark."""
        if story_id not in self.new:
            return
        self.new = self.new - {story_id}
        self.set_marked(story_id, story_id in self.marked)

    def sync_marked(self, marked: frozenset[str]) -> None:
        """Bring every row's mark in line with the bookmarks (after bulk changes or undo)."""
        self._forget_rows()
        for index, hit in enumerate(self.hits):
            if (hit.id in marked) != (hit.id in self.marked):
                self.replace_option_prompt_at_index(index, self._row(hit, hit.id in marked))
        self.marked = set(marked)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_position()
        self._near_the_end(event.option_index)
        if event.option_id and event.option_id != MORE_ID:
            self.post_message(self.StoryHighlighted(event.option_id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == MORE_ID:
            self._near_the_end(len(self.hits))  # unless already asked for
        elif event.option_id:
            self.post_message(self.StoryChosen(event.option_id))
