"""Phrases match consecutive words of one sentence, exactly, on both ways positions are kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer import engine
from indexer.engine.documents import Content, index_fields, occurrence
from indexer.engine.reading import pair_positions
from indexer.engine.schema import DocWriter, create_index
from indexer.records import Story
from indexer.search.searcher import Index
from tests.indexer.search.story_index import found, index_of

DAY = dt.date(2024, 5, 1)
CHAINED = [
    f"The integrated care system in {place} met on Monday."
    for place in (
        "Kent",
        "Surrey",
        "Essex",
        "Devon",
        "Dorset",
        "Norfolk",
        "Suffolk",
        "Cumbria",
        "Durham",
        "Leeds",
    )
]  # fmt: skip  (more than 8 stories: the pairs' postings keep positions)
BODIES = {
    **{f"p{i}": body for i, body in enumerate(CHAINED)},
    "apart": "Integrated care is new. The care system is old.",
    "scattered": "An integrated care budget and a care system review were agreed.",
    "chief": "The board approved the first chief. The executive committee met later.",
    "ceo": "Chief executive Jane Smith left the trust.",
    "sos": "The secretary of state said no.",
    "sfs": "The secretary for state said yes.",
    "ss": "Her secretary state papers were lost.",
    "nhs": "Money for the NHS is that the England team won.",
    "wl1": "The waiting list backlog grew again.",
    "wl2": "The waiting list grew and the backlog too.",
    "title": "Dr. Patel said the integrated care system was ready.",
}


def _story(sid: str, body: str, source: str = "") -> Story:
    return Story(sid, source, "Digest", DAY, "header", 0, f"Headline {sid}", f"Headline {sid}",
                 body)  # fmt: skip


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    stories = [_story(sid, body) for sid, body in BODIES.items()]
    opened = index_of(tmp_path_factory.mktemp("phrases"), stories, DAY)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Pairs in different sentences, or apart in one, do not make the phrase.
        ('"integrated care system"', {*(f"p{i}" for i in range(10)), "title"}),
        ('"chief executive"', {"ceo"}),
        # Stop words are not indexed, but how many stand between two words is.
        ('"secretary of state"', {"sos", "sfs"}),
        ('"secretary state"', {"ss"}),
        ('"NHS England"', set()),
        # A phrase whose pairs are rare (positions not kept): checked in the text.
        ('"waiting list backlog"', {"wl1"}),
        ('"waiting list"', {"wl1", "wl2"}),
        ('"integrated care system in Kent"', {"p0"}),
        ('"care system" -"integrated care system"', {"scattered", "apart"}),
    ],
)
def test_phrases_match_consecutive_words_of_one_sentence(
    index: Index, query: str, expected: set[str]
) -> None:
    assert found(index, query) == expected
    assert index.search(query).total == len(expected)


def test_a_phrase_in_the_headline_is_checked_there(index: Index) -> None:
    assert found(index, 'headline:"headline p3"') == {"p3"}
    assert found(index, 'headline:"integrated care system"') == set()


def test_the_positions_of_frequent_pairs_are_kept(index: Index) -> None:
    searcher = index._state().searcher
    docs, places, unknown = pair_positions(searcher, "integrat care")
    assert len(unknown) == 0 and len(set(docs.tolist())) == 13  # 10 + apart, scattered, title
    assert sorted(set(places.tolist())) == [2, 5]  # after "Headline pN" (+ "Dr Patel said")
    _, _, rare = pair_positions(searcher, "list backlog")
    assert len(rare) == 1  # in one story: inlined, no positions


def test_whooshs_own_writer_keeps_positions_too(tmp_path: Path) -> None:
    """Stories rewritten in place go through Whoosh's writer; their phrases work the same."""
    ix = create_index(tmp_path)
    writer = DocWriter(ix)
    for sid, body in BODIES.items():
        content = Content(f"Headline {sid}", f"Headline {sid}", body)
        where = occurrence(_story(sid, body), "k")
        writer.add(
            index_fields(
                sid, content, engine.analyse(content.headline, content.title, body), [where]
            )
        )
    writer.commit()
    with ix.searcher() as searcher:
        _, _, unknown = pair_positions(searcher, "list backlog")
        assert len(unknown) == 0
        q = engine.compile_query('"integrated care system"', {}, searcher, lambda *_: [])
        ranked = engine.Ranker(searcher).rank(q, 100)
        got = {searcher.stored_fields(d)["id"] for d, _ in ranked.docs}
    assert got == {*(f"p{i}" for i in range(10)), "title"}
