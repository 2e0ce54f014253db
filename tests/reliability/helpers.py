"""Shared by the reliability tests: running `dex` as a user would, and the figures printed at
the end of the run (tests add to FIGURES; conftest's terminal summary prints them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "indexer" / "samples"
DEX = Path(sys.executable).with_name("dex")

# name -> number, printed by pytest_terminal_summary in conftest.py
FIGURES: Counter[str] = Counter()
NOTES: list[str] = []


def record(name: str, amount: int = 1) -> None:
    FIGURES[name] += amount


def note(text: str) -> None:
    NOTES.append(text)


def dex_env(home: Path) -> dict[str, str]:
    """The environment of a dex subprocess: no real home, no inherited data dir, no debug."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEX_DATA_DIR", "DEX_DEBUG")}
    env.update(HOME=str(home), PYTHONUNBUFFERED="1", COLUMNS="200", TERM="dumb")
    return env


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _plain_user_prefix() -> list[str]:
    """As root, run without the powers that ignore file permissions (setpriv drops them), so
    an unreadable file or a read-only folder behaves as it does for a user; else nothing."""
    if not running_as_root():
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot apply")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-linux_immutable"]


def dex_command(data_dir: Path, *args: str, plain_user: bool = False) -> list[str]:
    prefix = _plain_user_prefix() if plain_user else []
    return [*prefix, str(DEX), "--data-dir", str(data_dir), *args]


def run_dex(
    data_dir: Path,
    *args: str,
    cwd: Path | None = None,
    plain_user: bool = False,
    timeout: float = 90,
) -> subprocess.CompletedProcess[str]:
    """`dex --data-dir DATA ARGS...` in a subprocess; `plain_user` makes file permissions apply
    even when the tests run as root."""
    return subprocess.run(
        dex_command(data_dir, *args, plain_user=plain_user),
        cwd=cwd,
        env=dex_env(data_dir.parent / "home"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=timeout,
    )


# Linux counts a child's peak memory from before it exec'd, as a copy of this test process: dex
# is started from a small Python process, whose own size is then the floor of the figure.
_PEAK = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
kilobytes = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)
with open(sys.argv[1], "w") as out:
    out.write(str(kilobytes))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_dex_peak(
    data_dir: Path, *args: str, cwd: Path | None = None
) -> tuple[subprocess.CompletedProcess[str], float]:
    """`run_dex`, and the process's peak memory (resident set, MB) as the kernel counted it."""
    with tempfile.TemporaryDirectory() as folder:
        figure = Path(folder) / "peak"
        proc = subprocess.run(
            [sys.executable, "-c", _PEAK, str(figure), *dex_command(data_dir, *args)],
            cwd=cwd, env=dex_env(data_dir.parent / "home"), capture_output=True, text=True,
            encoding="utf-8", errors="surrogateescape", timeout=300,
        )  # fmt: skip
        return proc, float(figure.read_text()) / 1024


def popen_dex(data_dir: Path, *args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        dex_command(data_dir, *args),
        cwd=cwd,
        env=dex_env(data_dir.parent / "home"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
    )


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream, stream[-3000:]
        assert "unexpected error" not in stream, stream[-3000:]


def message_lines(stderr: str) -> list[str]:
    """stderr's lines, each checked to be one `dex: ...` message (progress lines included)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    for line in lines:
        assert line.startswith("dex: "), f"not a one-line dex message: {line!r}"
    return lines


def copy_samples(target: Path) -> list[Path]:
    """The bundled sample digests copied to `target` (a small real corpus)."""
    target.mkdir(parents=True, exist_ok=True)
    copies = []
    for source in sorted(SAMPLES.glob("*.txt")):
        copies.append(Path(shutil.copy2(source, target / source.name)))
    return copies
