"""Fixtures for the app tests: every user path under tmp_path, and a small real index.

The index is built once per session from copies of the seed digests (plus one digest whose text
looks like Rich markup) with fixed modification times and relative paths, so dates and sources
on screen are the same on every machine and snapshots stay stable.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui import locations

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
HERE = Path(__file__).resolve().parent / "fixtures"
# Noon on 15 March 2024 (UTC): a digest's date when its text names none.
FIXED_MTIME = 1710504000


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index of the seed digests and the markup digest, built once."""
    from indexer.index.store import update_index

    work = tmp_path_factory.mktemp("corpus")
    digests = work / "digests"
    digests.mkdir()
    for source in [*sorted(SEEDS.glob("*.txt")), *sorted(HERE.glob("*.txt"))]:
        target = digests / source.name
        shutil.copyfile(source, target)
        os.utime(target, (FIXED_MTIME, FIXED_MTIME))
    cwd = Path.cwd()
    os.chdir(work)
    try:
        names = [f"digests/{p.name}" for p in sorted(digests.iterdir())]
        update_index(work / "index", names)
    finally:
        os.chdir(cwd)
    return work / "index"


@pytest.fixture
def index_dir(data_dir: Path, built_index: Path) -> Path:
    """This test's own copy of the index, where the app looks for it."""
    target = locations.index_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(built_index, target)
    return target


@pytest.fixture
def make_app(index_dir: Path) -> Callable[..., Any]:
    """DexApp on the test index; timings hidden so what is on screen is deterministic."""
    from tui.app import DexApp

    def make(**kwargs: Any) -> DexApp:
        kwargs.setdefault("show_timings", False)
        return DexApp(**kwargs)

    return make


async def _wait_for(pilot: Any, check: Callable[[], object], timeout: float = 15.0) -> None:
    """Let the app run until `check()` is true (workers answer from threads). The deadline is
    generous: on a busy shared machine a worker can take seconds; a passing run never waits
    for it."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the app did not reach the expected state in time")
        await pilot.pause(0.02)


async def _ready(pilot: Any) -> Any:
    """Wait until the first story list is painted; returns the main screen."""
    from tui.widgets.story_list import StoryList

    def painted() -> bool:
        found = pilot.app.screen.query(StoryList)
        return bool(found) and bool(found.first().hits)

    await _wait_for(pilot, painted)
    await pilot.pause()
    return pilot.app.screen


async def _to_stories(pilot: Any) -> Any:
    """Leave the search box, where the app starts, for the stories (Esc, as a user would);
    returns the story list, which then has the focus and so the single-letter keys."""
    from tui.widgets.search_bar import SearchBar
    from tui.widgets.story_list import StoryList

    screen = pilot.app.screen
    assert pilot.app.focused is screen.query_one(SearchBar).input, "not in the search box"
    await pilot.press("escape")
    stories = screen.query_one(StoryList)
    assert pilot.app.focused is stories
    return stories


@pytest.fixture
def wait_for() -> Callable[..., Any]:
    """`await wait_for(pilot, lambda: condition)`: run the app until the condition holds."""
    return _wait_for


@pytest.fixture
def to_stories() -> Callable[..., Any]:
    """`stories = await to_stories(pilot)`: from the search box to the story list."""
    return _to_stories


@pytest.fixture
def ready() -> Callable[..., Any]:
    """`screen = await ready(pilot)`: wait for the first page of results."""
    return _ready
