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
from typing import Any

from indexer import engine
from indexer.engine.schema import INDEX_NAME
from indexer.index_errors import (
    BookmarkLookup,
    IndexBusyError,
    IndexDamagedError,
    QueryError,
)
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
    ours = {engine.WRITE_LOCK, MARKER + ".tmp"}  # what a dex creating the folder makes first
    if index_dir.is_dir() and any(p.name not in ours for p in index_dir.iterdir()):
        raise IndexDamagedError(
            f"{index_dir}: not a dex index (no {MARKER}); dex will not read or change it"
        )
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexDamagedError(f"{index_dir}: not a folder")
    return None


def _engine_files(index_dir: Path) -> dict[str, int]:
    """Whoosh's files (table of contents and segments) and their sizes."""
    return {
        entry.name: entry.stat().st_size
        for entry in index_dir.iterdir()
        if entry.name.startswith((f"_{INDEX_NAME}_", f"{INDEX_NAME}_"))
        and not entry.name.endswith("WRITELOCK")
    }


def _write_marker(index_dir: Path, *, clean: bool) -> None:
    """A clean marker lists the engine's files and sizes, so a truncated or missing table of
    contents or segment is found at open by a stat per file, before Whoosh reads it."""
    data: dict[str, object] = {"format": "dex-index", "version": FORMAT_VERSION, "clean": clean}
    if clean:
        data["files"] = _engine_files(index_dir)
    temp = index_dir / (MARKER + ".tmp")
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, index_dir / MARKER)


def _check(index_dir: Path, marker: dict[str, object]) -> None:
    """IndexDamagedError (one line, naming the file) if the index cannot be what dex wrote."""
    if marker.get("version") != FORMAT_VERSION:
        raise IndexDamagedError(f"{index_dir}: index made by another version of dex")
    listed = marker.get("files")
    if marker.get("clean") and isinstance(listed, dict):
        present = _engine_files(index_dir)
        for name, size in listed.items():
            if name not in present:
                raise IndexDamagedError(f"{index_dir / name}: index file missing")
            if present[name] != size:
                raise IndexDamagedError(
                    f"{index_dir / name}: index file damaged ({present[name]} bytes, "
                    f"{size} written)"
                )
    _open_engine(index_dir).close()


def _open_engine(index_dir: Path) -> Any:
    """Whoosh's index; whatever a damaged table of contents raises is IndexDamagedError."""
    try:
        return engine.open_whoosh(index_dir)
    except IndexDamagedError:
        raise
    except Exception as exc:  # a torn pickle raises anything (UnpicklingError, KeyError, ...)
        raise IndexDamagedError(f"{index_dir}: index unreadable ({type(exc).__name__})") from exc


def open_index(index_dir: Path) -> Index:
    """Open the index for searching; FileNotFoundError if there is none yet, IndexDamagedError
    (saying to run `dex index`) if it is damaged."""
    index_dir = Path(index_dir)
    marker = _marker(index_dir)
    if marker is None or not engine.has_index(index_dir):
        raise FileNotFoundError(f"{index_dir}: no index yet (run dex index PATH)")
    try:
        _check(index_dir, marker)
    except IndexDamagedError as exc:
        raise IndexDamagedError(f"{exc}; run `dex index` to rebuild it") from exc
    return Index(_open_engine(index_dir), index_dir)


def ensure_index(index_dir: Path, *, on_problem: OnProblem | None = None) -> bool:
    """Build an index of the bundled sample digests if there is none (True if it did); rebuild
    a damaged one from the digests it held, telling `on_problem` why."""
    index_dir = Path(index_dir)
    marker = _marker(index_dir)
    if marker is not None and engine.has_index(index_dir):
        try:
            _check(index_dir, marker)
            return False
        except IndexDamagedError:
            _update(index_dir, [], None, on_problem, rebuild_only=True)
            return False
    _update(index_dir, [str(SAMPLES_DIR)], None, None, sample=True)
    return True


def update_index(
    index_dir: Path,
    paths: Sequence[str],
    *,
    progress: Progress | None = None,
    on_problem: OnProblem | None = None,
    follow_links: bool = False,
) -> IndexSummary:
    """Index the digests in `paths` (files or folders): new and changed files are parsed,
    unchanged ones skipped, files gone from an indexed folder removed; links out of the
    folders are followed only if asked. IndexBusyError when another process is writing and
    does not finish within a few seconds."""
    return _update(
        Path(index_dir),
        [os.fspath(p) for p in paths],
        progress,
        on_problem,
        follow_links=follow_links,
    )


def _update(
    index_dir: Path,
    paths: list[str],
    progress: Progress | None,
    on_problem: OnProblem | None,
    *,
    sample: bool = False,
    rebuild_only: bool = False,
    follow_links: bool = False,
) -> IndexSummary:
    started = time.perf_counter()
    if not (index_dir / engine.WRITE_LOCK).exists():
        # Refuse a foreign folder before creating anything in it. A folder with dex's lock in
        # it is one another dex is creating now (its files, no marker yet): the check under
        # the lock below decides once that dex is done.
        _marker(index_dir)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexDamagedError(
            f"{index_dir}: cannot create the index folder ({exc.strerror or exc})"
        ) from exc
    if not os.access(index_dir, os.W_OK | os.X_OK):
        raise IndexDamagedError(f"{index_dir}: cannot write the index folder (permission denied)")
    with engine.write_lock(index_dir, BUSY_WAIT_SECONDS):
        marker = _marker(index_dir)
        damage = _damage(index_dir, marker)
        if damage:
            _tell(on_problem, Problem(str(index_dir), f"{damage}; rebuilding it", fatal=False))
        elif rebuild_only:  # another dex rebuilt it while this one waited for the lock
            return IndexSummary()
        if marker is None or damage:
            before, samples = _reset(index_dir)
            paths = paths + before
            if samples and not paths:  # it held only the bundled samples: rebuild those
                paths, sample = [str(SAMPLES_DIR)], True
            marker = {"clean": True}
        elif not engine.has_index(index_dir):
            engine.create_index(index_dir)
        manifest = Manifest(index_dir / MANIFEST_NAME)
        try:
            from indexer.indexing import IndexRun  # not at the top: opening to search is faster

            run = IndexRun(
                index_dir,
                _open_engine(index_dir),
                manifest,
                progress=progress,
                on_problem=on_problem,
                sample=sample,
                trust_manifest=bool(marker.get("clean", False)),
                mark=lambda clean: _write_marker(index_dir, clean=clean),
                follow_links=follow_links,
            )
            summary = run.execute(paths)
        finally:
            manifest.close()
    return replace(summary, seconds=round(time.perf_counter() - started, 3))


def _damage(index_dir: Path, marker: dict[str, object] | None) -> str | None:
    """Why the index in a folder dex owns must be rebuilt (None when it is sound or absent)."""
    if marker is None or not engine.has_index(index_dir):
        return None
    if marker.get("version") != FORMAT_VERSION:
        return f"{index_dir}: index made by another version of dex"
    try:
        _check(index_dir, marker)
    except IndexDamagedError as exc:
        return str(exc)
    return _manifest_damage(index_dir / MANIFEST_NAME)


def _manifest_damage(path: Path) -> str | None:
    """Why the manifest is unreadable, reading only; a lock or a permission is not damage."""
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            db.execute("SELECT count(*) FROM files").fetchone()
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        return f"{path}: index manifest unreadable ({exc})" if "no such table" in str(exc) else None
    except sqlite3.DatabaseError as exc:
        return f"{path}: index manifest unreadable ({exc})"
    return None


def _tell(on_problem: OnProblem | None, problem: Problem) -> None:
    if on_problem is not None:
        on_problem(problem)


def _reset(index_dir: Path) -> tuple[list[str], bool]:
    """Empty a folder dex owns and start a fresh index; returns the files indexed before (so an
    older format's or a damaged index is rebuilt from the same digests) and whether the
    bundled samples were among them."""
    before: list[str] = []
    samples = False
    if (index_dir / MANIFEST_NAME).is_file():
        try:
            old = Manifest(index_dir / MANIFEST_NAME)
            records = list(old.files().values())
            old.close()
        except (IndexDamagedError, sqlite3.DatabaseError):
            records = []  # unreadable: rebuild from what the user names
        before = [r.path for r in records if not r.sample and os.path.exists(r.path)]
        samples = any(r.sample for r in records)
    # The marker goes first and stays, so another dex waiting for the lock never sees a
    # folder with files but no marker (which it would refuse as not ours).
    _write_marker(index_dir, clean=False)
    for entry in index_dir.iterdir():
        if entry.name in (engine.WRITE_LOCK, MARKER):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    engine.create_index(index_dir)
    _write_marker(index_dir, clean=True)
    return before, samples
