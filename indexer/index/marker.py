"""The index marker, `dex-index.json`: it says dex made the folder, and what state it is in.

dex never opens a folder without it (Whoosh reads pickles). It holds:

- `clean`: the Whoosh index and the manifest agree (False while a run commits);
- `files`: the checksums of every file dex wrote (checksums.FileSums), present only while the
  folder is at rest: a run drops them when it starts changing files and writes them when done;
- `unfinished`: the paths of each `dex index` run begun and not finished (a kill, a full disk),
  so search can say the index is incomplete and how to finish it;
- `roots`: every path the user has indexed, to rebuild from when the manifest is lost;
- `generation`: counts the runs that changed what the index holds, so a reader (the app, a
  `dex watch`) can tell cheaply that it changed (`changes.ChangeCheck`);
- `reading`: the stamp of the reading rules every digest in it was last read with
  (`rules_stamp`); with another stamp, `dex index` reads its paths' digests again, unchanged or
  not, and the index takes this stamp once a run has covered every source.

It is written whole (a temporary file, fsync, rename), so a crash leaves the old or the new one.
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from indexer.engine.files import INDEX_NAME, WRITE_LOCK
from indexer.errors import IndexDamagedError
from indexer.index.checksums import FileSums, sum_file
from indexer.index.manifest import FILE_NAME as MANIFEST_NAME
from indexer.index.ownership import check_own_folder
from indexer.index.sources import covered
from indexer.index.vocabulary import FILE_NAME as VOCAB_NAME

MARKER = "dex-index.json"
FORMAT_VERSION = 2  # 2: word pairs within sentences, with positions


@dataclass(frozen=True)
class Marker:
    version: int = FORMAT_VERSION
    clean: bool = True
    files: dict[str, FileSums] | None = None
    unfinished: tuple[tuple[str, ...], ...] = ()
    roots: tuple[str, ...] = ()
    generation: int = 0
    reading: str = ""

    def started(self, paths: Sequence[str], *, root: bool = True) -> Marker:
        """A run of `paths` (absolute) begins: files will change and it is unfinished; `root`:
        they are the user's (not the bundled samples), to rebuild from if need be."""
        run = tuple(paths)
        unfinished = self.unfinished if run in self.unfinished else (*self.unfinished, run)
        roots = tuple(dict.fromkeys((*self.roots, *run))) if root else self.roots
        return replace(self, files=None, unfinished=unfinished, roots=roots)

    def finished(
        self, paths: Sequence[str], files: dict[str, FileSums], *, changed: bool
    ) -> Marker:
        """A run of `paths` ended: runs it covered are finished; the files are at rest; a new
        generation if the run `changed` what the index holds."""
        return replace(
            self,
            files=files,
            unfinished=tuple(run for run in self.unfinished if not covered(run, paths)),
            generation=self.generation + changed,
        )


def read_marker(index_dir: Path) -> Marker | None:
    """The marker; None for a missing or empty folder; IndexDamagedError for a folder with other
    things in it (never ours to touch) or an unreadable marker; IndexUnsafeError for a folder
    another user owns or can write."""
    check_own_folder(index_dir)
    path = index_dir / MARKER
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexDamagedError(f"{path}: unreadable index marker ({exc})") from exc
        if not isinstance(data, dict) or data.get("format") != "dex-index":
            raise IndexDamagedError(f"{path}: not a dex index marker")
        try:
            return _from_json(data)
        except (TypeError, ValueError) as exc:
            raise IndexDamagedError(f"{path}: unreadable index marker ({exc})") from exc
    ours = {WRITE_LOCK, MARKER + ".tmp"}  # what a dex creating the folder makes first
    if index_dir.is_dir() and any(p.name not in ours for p in index_dir.iterdir()):
        raise IndexDamagedError(
            f"{index_dir}: not a dex index (no {MARKER}); dex will not read or change it"
        )
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexDamagedError(f"{index_dir}: not a folder")
    return None


def _from_json(data: dict[str, Any]) -> Marker:
    files = data.get("files")
    return Marker(
        version=data.get("version", 0),
        clean=bool(data.get("clean", False)),
        files=None if files is None else {n: FileSums.from_json(v) for n, v in files.items()},
        unfinished=tuple(tuple(_paths(run)) for run in data.get("unfinished", [])),
        roots=tuple(_paths(data.get("roots", []))),
        generation=int(data.get("generation", 0)),
        reading=str(data.get("reading", "")),
    )


def _paths(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ValueError(f"not a list of paths: {value!r}")
    return value


def write_marker(index_dir: Path, marker: Marker) -> None:
    data: dict[str, object] = {
        "format": "dex-index",
        "version": marker.version,
        "clean": marker.clean,
    }
    if marker.files is not None:
        data["files"] = {name: sums.to_json() for name, sums in marker.files.items()}
    data["unfinished"] = [list(run) for run in marker.unfinished]
    data["roots"] = list(marker.roots)
    data["generation"] = marker.generation
    data["reading"] = marker.reading
    temp = index_dir / (MARKER + ".tmp")
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, index_dir / MARKER)


def dex_files(index_dir: Path) -> list[str]:
    """The files dex writes and keeps checksums of: Whoosh's table of contents and segments,
    the manifest and the word list."""
    return sorted(
        entry.name
        for entry in index_dir.iterdir()
        if (
            entry.name.startswith((f"_{INDEX_NAME}_", f"{INDEX_NAME}_"))
            and not entry.name.endswith("WRITELOCK")
        )
        or entry.name in (MANIFEST_NAME, VOCAB_NAME)
    )


def file_sums(index_dir: Path, known: dict[str, FileSums] | None) -> dict[str, FileSums]:
    """Checksums of the files at rest now. A segment's files never change once written, so
    their sums from the last run (`known`) are kept rather than read again."""
    found: dict[str, FileSums] = {}
    for name in dex_files(index_dir):
        path = index_dir / name
        before = (known or {}).get(name)
        segment = name.startswith(f"{INDEX_NAME}_")
        if before is not None and segment and before.blocks and before.size == path.stat().st_size:
            found[name] = before
        else:
            found[name] = sum_file(path)
    return found


def describe_runs(runs: Iterable[Sequence[str]]) -> str:
    """The command that finishes these runs, for a message (`dex index A B`, long lists cut)."""
    paths = list(dict.fromkeys(path for run in runs for path in run))
    shown = " ".join(shlex.quote(path) for path in paths[:3])
    more = f" (and {len(paths) - 3} more)" if len(paths) > 3 else ""
    return f"`dex index {shown}`{more}"
