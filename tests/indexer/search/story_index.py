"""An index of stories made in a test: the digests' parser is replaced, so entities, dates and
text are exactly what the test says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from indexer.index import indexing
from indexer.index.store import update_index
from indexer.records import Digest, Story
from indexer.search.searcher import Index, open_index


def index_of(base: Path, stories: Sequence[Story], day: dt.date) -> Index:
    """Index `stories` as one digest under `base`, in this process; open it."""

    def parse_file(path: Path, source: str, **_: Any) -> list[Digest]:
        made = tuple(replace(story, source=source) for story in stories)
        return [Digest(source, "Digest", day, "header", made)]

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(indexing, "parse_file", parse_file)
        monkeypatch.setattr(indexing, "POOL_MIN_FILES", 100)  # in-process, so the patch applies
        (base / "digests").mkdir()
        (base / "digests" / "d.txt").write_text("stand-in\n", encoding="utf-8")
        update_index(base / "index", [str(base / "digests")])
    return open_index(base / "index")


def found(index: Index, query: str) -> set[str]:
    """The ids of every story the query finds."""
    return {hit.id for hit in index.search(query, limit=100).hits}
