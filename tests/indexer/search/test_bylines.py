"""A story's byline and details are searched as its text: a reader who remembers who wrote a
story ("that piece by Okafor") finds it by the name, as a word or a phrase, and the hit's
snippet shows where the name was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from indexer.records import Story
from indexer.search.searcher import Index
from tests.indexer.search.story_index import found, index_of

DAY = dt.date(2024, 3, 5)


def _story(sid: str, body: str, byline: str | None = None, details: str | None = None) -> Story:
    return Story(sid, "", "Digest", DAY, "header", 0, f"Headline {sid}", f"Headline {sid}", body,
                 byline=byline, details=details)  # fmt: skip


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    stories = [
        _story("by", "The trust missed its target again.", byline="By Chidi Okafor, health editor"),
        _story("det", "Ward closures were confirmed.", details="Source: Harrowgate Gazette"),
        _story("none", "Okafor Street clinic reopened after the floods."),
        _story("plain", "Nothing about anyone in particular."),
    ]
    opened = index_of(tmp_path_factory.mktemp("bylines"), stories, DAY)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("okafor", {"by", "none"}),
        ('"Chidi Okafor"', {"by"}),
        ("editor", {"by"}),
        ("gazette", {"det"}),
        # A phrase does not run from the body into the byline.
        ('"target chidi"', set()),
    ],
)
def test_byline_and_details_are_searched(index: Index, query: str, expected: set[str]) -> None:
    assert found(index, query) == expected


def test_snippet_of_a_byline_match_shows_the_byline(index: Index) -> None:
    hit = next(h for h in index.search('"Chidi Okafor"').hits if h.id == "by")
    assert hit.snippet.startswith("By Chidi Okafor")
    assert [hit.snippet[s.start : s.end] for s in hit.snippet_spans] == ["Chidi", "Okafor"]
