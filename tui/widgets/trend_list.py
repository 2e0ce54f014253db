"""One entity type's risers and fallers: change, counts before and now, a sparkline, the name.

Enter on an entity asks for a search of it (`TrendList.SearchFor`), as the entities pane does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from indexer.reading.textcodec import visible_text
from indexer.records import EntityTrend
from tui.charts import sparkline
from tui.widgets.entity_pane import entity_query


class TrendList(OptionList):
    """Rising entities first (most first), then falling ones."""

    DEFAULT_CSS = """
    TrendList {
        height: 1fr;
        width: 1fr;
        border: tall $border-blurred;
        scrollbar-size-vertical: 1;
    }
    TrendList:focus {
        border: tall $border;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", id="trends.down", show=False),
        Binding("k", "cursor_up", "Up", id="trends.up", show=False),
        Binding("enter", "select", "Search for it", id="trends.search"),
    ]

    @dataclass
    class SearchFor(Message):
        query: str

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = title
        self._queries: dict[str, str] = {}

    def show(self, rising: tuple[EntityTrend, ...], falling: tuple[EntityTrend, ...]) -> None:
        self._queries = {}
        options: list[Option | None] = []
        for heading, group, style in (("Rising", rising, "green"), ("Falling", falling, "red")):
            options.append(Option(Text(heading, style="bold underline"), disabled=True))
            if not group:
                options.append(Option(Text("  none", style="dim italic"), disabled=True))
            for trend in group:
                options.append(self._row(trend, style))
        self.set_options(options)
        enabled = [i for i, option in enumerate(self.options) if not option.disabled]
        self.highlighted = enabled[0] if enabled else None

    def _row(self, trend: EntityTrend, style: str) -> Option:
        key = f"e{len(self._queries)}"
        self._queries[key] = entity_query(trend.label, trend.name)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{trend.change:+4d} ", style=f"bold {style}")
        line.append(f"{trend.before:>3}→{trend.now:<3} ", style="dim")
        line.append(sparkline(trend.series), style=style)
        line.append(" " + visible_text(trend.name, one_line=True))
        return Option(line, id=key)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        query = self._queries.get(event.option_id or "")
        if query is not None:
            self.post_message(self.SearchFor(query))
