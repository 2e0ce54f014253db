"""One entity over time: its stories per period and the entities most often mentioned with it.

Opened from the entities pane. Enter on a bar searches the entity in that period; Enter on a
co-mention searches the stories that mention both. Esc closes without searching.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from indexer.reading.textcodec import visible_text
from indexer.records import Facets
from tui.widgets.entity_pane import entity_query
from tui.widgets.timeline_chart import Loader, TimelineChart

GROUPS = (("orgs", "ORG", "Organisations"), ("people", "PERSON", "People"),
          ("places", "PLACE", "Places"))  # fmt: skip


class EntityOverTimeScreen(ModalScreen[str | None]):
    """Dismissed with a query to search, or None."""

    DEFAULT_CSS = """
    EntityOverTimeScreen {
        align: center middle;
    }
    EntityOverTimeScreen > Vertical {
        width: 90%;
        max-width: 110;
        height: 90%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    EntityOverTimeScreen #over-time-title, EntityOverTimeScreen #co-title {
        height: auto;
        margin-top: 1;
    }
    EntityOverTimeScreen TimelineChart {
        height: 9;
    }
    EntityOverTimeScreen OptionList {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="over_time.close"),
    ]

    def __init__(
        self,
        label: str,
        name: str,
        timeline: Loader,
        facets: Callable[[str], Facets],
    ) -> None:
        super().__init__()
        self.label, self.entity_name = label, name
        self.entity_query = entity_query(label, name)
        self.timeline = timeline
        self.facets = facets
        self._queries: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            title = Text(visible_text(self.entity_name, one_line=True), style="bold")
            title.append(f"  over time  ·  {self.entity_query}", style="dim")
            yield Static(title, id="over-time-title")
            yield TimelineChart(self.timeline, id="over-time-chart")
            yield Static(Text("Most often mentioned with it (Enter: stories with both)",
                              style="bold"), id="co-title")  # fmt: skip
            yield OptionList(Option(Text("Counting…", style="dim italic"), disabled=True),
                             id="co-mentions", markup=False)  # fmt: skip

    def on_mount(self) -> None:
        chart = self.query_one(TimelineChart)
        chart.show_query(self.entity_query)
        chart.focus()
        self._load_co_mentions()

    @work(thread=True, exclusive=True, group="co-mentions", exit_on_error=False)
    def _load_co_mentions(self) -> None:
        found = self.facets(self.entity_query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_co_mentions, found)

    def show_co_mentions(self, facets: Facets) -> None:
        self._queries = {}
        own = (self.label, self.entity_name.casefold())
        options: list[Option] = []
        for attribute, label, title in GROUPS:
            rows = [(name, count) for name, count in getattr(facets, attribute)
                    if (label, name.casefold()) != own]  # fmt: skip
            if not rows:
                continue
            options.append(Option(Text(title, style="bold underline"), disabled=True))
            for name, count in rows:
                key = f"c{len(self._queries)}"
                self._queries[key] = f"{self.entity_query} {entity_query(label, name)}"
                line = Text(f"  {visible_text(name, one_line=True)}")
                line.append(f"  {count}", style="dim")
                options.append(Option(line, id=key))
        if not options:
            options.append(Option(Text("No other entity is mentioned with it.", style="italic"),
                                  disabled=True))  # fmt: skip
        co_mentions = self.query_one("#co-mentions", OptionList)
        co_mentions.set_options(options)
        enabled = [i for i, option in enumerate(co_mentions.options) if not option.disabled]
        co_mentions.highlighted = enabled[0] if enabled else None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        error = event.worker.error
        if event.state == WorkerState.ERROR and error is not None:
            problem = " ".join(str(error).split()) or type(error).__name__
            line = Text(f"Cannot count the co-mentions: {problem}", style="bold red")
            self.query_one("#co-mentions", OptionList).set_options([Option(line, disabled=True)])

    @on(TimelineChart.Narrow)
    def _period_chosen(self, event: TimelineChart.Narrow) -> None:
        event.stop()
        if event.query != self.entity_query:  # Esc on a chosen bar: nothing to search
            self.dismiss(event.query)

    @on(OptionList.OptionSelected, "#co-mentions")
    def _co_mention_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        query = self._queries.get(event.option_id or "")
        if query is not None:
            self.dismiss(query)

    def action_close(self) -> None:
        self.dismiss(None)
