"""The reader: one story in full, query terms highlighted, entities coloured, find inside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from indexer.reading.textcodec import visible_text
from indexer.records import LABELS, Label, Span
from tui.highlight import find_spans, palette, stylize_entities
from tui.session import LoadedStory
from tui.widgets.reader_head import ReaderHead


def _toggle_binding(number: int, label: Label) -> Binding:
    return Binding(
        str(number),
        f"toggle_label('{label}')",
        f"Show/hide {label.lower()}",
        id=f"reader.toggle_{label.lower()}",
        show=False,
    )


class StoryView(VerticalScroll):
    """Shows a story; keys toggle entity colours, find text, and step through its digest."""

    DEFAULT_CSS = """
    StoryView {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        border: tall $border-blurred;
    }
    StoryView:focus-within {
        border: tall $border;
    }
    StoryView > ReaderHead {
        dock: top;
        background: $boost;
    }
    StoryView > #reader-find {
        dock: bottom;
        display: none;
        margin: 0;
    }
    StoryView.-finding > #reader-find {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", id="reader.down", show=False),
        Binding("k", "scroll_up", "Scroll up", id="reader.up", show=False),
        Binding("g", "scroll_home", "Top", id="reader.top", show=False),
        Binding("G", "scroll_end", "Bottom", id="reader.bottom", show=False),
        Binding("space", "page_down", "Page down", id="reader.page", show=False),
        Binding("f,ctrl+f", "find", "Find", id="reader.find", tooltip="Find text in this story"),
        Binding(
            "h",
            "toggle_head",
            "Header",
            id="reader.header",
            show=False,
            tooltip="The header in full (three lines), or the digest and date alone",
        ),
        Binding("n", "find_next", "Next match", id="reader.find_next", show=False),
        Binding("N", "find_previous", "Previous match", id="reader.find_previous", show=False),
        Binding("right_square_bracket", "step(1)", "Next in digest", id="reader.next_story"),
        Binding(
            "left_square_bracket",
            "step(-1)",
            "Prev in digest",
            id="reader.previous_story",
            show=False,
        ),
        Binding("escape", "back", "Back", id="reader.back", show=False),
        *(_toggle_binding(n, label) for n, label in enumerate(LABELS, 1)),
    ]

    hidden_labels: reactive[frozenset[Label]] = reactive(frozenset(), init=False)

    @dataclass
    class OpenStory(Message):
        """Step to another story of the same digest."""

        story_id: str

    @dataclass
    class Back(Message):
        """Escape: go back to the story list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.loaded: LoadedStory | None = None
        self.marked = False
        self.matches: list[Span] = []
        self.current_match = -1
        self._plain = ""
        self._message = "Choose a story to read it here."
        self.head_collapsed = False
        self.border_title = "Reader"

    def compose(self) -> ComposeResult:
        yield ReaderHead(self._message, id="reader-head")
        yield Static(Text(""), id="reader-text", markup=False)
        yield Input(
            placeholder="Find in this story (Enter: keep, n/N: next/previous, Escape: close)",
            id="reader-find",
        )

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.render_story())

    # --- what is shown -------------------------------------------------------------------------

    @property
    def story_id(self) -> str | None:
        return self.loaded.story.id if self.loaded else None

    def show(self, loaded: LoadedStory, marked: bool) -> None:
        """Show a story (its query's words marked); a new story starts at the top."""
        same = self.loaded is not None and self.loaded.story.id == loaded.story.id
        self.loaded, self.marked = loaded, marked
        if not same:
            self._reset_find()
        self.render_story()
        if not same:
            self.scroll_home(animate=False)

    def clear(self, message: str) -> None:
        """Show `message` instead of a story (nothing to redraw if it already shows it)."""
        if self.loaded is None and self._message == message:
            return
        self._message = message
        self.loaded = None
        self._reset_find()
        self.query_one(ReaderHead).say(message)
        self.query_one("#reader-text", Static).update(Text(""))

    def set_marked(self, marked: bool) -> None:
        self.marked = marked
        self.render_story()

    def _reset_find(self) -> None:
        self.matches, self.current_match = [], -1
        self.remove_class("-finding")
        self.query_one("#reader-find", Input).value = ""
        self.border_subtitle = ""

    def _show_match_count(self, typed: str) -> None:
        """ "3/7" on the reader's frame, outside the text: which match of how many."""
        if not typed:
            self.border_subtitle = ""
        elif not self.matches:
            self.border_subtitle = "no match"
        else:
            self.border_subtitle = f"{self.current_match + 1}/{len(self.matches)}"

    def render_story(self) -> None:
        if self.loaded is None:
            return
        self.query_one(ReaderHead).show(
            self.loaded,
            self.marked,
            self.hidden_labels,
            palette(self.app.current_theme.dark),
            self.head_collapsed,
        )
        self.query_one("#reader-text", Static).update(self._text())

    def _text(self) -> Text:
        """Headline, details and body as one Text: entities, then query terms, then find
        matches."""
        assert self.loaded is not None
        story = self.loaded.story
        colours = palette(self.app.current_theme.dark)
        shown = [label for label in LABELS if label not in self.hidden_labels]
        heading = visible_text(story.headline or story.title)  # one for one: spans still fit
        text = Text()
        text.append(heading, style=Style(bold=True, italic=not story.headline))
        text.append("\n\n")
        if story.details:  # "Deceased: ... | Coroner: ...": the story's metadata, set apart
            details_at = len(text)
            text.append(visible_text(story.details), style=Style(dim=True, italic=True))
            stylize_entities(text, story.entities, "details", details_at, shown, colours)
            for span in self.loaded.details_spans:
                text.stylize(colours.term, details_at + span.start, details_at + span.end)
            text.append("\n\n")
        offset = len(text)
        text.append(visible_text(story.body))
        self._plain = text.plain
        if story.headline:
            stylize_entities(text, story.entities, "headline", 0, shown, colours)
        stylize_entities(text, story.entities, "body", offset, shown, colours)
        for span in self.loaded.headline_spans:
            text.stylize(colours.term, span.start, span.end)
        for span in self.loaded.body_spans:
            text.stylize(colours.term, offset + span.start, offset + span.end)
        for number, span in enumerate(self.matches):
            current = number == self.current_match
            text.stylize(colours.find_current if current else colours.find, span.start, span.end)
        return text

    def watch_hidden_labels(self) -> None:
        self.render_story()

    def action_toggle_label(self, label: Label) -> None:
        self.hidden_labels = self.hidden_labels ^ {label}

    def action_toggle_head(self) -> None:
        self.head_collapsed = not self.head_collapsed
        self.render_story()

    # --- find ----------------------------------------------------------------------------------

    def action_find(self) -> None:
        if self.loaded is None:
            return
        self.add_class("-finding")
        self.query_one("#reader-find", Input).focus()

    @on(Input.Changed, "#reader-find")
    def _find_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.matches = find_spans(self._plain, event.value)
        self.current_match = 0 if self.matches else -1
        self._show_match_count(event.value)
        self.render_story()
        self._scroll_to_match()

    @on(Input.Submitted, "#reader-find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus()

    def action_find_next(self) -> None:
        self._move_match(1)

    def action_find_previous(self) -> None:
        self._move_match(-1)

    def _move_match(self, step: int) -> None:
        if not self.matches:
            if self.loaded is not None:
                self.notify("Nothing to find yet: press f and type", timeout=2)
            return
        self.current_match = (self.current_match + step) % len(self.matches)
        self._show_match_count(self.query_one("#reader-find", Input).value or "?")
        self.render_story()
        self._scroll_to_match()

    def _scroll_to_match(self) -> None:
        if not 0 <= self.current_match < len(self.matches):
            return
        line = self._line_of(self.matches[self.current_match].start)
        target = self.query_one("#reader-text", Static)
        y = target.virtual_region.y + line
        self.scroll_to(y=max(0, y - self.scrollable_content_region.height // 3), animate=False)

    def _line_of(self, offset: int) -> int:
        """Which wrapped line of the story text holds character `offset`."""
        target = self.query_one("#reader-text", Static)
        width = max(target.content_region.width, 1)
        lines = Content(self._plain).wrap(width)
        position, found = 0, 0
        for number, line in enumerate(lines):
            plain = line.plain.rstrip()
            start = self._plain.find(plain, position) if plain else position
            if start == -1:
                continue
            if start > offset:
                break
            found, position = number, start + len(plain)
        return found

    def action_back(self) -> None:
        if self.has_class("-finding"):
            self._reset_find()
            self.render_story()
            self.focus()
        else:
            self.post_message(self.Back())

    def action_step(self, step: int) -> None:
        if self.loaded is None or not self.loaded.digest_ids:
            return
        ids = self.loaded.digest_ids
        if self.loaded.story.id not in ids:
            return
        index = ids.index(self.loaded.story.id) + step
        if 0 <= index < len(ids):
            self.post_message(self.OpenStory(ids[index]))
        else:
            self.notify("No more stories in this digest" if step > 0 else "This is the first story")
