"""`dex` in a real terminal: launch to the first painted story list, and keystroke to results.

    .venv/bin/python -m tests.perf.bench_terminal --data bench-out/data-100000 [--launches 5]

Textual's headless driver (tests/perf/app_timing.py) skips the terminal: writing escape codes,
a real pseudo-terminal, reading keys from it. Here `dex` runs as a user starts it, on a
pseudo-terminal of 120x36, and its output is fed to a terminal emulator (pyte); times are
taken when the emulated screen's text changes.

- launch: from starting the process to the screen showing the status line ("20 of N
  stories") and the first story of the list; beside it the CPU time (user + system) dex and
  its index process had used by then, which moves much less than wall time on a busy machine.
- keystroke: `/` focuses the search box, then TYPED is typed a key at a time, each once the
  screen has been still for QUIET_S (a reader pausing; the chart and the entity pane finish
  too). Per key: "results", the last change to the status line or the story list after the
  key, and "last change", the last change anywhere on the screen.

Goals at 100k stories: launch <= 0.6 s; keystroke to results p95 <= 60 ms, max <= 150 ms.
Printed, not asserted. Times include the emulator's own work on the output (about a
millisecond a frame), as a real terminal has its own.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyte

from tests.perf import data_dir
from tests.perf.querymix import percentile

COLUMNS, LINES = 120, 36
TYPED = "junior doctors strike in london"
QUIET_S = 0.4  # still screen before the next key
TIMEOUT_S = 30.0
LAUNCH_GOAL_S = 0.6
KEY_GOALS_MS = (60.0, 150.0)  # p95, max
DEX = "import sys; from tui.cli import main; sys.exit(main())"  # what the console script runs
ROOT = Path(__file__).resolve().parents[2]
_STATUS = re.compile(r"^\s*(\d+ of \d+ stories|No stories)")
_LIST_TITLE = re.compile(r"▔ Stories (?: \d+ of \d+ )?▔")  # not the chart's "Stories per month"


class Terminal:
    """`dex` on a pseudo-terminal, its output read into an emulated screen."""

    def __init__(self, data: Path) -> None:
        leader, follower = os.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = dict(os.environ, DEX_DATA_DIR=str(data), PYTHONPATH=str(ROOT), TERM="xterm-256color")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed dex has its bytecode
        for name in ("COLUMNS", "LINES", "TEXTUAL", "TEXTUAL_DRIVER", "NO_COLOR"):
            env.pop(name, None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-c", DEX],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
            start_new_session=True,  # its own process group: the index process ends with it
        )
        os.close(follower)
        self.leader = leader
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)

    def read(self, wait_s: float) -> float | None:
        """Feed what arrives within wait_s to the screen; when it arrived, or None."""
        ready, _, _ = select.select([self.leader], [], [], max(0.0, wait_s))
        if not ready:
            return None
        try:
            data = os.read(self.leader, 1 << 16)
        except OSError:  # the process has gone
            raise EOFError("dex exited") from None
        arrived = time.perf_counter()
        self.stream.feed(data)
        return arrived

    def cpu_s(self) -> float:
        """CPU seconds (user + system) used so far by dex and the processes it started (its
        process group: it runs in a session of its own)."""
        used = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:  # gone meanwhile
                continue
            fields = text[text.rindex(")") + 2 :].split()  # after the command's name
            if int(fields[2]) == self.process.pid:  # its process group
                used += int(fields[11]) + int(fields[12])
        return used / os.sysconf("SC_CLK_TCK")

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def type(self, text: str) -> float:
        os.write(self.leader, text.encode("utf-8"))
        return time.perf_counter()

    def close(self) -> None:
        try:
            os.write(self.leader, b"\x11")  # ctrl+q
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=5)
        finally:
            os.close(self.leader)


def results_view(lines: list[str]) -> tuple[str, ...]:
    """The status line and the text of the story list (its title and rows, without the
    scroll bar, which moves when other panes finish): what a search changes."""
    status = [line for line in lines if _STATUS.match(line)]
    title = _list_title(lines)
    if title is None:
        return tuple(status)
    width = lines[title].find("▎") - 2
    return (*status, lines[title], *(line[:width] for line in lines[title + 1 :]))


def _list_title(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if _LIST_TITLE.search(line)), None)


def shows_list(lines: list[str]) -> bool:
    """The status line is there and the list's first row has a story in it."""
    view = results_view(lines)
    has_status = any(_STATUS.match(line) for line in lines)
    return has_status and len(view) > 2 and view[2][1:].strip() != ""


def wait_for_list(terminal: Terminal) -> tuple[float, float]:
    """Seconds from start to the first painted story list, and the CPU seconds used by then."""
    deadline = time.perf_counter() + TIMEOUT_S
    while time.perf_counter() < deadline:
        arrived = terminal.read(deadline - time.perf_counter())
        if arrived is not None and shows_list(terminal.lines()):
            return arrived - terminal.started, terminal.cpu_s()
    raise TimeoutError("dex showed no story list in time")


def settle(terminal: Terminal, since: float) -> tuple[float | None, float | None]:
    """Read until the screen is still for QUIET_S; (last change of the results, last change
    of anything) as milliseconds after `since`, None for what did not change."""
    lines = terminal.lines()
    view = results_view(lines)
    last_results = last_any = None
    deadline = time.perf_counter() + TIMEOUT_S
    while time.perf_counter() < deadline:
        arrived = terminal.read(QUIET_S)
        if arrived is None:
            break
        now = terminal.lines()
        if now != lines:
            lines, last_any = now, arrived
            if results_view(now) != view:
                view, last_results = results_view(now), arrived
    return _ms(last_results, since), _ms(last_any, since)


def _ms(when: float | None, since: float) -> float | None:
    return None if when is None else (when - since) * 1000


@dataclass
class Figures:
    launches_s: list[float] = field(default_factory=list)
    launch_cpu_s: list[float] = field(default_factory=list)
    results_ms: list[float] = field(default_factory=list)
    last_change_ms: list[float] = field(default_factory=list)
    unchanged: int = 0  # keys after which the results stayed as they were (a stop word)
    statuses: list[str] = field(default_factory=list)


def run_once(data: Path, typed: str, found: Figures) -> None:
    terminal = Terminal(data)
    try:
        launch, cpu = wait_for_list(terminal)
        found.launches_s.append(launch)
        found.launch_cpu_s.append(cpu)
        settle(terminal, time.perf_counter())  # the chart and the panes finish drawing
        settle(terminal, terminal.type("/"))
        for key in typed:
            results, anything = settle(terminal, terminal.type(key))
            if results is None:
                found.unchanged += 1
            else:
                found.results_ms.append(results)
            if anything is not None:
                found.last_change_ms.append(anything)
        found.statuses.append(next(line for line in terminal.lines() if _STATUS.match(line)))
    finally:
        terminal.close()


def _keys(label: str, times: list[float]) -> str:
    return (
        f"{label:<26} p50 {percentile(times, 50):6.1f} ms  p95 {percentile(times, 95):6.1f}  "
        f"max {max(times):6.1f}  ({len(times)} keys)"
    )


def run(data: Path, launches: int, typed: str = TYPED) -> list[str]:
    lines = [f"data: {data}; load average {data_dir.load_average()}"]
    found = Figures()
    run_once(data, "", Figures())  # warms the file cache and writes bytecode, untimed
    for _ in range(launches):
        run_once(data, typed, found)
    launch = statistics.median(found.launches_s)
    verdict = "meets" if launch <= LAUNCH_GOAL_S else "misses"
    lines.append(
        f"launch to first painted list: median {launch:.2f} s, "
        f"max {max(found.launches_s):.2f} s over {launches} launches "
        f"({verdict} <= {LAUNCH_GOAL_S} s); CPU by then (dex and its index process) "
        f"median {statistics.median(found.launch_cpu_s):.2f} s"
    )
    lines.append(_keys("keystroke to results", found.results_ms))
    lines.append(_keys("keystroke to last change", found.last_change_ms))
    p95, worst = percentile(found.results_ms, 95), max(found.results_ms)
    goal_p95, goal_max = KEY_GOALS_MS
    verdict = "meets" if p95 <= goal_p95 and worst <= goal_max else "misses"
    lines.append(
        f"keystroke to results p95 / max {p95:.0f} / {worst:.0f} ms "
        f"({verdict} <= {goal_p95:.0f} / {goal_max:.0f} ms)"
    )
    lines.append(
        f"typed {typed!r}; {found.unchanged} keys left the results as they were (not counted); "
        f"status after: {found.statuses[-1].strip()!r}"
    )
    lines.append(f"load average after: {data_dir.load_average()}")
    return lines


def main(argv: list[str] | None = None) -> int:
    return data_dir.run_main(
        __doc__,
        argv,
        lambda data, args: run(data, args.launches, args.typed),
        ("--launches", int, 5, "timed launches (each types)"),
        ("--typed", str, TYPED, "what to type, a key at a time"),
    )


if __name__ == "__main__":
    raise SystemExit(main())
