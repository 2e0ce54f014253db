"""Trends speed: a query's timeline and the Trends view's counts on the benchmark corpus.

    .venv/bin/python -m tests.perf.bench_trends --stories 100000 [--dir /tmp/dex-trends]
    .venv/bin/python -m tests.perf.bench_trends --index DATA/index   # an index already built

Builds the corpus of tests/perf/corpus.py (dated over ten years) and its index unless given
one, then times Index.timeline for a mix of queries and period lengths and Index.trends by
month and year: the first call on a freshly opened index (it reads the date column, the
entity postings and the manifest's file-dated stories) and the median of the calls after.
Prints the figures beside the goals (timeline <= 100 ms, trends view <= 1 s); asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.perf import corpus

TIMELINE_GOAL_MS = 100.0
TRENDS_GOAL_MS = 1000.0
QUERIES = ("", "deficit", "trust", 'org:"NHS England"', "strike OR walkout", '"junior doctors"')


def _timed(call: Callable[[], Any], rounds: int) -> tuple[float, float, Any]:
    """(first call ms, median ms of `rounds` calls after it, the first answer)."""
    started = time.perf_counter()
    answer = call()
    first = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return first, statistics.median(times) if times else first, answer


def build(folder: Path, stories: int) -> Path:
    """The corpus and its index below `folder` (reused when already there)."""
    from indexer.index.store import update_index

    digests, index_dir = folder / f"corpus-{stories}", folder / f"index-{stories}"
    if not index_dir.exists():
        if not digests.exists():
            corpus.generate(digests, stories)
        update_index(index_dir, [str(digests)])
    return index_dir


def run(index_dir: Path, rounds: int) -> list[str]:
    """The report's lines."""
    from indexer.search.searcher import open_index

    index = open_index(index_dir)
    lines = [f"index: {index_dir} ({index.doc_count()} stories)"]
    try:
        worst = 0.0
        for by in ("month", "week", "year"):
            for query in QUERIES:

                def timeline(query: str = query, by: str = by) -> Any:
                    return index.timeline(query, by=by)  # type: ignore[arg-type]

                first, median, found = _timed(timeline, rounds)
                worst = max(worst, median)
                lines.append(
                    f"timeline by {by:<5} {query or '(all)':<22} first {first:7.1f} ms  "
                    f"then {median:6.1f} ms  ({found.dated} dated, {found.undated} undated, "
                    f"{len(found.buckets)} {by}s)"
                )
        verdict = "meets" if worst <= TIMELINE_GOAL_MS else "misses"
        goal = f"{verdict} <= {TIMELINE_GOAL_MS:.0f}"
        lines.append(f"timeline: slowest median {worst:.1f} ms ({goal})")
        slowest = 0.0
        for by in ("month", "year"):

            def trends(by: str = by) -> Any:
                return index.trends(by=by, top=12)  # type: ignore[arg-type]

            first, median, found = _timed(trends, rounds)
            slowest = max(slowest, first, median)
            risers = sum(len(group) for group in found.rising.values())
            lines.append(
                f"trends by {by:<5} first {first:7.1f} ms  then {median:6.1f} ms  "
                f"({found.current.start} against {found.previous.start}, {risers} risers)"
            )
        verdict = "meets" if slowest <= TRENDS_GOAL_MS else "misses"
        lines.append(
            f"trends view: slowest {slowest:.1f} ms, first call included "
            f"({verdict} <= {TRENDS_GOAL_MS:.0f})"
        )
    finally:
        index.close()
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/dex-trends-bench"))
    parser.add_argument("--index", type=Path, help="an index folder already built (read only)")
    parser.add_argument("--rounds", type=int, default=5, help="timed calls after the first")
    args = parser.parse_args(argv)
    if args.index is not None:
        index_dir = args.index
    else:
        started = time.perf_counter()
        index_dir = build(args.dir, args.stories)
        print(f"corpus and index ready in {time.perf_counter() - started:.1f} s")
    for line in run(index_dir, args.rounds):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
