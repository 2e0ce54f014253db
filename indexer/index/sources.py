"""The user's sources: the folders and mail files they indexed, kept so `dex index` and
`dex watch` can update them all without being told again.

A small JSON file in the user data directory (not the index folder: the index can be rebuilt
from these, so they must outlive it), written whole. Paths are absolute; a path inside a
remembered folder is already covered and is not kept twice, and a folder added over remembered
paths inside it takes their place.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from indexer.atomic import write_text_atomically

FORMAT = "dex-sources"


class SourcesError(ValueError):
    """The sources file cannot be read or written; str(e) is one line naming it."""


def read_sources(path: Path) -> list[str]:
    """The remembered sources, in the order they were added ([] when there is no file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise SourcesError(f"{path}: cannot read ({reason})") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SourcesError(f"{path}: not a sources file ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SourcesError(f"{path}: not a dex sources file")
    found = data.get("sources")
    if not isinstance(found, list):
        raise SourcesError(f"{path}: not a dex sources file")
    if not all(isinstance(item, str) for item in found):
        raise SourcesError(f"{path}: a source that is not a path")
    return found


def _write(path: Path, sources: list[str]) -> None:
    text = json.dumps({"format": FORMAT, "sources": sources}, ensure_ascii=False, indent=1)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(path, text + "\n", durable=True)
    except OSError as exc:
        raise SourcesError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def absolute(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    return [os.path.abspath(os.path.expanduser(os.fspath(p))) for p in paths]


def add_sources(path: Path, paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Remember `paths` (made absolute); returns those newly remembered. A path inside a
    remembered folder is not added; remembered paths inside a new folder give way to it."""
    sources = read_sources(path)
    added: list[str] = []
    for new in absolute(paths):
        if covered((new,), sources):
            continue
        sources = [old for old in sources if not covered((old,), (new,))]
        sources.append(new)
        added.append(new)
    if added:
        _write(path, sources)
    return added


def remove_sources(path: Path, paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Forget `paths` (as given or made absolute); returns those that were remembered."""
    given = [os.fspath(p) for p in paths]
    sources = read_sources(path)
    wanted = {*absolute(given), *given}
    removed = [source for source in sources if source in wanted]
    if removed:
        _write(path, [source for source in sources if source not in removed])
    return removed


def covered(run: Sequence[str], paths: Sequence[str]) -> bool:
    """Whether every path of `run` is one of `paths` or inside one of them."""
    folders = [os.path.join(path, "") for path in paths]
    return all(p in paths or p.startswith(tuple(folders)) for p in run)
