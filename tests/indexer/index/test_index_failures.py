"""A story that cannot be indexed fails its own file (one line naming it), never the run."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from indexer.index import indexing
from indexer.index.store import update_index
from indexer.records import Digest, Problem, Story
from indexer.search.searcher import open_index

DAY = dt.date(2024, 5, 1)


def _story(sid: str, body: Any) -> Story:
    return Story(sid, "", "Digest", DAY, "header", 0, f"Headline {sid}", f"Headline {sid}", body)


def test_a_story_that_cannot_be_indexed_fails_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def parse_file(path: Path, source: str, **_: Any) -> list[Digest]:
        if path.name == "bad.txt":  # a reader bug hands over a story the analyser cannot read
            stories: tuple[Story, ...] = (_story("b1", "fine text"), _story("b2", None))
        else:
            stories = (_story("g1", "The trust was fined £2m on Monday."),)
        made = tuple(dataclasses.replace(s, source=source) for s in stories)
        return [Digest(source, "Digest", DAY, "header", made)]

    monkeypatch.setattr(indexing, "parse_file", parse_file)
    monkeypatch.setattr(indexing, "POOL_MIN_FILES", 100)  # in-process, so the patch applies
    folder = tmp_path / "digests"
    folder.mkdir()
    for name in ("bad.txt", "good.txt"):
        (folder / name).write_text("stand-in\n", encoding="utf-8")
    problems: list[Problem] = []
    summary = update_index(tmp_path / "index", [str(folder)], on_problem=problems.append)
    failed = [p for p in problems if p.fatal]
    assert len(failed) == 1 and failed[0].source.endswith("bad.txt")
    assert "cannot index" in failed[0].message and "\n" not in failed[0].message
    assert summary.stories == 1
    index = open_index(tmp_path / "index")
    try:
        assert [hit.id for hit in index.search("fined").hits] == ["g1"]
        assert index.search("fine").total == 1  # nothing of the bad file half-written
    finally:
        index.close()
