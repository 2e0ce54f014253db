"""Keeping the index current: what a run changed, the generation the app polls, forgetting a
source, and the watcher thread noticing new, changed and deleted digests."""

from __future__ import annotations

import queue
import shutil
import time
from pathlib import Path

import pytest

from indexer.index.changes import ChangeCheck, index_generation
from indexer.index.store import forget_paths, update_index
from indexer.index.watching import SourceWatcher, WatchUpdate, describe_change
from indexer.records import IndexSummary

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "dev"
FIRST = DEV / "ward_round_2019-03-13.txt"
SECOND = DEV / "westminster_health_monitor_2021-11-18.txt"


@pytest.fixture
def digests(tmp_path: Path) -> Path:
    folder = tmp_path / "digests"
    folder.mkdir()
    return folder


def test_a_run_says_which_stories_are_new_and_which_are_gone(tmp_path: Path, digests: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copy(FIRST, digests)
    first = update_index(index_dir, [str(digests)])
    assert len(first.new_ids) == first.stories > 0 and not first.gone_ids
    shutil.copy(SECOND, digests)
    second = update_index(index_dir, [str(digests)])
    assert second.new_ids and not second.new_ids & first.new_ids and not second.gone_ids
    (digests / FIRST.name).unlink()
    third = update_index(index_dir, [str(digests)])
    assert third.gone_ids == first.new_ids and not third.new_ids


def test_the_generation_moves_only_when_the_index_changes(tmp_path: Path, digests: Path) -> None:
    index_dir = tmp_path / "index"
    assert index_generation(index_dir) == 0
    shutil.copy(FIRST, digests)
    update_index(index_dir, [str(digests)])
    check = ChangeCheck(index_dir)
    before = check.generation
    assert before >= 1 and not check.changed()
    update_index(index_dir, [str(digests)])  # nothing new: the marker is rewritten, no change
    assert index_generation(index_dir) == before and not check.changed()
    shutil.copy(SECOND, digests)
    update_index(index_dir, [str(digests)])
    assert check.changed() and check.generation == before + 1
    assert not check.changed()  # said once


def test_forgetting_a_source_takes_its_stories_out(tmp_path: Path, digests: Path) -> None:
    index_dir = tmp_path / "index"
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(FIRST, digests)
    shutil.copy(SECOND, other)
    kept = update_index(index_dir, [str(other)]).new_ids
    first = update_index(index_dir, [str(digests)]).new_ids
    summary = forget_paths(index_dir, [str(digests)])
    assert summary.gone_ids == first and summary.removed == 1
    again = update_index(index_dir, [str(other)])
    assert not again.new_ids and not again.gone_ids and again.unchanged == 1
    assert not kept & summary.gone_ids


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        (
            IndexSummary(digests=2, new_ids=frozenset(map(str, range(12)))),
            "12 new stories from 2 digests",
        ),
        (IndexSummary(digests=1, new_ids=frozenset({"a"})), "1 new story from 1 digest"),
        (IndexSummary(removed=1, gone_ids=frozenset({"a", "b"})), "2 stories gone"),
        (IndexSummary(digests=1), "1 digest updated"),
        (IndexSummary(unchanged=4), None),
    ],
)
def test_an_update_is_told_in_a_few_words(summary: IndexSummary, line: str | None) -> None:
    assert describe_change(summary) == line


def _next_change(updates: queue.Queue[WatchUpdate], seconds: float = 30) -> WatchUpdate:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            update = updates.get(timeout=0.2)
        except queue.Empty:
            continue
        assert update.error is None, update.error
        if update.changed:
            return update
    raise AssertionError("the watcher reported no change")


def test_the_watcher_follows_new_changed_and_deleted_digests(tmp_path: Path, digests: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copy(FIRST, digests)  # there before watching: the catch-up finds it
    updates: queue.Queue[WatchUpdate] = queue.Queue()
    watcher = SourceWatcher(index_dir, [str(digests)], updates.put, quiet_ms=100)
    watcher.start()
    try:
        caught_up = _next_change(updates)
        assert caught_up.summary is not None and caught_up.summary.new_ids
        shutil.copy(SECOND, digests / "second.txt")
        (digests / ".second.txt.swp").write_text("an editor's", encoding="utf-8")
        added = _next_change(updates)
        assert added.summary is not None and added.summary.new_ids
        assert not added.summary.new_ids & caught_up.summary.new_ids
        (digests / "second.txt").unlink()
        gone = _next_change(updates)
        assert gone.summary is not None and gone.summary.gone_ids == added.summary.new_ids
    finally:
        watcher.stop(timeout=30)
    assert not watcher.running


def test_a_missing_source_is_named_and_the_others_still_watched(
    tmp_path: Path, digests: Path
) -> None:
    updates: queue.Queue[WatchUpdate] = queue.Queue()
    missing = tmp_path / "gone"
    watcher = SourceWatcher(
        tmp_path / "index", [str(missing), str(digests)], updates.put, quiet_ms=100
    )
    watcher.start()
    try:
        first = updates.get(timeout=10)
        assert first.error is not None and str(missing) in first.error
        shutil.copy(FIRST, digests)
        assert _next_change(updates).summary is not None
    finally:
        watcher.stop(timeout=30)
