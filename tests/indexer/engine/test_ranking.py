"""The engine's ranking scores as Whoosh's own BM25F searcher does, on the same index."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from indexer import engine
from indexer.engine.documents import Content, index_fields, occurrence
from indexer.records import Story

DAY = dt.date(2024, 5, 1)
BODIES = [
    "Junior doctors strike over pay.",
    "The strike by junior doctors is the longest yet; doctors say pay has fallen.",
    "Nurses vote on a strike.",
    "Hospital waiting lists grow as doctors strike again and again, strike after strike.",
    "A trust reports a deficit.",
    "Doctors and nurses meet ministers.",
]


def _document(n: int, body: str) -> dict[str, Any]:
    story = Story(f"s{n}", "", "Digest", DAY, "header", n, None, f"Story {n}", body)
    content = Content.of(story)
    terms = engine.analyse(content.headline, content.title, content.body)
    return index_fields(story.id, content, terms, [occurrence(story, "k")])


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("ranking")
    ix = engine.create_index(folder)
    for batch in (BODIES[:4], BODIES[4:]):  # two segments
        writer = engine.DocWriter(ix)
        for body in batch:
            writer.add(_document(BODIES.index(body), body))
        writer.commit()
    with engine.open_whoosh(folder).searcher() as opened:
        yield opened


def _both(searcher: Any, query: str) -> tuple[engine.Ranked, list[tuple[int, float]]]:
    q = engine.compile_query(query, {}, searcher, lambda *_: [])
    wanted = [(hit.docnum, hit.score) for hit in searcher.search(q, limit=None)]
    return engine.Ranker(searcher).rank(q, 10), wanted


@pytest.mark.parametrize("query", ["strike", "doctors strike", "strike OR nurses", "pay^2 doctors"])
def test_scores_and_order_equal_whooshs_bm25f(searcher: Any, query: str) -> None:
    ranked, wanted = _both(searcher, query)
    assert ranked.total == len(wanted) > 1
    assert [d for d, _ in ranked.docs] == [d for d, _ in wanted]
    assert [s for _, s in ranked.docs] == pytest.approx([s for _, s in wanted])


def test_a_not_adds_nothing_to_the_score(searcher: Any) -> None:
    """Whoosh scores the NOT part 1 for every document that passes it; dex 0: same order."""
    ranked, wanted = _both(searcher, "doctors NOT nurses")
    assert ranked.total == len(wanted) > 1
    assert [d for d, _ in ranked.docs] == [d for d, _ in wanted]
    assert [s + 1 for _, s in ranked.docs] == pytest.approx([s for _, s in wanted])


def test_filters_alone_list_the_newest_first(searcher: Any) -> None:
    ranked = engine.Ranker(searcher).rank(None, 3)
    assert ranked.total == len(BODIES)
    assert [score for _, score in ranked.docs] == [0.0, 0.0, 0.0]
