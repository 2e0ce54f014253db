"""`dex search QUERY` as a whole command: wall time from exec to exit, and where start-up goes.

    .venv/bin/python -m tests.perf.bench_command --data bench-out/data-100000 [--runs 15]
    .venv/bin/python -m tests.perf.bench_command --stories 10000 --dir bench-out

Each run is a fresh interpreter started as the `dex` console script starts one (import
tui.cli, call main), with DEX_DATA_DIR on the data folder, its output sent to a pipe. Beside
`dex search` it times `dex --help` and a bare interpreter, so the share of start-up shows, and
one run under `python -X importtime` counts the modules a search imports, sums their import
times and lists the slowest top-level imports. Goal <= 150 ms at 100k stories; printed, not
asserted.
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.perf import data_dir
from tests.perf.querymix import percentile

GOAL_MS = 150.0
QUERIES = ("nhs", "junior doctors strike", '"integrated care system"', 'org:"NHS England"')
DEX = "import sys; from tui.cli import main; sys.exit(main())"  # what the console script runs
ROOT = Path(__file__).resolve().parents[2]


def _environment(data: Path) -> dict[str, str]:
    env = dict(os.environ, DEX_DATA_DIR=str(data), PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed dex has its bytecode
    return env


@dataclass
class Runs:
    """Wall and CPU (user + system) milliseconds of each timed run of a command."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def time_command(argv: list[str], env: dict[str, str], runs: int) -> Runs:
    """`runs` runs of a command, after one untimed run that warms the caches. CPU time moves
    much less than wall time when other work shares the machine."""
    found = Runs()
    for i in range(runs + 1):
        cpu_before = _children_cpu()
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        elapsed = (time.perf_counter() - started) * 1000
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr[-400:]!r}")
        if i:
            found.wall.append(elapsed)
            found.cpu.append((_children_cpu() - cpu_before) * 1000)
    return found


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def import_times(query: str, env: dict[str, str]) -> list[tuple[str, int, int]]:
    """Each module one `dex search` run imports, in import order: its name indented two spaces
    a level (as -X importtime shows it), its own and its cumulative microseconds."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", DEX, "search", query],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)", line)
        if match:
            found.append((f"{match[3]}{match[4]}", int(match[1]), int(match[2])))
    return found


def slowest_imports(imports: list[tuple[str, int, int]], count: int = 12) -> list[tuple[str, int]]:
    """The top-level imports (and what they import directly) by cumulative microseconds."""
    top = [(name, total) for name, _own, total in imports if len(name) - len(name.lstrip()) <= 2]
    return sorted(top, key=lambda item: item[1], reverse=True)[:count]


def _row(label: str, runs: Runs) -> str:
    wall = runs.wall
    return (
        f"{label:<36} median {statistics.median(wall):6.1f} ms  p95 {percentile(wall, 95):6.1f}"
        f"  min {min(wall):6.1f}  CPU median {statistics.median(runs.cpu):6.1f}  ({len(wall)} runs)"
    )


def run(data: Path, runs: int) -> list[str]:
    env = _environment(data)
    python = sys.executable
    lines = [f"data: {data}; load average {data_dir.load_average()}"]
    lines.append(_row("python -c pass", time_command([python, "-c", "pass"], env, runs)))
    lines.append(_row("dex --help", time_command([python, "-c", DEX, "--help"], env, runs)))
    medians = []
    for query in QUERIES:
        found = time_command([python, "-c", DEX, "search", query], env, runs)
        medians.append(statistics.median(found.wall))
        lines.append(_row(f"dex search {query}", found))
    worst = max(medians)
    verdict = "meets" if worst <= GOAL_MS else "misses"
    lines.append(f"dex search: slowest median {worst:.1f} ms ({verdict} <= {GOAL_MS:.0f} ms)")
    lines.append(f"load average after: {data_dir.load_average()}")
    imports = import_times("nhs", env)
    own = sum(micros for _name, micros, _total in imports) / 1000
    lines.append(f"imports of `dex search nhs`: {len(imports)} modules, {own:.1f} ms in all")
    lines.append("slowest imports of `dex search nhs` (cumulative, -X importtime):")
    lines += [f"  {name:<40} {micros / 1000:6.1f} ms" for name, micros in slowest_imports(imports)]
    return lines


def main(argv: list[str] | None = None) -> int:
    return data_dir.run_main(
        __doc__,
        argv,
        lambda data, args: run(data, args.runs),
        ("--runs", int, 15, "timed runs of each command"),
    )


if __name__ == "__main__":
    raise SystemExit(main())
