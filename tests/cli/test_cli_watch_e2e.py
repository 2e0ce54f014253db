"""`dex watch` end to end, as a user runs it: a digest dropped into a watched folder becomes
searchable, a deleted one's stories go, and Ctrl-C ends it with status 0."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "fixtures" / "dev"
DEX = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]


def _env(data: Path) -> dict[str, str]:
    env = dict(os.environ, DEX_DATA_DIR=str(data), PYTHONPATH=str(ROOT))
    env.pop("DEX_DEBUG", None)
    return env


def _dex(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DEX, *args],
        env=_env(data),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _sources_of_hits(data: Path, query: str) -> list[str]:
    result = _dex(data, "search", "--json", query)
    assert result.returncode == 0, result.stderr
    return [source for hit in json.loads(result.stdout)["hits"] for source in hit["sources"]]


def _line(lines: queue.Queue[str], seconds: float = 60) -> str:
    try:
        return lines.get(timeout=seconds)
    except queue.Empty:
        raise AssertionError(f"dex watch printed nothing in {seconds} s") from None


def test_watch_indexes_a_new_digest_and_drops_a_deleted_one(tmp_path: Path) -> None:
    data, folder = tmp_path / "data", tmp_path / "digests"
    folder.mkdir()
    assert _dex(data, "sources", "add", str(folder)).returncode == 0
    watch = subprocess.Popen(
        [*DEX, "watch", "--quiet-ms", "200"],
        env=_env(data),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    output = watch.stdout
    assert output is not None
    threading.Thread(target=lambda: [lines.put(line) for line in output], daemon=True).start()
    try:
        time.sleep(1.5)  # its catch-up of the empty folder (no line: nothing changed)
        digest = folder / "ward_round.txt"
        shutil.copy(DEV / "ward_round_2019-03-13.txt", digest)
        line = _line(lines)
        assert "new stories from 1 digest" in line, line
        assert str(digest) in _sources_of_hits(data, "Calderdale")
        digest.unlink()
        line = _line(lines)
        assert "stories gone" in line, line
        assert str(digest) not in _sources_of_hits(data, "Calderdale")
    finally:
        watch.send_signal(signal.SIGINT)
        try:
            code = watch.wait(timeout=60)
        except subprocess.TimeoutExpired:
            watch.kill()
            raise
    stderr = watch.stderr.read()  # type: ignore[union-attr]
    assert code == 0, stderr
    assert "stopped watching" in stderr and "Traceback" not in stderr
