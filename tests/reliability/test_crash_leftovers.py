"""What killed `dex index` runs leave in the index folder is removed by the next run, even one
with nothing to index; and an index that was updated answers prefix queries as a freshly built
one does (replaced stories once tipped which words a broad prefix stood for)."""

from __future__ import annotations

import random
import signal
import string
import time
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from indexer.engine.files import INDEX_NAME
from indexer.index.store import update_index
from indexer.search.searcher import open_index
from tests.perf.corpus import generate
from tests.reliability.helpers import note, popen_dex, record, run_dex

KILLS = 6
SEED = 20240607


def _leftovers(index_dir: Path) -> list[str]:
    """Files of the index folder that its latest table of contents does not use."""
    toc = TOC.read(FileStorage(str(index_dir)), INDEX_NAME)
    used = {segment.segment_id() for segment in toc.segments}
    current = f"_{INDEX_NAME}_{toc.generation}.toc"

    def unused(name: str) -> bool:
        if name.startswith(f"{INDEX_NAME}_") and "." in name:  # a segment's file
            return name.split(".", 1)[0] not in used
        if name.startswith(f"_{INDEX_NAME}_"):  # a table of contents
            return name != current
        return name == f"{INDEX_NAME}.tmp" or (name.startswith(".") and name.endswith(".tmp"))

    return sorted(path.name for path in index_dir.iterdir() if unused(path.name))


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _segment_files(index_dir: Path) -> set[str]:
    return {path.name for path in index_dir.glob(f"{INDEX_NAME}_*")}


def test_killed_runs_leave_nothing_after_the_next_run(tmp_path: Path) -> None:
    corpus, incoming = tmp_path / "corpus", tmp_path / "incoming"
    generate(corpus, 300, seed=1)
    generate(incoming, 1500, seed=2)
    data = tmp_path / "data"
    index_dir = data / "index"
    assert run_dex(data, "index", str(corpus)).returncode == 0
    clean_size = _size(index_dir)
    rng = random.Random(SEED)
    landed = 0
    for _ in range(KILLS):  # new digests arrive; each `dex index` of them is killed mid-write
        before = _segment_files(index_dir)
        proc = popen_dex(data, "index", str(incoming))
        deadline = time.monotonic() + 60
        while proc.poll() is None and _segment_files(index_dir) <= before:  # none new yet
            assert time.monotonic() < deadline, "the workers never wrote a segment"
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        landed += proc.returncode == -signal.SIGKILL
    assert landed >= KILLS // 2, "most kills must land while dex index runs"
    left = _leftovers(index_dir)
    killed_size = _size(index_dir)
    # The user gives up on those digests and re-indexes the archive, which has not changed.
    proc = run_dex(data, "index", str(corpus))
    assert proc.returncode == 0, proc.stderr
    assert "0 digests" in proc.stdout
    assert _leftovers(index_dir) == []
    assert _size(index_dir) <= clean_size * 1.1
    record("index kill -9 runs of updates", landed)
    record("files left by killed runs, removed", len(left))
    note(
        f"killed updates: {landed}/{KILLS} landed; the index grew to "
        f"{killed_size / clean_size:.1f}x its clean size, then {_size(index_dir) / clean_size:.2f}x"
        " after the next run"
    )


@pytest.fixture(scope="module")
def updated_and_clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An index of a corpus half of whose digests changed since (their stories replaced), and
    a fresh index of the corpus as it is now."""
    work = tmp_path_factory.mktemp("prefix")
    corpus = work / "corpus"
    generate(corpus, 1000, seed=3)
    update_index(work / "updated", [str(corpus)])
    for path in sorted(p for p in corpus.rglob("*") if p.is_file())[::2]:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n")
    update_index(work / "updated", [str(corpus)])
    update_index(work / "clean", [str(corpus)])
    return work / "updated", work / "clean"


def test_prefix_counts_of_an_updated_index_match_a_fresh_one(updated_and_clean) -> None:
    updated, clean = (open_index(path) for path in updated_and_clean)
    try:
        letters = string.ascii_lowercase
        queries = [f"{a}*" for a in letters] + [f"{a}{b}*" for a in letters for b in letters]
        differ = [
            (query, updated.search(query, limit=1).total, clean.search(query, limit=1).total)
            for query in queries
        ]
        differ = [row for row in differ if row[1] != row[2]]
        assert differ == [], f"{len(differ)} prefix queries count differently, e.g. {differ[:3]}"
        record("prefix queries compared with a fresh index", len(queries))
    finally:
        updated.close()
        clean.close()
