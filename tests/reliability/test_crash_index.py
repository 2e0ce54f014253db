"""kill -9 of `dex index` at random points (20 runs): the next start opens the index, or finds
the damage, says so and rebuilds it, and ends with the same stories as a clean run."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from indexer.index.store import MARKER, update_index
from indexer.search.searcher import open_index
from tests.reliability.helpers import (
    SAMPLES,
    note,
    popen_dex,
    record,
    run_dex,
)
from tui.cli import main

RUNS = 20
SEED = 20240314


def _stories(index_dir: Path) -> dict[str, tuple[str, ...]]:
    index = open_index(index_dir)
    try:
        hits = index.search("", limit=100_000).hits
        return {hit.id: tuple(sorted(Path(s).name for s in hit.sources)) for hit in hits}
    finally:
        index.close()


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory):
    """The corpus (three samples, one repeated so stories merge), the stories of a clean index
    of it, an older index (of one file) to update, and how long a clean `dex index` takes."""
    work = tmp_path_factory.mktemp("crash")
    corpus = work / "corpus"
    corpus.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))[:3]
    for sample in samples:
        shutil.copy2(sample, corpus / sample.name)
    shutil.copy2(samples[0], corpus / "repeat-of-first.txt")
    update_index(work / "clean", [str(corpus)])
    older = work / "older"
    update_index(older / "index", [str(corpus / samples[1].name)])
    started = time.perf_counter()
    proc = run_dex(work / "timing", "index", str(corpus))
    assert proc.returncode == 0, proc.stderr
    return corpus, _stories(work / "clean"), older / "index", time.perf_counter() - started


def _unclean(marker: Path) -> bool:
    try:
        return not json.loads(marker.read_text()).get("clean", True)
    except (OSError, ValueError):
        return False


def _killed_run(data: Path, corpus: Path, delay: float, in_write: bool) -> tuple[bool, bool]:
    """Start `dex index` and kill -9 it: after `delay` seconds, or (`in_write`) `delay` after
    it marks the index unclean, i.e. while it commits. Returns (it was still running, it was
    killed while writing)."""
    marker = data / "index" / MARKER
    proc = popen_dex(data, "index", str(corpus))
    if in_write:
        while proc.poll() is None and not _unclean(marker):
            time.sleep(0.002)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    try:
        proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # its output pipes are still held open
        raise AssertionError("processes of a killed `dex index` lived on") from None
    return proc.returncode == -signal.SIGKILL, _unclean(marker)


def test_kill_9_during_indexing_loses_nothing(tmp_path: Path, setting, capsys) -> None:
    corpus, expected, older, seconds = setting
    rng = random.Random(SEED)
    runs = []
    for run in range(RUNS):
        data = tmp_path / f"run{run}"
        if run % 2:  # an update of an older index, else a first build
            shutil.copytree(older, data / "index")
        # Updates are killed while they commit (within 40 ms of marking the index unclean),
        # first builds at any time. Two at a time: the kills mostly wait.
        in_write = bool(run % 2)
        delay = rng.uniform(0, 0.04) if in_write else rng.uniform(0.3, 1.2) * seconds
        runs.append((data, delay, in_write))
    with ThreadPoolExecutor(2) as pool:
        landed = list(pool.map(lambda run: _killed_run(run[0], corpus, *run[1:]), runs))
    damaged = 0
    for run, (data, *_) in enumerate(runs):
        capsys.readouterr()
        status = main(["--data-dir", str(data), "index", str(corpus)])  # the next start
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert status == 0, (run, out, err)
        damaged += "rebuilding" in err
        assert _stories(data / "index") == expected, f"run {run}: stories differ after recovery"
        assert (data / "index" / MARKER).is_file()
    killed = sum(kill for kill, _ in landed)
    record("index kill -9 runs that hit the write phase", sum(w for _, w in landed))
    assert killed >= RUNS // 2, "most kills must land while dex index runs"
    record("index kill -9 runs", killed)
    record("index kill -9 runs that found damage", damaged)
    note(f"index kills: {killed}/{RUNS} landed mid-run (a clean run takes {seconds:.1f} s)")
