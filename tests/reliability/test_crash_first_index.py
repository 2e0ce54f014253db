"""kill -9 of a first `dex index` (nothing committed yet): `dex search` and the app say the index
is incomplete and which command finishes it (no more "0 results", exit 0, not a word); running
that command finishes it, and the notice goes."""

from __future__ import annotations

import json
import random
import shlex
import signal
import time
from pathlib import Path

import pytest

from indexer.search.searcher import open_index
from tests.perf.corpus import generate
from tests.reliability.helpers import message_lines, note, popen_dex, record, run_dex
from tui import locations

KILLS = 3
SEED = 20240608


def _segment_written(index_dir: Path) -> bool:
    return any(index_dir.glob("dex_*"))


def _kill_first_index(data: Path, corpus: Path, delay: float) -> bool:
    """Start a first `dex index` and kill -9 it once its workers write; True if it was running."""
    index_dir = data / "index"
    proc = popen_dex(data, "index", str(corpus))
    deadline = time.monotonic() + 60
    while proc.poll() is None and not _segment_written(index_dir):
        assert time.monotonic() < deadline, "the workers never wrote a segment"
        time.sleep(0.01)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    return proc.returncode == -signal.SIGKILL


def _finishing_command(line: str) -> list[str]:
    """The `dex index ...` the notice names, as arguments."""
    quoted = line.split("`")[1]
    assert quoted.startswith("dex index "), line
    return shlex.split(quoted)[2:]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A corpus and how many stories a finished index of it holds."""
    work = tmp_path_factory.mktemp("first")
    generate(work / "corpus", 1500, seed=4)
    proc = run_dex(work / "clean", "index", str(work / "corpus"))
    assert proc.returncode == 0, proc.stderr
    index = open_index(work / "clean" / "index")
    try:
        return work / "corpus", index.doc_count()
    finally:
        index.close()


def test_a_killed_first_index_says_it_is_incomplete_and_how_to_finish(
    tmp_path: Path, corpus: tuple[Path, int]
) -> None:
    folder, stories = corpus
    rng = random.Random(SEED)
    landed = 0
    for run in range(KILLS):
        data = tmp_path / f"run{run}"
        if not _kill_first_index(data, folder, rng.uniform(0.0, 0.3)):
            continue
        landed += 1
        searched = run_dex(data, "search", "--json", "nhs")
        assert searched.returncode == 0, searched.stderr
        lines = message_lines(searched.stderr)
        said = [line for line in lines if "incomplete" in line]
        assert len(said) == 1, lines
        assert str(data / "index") in said[0]
        assert _finishing_command(said[0]) == [str(folder)]
        assert json.loads(searched.stdout)["total"] == 0
        finished = run_dex(data, "index", *_finishing_command(said[0]))
        assert finished.returncode == 0, finished.stderr
        again = run_dex(data, "search", "--json", "nhs")
        assert again.returncode == 0 and "incomplete" not in again.stderr, again.stderr
        index = open_index(data / "index")
        try:
            assert index.doc_count() == stories
        finally:
            index.close()
    assert landed >= KILLS - 1, "the kills must land while dex index runs"
    record("first index kill -9 runs, said incomplete", landed)
    note(f"killed first indexes: {landed}/{KILLS} said incomplete and were finished")


def test_the_app_says_so_too(data_dir: Path, corpus: tuple[Path, int]) -> None:
    folder, _ = corpus
    assert _kill_first_index(data_dir, folder, 0.1)
    from tui.session import Session

    session = Session(locations.index_dir(), locations.bookmarks_db())
    try:
        opened = session.open()
        assert opened.stories == 0
        warning = opened.index_warning
        assert warning and "incomplete" in warning and str(folder) in warning, warning
        assert "\n" not in warning
    finally:
        session.close()
    record("first index kill -9 runs, said incomplete")


async def test_the_app_shows_the_notice_where_the_stories_would_be(
    data_dir: Path, corpus: tuple[Path, int]
) -> None:
    folder, _ = corpus
    assert _kill_first_index(data_dir, folder, 0.1)
    from tui.app import DexApp
    from tui.widgets.story_view import StoryView

    app = DexApp(show_timings=False)
    async with app.run_test(size=(160, 50)) as pilot:
        deadline = time.monotonic() + 20
        while not any("incomplete" in str(n.message) for n in app._notifications):
            assert time.monotonic() < deadline, "the app never said the index is incomplete"
            await pilot.pause(0.05)
        reader = app.screen.query_one(StoryView)
        while "incomplete" not in reader._message:
            assert time.monotonic() < deadline, "the reader never said why it is empty"
            await pilot.pause(0.05)
        assert str(folder) in reader._message
