"""The Trends view: who and what rose or fell in the news, a period against the one before.

Counts come from the index process (a thread worker waits for them); `[` and `]` step to the
period before or after, `p` changes its length, Enter on an entity closes the view with a
search for it. Opened first on months, or on years when the newest month has no month before
it with stories (a small archive such as the bundled samples).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from indexer.records import PERIODS, Period, Trends
from tui.charts import period_name, sparkline
from tui.widgets.trend_list import TrendList

TrendsLoader = Callable[[Period, dt.date | None], Trends]
COLUMNS = (("ORG", "Organisations"), ("PERSON", "People"), ("PLACE", "Places"))


class TrendsScreen(Screen[str | None]):
    """Rising and falling entities by type; dismissed with a query to search, or None."""

    DEFAULT_CSS = """
    TrendsScreen {
        layout: vertical;
    }
    TrendsScreen #trends-heading {
        height: auto;
        padding: 0 1;
        margin-bottom: 1;
    }
    TrendsScreen #trends-columns {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="trends.close"),
        Binding("left_square_bracket", "step(-1)", "Earlier", id="trends.earlier"),
        Binding("right_square_bracket", "step(1)", "Later", id="trends.later"),
        Binding("p", "cycle_period", "Week/month/year", id="trends.period"),
    ]

    def __init__(self, loader: TrendsLoader) -> None:
        super().__init__()
        self.loader = loader
        self.by: Period | None = None  # None: months, or years for a small archive
        self.trends: Trends | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Counting…", style="dim italic"), id="trends-heading")
        with Horizontal(id="trends-columns"):
            for label, title in COLUMNS:
                yield TrendList(title, id=f"trends-{label.lower()}")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(TrendList).focus()
        self._load(self.by, None)

    @work(thread=True, exclusive=True, group="trends", exit_on_error=False)
    def _load(self, by: Period | None, period: dt.date | None) -> None:
        found = self.loader(by or "month", period)
        if by is None and not found.previous.count:
            found = self.loader("year", period)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, found)

    def show(self, found: Trends) -> None:
        self.trends, self.by = found, found.by
        now, before = (period_name(p.start, found.by) for p in (found.current, found.previous))
        heading = Text("Trends  ", style="bold")
        heading.append(f"{now} against {before}", style="bold")
        heading.append(f"  ·  {found.current.count} stories (before: {found.previous.count})  ")
        heading.append(sparkline([p.count for p in found.periods]), style="cyan")
        heading.append(f"  the last {len(found.periods)} {found.by}s")
        if found.undated:
            heading.append(f"\n{found.undated} undated stories (file date only) not counted.",
                           style="dim")  # fmt: skip
        self.query_one("#trends-heading", Static).update(heading)
        for label, _title in COLUMNS:
            column = self.query_one(f"#trends-{label.lower()}", TrendList)
            column.show(found.rising.get(label, ()), found.falling.get(label, ()))

    def action_step(self, steps: int) -> None:
        if self.trends is None:
            return
        current = self.trends.current
        one = dt.timedelta(days=1)
        day = current.end + one if steps > 0 else current.start - one
        self._load(self.trends.by, day)

    def action_cycle_period(self) -> None:
        by = self.by or "month"
        self._load(PERIODS[(PERIODS.index(by) + 1) % len(PERIODS)], None)  # the newest again

    @on(TrendList.SearchFor)
    def _search(self, event: TrendList.SearchFor) -> None:
        self.dismiss(event.query)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            problem = " ".join(str(event.worker.error).split()) or type(event.worker.error).__name__
            self.query_one("#trends-heading", Static).update(
                Text(f"Cannot count the trends: {problem}", style="bold red")
            )

    def action_close(self) -> None:
        self.dismiss(None)
