"""The first ask of a query on a freshly opened index (top 20 with snippets), and where it goes.

    .venv/bin/python -m tests.perf.bench_first_ask --data bench-out/data-100000 [--rounds 3]

Two ways of asking first, each query of the mix (tests/perf/querymix.py):

- "after open": the index opened and shown (`search("")`, as the app's first list does), then
  each query once, as tests/perf/bench.py times its "1st" column;
- "alone": each query the very first thing asked of a newly opened index, as `dex search`
  asks it (the index's per-searcher columns are read within the query's time).

Then the same queries asked again (their answers forgotten) for the repeated figure, and a
cProfile of the "after open" first asks, by own time. Goal: first ask p95 <= 30 ms at 100k;
printed, not asserted. `--rounds` repeats the whole measurement and reports the median of
each figure, as the machine is shared.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import time
from pathlib import Path
from typing import Any

from tests.perf import data_dir, querymix
from tests.perf.querymix import percentile

GOAL_MS = 30.0


def _ask(index: Any, query: querymix.Query) -> float:
    """Milliseconds to answer one query of the mix, top 20 with snippets."""
    started = time.perf_counter()
    index.search(query.dex, limit=20)
    return (time.perf_counter() - started) * 1000


def after_open(index_dir: Path) -> tuple[list[float], list[float]]:
    """(first ask of each query, repeated ask of each query) on one freshly opened index."""
    from indexer.search.searcher import open_index

    index = open_index(index_dir)
    try:
        index.search("", limit=20)
        first = [_ask(index, query) for query in querymix.MIX]
        again = []
        for query in querymix.MIX:
            index.forget_answers()
            again.append(_ask(index, query))
    finally:
        index.close()
    return first, again


def alone(index_dir: Path) -> list[float]:
    """Each query as the first thing asked of a newly opened index (opening not timed)."""
    from indexer.search.searcher import open_index

    times = []
    for query in querymix.MIX:
        index = open_index(index_dir)
        try:
            times.append(_ask(index, query))
        finally:
            index.close()
    return times


def profile(index_dir: Path, count: int = 14) -> list[str]:
    """The functions that take the most own time over the "after open" first asks."""
    from indexer.search.searcher import open_index

    index = open_index(index_dir)
    profiler = cProfile.Profile()
    try:
        index.search("", limit=20)
        profiler.enable()
        for query in querymix.MIX:
            index.search(query.dex, limit=20)
        profiler.disable()
    finally:
        index.close()
    listing = io.StringIO()
    stats = pstats.Stats(profiler, stream=listing)
    table = stats.stats  # type: ignore[attr-defined]
    rows = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:count]
    return [
        f"  own {tt * 1000:7.1f} ms  cum {ct * 1000:7.1f} ms  {calls:>7} calls  "
        f"{'/'.join(Path(file).parts[-2:])}:{line}({func})"
        for (file, line, func), (_, calls, tt, ct, _) in rows
    ]


def _figures(times: list[float]) -> str:
    return (
        f"p50 {percentile(times, 50):6.1f} ms  p95 {percentile(times, 95):6.1f}  "
        f"max {max(times):6.1f}  whole mix {sum(times):7.1f}"
    )


def run(data: Path, rounds: int) -> list[str]:
    index_dir = data / "index"
    lines = [f"index: {index_dir}; load average {data_dir.load_average()}"]
    runs = [(*after_open(index_dir), alone(index_dir)) for _ in range(rounds)]
    # Per query, the median over the rounds, so one busy moment does not make a p95.
    first, again, single = (
        [statistics.median(r[part][i] for r in runs) for i in range(len(querymix.MIX))]
        for part in range(3)
    )
    lines.append(f"first ask, after open   {_figures(first)}")
    lines.append(f"first ask, alone        {_figures(single)}")
    lines.append(f"asked again             {_figures(again)}")
    slowest = sorted(zip(first, querymix.MIX, strict=True), key=lambda pair: -pair[0])[:5]
    lines.append("slowest first asks: " + ", ".join(f"{q.dex} {ms:.1f} ms" for ms, q in slowest))
    worst = percentile(first, 95)
    verdict = "meets" if worst <= GOAL_MS else "misses"
    lines.append(f"first ask p95 {worst:.1f} ms ({verdict} <= {GOAL_MS:.0f} ms)")
    lines.append(f"load average after: {data_dir.load_average()}")
    lines.append("own time over the first asks (after open, cProfile):")
    lines += profile(index_dir)
    return lines


def main(argv: list[str] | None = None) -> int:
    return data_dir.run_main(
        __doc__,
        argv,
        lambda data, args: run(data, args.rounds),
        ("--rounds", int, 3, "whole measurements, medians kept"),
    )


if __name__ == "__main__":
    raise SystemExit(main())
