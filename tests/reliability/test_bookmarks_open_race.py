"""Several processes opening a new bookmarks file at the same moment all get it ([O] 10)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.reliability.helpers import ROOT

OPENER = """
import sys, time
from indexer.bookmarks.store import BookmarkStore
start = float(sys.argv[2])
while time.time() < start:
    pass
store = BookmarkStore(sys.argv[1])
store.close()
print("ok")
"""


def test_stores_opened_at_once_all_open(tmp_path: Path) -> None:
    failures = []
    for round_ in range(4):
        path = tmp_path / f"bookmarks-{round_}.sqlite3"
        start = time.time() + 1.5  # every process is started and spinning by then
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(path), str(start)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            if proc.returncode != 0 or out.strip() != "ok":
                failures.append(err.strip().splitlines()[-1:] or [f"exit {proc.returncode}"])
    assert not failures, failures
