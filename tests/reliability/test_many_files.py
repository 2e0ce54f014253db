"""Many tiny files in a folder tree: every one indexed, one summary line, no per-file noise.

The issue asks for 100,000. Measured on 2 shared cores: creating them with os.write takes
~5 s and indexing them 167 s (re-index unchanged: 4.6 s), far over this suite's budget, so
the suite uses TINY_FILES (default 1,000; set DEX_RELIABILITY_TINY_FILES=100000 for the full run).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from tests.reliability.helpers import assert_no_traceback, message_lines, note, record, run_dex

TINY_FILES = int(os.environ.get("DEX_RELIABILITY_TINY_FILES", "1000"))
PER_FOLDER = 1000


def _tiny_files(root: Path, count: int) -> None:
    """`count` one-story digests, PER_FOLDER to a folder, written with bare os.write."""
    root.mkdir()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for number in range(count):
        folder = root / f"{number // PER_FOLDER:03d}"
        if number % PER_FOLDER == 0:
            folder.mkdir()
        fd = os.open(folder / f"{number:06d}.txt", flags, 0o644)
        text = (
            f"Digest {number}\n\nStory number {number} tinyword{number % 7}\n\n"
            f"The trust said item {number} would open.\n"
        )
        os.write(fd, text.encode())
        os.close(fd)


def test_many_tiny_files_are_all_indexed(tmp_path: Path) -> None:
    started = time.perf_counter()
    _tiny_files(tmp_path / "corpus", TINY_FILES)
    made = time.perf_counter() - started
    data = tmp_path / "data"
    started = time.perf_counter()
    proc = run_dex(data, "index", "corpus", cwd=tmp_path, timeout=600)
    indexed = time.perf_counter() - started
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr[-2000:]
    noise = [line for line in message_lines(proc.stderr) if "indexing:" not in line]
    assert noise == []
    assert proc.stdout.startswith(f"Indexed {TINY_FILES} digests, {TINY_FILES} stories")
    search = run_dex(data, "search", "--json", "--limit", "1", "tinyword3", cwd=tmp_path)
    expected = len([n for n in range(TINY_FILES) if n % 7 == 3])
    assert json.loads(search.stdout)["total"] == expected
    again = run_dex(data, "index", "corpus", cwd=tmp_path, timeout=600)
    assert f"{TINY_FILES} unchanged" in again.stdout
    record("tiny files indexed", TINY_FILES)
    note(f"{TINY_FILES:,} tiny files: written in {made:.1f} s, indexed in {indexed:.1f} s")
