"""Building and updating the index from real digest files: incremental runs, duplicates, locks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from indexer import engine
from indexer.errors import IndexBusyError, IndexDamagedError
from indexer.index import indexing, store
from indexer.index.store import ensure_index, update_index
from indexer.records import Problem
from indexer.search.searcher import open_index

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def digests(tmp_path: Path) -> Path:
    folder = tmp_path / "digests"
    folder.mkdir()
    for path in SEED_FILES[:3]:
        shutil.copy(path, folder / path.name)
    return folder


def story_count(index_dir: Path) -> int:
    index = open_index(index_dir)
    try:
        return index.doc_count()
    finally:
        index.close()


def test_build_then_unchanged_rerun(tmp_path: Path, digests: Path) -> None:
    index_dir = tmp_path / "index"
    seen: list[tuple[int, int, str]] = []
    first = update_index(index_dir, [str(digests)], progress=lambda *a: seen.append(a))
    assert (first.digests, first.unchanged, first.failed, first.removed) == (3, 0, 0, 0)
    assert first.stories > 3 and first.stories == story_count(index_dir)
    assert first.seconds >= 0 and first.problems == ()
    assert [done for done, _, _ in seen] == [1, 2, 3] and {total for _, total, _ in seen} == {3}
    assert (index_dir / "dex-index.json").is_file() and (index_dir / "vocab.txt").is_file()

    again = update_index(index_dir, [str(digests)])
    assert (again.unchanged, again.digests, again.stories) == (3, 0, 0)

    os.utime(digests / SEED_FILES[0].name)  # touched, same content: hashed, still unchanged
    touched = update_index(index_dir, [str(digests)])
    assert (touched.unchanged, touched.digests) == (3, 0)
    assert story_count(index_dir) == first.stories


def test_changed_and_removed_files(tmp_path: Path, digests: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(index_dir, [str(digests)])
    before = story_count(index_dir)
    changed = digests / SEED_FILES[0].name
    changed.write_text(
        changed.read_text(encoding="utf-8")
        + "\n\nZebra crossings funded\n\nA zebrafish study was funded by the trust.\n",
        encoding="utf-8",
    )
    result = update_index(index_dir, [str(digests)])
    assert (result.digests, result.unchanged) == (1, 2)
    index = open_index(index_dir)
    try:
        assert [h.title for h in index.search("zebrafish").hits] == ["Zebra crossings funded"]
        assert index.doc_count() == before + 1
    finally:
        index.close()

    gone = digests / SEED_FILES[1].name
    gone_ids = {h.id for h in _hits(index_dir, f"source:{gone.name}")}
    assert gone_ids
    gone.unlink()
    notes: list[Problem] = []
    result = update_index(index_dir, [str(digests)], on_problem=notes.append)
    assert (result.removed, result.unchanged, result.failed) == (1, 2, 0)
    assert any(gone.name in n.source and not n.fatal for n in notes)
    assert not _hits(index_dir, f"source:{gone.name}")
    assert story_count(index_dir) == before + 1 - len(gone_ids)


def _hits(index_dir: Path, query: str) -> list:
    index = open_index(index_dir)
    try:
        return list(index.search(query, limit=100).hits)
    finally:
        index.close()


def test_a_story_in_two_digests_is_one_document(tmp_path: Path, digests: Path) -> None:
    index_dir = tmp_path / "index"
    copy = digests / "copy-of-first.txt"
    shutil.copy(digests / SEED_FILES[0].name, copy)
    result = update_index(index_dir, [str(digests)])
    per_file = update_index(tmp_path / "other", [str(digests / SEED_FILES[0].name)]).stories
    assert result.duplicates_merged == per_file
    assert story_count(index_dir) == result.stories - per_file
    index = open_index(index_dir)
    try:
        story_id = index.search(f"source:{copy.name}").hits[0].id
        sources = index.sources(story_id)
        assert {Path(s).name for s in sources} == {copy.name, SEED_FILES[0].name}
        assert index.search(f"id:{story_id}").hits[0].sources == sources
    finally:
        index.close()

    copy.unlink()  # the story stays, with one source left
    update_index(index_dir, [str(digests)])
    index = open_index(index_dir)
    try:
        assert [Path(s).name for s in index.sources(story_id)] == [SEED_FILES[0].name]
    finally:
        index.close()


def test_unreadable_and_non_digest_files(tmp_path: Path, digests: Path) -> None:
    (digests / "empty.txt").write_text("", encoding="utf-8")
    (digests / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    notes: list[Problem] = []
    result = update_index(tmp_path / "index", [str(digests)], on_problem=notes.append)
    # found in a folder, an empty file or an image is a note, not a failure
    assert result.failed == 0 and result.skipped == 2 and result.digests == 3
    assert any(n.source.endswith("empty.txt") and not n.fatal for n in notes)
    assert any(n.source.endswith("picture.png") and not n.fatal for n in notes)
    named = update_index(tmp_path / "index", [str(tmp_path / "missing.txt")])
    assert named.failed == 1 and "no such file" in named.problems[0].message
    empty = update_index(tmp_path / "other", [str(digests / "empty.txt")])  # named: it fails
    assert empty.failed == 1 and empty.problems[0].message == "empty file"


def test_first_run_builds_the_samples_and_own_digests_replace_them(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    assert ensure_index(index_dir) is True
    assert ensure_index(index_dir) is False
    samples = story_count(index_dir)
    assert samples > 10
    own = tmp_path / "own"
    own.mkdir()
    shutil.copy(SEED_FILES[3], own / "mine.txt")
    notes: list[Problem] = []
    update_index(index_dir, [str(own)], on_problem=notes.append)
    assert any("sample" in n.message for n in notes)
    hits = _hits(index_dir, "")
    assert hits and all(Path(h.sources[0]).name == "mine.txt" for h in hits)


def test_refuses_a_folder_dex_did_not_make(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(IndexDamagedError, match="not a dex index"):
        update_index(foreign, [str(SEED_FILES[0])])
    with pytest.raises(IndexDamagedError):
        open_index(foreign)
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]


def test_missing_and_damaged_indexes(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        open_index(tmp_path / "nothing")
    index_dir = tmp_path / "index"
    update_index(index_dir, [str(SEED_FILES[0])])
    marker = index_dir / "dex-index.json"
    data = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps({**data, "version": 0}), encoding="utf-8")
    with pytest.raises(IndexDamagedError, match="another version"):
        open_index(index_dir)
    rebuilt = update_index(index_dir, [])  # an old format is rebuilt from the files it had
    assert rebuilt.digests == 1 and story_count(index_dir) == rebuilt.stories
    marker.write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexDamagedError, match="unreadable"):
        open_index(index_dir)


def test_busy_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = tmp_path / "index"
    update_index(index_dir, [str(SEED_FILES[0])])
    monkeypatch.setattr(store, "BUSY_WAIT_SECONDS", 0.3)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with engine.write_lock(index_dir, 1.0):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(5)
        started = time.monotonic()
        with pytest.raises(IndexBusyError, match="index is busy: another dex is indexing"):
            update_index(index_dir, [str(SEED_FILES[1])])
        assert time.monotonic() - started < 3
        assert story_count(index_dir) > 0  # readers are not blocked
    finally:
        release.set()
        holder.join()
    assert update_index(index_dir, [str(SEED_FILES[1])]).digests == 1


def test_busy_across_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = tmp_path / "index"
    update_index(index_dir, [str(SEED_FILES[0])])
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom indexer import engine\n"
        "with engine.write_lock(Path(sys.argv[1]), 5):\n"
        "    print('locked', flush=True)\n    time.sleep(30)\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(index_dir)], stdout=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[3],
    )  # fmt: skip
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "locked"
        monkeypatch.setattr(store, "BUSY_WAIT_SECONDS", 0.2)
        with pytest.raises(IndexBusyError):
            update_index(index_dir, [str(SEED_FILES[1])])
    finally:
        other.kill()
        other.wait()


def test_many_files_use_the_worker_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexing, "POOL_MIN_FILES", 2)  # worker processes, each a segment
    folder = tmp_path / "many"
    folder.mkdir()
    for number, path in enumerate(SEED_FILES * 2):
        text = (
            path.read_text(encoding="utf-8")
            + f"\n\nMarker story {number}\n\nUnique marker{number} text.\n"
        )
        (folder / f"{number:02d}-{path.name}").write_text(text, encoding="utf-8")
    result = update_index(tmp_path / "index", [str(folder)])
    assert result.digests == len(SEED_FILES) * 2 and result.failed == 0
    assert result.duplicates_merged > 0
    assert len(_hits(tmp_path / "index", "marker3")) == 1
    assert story_count(tmp_path / "index") == result.stories - result.duplicates_merged


def test_the_index_folder_itself_is_never_indexed(tmp_path: Path) -> None:
    shutil.copy(SEED_FILES[0], tmp_path / "digest.txt")
    index_dir = tmp_path / "data" / "index"
    update_index(index_dir, [str(tmp_path)])
    again = update_index(index_dir, [str(tmp_path)])  # vocab.txt etc. changed meanwhile
    assert (again.digests, again.unchanged) == (0, 1)


def test_segments_are_written_as_separate_files(tmp_path: Path, digests: Path) -> None:
    update_index(tmp_path / "index", [str(digests)])
    names = [p.name for p in (tmp_path / "index").iterdir()]
    assert any(name.endswith(".trm") for name in names)
    assert not any(name.endswith(".seg") for name in names)  # no compound file to copy in


_CAPTURED_STDERR_RUN = """
import io, sys, threading
from indexer.index.store import update_index

class Captured(io.StringIO):  # what Textual puts in sys.stderr while the app runs
    def fileno(self):
        return -1

def run():
    try:
        summary = update_index(sys.argv[1], [sys.argv[2]])
        print(summary.stories, summary.failed)
    except Exception as exc:
        print("error:", exc)

sys.stderr = Captured()
worker = threading.Thread(target=run)
worker.start()
worker.join()
"""


def test_worker_processes_start_from_a_thread_with_captured_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number, path in enumerate(SEED_FILES * 2):
        (folder / f"{number:02d}-{path.name}").write_text(
            path.read_text(encoding="utf-8") + f"\n\nMarker story {number}\n\nText {number}.\n",
            encoding="utf-8",
        )
    assert len(SEED_FILES) * 2 >= indexing.POOL_MIN_FILES  # so worker processes start
    run = subprocess.run(
        [sys.executable, "-c", _CAPTURED_STDERR_RUN, str(tmp_path / "index"), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert run.returncode == 0 and not run.stdout.startswith("error"), run.stdout + run.stderr
    stories, failed = map(int, run.stdout.split())
    assert failed == 0 and stories > len(SEED_FILES) * 2
    assert len(_hits(tmp_path / "index", "marker")) == len(SEED_FILES) * 2


def test_an_unfinished_sample_build_is_finished_unless_the_user_indexed(
    tmp_path: Path, digests: Path
) -> None:
    """A first `dex` killed while it built the sample index: the next start finishes it; but
    once the user has indexed their own digests, the samples are not brought back."""
    from indexer.index.marker import read_marker, write_marker

    index_dir = tmp_path / "index"
    assert ensure_index(index_dir)
    samples = story_count(index_dir)
    marker = read_marker(index_dir)
    assert marker is not None
    write_marker(index_dir, marker.started([str(store.SAMPLES_DIR)], root=False))
    assert store.incomplete(index_dir)
    assert ensure_index(index_dir)  # finished it
    assert store.incomplete(index_dir) is None and story_count(index_dir) == samples
    marker = read_marker(index_dir)
    assert marker is not None and marker.roots == ()
    write_marker(index_dir, marker.started([str(store.SAMPLES_DIR)], root=False))
    update_index(index_dir, [str(digests)])
    assert not ensure_index(index_dir) and store.incomplete(index_dir) is None
    index = open_index(index_dir)
    try:
        assert not any("samples" in s for h in index.search("", limit=1000).hits for s in h.sources)
    finally:
        index.close()
