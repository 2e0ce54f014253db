"""Peak memory of a process and all its descendants, sampled while a phase runs.

Why sampling: `getrusage` gives the peak of this process and the largest peak of any finished
child, never what all of them held at the same moment, which is what a laptop has to find. A
thread of the benchmark (not of the measured process: a thread there would change how dex
starts its workers) reads /proc every `interval` seconds and keeps the largest sums seen of

- RSS, each process's resident memory summed (pages a forked worker still shares with its
  parent are counted in both: an upper bound), and
- PSS, each shared page divided among the processes that share it (what they cost together).

Linux only; elsewhere (no /proc) the sums stay None and the caller falls back to getrusage.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from types import TracebackType

_PROC = Path("/proc")


def _children(pid: int) -> list[int]:
    """Child processes of `pid`, from each of its threads' children lists."""
    found: list[int] = []
    try:
        for task in (_PROC / str(pid) / "task").iterdir():
            text = (task / "children").read_text()
            found += [int(p) for p in text.split()]
    except OSError:
        pass  # the process ended while being read
    return found


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants alive now."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += _children(current)
    return found


def _kib(path: Path, keys: tuple[str, ...]) -> dict[str, int]:
    """The fields `keys` (in KiB) of a /proc status-like file; empty if the process is gone."""
    found: dict[str, int] = {}
    try:
        for line in path.read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in keys:
                found[name] = int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        return {}
    return found


def sample(pid: int) -> tuple[float, float, float, int]:
    """RSS summed, PSS summed, the largest single RSS (MB) and how many processes, now."""
    rss = pss = largest = 0
    processes = tree(pid)
    for member in processes:
        rollup = _kib(_PROC / str(member) / "smaps_rollup", ("Rss", "Pss"))
        if not rollup:
            continue
        rss += rollup.get("Rss", 0)
        pss += rollup.get("Pss", 0)
        largest = max(largest, rollup.get("Rss", 0))
    return rss / 1024, pss / 1024, largest / 1024, len(processes)


class TreePeak:
    """Context manager: samples the tree of process `pid` until it exits; then `report()`."""

    def __init__(self, pid: int, interval: float = 0.05, every: float = 30.0) -> None:
        """Sample every `interval` s; say the peaks so far on stderr every `every` s (a run
        of a million stories may be stopped before its end)."""
        self.pid = pid
        self.interval = interval
        self.every = every
        self.available = (_PROC / str(pid) / "smaps_rollup").exists()
        self.rss_mb: float | None = None
        self.pss_mb: float | None = None
        self.largest_mb: float | None = None
        self.processes = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-peak", daemon=True)

    def __enter__(self) -> TreePeak:
        if self.available:
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.available:
            self._stop.set()
            self._thread.join()

    def _run(self) -> None:
        said = time.monotonic()
        while True:
            self._take(self.pid)
            if time.monotonic() - said >= self.every:
                said = time.monotonic()
                stamp = time.strftime("%H:%M:%S")
                print(f"{stamp} memory so far: {self.report()}", file=sys.stderr, flush=True)
            if self._stop.wait(self.interval):
                return

    def _take(self, pid: int) -> None:
        rss, pss, largest, processes = sample(pid)
        self.samples += 1
        self.rss_mb = max(self.rss_mb or 0.0, rss)
        self.pss_mb = max(self.pss_mb or 0.0, pss)
        self.largest_mb = max(self.largest_mb or 0.0, largest)
        self.processes = max(self.processes, processes)

    def report(self) -> dict[str, float | int | None]:
        def mb(value: float | None) -> float | None:
            return None if value is None else round(value, 1)

        return {
            "peak_total_rss_mb": mb(self.rss_mb),
            "peak_total_pss_mb": mb(self.pss_mb),
            "peak_process_rss_mb": mb(self.largest_mb),
            "processes": self.processes,
            "samples": self.samples,
        }
