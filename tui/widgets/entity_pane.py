"""The current story's entities by type, with how many stories mention each; plus facets.

Enter on an entity of the story searches for it (`org:"NHS England"`); Enter on a facet of the
current results narrows the current query with it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from indexer.reading.textcodec import visible_text
from indexer.records import LABELS, Facets, Label, Story
from tui.highlight import palette

FIELD_OF: dict[str, str] = {"ORG": "org", "PERSON": "person", "PLACE": "place"}
HEADINGS: dict[Label, str] = {
    "ORG": "Organisations",
    "PERSON": "People",
    "PLACE": "Places",
    "MONEY": "Money",
    "PERCENT": "Percentages",
    "DATE": "Dates",
}
LABEL_OF = {field: label for label, field in FIELD_OF.items()}
FACET_GROUPS = (("orgs", "org", "Organisations"), ("people", "person", "People"),
                ("places", "place", "Places"), ("years", "date", "Years"))  # fmt: skip


def quoted(text: str) -> str:
    """`text` as a query phrase (double quotes inside it would end the phrase: dropped)."""
    return '"' + " ".join(text.replace('"', " ").split()) + '"'


def entity_query(label: str, text: str) -> str:
    """The query that finds stories mentioning an entity: a field search where there is one."""
    field = FIELD_OF.get(label)
    return f"{field}:{quoted(text)}" if field else quoted(text)


class EntityPane(OptionList):
    """Entities of the story in the reader (grouped by type) and facets of the results."""

    DEFAULT_CSS = """
    EntityPane {
        height: 1fr;
        max-height: 100%;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", id="entities.down", show=False),
        Binding("k", "cursor_up", "Up", id="entities.up", show=False),
        Binding("g", "first", "First", id="entities.first", show=False),
        Binding("G", "last", "Last", id="entities.last", show=False),
        Binding("enter", "select", "Search for it", id="entities.search"),
        Binding("o", "over_time", "Over time", id="entities.over_time", tooltip="And who with"),
    ]

    @dataclass
    class SearchFor(Message):
        """Search for an entity (`refine`: add it to the current query instead)."""

        query: str
        refine: bool = False

    @dataclass
    class OverTime(Message):
        """Show an entity's timeline and co-mentions."""

        label: str
        name: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.story: Story | None = None
        self.counts: dict[tuple[str, str], int] = {}
        self.facets: Facets | None = None
        self.facets_query: str | None = None
        self._targets: dict[str, tuple[str, bool]] = {}
        self._entities: dict[str, tuple[str, str]] = {}  # option id -> (label, name)
        self.border_title = "Entities"

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.rebuild())

    def show_story(self, story: Story | None) -> None:
        """A new story: its rows, the cursor back on the first of them."""
        if story is None and self.story is None:
            return  # already empty: typing with no results redraws nothing here
        if story is not None and self.story is not None and story.id == self.story.id:
            return
        self.story, self.counts = story, {}
        self.highlighted = None
        self.rebuild()

    def show_counts(self, story_id: str, counts: dict[tuple[str, str], int]) -> None:
        if self.story is not None and self.story.id == story_id:
            self.counts = counts
            self.rebuild()

    def show_facets(self, facets: Facets | None, query: str | None = None) -> None:
        self.facets, self.facets_query = facets, query
        self.rebuild()

    def rebuild(self) -> None:
        """Rebuild the rows, keeping the cursor where it was when that row still exists."""
        keep = self.highlighted
        self._targets, self._entities = {}, {}
        options: list[Option | None] = []
        options.extend(self._story_rows())
        facet_rows = self._facet_rows()
        if facet_rows:
            options.append(None)
            options.extend(facet_rows)
        self.set_options(options)
        enabled = [i for i, option in enumerate(self.options) if not option.disabled]
        if enabled:
            wanted = keep if keep is not None else 0
            self.highlighted = next((i for i in enabled if i >= wanted), enabled[-1])

    def _heading(self, title: str) -> Option:
        return Option(Text(title, style="bold underline"), disabled=True)

    def _target(self, query: str, refine: bool, entity: tuple[str, str] | None = None) -> str:
        key = f"t{len(self._targets)}"
        self._targets[key] = (query, refine)
        if entity is not None:
            self._entities[key] = entity
        return key

    def _story_rows(self) -> list[Option]:
        if self.story is None:
            return [Option(Text("No story open.", style="italic"), disabled=True)]
        if not self.story.entities:
            return [Option(Text("No entities found in this story.", style="italic"), disabled=True)]
        pal = palette(self.app.current_theme.dark)
        by_label: dict[str, Counter[str]] = {}
        shown_text: dict[tuple[str, str], str] = {}
        also: dict[tuple[str, str], set[str]] = {}  # short forms the story used ("BMA")
        for entity in self.story.entities:
            key = entity.canonical
            by_label.setdefault(entity.label, Counter())[key] += 1
            shown_text.setdefault((entity.label, key), entity.text)
            if entity.label in FIELD_OF and entity.text in entity.aliases:
                also.setdefault((entity.label, key), set()).add(entity.text)
        rows = [self._heading("In this story")]
        for label in LABELS:
            found = by_label.get(label)
            if not found:
                continue
            rows.append(Option(Text(HEADINGS[label], style="bold"), disabled=True))
            for canonical, mentions in found.most_common():
                line = Text("  ")
                line.append(visible_text(canonical), style=pal.entities[label])
                short = sorted(also.get((label, canonical), ()))
                if short:
                    shown = ", ".join(visible_text(name) for name in short)
                    line.append(f" ({shown})", style=pal.entities[label])
                if mentions > 1:
                    line.append(f" ×{mentions}", style="dim")
                stories = self.counts.get((label, canonical))
                if stories is not None:
                    plural = "story" if stories == 1 else "stories"
                    line.append(f"  {stories} {plural}", style="dim italic")
                surface = canonical if label in FIELD_OF else shown_text[(label, canonical)]
                query = entity_query(label, surface)
                named = (label, surface) if label in FIELD_OF else None
                rows.append(Option(line, id=self._target(query, False, named)))
        return rows

    def _facet_rows(self) -> list[Option]:
        if self.facets is None:
            return []
        rows: list[Option] = []
        for attribute, field, title in FACET_GROUPS:
            values = getattr(self.facets, attribute, ())
            if not values:
                continue
            rows.append(Option(Text(title, style="bold"), disabled=True))
            for value, count in values:
                line = Text(f"  {visible_text(value, one_line=True)}")
                line.append(f"  {count}", style="dim")
                label = LABEL_OF.get(field)
                entity = (label, value) if label else None
                query = f"{field}:{quoted(value)}"
                rows.append(Option(line, id=self._target(query, True, entity)))
        if rows:
            rows.insert(0, self._heading("In these results (Enter narrows)"))
        return rows

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option_id or "")
        if target is not None:
            self.post_message(self.SearchFor(*target))

    def action_over_time(self) -> None:
        option = self.highlighted_option
        entity = self._entities.get(option.id or "") if option is not None else None
        if entity is None:
            self.notify("Choose an organisation, person or place first", timeout=3)
            return
        self.post_message(self.OverTime(*entity))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
