"""Opening, building and updating the index: one writer at a time, incremental by content hash.

The index folder holds the Whoosh index, `manifest.sqlite3` (files and story appearances),
`vocab.txt` (unstemmed words) and `dex-index.json`, the marker (index_marker): dex never opens a
folder without it (Whoosh reads pickles), checks the files against its checksums when it opens
the index, and learns from it whether a `dex index` run did not finish. It is all derived from
the digest files and can be rebuilt from them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from indexer import engine
from indexer.errors import (
    BookmarkLookup,
    IndexBusyError,
    IndexDamagedError,
    IndexUnsafeError,
    QueryError,
)
from indexer.index.checksums import FileSums, find_damage
from indexer.index.manifest import FILE_NAME as MANIFEST_NAME
from indexer.index.manifest import Manifest
from indexer.index.marker import (
    FORMAT_VERSION,
    MARKER,
    Marker,
    covered,
    describe_runs,
    file_sums,
    read_marker,
    write_marker,
)
from indexer.index.ownership import FOLDER_MODE, check_own_folder
from indexer.index.rules_stamp import reading_rules
from indexer.records import IndexSummary, Problem

__all__ = [
    "MARKER",
    "BookmarkLookup",
    "IndexBusyError",
    "IndexDamagedError",
    "IndexUnsafeError",
    "QueryError",
    "ensure_index",
    "forget_paths",
    "incomplete",
    "update_index",
]

BUSY_WAIT_SECONDS = 3.0
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"

Progress = Callable[[int, int, str], None]
OnProblem = Callable[[Problem], None]


def check_index(index_dir: Path, marker: Marker, *, full: bool = False) -> None:
    """IndexDamagedError (one line, naming the file) if the index cannot be what dex wrote: a
    file missing, of another size or with other bytes (every block read when `full`, else a
    sample), or a table of contents Whoosh cannot read."""
    open_checked(index_dir, marker, full=full).close()


def open_checked(index_dir: Path, marker: Marker, *, full: bool = False, files: bool = True) -> Any:
    """Whoosh's index, opened once check_index's checks pass; `files=False` leaves out the
    checksums (~10 ms at 100k stories), for an index ensure_index has just checked or built."""
    if marker.version != FORMAT_VERSION:
        raise IndexDamagedError(f"{index_dir}: index made by another version of dex")
    if files and marker.files is not None:
        damage = find_damage(index_dir, marker.files, full=full)
        if damage is not None:
            raise IndexDamagedError(damage)
    return open_engine(index_dir)


def open_engine(index_dir: Path) -> Any:
    """Whoosh's index; whatever a damaged table of contents raises is IndexDamagedError."""
    try:
        return engine.open_whoosh(index_dir)
    except IndexDamagedError:
        raise
    except Exception as exc:  # a torn pickle raises anything (UnpicklingError, KeyError, ...)
        raise IndexDamagedError(f"{index_dir}: index unreadable ({type(exc).__name__})") from exc


def ensure_index(index_dir: Path, *, on_problem: OnProblem | None = None) -> bool:
    """Build an index of the bundled sample digests if there is none, or finish building it
    (True if it did); rebuild a damaged one from the digests it held, telling `on_problem` why."""
    index_dir = Path(index_dir)
    marker = read_marker(index_dir)
    samples = (str(SAMPLES_DIR),)
    built = marker is not None and engine.has_index(index_dir) and samples not in marker.unfinished
    if built and marker is not None:
        try:
            check_index(index_dir, marker)
        except IndexDamagedError:
            _update(index_dir, [], None, on_problem, rebuild_only=True)
            return False
        if marker.roots or marker.reading == reading_rules():
            return False  # the user's own digests are read again by `dex index` (see incomplete)
    # A new index of the samples, or the samples read again with this version's rules.
    _update(index_dir, list(samples), None, None, sample=True)
    return not built


def incomplete(index_dir: Path) -> str | None:
    """One line when the index lacks what a `dex index` run was asked for: the run was stopped
    (and how to finish it), or is running now; or when the user's digests in it were read with
    another version's rules (the next `dex index` reads them again); None otherwise."""
    index_dir = Path(index_dir)
    try:
        marker = read_marker(index_dir)
    except IndexDamagedError:
        return None  # opening says what is wrong
    if marker is None:
        return None
    if not marker.unfinished:
        if marker.roots and marker.reading != reading_rules():
            return (
                f"{index_dir}: your digests were read with an earlier version's rules; "
                "run dex index to read them again with this one's"
            )
        return None
    command = describe_runs(marker.unfinished)
    if engine.writer_running(index_dir):
        return f"{index_dir}: {command} is running: search shows the index as it was before it"
    return (
        f"{index_dir}: the index is incomplete: {command} stopped before it finished; "
        "run it again to finish it"
    )


def update_index(
    index_dir: Path,
    paths: Sequence[str],
    *,
    progress: Progress | None = None,
    on_problem: OnProblem | None = None,
    check: bool = False,
    follow_links: bool = False,
) -> IndexSummary:
    """Index the digests in `paths` (files or folders): new and changed files are parsed,
    unchanged ones skipped, files gone from an indexed folder removed; links out of the
    folders are followed only if asked. IndexBusyError when another process is writing and
    does not finish within a few seconds. `check` reads every block of every index file first
    (damage found is rebuilt, and named in the summary)."""
    paths = [os.fspath(p) for p in paths]
    return _update(
        Path(index_dir), paths, progress, on_problem, full_check=check, follow_links=follow_links
    )


def forget_paths(
    index_dir: Path, paths: Sequence[str], *, on_problem: OnProblem | None = None
) -> IndexSummary:
    """Take the stories of the files in `paths` (absolute files or folders, gone or not) out
    of the index: the user no longer follows them (`dex sources remove`)."""
    return _update(Path(index_dir), [], None, on_problem, forget=[os.fspath(p) for p in paths])


def _update(
    index_dir: Path,
    paths: list[str],
    progress: Progress | None,
    on_problem: OnProblem | None,
    *,
    sample: bool = False,
    rebuild_only: bool = False,
    full_check: bool = False,
    follow_links: bool = False,
    forget: Sequence[str] = (),
) -> IndexSummary:
    started = time.perf_counter()
    check_own_folder(index_dir)  # before taking the lock, which makes a file in it
    if not (index_dir / engine.WRITE_LOCK).exists():
        # Refuse a foreign folder before creating anything in it. A folder with dex's lock in
        # it is one another dex is creating now (its files, no marker yet): the check under
        # the lock below decides once that dex is done.
        read_marker(index_dir)
    try:
        index_dir.parent.mkdir(parents=True, exist_ok=True)
        index_dir.mkdir(mode=FOLDER_MODE, exist_ok=True)
    except OSError as exc:
        raise IndexDamagedError(
            f"{index_dir}: cannot create the index folder ({exc.strerror or exc})"
        ) from exc
    if not os.access(index_dir, os.W_OK | os.X_OK):
        raise IndexDamagedError(f"{index_dir}: cannot write the index folder (permission denied)")
    with engine.write_lock(index_dir, BUSY_WAIT_SECONDS):
        marker = read_marker(index_dir)
        damage = _damage(index_dir, marker, full=full_check)
        if damage:
            _tell(on_problem, Problem(str(index_dir), f"{damage}; rebuilding it", fatal=False))
        elif rebuild_only:  # another dex rebuilt it while this one waited for the lock
            return IndexSummary()
        known = marker.files if marker is not None else None
        run = [str(SAMPLES_DIR)] if sample else [os.path.abspath(p) for p in paths]
        read_all = marker is None or bool(damage)
        reread = (
            not read_all and not forget and marker is not None and marker.reading != reading_rules()
        )
        if reread and marker is not None:
            # Another version's rules read these digests: the files of this run are read again,
            # unchanged or not; the index is this version's once a run has covered every source
            # (`dex index` with no paths does), each with the options the user gives it.
            # (A source gone from the disk cannot be read again: it stands in no one's way.)
            read_all = all(covered((r,), run) for r in marker.roots if os.path.exists(r))
            message = "its digests were read with an earlier version's rules; reading them again"
            if not read_all:
                message += " (run dex index with no paths to read every source)"
            _tell(on_problem, Problem(str(index_dir), message, fatal=False))
        if marker is None or damage:
            before, samples = _reset(index_dir, marker)
            paths = paths + before
            if samples and not paths:  # it held only the bundled samples: rebuild those
                paths, sample, run = [str(SAMPLES_DIR)], True, [str(SAMPLES_DIR)]
            elif marker is not None:  # finishing the rebuild means indexing all of it again
                run += list(marker.roots) or before
            marker, known = _fresh(marker), None
        elif not engine.has_index(index_dir):
            engine.create_index(index_dir)
        else:
            engine.remove_leftovers(index_dir)
        for earlier in marker.unfinished:
            if not covered(earlier, run) and earlier != (str(SAMPLES_DIR),):
                message = f"an earlier {describe_runs([earlier])} did not finish; run it again"
                _tell(on_problem, Problem(str(index_dir), message, fatal=False))
        summary = _run(
            index_dir, marker, paths, run, known, progress, on_problem, sample, follow_links,
            forget, reread=reread, read_all=read_all,
        )  # fmt: skip
    return replace(summary, seconds=round(time.perf_counter() - started, 3), damage=damage)


def _run(
    index_dir: Path,
    marker: Marker,
    paths: list[str],
    run: list[str],
    known: dict[str, FileSums] | None,
    progress: Progress | None,
    on_problem: OnProblem | None,
    sample: bool,
    follow_links: bool = False,
    forget: Sequence[str] = (),
    *,
    reread: bool = False,
    read_all: bool = False,
) -> IndexSummary:
    """One indexing run with the lock held. The marker says it is unfinished (and drops the
    checksums, as files change) until it ends; then it holds the new files' checksums.
    `reread`: read unchanged files too; `read_all`: every digest in the index is read by this
    run (a new or rebuilt index, or a `reread` of all its sources): it gets this version's
    stamp of the reading rules."""
    marker = marker.started(run, root=not sample)
    if forget:
        kept = tuple(root for root in marker.roots if not covered((root,), forget))
        marker = replace(marker, roots=kept)
    write_marker(index_dir, marker)
    at_rest = False
    changed = False
    manifest = Manifest(index_dir / MANIFEST_NAME)

    def mark(clean: bool) -> None:
        nonlocal marker, changed
        marker = replace(marker, clean=clean)
        changed = True
        write_marker(index_dir, marker)

    try:
        from indexer.index.indexing import IndexRun  # not at the top: opening to search is faster

        summary = IndexRun(
            index_dir,
            open_engine(index_dir),
            manifest,
            progress=progress,
            on_problem=on_problem,
            sample=sample,
            trust_manifest=marker.clean,
            mark=mark,
            follow_links=follow_links,
            reread=reread,
        ).execute(paths, forget=forget)
        at_rest = manifest.settle()
    finally:
        manifest.close()
    files = file_sums(index_dir, known)
    if not at_rest:  # a reader kept the manifest's log open: its file may change yet
        files.pop(MANIFEST_NAME, None)
    # The user's own digests supersede a sample build that never finished.
    finished = marker.finished([*run, str(SAMPLES_DIR)], files, changed=changed)
    if read_all:
        finished = replace(finished, reading=reading_rules())
    write_marker(index_dir, finished)
    return summary


def _damage(index_dir: Path, marker: Marker | None, *, full: bool = False) -> str | None:
    """Why the index in a folder dex owns must be rebuilt (None when it is sound or absent)."""
    if marker is None or not engine.has_index(index_dir):
        return None
    try:
        check_index(index_dir, marker, full=full)
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


def _fresh(old: Marker | None) -> Marker:
    """The marker of a folder just emptied: what the old one knew of the user's runs stays."""
    if old is None:
        return Marker()
    return Marker(unfinished=old.unfinished, roots=old.roots, generation=old.generation)


def _reset(index_dir: Path, old: Marker | None) -> tuple[list[str], bool]:
    """Empty a folder dex owns and start a fresh index; returns the files indexed before (so an
    older format's or a damaged index is rebuilt from the same digests; the paths the user
    indexed when the manifest is lost too) and whether the bundled samples were among them."""
    before: list[str] = []
    samples = False
    records = None
    if (index_dir / MANIFEST_NAME).is_file():
        try:
            manifest = Manifest(index_dir / MANIFEST_NAME)
            records = list(manifest.files().values())
            manifest.close()
        except (IndexDamagedError, sqlite3.DatabaseError):
            records = None  # unreadable: rebuild from the paths the user indexed
    if records is not None:
        before = [r.path for r in records if not r.sample and os.path.exists(r.path)]
        samples = any(r.sample for r in records)
    elif old is not None:
        before = [path for path in old.roots if os.path.exists(path)]
    # The marker goes first and stays, so another dex waiting for the lock never sees a
    # folder with files but no marker (which it would refuse as not ours).
    write_marker(index_dir, replace(_fresh(old), clean=False))
    for entry in index_dir.iterdir():
        if entry.name in (engine.WRITE_LOCK, MARKER):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    engine.create_index(index_dir)
    write_marker(index_dir, _fresh(old))
    return before, samples
