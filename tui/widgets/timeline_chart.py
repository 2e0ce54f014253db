"""Stories per week, month or year for a query, as a bar chart; a bar narrows the results.

The chart loads its own counts (in a thread worker, through the loader it is given) a moment
after the query settles. ←/→ choose a bar, Enter (or a click) narrows the results to its period
by adding a date filter to the query (`nhs date:2016-03`), Esc takes it off again, `p` changes
the period's length. Stories with only a file date are counted apart, in the subtitle.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from indexer.records import PERIODS, Bucket, Period, Timeline
from tui.charts import LEVELS, period_name

LOAD_DELAY_S = 0.25  # after the last keystroke: typing does not count every prefix
MAX_SLOT = 6  # columns a bar and its gap take at most (few periods: wide bars)
Loader = Callable[[str, Period], Timeline]


def period_filter(bucket: Bucket, by: Period) -> str:
    """The query words that keep a period's stories."""
    if by == "year":
        return f"date:{bucket.start:%Y}"
    if by == "month":
        return f"date:{bucket.start:%Y-%m}"
    return f"date:[{bucket.start.isoformat()} to {bucket.end.isoformat()}]"


def bar_rows(counts: list[int], rows: int) -> list[str]:
    """Vertical bars, one character a count, `rows` high, in eighths of a row."""
    most = max(counts, default=0)
    heights = [0 if not most or not c else max(1, math.ceil(c * rows * 8 / most)) for c in counts]
    lines = []
    for row in range(rows):
        base = (rows - 1 - row) * 8
        lines.append("".join(" " if h <= base else LEVELS[min(h - base, 8) - 1] for h in heights))
    return lines


class TimelineChart(Widget, can_focus=True):
    """A query's stories per period; Enter on a bar narrows the results to it."""

    DEFAULT_CSS = """
    TimelineChart {
        height: 6;
        border: tall $border-blurred;
        padding: 0 1;
    }
    TimelineChart:focus {
        border: tall $border;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Earlier", id="timeline.earlier", show=False),
        Binding("right,l", "move(1)", "Later", id="timeline.later", show=False),
        Binding("home", "move(-100000)", "First", id="timeline.first", show=False),
        Binding("end", "move(100000)", "Last", id="timeline.last", show=False),
        Binding("enter", "narrow", "Narrow", id="timeline.narrow", tooltip="Only this period"),
        Binding("escape", "widen", "Widen", id="timeline.widen", tooltip="All periods again"),
        Binding("p", "cycle_period", "Week/month/year", id="timeline.period"),
    ]

    @dataclass
    class Narrow(Message):
        """Search this query: the chart's query with a period's date filter, or without it."""

        query: str

    def __init__(self, loader: Loader, *, by: Period = "month", id: str | None = None) -> None:
        super().__init__(id=id)
        self.loader = loader
        self.by: Period = by
        self.base_query: str | None = None  # the query the bars count
        self.timeline: Timeline | None = None
        self.cursor = 0
        self.chosen: int | None = None  # the bar the results are narrowed to
        self._first = 0  # the first bar drawn, when not all fit
        self._timer: Timer | None = None
        self.problem: str | None = None  # why the last count failed
        self.border_title = "Stories over time"

    # --- data ----------------------------------------------------------------------------------

    def narrowed_query(self, index: int) -> str:
        assert self.timeline is not None
        words = period_filter(self.timeline.buckets[index], self.by)
        return f"{self.base_query or ''} {words}".strip()

    def show_query(self, query: str) -> None:
        """The results now shown are `query`'s: count it, unless it is one of our narrowings."""
        if self.chosen is not None and query == self.narrowed_query(self.chosen):
            return
        if query == self.base_query and self.chosen is None:
            return
        self.base_query, self.chosen = query, None
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(LOAD_DELAY_S, lambda: self._load(query, self.by))

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def _load(self, query: str, by: Period) -> None:
        from indexer.errors import QueryError

        try:
            found = self.loader(query, by)
        except QueryError:
            return  # the search bar already says what is wrong with it
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_timeline, found)

    def show_timeline(self, found: Timeline) -> None:
        if found.query != self.base_query or found.by != self.by:
            return  # an answer to a query or period no longer asked
        self.timeline, self.problem = found, None
        self.cursor = max(0, len(found.buckets) - 1)
        self.chosen = None
        self.refresh_chart()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed count is said in the chart (worker messages do not reach the screen)."""
        error = event.worker.error
        if event.state == WorkerState.ERROR and error is not None:
            self.problem = " ".join(str(error).split()) or type(error).__name__
            self.refresh()

    # --- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "widen":
            return self.chosen is not None  # else Esc goes back to the stories
        if action in ("move", "narrow"):
            return self.timeline is not None and bool(self.timeline.buckets)
        return True

    def action_move(self, step: int) -> None:
        """Move `step` periods that have stories (empty ones would narrow to nothing)."""
        assert self.timeline is not None
        buckets = self.timeline.buckets
        with_stories = [i for i, bucket in enumerate(buckets) if bucket.count] or [self.cursor]
        if step < 0:
            before = [i for i in with_stories if i < self.cursor]
            self.cursor = before[max(0, len(before) + step)] if before else with_stories[0]
        else:
            after = [i for i in with_stories if i > self.cursor]
            self.cursor = after[min(len(after), step) - 1] if after else with_stories[-1]
        self.refresh_chart()

    def action_narrow(self) -> None:
        self.chosen = self.cursor
        self.refresh_chart()
        self.post_message(self.Narrow(self.narrowed_query(self.cursor)))

    def action_widen(self) -> None:
        self.chosen = None
        self.refresh_chart()
        self.post_message(self.Narrow(self.base_query or ""))

    def action_cycle_period(self) -> None:
        self.by = PERIODS[(PERIODS.index(self.by) + 1) % len(PERIODS)]
        if self.chosen is not None:  # the narrowing was to a period of the old length
            self.action_widen()
        query = self.base_query or ""
        self.timeline = None
        self.refresh_chart()
        self._load(query, self.by)

    def on_click(self, event: events.Click) -> None:
        index = self._bar_at(event.x - self.gutter.left)
        if index is not None:
            self.cursor = index
            self.action_narrow()

    # --- drawing -------------------------------------------------------------------------------

    def _layout(self, width: int) -> tuple[int, int, int]:
        """(first bar drawn, how many, columns a bar takes) for a content width."""
        count = len(self.timeline.buckets) if self.timeline else 0
        slot = max(1, min(MAX_SLOT, width // max(1, count)))
        shown = min(count, width // slot)
        if self.cursor < self._first:
            self._first = self.cursor
        elif self.cursor >= self._first + shown:
            self._first = self.cursor - shown + 1
        self._first = max(0, min(self._first, count - shown))
        return self._first, shown, slot

    def _bar_at(self, x: int) -> int | None:
        if self.timeline is None or x < 0:
            return None
        first, shown, slot = self._layout(self.content_size.width)
        index = x // slot
        return first + index if index < shown else None

    def _titles(self) -> None:
        found = self.timeline
        narrowed = "  ·  Esc: all periods" if self.chosen is not None else ""
        self.border_title = f"Stories per {self.by}{narrowed}" if found else "Stories over time"
        undated = found.undated if found else 0
        self.border_subtitle = f"{undated} undated (file date only), not shown" if undated else ""

    def refresh_chart(self) -> None:
        self._titles()
        self.refresh()

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        if self.problem is not None:
            return Text(f"Cannot count the stories: {self.problem}", style="bold red")
        if self.timeline is None:
            return Text("Counting…", style="dim italic")
        found = self.timeline
        by = self.by
        if not found.buckets:
            return Text("No dated stories match.", style="dim italic")
        first, shown, slot = self._layout(width)
        counts = [b.count for b in found.buckets[first : first + shown]]
        theme = self.app.current_theme
        styles = {
            "bar": Style(color=theme.primary),
            "cursor": Style(color=theme.accent or theme.warning, bgcolor=theme.panel, bold=True),
            "chosen": Style(color=theme.success or theme.secondary, bold=True),
        }
        out = Text(no_wrap=True, overflow="crop")
        for line in bar_rows(counts, max(1, height - 1)):
            for i, char in enumerate(line):
                index = first + i
                kind = "chosen" if index == self.chosen else "bar"
                if index == self.cursor and self.has_focus:
                    kind = "cursor"
                out.append(char * max(1, slot - 1) + (" " if slot > 1 else ""), styles[kind])
            out.append("\n")
        bucket = found.buckets[self.cursor]
        plural = "story" if bucket.count == 1 else "stories"
        caption = f"{period_name(bucket.start, by)}: {bucket.count} {plural}"
        if self.chosen is not None:
            caption += f"  ·  showing {period_name(found.buckets[self.chosen].start, by)}"
        ends = (period_name(b.start, by) for b in (found.buckets[0], found.buckets[-1]))
        span = " – ".join(ends)
        gap = max(2, width - len(caption) - len(span))
        out.append(caption, style="bold" if self.has_focus else "")
        out.append(" " * gap + span, style="dim")
        return out

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
