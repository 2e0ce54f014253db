"""What watching costs: `SourceWatcher` on N files, idle. Figures printed, never asserted.

    .venv/bin/python -m tests.perf.bench_watch --files 10000 --seconds 30

Goals (issue 18): under 2% of one core while idle, under 50 MB of extra memory. The watcher
runs in a fresh process; its memory is measured after dex's index code is imported (what the
app already holds), so the figure is what watching adds: watchfiles, its thread, the kernel
watches' bookkeeping. No file changes while it is measured, so no indexing runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_CPU_PERCENT = 2.0
GOAL_EXTRA_MB = 50.0
PER_FOLDER = 100


def make_files(root: Path, count: int, per_folder: int = PER_FOLDER) -> None:
    """`count` small digests in folders of `per_folder` (a year of daily mail, many years)."""
    for number in range(count):
        folder = root / f"{number // per_folder:05d}"
        if number % per_folder == 0:
            folder.mkdir(parents=True)
        (folder / f"digest-{number:06d}.txt").write_text(
            f"Digest {number}\n\nHeadline {number}\n\nA line of text.\n", encoding="utf-8"
        )


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise OSError("no /proc/self/status")


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def child(folder: Path, index_dir: Path, settle: float, seconds: float) -> dict[str, float]:
    """In the measured process: start a watcher, let it settle, then measure it idle."""
    from indexer.index import store  # noqa: F401  (the app holds it already)
    from indexer.index.watching import SourceWatcher

    before = _rss_mb()
    started = time.perf_counter()
    watcher = SourceWatcher(index_dir, [str(folder)], lambda update: None, catch_up=False)
    watcher.start()
    time.sleep(settle)  # the kernel watches set up on every folder
    extra = _rss_mb() - before
    cpu0, wall0 = _cpu_seconds(), time.perf_counter()
    time.sleep(seconds)
    cpu = _cpu_seconds() - cpu0
    wall = time.perf_counter() - wall0
    stopping = time.perf_counter()
    watcher.stop(timeout=30)
    return {
        "extra_mb": round(extra, 1),
        "idle_cpu_percent": round(100 * cpu / wall, 3),
        "stop_seconds": round(time.perf_counter() - stopping, 3),
        "setup_seconds": round(stopping - started - seconds, 1),
    }


def measure(
    files: int, seconds: float, settle: float = 3.0, per_folder: int = PER_FOLDER
) -> dict[str, float]:
    """Run the watcher on `files` files in a fresh process; its figures."""
    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory(prefix="dex-bench-watch-") as temp:
        folder = Path(temp) / "digests"
        folder.mkdir()
        made = time.perf_counter()
        make_files(folder, files, per_folder)
        made = time.perf_counter() - made
        command = [
            sys.executable, "-m", "tests.perf.bench_watch", "--child", str(folder),
            "--index", str(Path(temp) / "index"), "--seconds", str(seconds),
            "--settle", str(settle),
        ]  # fmt: skip
        env = dict(os.environ, PYTHONPATH=str(root))
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout)
    figures["files"] = files
    figures["folders"] = -(-files // per_folder)
    figures["make_seconds"] = round(made, 1)
    return figures


def render(figures: dict[str, float]) -> str:
    return "\n".join(
        [
            f"watching {figures['files']} files in {figures['folders']} folders:",
            f"  idle CPU      {figures['idle_cpu_percent']:.3f}% of a core"
            f"  (goal < {GOAL_CPU_PERCENT}%)",
            f"  extra memory  {figures['extra_mb']:.1f} MB  (goal < {GOAL_EXTRA_MB:.0f} MB)",
            f"  stop          {figures['stop_seconds']:.3f} s",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=3.0)
    parser.add_argument("--per-folder", type=int, default=PER_FOLDER)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.index, args.settle, args.seconds)))
        return
    print(render(measure(args.files, args.seconds, args.settle, args.per_folder)))


if __name__ == "__main__":
    main()
