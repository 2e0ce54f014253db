"""A damaged index (table of contents, a segment, the manifest; truncated, missing, or one bit
flipped inside, found by the checksums dex keeps) is found at start, named in one line and
rebuilt from the digests; a folder dex did not make is never opened (Whoosh reads
pickles) nor changed."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.index.checksums import SAMPLE_BYTES
from indexer.index.store import MARKER, update_index
from indexer.search.searcher import open_index
from tests.perf.corpus import generate
from tests.reliability.helpers import (
    assert_no_traceback,
    copy_samples,
    message_lines,
    record,
    run_dex,
)


def _stories(index_dir: Path) -> dict[str, tuple[str, ...]]:
    """story id -> its sources: what a clean index of the corpus holds."""
    index = open_index(index_dir)
    try:
        hits = index.search("", limit=100_000).hits
        return {hit.id: tuple(sorted(Path(s).name for s in hit.sources)) for hit in hits}
    finally:
        index.close()


def _segment_file(index_dir: Path, suffix: str) -> Path:
    return max(index_dir.glob(f"dex_*{suffix}"), key=lambda p: p.stat().st_size)


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _scramble(path: Path) -> None:
    """Same size, garbage inside (what a bad sector or a stray write leaves)."""
    data = bytearray(path.read_bytes())
    data[: min(len(data), 512)] = os.urandom(min(len(data), 512))
    path.write_bytes(bytes(data))


def _flip_bit(path: Path, fraction: float = 0.5) -> None:
    """One bit flipped inside the file, same size (what checking sizes never found)."""
    at = int(path.stat().st_size * fraction)
    data = bytearray(path.read_bytes())
    data[at] ^= 0x10
    path.write_bytes(bytes(data))


def _page_of_garbage(path: Path) -> None:
    """A page in the middle of a database overwritten; its header still reads fine."""
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = os.urandom(page)
    path.write_bytes(bytes(data))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated table of contents": lambda ix: _truncate(next(ix.glob("_dex_*.toc"))),
    "scrambled table of contents": lambda ix: _scramble(next(ix.glob("_dex_*.toc"))),
    "truncated term segment": lambda ix: _truncate(_segment_file(ix, ".trm")),
    "truncated postings segment": lambda ix: _truncate(_segment_file(ix, ".pst")),
    "missing stored-fields segment": lambda ix: _segment_file(ix, "_stored.col").unlink(),
    "scrambled manifest": lambda ix: _scramble(ix / "manifest.sqlite3"),
    "bit flipped in a stored-fields segment": lambda ix: _flip_bit(
        _segment_file(ix, "_stored.col")
    ),
    "bit flipped in a term segment": lambda ix: _flip_bit(_segment_file(ix, ".trm"), 0.3),
    "garbage page inside the manifest": lambda ix: _page_of_garbage(ix / "manifest.sqlite3"),
}
FOUND_BY_CHECKSUMS = list(DAMAGE)[-3:]


@pytest.fixture(scope="module")
def clean(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, tuple[str, ...]], Path]:
    """(corpus folder, stories of a clean index of it, that index to copy)."""
    work = tmp_path_factory.mktemp("clean")
    corpus = work / "corpus"
    copy_samples(corpus)
    update_index(work / "index", [str(corpus)])
    return corpus, _stories(work / "index"), work / "index"


CASES = [("index", name) for name in DAMAGE] + [
    ("search", name) for name in [*list(DAMAGE)[1:3], *FOUND_BY_CHECKSUMS]
]


@pytest.mark.parametrize(("command", "damage"), CASES)
def test_damage_is_found_named_and_rebuilt(
    tmp_path: Path, clean, damage: str, command: str
) -> None:
    corpus, expected, built = clean
    data = tmp_path / "data"
    index_dir = data / "index"
    shutil.copytree(built, index_dir)
    DAMAGE[damage](index_dir)
    args = ["index", str(corpus)] if command == "index" else ["search", "--json", "nhs"]
    proc = run_dex(data, *args, cwd=tmp_path)
    assert_no_traceback(proc)
    lines = message_lines(proc.stderr)
    said = [line for line in lines if "rebuilding" in line]
    assert len(said) == 1, lines
    assert str(index_dir) in said[0]
    assert proc.returncode == 0, proc.stderr
    assert _stories(index_dir) == expected
    if command == "search":
        assert json.loads(proc.stdout)["total"] > 0
    record("damaged indexes rebuilt")


def test_a_folder_without_the_marker_is_never_opened_or_changed(tmp_path: Path) -> None:
    """An `index` folder dex did not make, holding a pickle that would run code if loaded."""
    data = tmp_path / "data"
    index_dir = data / "index"
    index_dir.mkdir(parents=True)
    proof = tmp_path / "pickle-ran"

    class Payload:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {proof}",))

    (index_dir / "_dex_1.toc").write_bytes(pickle.dumps(Payload()))
    (index_dir / "dex_abc.seg").write_bytes(b"user data")
    before = sorted((p.name, p.read_bytes()) for p in index_dir.iterdir())
    corpus = tmp_path / "corpus"
    copy_samples(corpus)
    for args in (
        ["search", "nhs"],
        ["index", str(corpus)],
        ["bookmarks", "export", "--query", "nhs"],
    ):
        proc = run_dex(data, *args, cwd=tmp_path)
        assert_no_traceback(proc)
        assert proc.returncode == 1, (args, proc.stdout, proc.stderr)
        lines = message_lines(proc.stderr) if args[0] != "bookmarks" else proc.stderr.splitlines()
        assert len(lines) == 1 and str(index_dir) in lines[0], (args, lines)
        assert not proof.exists(), "a pickle in a folder dex did not make was loaded"
        assert sorted((p.name, p.read_bytes()) for p in index_dir.iterdir()) == before


def test_a_marker_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    index_dir = data / "index"
    index_dir.mkdir(parents=True)
    (index_dir / MARKER).write_text('{"format": "something-else"}', encoding="utf-8")
    proc = run_dex(data, "search", "nhs", cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 1 and "not a dex index" in proc.stderr


def test_index_check_reads_every_block_of_a_large_index(tmp_path: Path) -> None:
    """Larger than what the check at open samples: one flipped bit may go unread by a search,
    never by `dex index --check`, which names the file, rebuilds and exits 1."""
    corpus = tmp_path / "corpus"
    generate(corpus, 3000, seed=5)
    data = tmp_path / "data"
    index_dir = data / "index"
    assert run_dex(data, "index", str(corpus)).returncode == 0
    expected = _stories(index_dir)
    files = [path for path in index_dir.iterdir() if path.is_file()]
    assert sum(path.stat().st_size for path in files) > 2 * SAMPLE_BYTES
    sound = run_dex(data, "index", "--check")
    assert sound.returncode == 0 and "every file is as dex wrote it" in sound.stdout, sound.stderr
    damaged = max(files, key=lambda path: path.stat().st_size)
    _flip_bit(damaged, 0.9)
    proc = run_dex(data, "index", "--check")
    assert_no_traceback(proc)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    said = [line for line in message_lines(proc.stderr) if "rebuilding" in line]
    assert len(said) == 1 and str(damaged) in said[0], proc.stderr
    assert _stories(index_dir) == expected
    again = run_dex(data, "index", "--check")
    assert again.returncode == 0, again.stderr
    record("damaged indexes rebuilt")
