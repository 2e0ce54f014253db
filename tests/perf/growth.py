"""How the indexing and size figures grow with the corpus: 10k -> 100k -> 1M, side by side.

Why apart: each size is its own run (a million stories take most of an hour), so the growth
line is drawn from the reports the runs left in the output folder (bench-<N>.json), each
column dated, rather than from one process.

    .venv/bin/python -m tests.perf.growth --out bench-out/
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from tests.perf.report import Report, disk_ratio, index_peak_mb

Row = tuple[str, Callable[[Report], Any], str]


def _get(*keys: str) -> Callable[[Report], Any]:
    def find(report: Report) -> Any:
        found: Any = report
        for key in keys:
            found = found.get(key) if isinstance(found, dict) else None
        return found

    return find


ROWS: tuple[Row, ...] = (
    ("stories indexed", _get("index", "summary", "stories"), ",.0f"),
    ("indexing, stories/s", _get("index", "stories_per_s"), ",.0f"),
    ("peak memory indexing, RSS summed (MB)", lambda r: index_peak_mb(r["index"]), ",.0f"),
    ("peak memory indexing, PSS summed (MB)", _get("index", "memory", "peak_total_pss_mb"), ",.0f"),
    ("largest process while indexing (MB)", _get("index", "memory", "peak_process_rss_mb"), ",.0f"),
    ("unchanged re-index (s)", _get("reindex", "seconds"), ".2f"),
    ("RSS with the index open (MB)", _get("dex_queries", "rss_open_mb"), ",.0f"),
    ("index on disk (MB)", _get("index", "size_mb"), ",.0f"),
    ("FTS5 database (MB)", _get("fts5", "build", "size_mb"), ",.0f"),
    ("index on disk / FTS5", disk_ratio, ".2f"),
    ("FTS5 build, stories/s", _get("fts5", "build", "stories_per_s"), ",.0f"),
    ("query mix first asks, dex (ms)", _get("dex_queries", "overall", "first_mix_ms"), ",.0f"),
    ("query mix first asks, FTS5 (ms)", _get("fts5", "overall", "first_mix_ms"), ",.0f"),
    ("load average before the run", _get("environment", "load_before"), ".2f"),
)


def reports(out: Path) -> list[Report]:
    """Every bench-<N>.json in `out`, smallest corpus first."""
    found = []
    for path in out.glob("bench-*.json"):
        try:
            found.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # a run still writing, or not ours
    return sorted(found, key=lambda r: r.get("stories", 0))


def _cell(value: Any, spec: str) -> str:
    if value is None:
        return "-"
    try:
        return format(value, spec)
    except (TypeError, ValueError):
        return str(value)


def render(runs: list[Report]) -> str:
    """A table: one row per figure, one column per corpus size, x-fold growth between."""
    if not runs:
        return "no bench-<N>.json reports to compare"
    width = 40
    head = f"{'growth':<{width}}" + "".join(f"{r['stories']:>14,}" for r in runs)
    lines = [head, f"{'run on':<{width}}" + "".join(
        f"{r['environment']['when'][5:16]:>14}" for r in runs
    )]  # fmt: skip
    for label, get, spec in ROWS:
        values = [get(r) for r in runs]
        cells = "".join(f"{_cell(v, spec):>14}" for v in values)
        steps = [
            f"x{b / a:.1f}"
            for a, b in pairwise(values)
            if isinstance(a, int | float) and isinstance(b, int | float) and a
        ]
        lines.append(f"{label:<{width}}{cells}   {' '.join(steps)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args(argv)
    print(render(reports(args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
