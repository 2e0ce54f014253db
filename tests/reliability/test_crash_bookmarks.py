"""kill -9 of bookmark writers (20 runs): every bookmark a writer was told was saved is there,
whole (note, tags, snapshot); the database passes SQLite's integrity check."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from indexer.bookmarks.store import BookmarkStore
from tests.reliability import bookmark_writer
from tests.reliability.helpers import ROOT, note, popen_dex, record

RUNS = 20
SEED = 7
WRITER = Path(bookmark_writer.__file__)


def _check(db: Path, confirmed: dict[str, str], maybe: set[str]) -> tuple[int, int]:
    """(lost, corrupt): confirmed bookmarks missing, and bookmarks not whole."""
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    lost = corrupt = 0
    with BookmarkStore(db) as store:
        present = {b.story_id: b for b in store.list()}
    for story_id, expected_note in confirmed.items():
        mark = present.get(story_id)
        if mark is None:
            lost += 1
            continue
        whole = (
            mark.tags == bookmark_writer.expected_tags(story_id)
            and mark.body == bookmark_writer.story(story_id).body
            and (mark.note == expected_note or story_id in maybe)
        )
        corrupt += not whole
    corrupt += len(set(present) - set(confirmed) - maybe)  # nothing from nowhere
    return lost, corrupt


def _writer(db: Path, prefix: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), prefix, "100000"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_kill_9_of_bookmark_writers_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "bookmarks.sqlite3"
    confirmed: dict[str, str] = {}
    maybe: set[str] = set()  # writes in flight at a kill: there whole, or not there
    lost = corrupt = 0
    for run in range(RUNS):
        prefix = f"r{run:02d}-"
        proc = _writer(db, prefix)
        time.sleep(rng.uniform(0.2, 0.35))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, err
        complete = out.splitlines()
        if out and not out.endswith("\n"):
            complete = complete[:-1]  # a line cut by the kill was not confirmed
        added = -1
        for line in complete:
            kind, story_id, *rest = line.split(" ", 2)
            confirmed[story_id] = rest[0] if rest else f"note {story_id}"
            if kind == "A":
                added = int(story_id.removeprefix(prefix))
        maybe |= {f"{prefix}{n:05d}" for n in (added + 1, added - 2) if n >= 0}
        run_lost, run_corrupt = _check(db, confirmed, maybe)
        lost += run_lost
        corrupt += run_corrupt
    assert len(confirmed) > RUNS, "the writers must have saved bookmarks before the kills"
    assert (lost, corrupt) == (0, 0)
    record("bookmark kill -9 runs", RUNS)
    record("bookmarks confirmed before kill", len(confirmed))
    record("bookmarks lost", lost)
    record("bookmarks corrupt", corrupt)


def test_kill_9_of_dex_bookmarks_import_is_all_or_nothing(tmp_path: Path) -> None:
    """A bulk import is one transaction: killed, it leaves none or all of the new bookmarks."""
    from indexer.bookmarks.export import to_json
    from indexer.bookmarks.store import Bookmark

    data = tmp_path / "data"
    marks = [
        Bookmark.from_story(bookmark_writer.story(f"imp{n:05d}"), note=f"n{n}", tags=("t",))
        for n in range(3000)
    ]
    source = tmp_path / "export.json"
    source.write_text(to_json(marks), encoding="utf-8")
    rng = random.Random(SEED)
    outcomes = []
    for _ in range(2):
        proc = popen_dex(data, "bookmarks", "import", str(source))
        time.sleep(rng.uniform(0.3, 0.55))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        with BookmarkStore(data / "bookmarks.sqlite3") as store:
            count = store.count()
        assert count in (0, len(marks)), f"a killed import left {count} of {len(marks)}"
        outcomes.append(count)
        if count:
            break
    exported = json.loads(to_json(marks))["bookmarks"]
    assert len(exported) == len(marks)
    note(f"killed imports left {outcomes} bookmarks (0 or all {len(marks)})")
