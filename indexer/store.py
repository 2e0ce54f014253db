"""Opening, building and updating the index: one writer at a time, incremental by content hash.

The index folder holds the Whoosh index, `manifest.sqlite3` (files and story appearances),
`vocab.txt` (unstemmed words) and `dex-index.json`, a marker that says dex made the folder: dex
never opens a folder without it (Whoosh reads pickles). It is all derived from the digest files
and can be rebuilt from them.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from indexer import engine
from indexer.index_errors import (
    BookmarkLookup,
    IndexBusyError,
    IndexDamagedError,
    QueryError,
)
from indexer.indexing import IndexRun
from indexer.manifest import FILE_NAME as MANIFEST_NAME
from indexer.manifest import Manifest
from indexer.models import IndexSummary, Problem
from indexer.search import Index

__all__ = [
    "BookmarkLookup",
    "Index",
    "IndexBusyError",
    "IndexDamagedError",
    "QueryError",
    "ensure_index",
    "open_index",
    "update_index",
]

MARKER = "dex-index.json"
FORMAT_VERSION = 1
BUSY_WAIT_SECONDS = 3.0
SAMPLES_DIR = Path(__file__).resolve().parent / "samples"

Progress = Callable[[int, int, str], None]
OnProblem = Callable[[Problem], None]


def _marker(index_dir: Path) -> dict[str, object] | None:
    """The marker's contents; None for a missing or empty folder; IndexDamagedError for a
    folder with other things in it (never ours to touch) or an unreadable marker."""
    path = index_dir / MARKER
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexDamagedError(f"{path}: unreadable index marker ({exc})") from exc
        if not isinstance(data, dict) or data.get("format") != "dex-index":
            raise IndexDamagedError(f"{path}: not a dex index marker")
        return data
    if index_dir.is_dir() and any(p.name != engine.WRITE_LOCK for p in index_dir.iterdir()):
        raise IndexDamagedError(
            f"{index_dir}: not a dex index (no {MARKER}); dex will not read or change it"
        )
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexDamagedError(f"{index_dir}: not a folder")
    return None


def _write_marker(index_dir: Path, *, clean: bool) -> None:
    data = {"format": "dex-index", "version": FORMAT_VERSION, "clean": clean}
    temp = index_dir / (MARKER + ".tmp")
    temp.write_text(json.dumps(data) + "\n", encoding="utf-8")
    os.replace(temp, index_dir / MARKER)


def open_index(index_dir: Path) -> Index:
    """Open the index for searching; FileNotFoundError if there is none yet."""
    index_dir = Path(index_dir)
    marker = _marker(index_dir)
    if marker is None or not engine.has_index(index_dir):
        raise FileNotFoundError(f"{index_dir}: no index yet (run dex index PATH)")
    if marker.get("version") != FORMAT_VERSION:
        raise IndexDamagedError(
            f"{index_dir}: index made by another version of dex; run `dex index` to rebuild it"
        )
    return Index(engine.open_whoosh(index_dir), index_dir)


def ensure_index(index_dir: Path) -> bool:
    """Build an index of the bundled sample digests if there is no index; True if it built one."""
    index_dir = Path(index_dir)
    if _marker(index_dir) is not None and engine.has_index(index_dir):
        return False
    _update(index_dir, [str(SAMPLES_DIR)], None, None, sample=True)
    return True


def update_index(
    index_dir: Path,
    paths: Sequence[str],
    *,
    progress: Progress | None = None,
    on_problem: OnProblem | None = None,
) -> IndexSummary:
    """Index the digests in `paths` (files or folders): new and changed files are parsed,
    unchanged ones skipped, files gone from an indexed folder removed. IndexBusyError when
    another process is writing and does not finish within a few seconds."""
    return _update(Path(index_dir), [os.fspath(p) for p in paths], progress, on_problem)


def _update(
    index_dir: Path,
    paths: list[str],
    progress: Progress | None,
    on_problem: OnProblem | None,
    *,
    sample: bool = False,
) -> IndexSummary:
    started = time.perf_counter()
    _marker(index_dir)  # refuse a foreign folder before creating anything in it
    index_dir.mkdir(parents=True, exist_ok=True)
    with engine.write_lock(index_dir, BUSY_WAIT_SECONDS):
        marker = _marker(index_dir)
        if marker is None or marker.get("version") != FORMAT_VERSION:
            paths = paths + _reset(index_dir)
            marker = {"clean": True}
        elif not engine.has_index(index_dir):
            engine.create_index(index_dir)
        manifest = Manifest(index_dir / MANIFEST_NAME)
        try:
            run = IndexRun(
                index_dir,
                engine.open_whoosh(index_dir),
                manifest,
                progress=progress,
                on_problem=on_problem,
                sample=sample,
                trust_manifest=bool(marker.get("clean", False)),
                mark=lambda clean: _write_marker(index_dir, clean=clean),
            )
            summary = run.execute(paths)
        finally:
            manifest.close()
    return replace(summary, seconds=round(time.perf_counter() - started, 3))


def _reset(index_dir: Path) -> list[str]:
    """Empty a folder dex owns and start a fresh index; returns the files indexed before (an
    older format's index is rebuilt from the same digests)."""
    before: list[str] = []
    if (index_dir / MANIFEST_NAME).is_file():
        try:
            old = Manifest(index_dir / MANIFEST_NAME)
            records = list(old.files().values())
            old.close()
        except (IndexDamagedError, sqlite3.DatabaseError):
            records = []  # unreadable: rebuild from what the user names
        before = [r.path for r in records if not r.sample and os.path.exists(r.path)]
    for entry in index_dir.iterdir():
        if entry.name == engine.WRITE_LOCK:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    engine.create_index(index_dir)
    _write_marker(index_dir, clean=True)
    return before
