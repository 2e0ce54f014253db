"""The reader's header, fitted to its width: which digest, when, where from, and the entity key.

Three lines at most whatever the width: the digest (or its file, when the title only repeats the
file's name); the date, the story's place in its digest, the byline and the file; the entity
types with their toggle keys and counts. Folded (`h`), one line. A line too long for the pane
is cut with an ellipsis, never wrapped: the story text keeps the rows.
"""

from __future__ import annotations

from pathlib import PurePath

from rich.text import Text
from textual.widgets import Static

from indexer.reading.textcodec import visible_text
from indexer.records import Label, Story
from tui.highlight import Palette, legend, stylize_entities
from tui.session import LoadedStory
from tui.widgets.story_list import MARK, short_date

FILE_NAME_SHOWN = 12  # at least this much of a file's name, or the closer form of the line


def short_path(source: str) -> str:
    """A digest's file as its folder and name ("samples/000.txt"): enough to find it."""
    path = PurePath(source)
    short = str(PurePath(path.parent.name, path.name)) if path.parent.name else source
    return visible_text(short, one_line=True)  # a file name may hold an escape sequence


def names_its_file(story: Story, sources: tuple[str, ...]) -> bool:
    """The digest's title is only its file's name (a digest that names itself nowhere)."""
    title = story.digest_title.strip().casefold()
    return not title or any(PurePath(s).stem.casefold() == title for s in sources)


def header(
    loaded: LoadedStory,
    width: int,
    *,
    marked: bool,
    hidden: frozenset[Label],
    palette: Palette,
    collapsed: bool,
) -> Text:
    """The header's lines for a pane `width` cells wide."""
    story, sources = loaded.story, loaded.sources or (loaded.story.source,)
    plain_title = names_its_file(story, sources)
    if plain_title:
        title = ", ".join(short_path(source) for source in sources)
    else:
        title = visible_text(story.digest_title, one_line=True)
    mark = Text(f"{MARK} ", style="bold yellow") if marked else Text()
    if collapsed:  # one line: which digest, when
        tail = Text(f"  ·  {short_date(story.date)}", style="italic")
        if loaded.from_snapshot:
            tail.append("  ·  from your bookmark", style="italic")
        tail.append("  (h: more)", style="dim")
        room = max(width - mark.cell_len - tail.cell_len, 12)
        cut = title if len(title) <= room else title[: room - 1].rstrip() + "…"
        return Text.assemble(mark, (cut, "bold"), tail)
    head = Text.assemble(mark, (title, "bold"), "\n")
    shown = [label for label in palette.entities if label not in hidden]
    head.append_text(
        _details(loaded, sources, width, files=not plain_title, marks=(shown, palette))
    )
    head.append("\n")
    counts: dict[Label, int] = {}
    for entity in story.entities:
        counts[entity.label] = counts.get(entity.label, 0) + 1
    head.append_text(legend(hidden, palette, counts, width))
    return head


def _details(
    loaded: LoadedStory,
    sources: tuple[str, ...],
    width: int,
    *,
    files: bool,
    marks: tuple[list[Label], Palette],
) -> Text:
    """Date, place in the digest, byline (its entities coloured as `marks` say: the labels
    shown, the palette), file: spaced out if they fit, closer if not."""
    story = loaded.story
    date = Text(short_date(story.date), style="italic")
    if story.date_from == "mtime":  # no date in the mail, text or name: the file's own
        date.append(" (file date)", style="dim italic")
    if loaded.from_snapshot:
        places = ["from your bookmark: no longer in the index"] * 3
    elif loaded.digest_ids and story.id in loaded.digest_ids:
        at, of = loaded.digest_ids.index(story.id) + 1, len(loaded.digest_ids)
        places = [f"story {at} of {of} in this digest", f"story {at} of {of}", f"{at}/{of}"]
    else:
        places = [""] * 3
    byline = visible_text(story.byline, one_line=True) if story.byline else ""
    path = ", ".join(short_path(source) for source in sources) if files else ""
    forms = []
    for gap, place in zip(("  ·  ", " · ", " · "), places, strict=True):
        line = date.copy()
        for part, is_byline in ((place, False), (byline, True)):
            if part:
                line.append(gap)
                at = len(line)
                line.append(part, style="italic")
                if is_byline and byline == story.byline:  # shown as written: the spans fit
                    stylize_entities(line, story.entities, "byline", at, *marks)
                    for span in loaded.byline_spans:  # the search's words, as in the text
                        line.stylize(marks[1].term, at + span.start, at + span.end)
        whole = line.copy()
        if path:
            whole.append(gap)
            whole.append(path, style="dim")
        forms.append((line, whole))
    for _line, whole in forms:
        if whole.cell_len <= width:
            return whole
    # none fits whole: the first to leave room for the start of the file's name (then cut)
    for line, whole in forms:
        if line.cell_len + FILE_NAME_SHOWN <= width:
            return whole
    return forms[-1][1]


class ReaderHead(Static):
    """The header above a story; a message (no story) wraps as usual."""

    DEFAULT_CSS = """
    ReaderHead {
        height: auto;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ReaderHead.-message {
        text-wrap: wrap;
    }
    """

    def __init__(self, message: str, *, id: str | None = None) -> None:
        super().__init__(Text(message), id=id, markup=False)
        self.add_class("-message")
        self.loaded: LoadedStory | None = None
        self.marked = False
        self.hidden: frozenset[Label] = frozenset()
        self.palette: Palette | None = None
        self.collapsed = False

    def say(self, message: str) -> None:
        self.loaded = None
        self.add_class("-message")
        self.update(Text(message))

    def show(
        self,
        loaded: LoadedStory,
        marked: bool,
        hidden: frozenset[Label],
        palette: Palette,
        collapsed: bool,
    ) -> None:
        self.loaded, self.marked, self.hidden = loaded, marked, hidden
        self.palette, self.collapsed = palette, collapsed
        self.remove_class("-message")
        self._draw()

    def on_resize(self) -> None:
        if self.loaded is not None:
            self._draw()  # another width may take another form of each line

    def _draw(self) -> None:
        width = self.content_size.width or 200  # not laid out yet: the widest; a resize follows
        assert self.loaded is not None and self.palette is not None
        self.update(
            header(
                self.loaded,
                width,
                marked=self.marked,
                hidden=self.hidden,
                palette=self.palette,
                collapsed=self.collapsed,
            )
        )
