"""Two `dex index` at once, the app open while `dex index` runs, two bookmark writers at once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from indexer.bookmarks.store import BookmarkStore
from indexer.index.store import update_index
from indexer.search.searcher import open_index
from tests.reliability import bookmark_writer
from tests.reliability.helpers import (
    ROOT,
    SAMPLES,
    assert_no_traceback,
    message_lines,
    popen_dex,
    record,
)
from tui.session import Session


def _corpora(tmp_path: Path) -> tuple[Path, Path]:
    samples = sorted(SAMPLES.glob("*.txt"))
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, chosen in ((first, samples[:2]), (second, samples[2:])):
        folder.mkdir()
        for sample in chosen:
            shutil.copy2(sample, folder / sample.name)
    return first, second


def _ids(index_dir: Path) -> set[str]:
    index = open_index(index_dir)
    try:
        return {hit.id for hit in index.search("", limit=100_000).hits}
    finally:
        index.close()


def test_two_dex_index_at_once_wait_or_say_busy(tmp_path: Path) -> None:
    first, second = _corpora(tmp_path)
    update_index(tmp_path / "expected", [str(first), str(second)])
    data = tmp_path / "data"
    procs = [popen_dex(data, "index", str(folder)) for folder in (first, second)]
    results = [(proc.wait(timeout=120), *proc.communicate()) for proc in procs]
    for status, out, err in results:
        assert "Traceback" not in out + err
        lines = message_lines(err)
        if status:  # the one that did not get the lock within a few seconds says so
            assert [line for line in lines if "busy" in line], lines
    statuses = [status for status, _, _ in results]
    assert 0 in statuses
    for (status, _, _), folder in zip(results, (first, second), strict=True):
        if status:  # run again, as the message says: then everything is there
            again = popen_dex(data, "index", str(folder))
            assert again.wait(timeout=120) == 0
    assert _ids(data / "index") == _ids(tmp_path / "expected")


def test_session_picks_up_stories_indexed_by_another_dex(tmp_path: Path) -> None:
    first, second = _corpora(tmp_path)
    data = tmp_path / "data"
    update_index(data / "index", [str(first)])
    session = Session(data / "index", data / "bookmarks.sqlite3")
    try:
        opened = session.open()
        before = session.search("", "date", 1000)[0].total
        assert before == opened.stories
        proc = popen_dex(data, "index", str(second))  # while the app is open
        status = proc.wait(timeout=120)
        out, err = proc.communicate()
        assert_no_traceback(subprocess.CompletedProcess([], status, out, err))
        assert status == 0, err
        changed_index, _ = session.changes()
        assert changed_index
        after = session.search("", "date", 1000)[0]
        assert after.total > before
        assert {hit.id for hit in after.hits} == _ids(data / "index")
    finally:
        session.close()


def test_two_bookmark_writers_at_once_keep_everything(tmp_path: Path) -> None:
    db = tmp_path / "bookmarks.sqlite3"
    count = 120
    command = [sys.executable, bookmark_writer.__file__, str(db)]
    writers = [
        subprocess.Popen(
            [*command, prefix, str(count)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for prefix in ("one-", "two-")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.count("\nA ") + out.startswith("A ") == count
    with BookmarkStore(db) as store:
        marks = {b.story_id: b for b in store.list()}
        shared = [tag for tag, n in store.tags() if tag == "shared"]
    assert len(marks) == 2 * count
    for prefix in ("one-", "two-"):
        for number in range(count):
            story_id = f"{prefix}{number:05d}"
            changed = number % 4 == 1 and number + 2 < count
            expected = f"changed {story_id}" if changed else f"note {story_id}"
            assert marks[story_id].note == expected
            assert marks[story_id].tags == bookmark_writer.expected_tags(story_id)
    assert shared == ["shared"]
    record("concurrent bookmarks written", len(marks))
