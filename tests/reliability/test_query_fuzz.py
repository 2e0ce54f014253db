"""Random queries at the parser and the whole search path: always results or a QueryError with a
one-line message naming the problem, never another exception (hypothesis)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import QueryError
from indexer.index.store import update_index
from indexer.search.query import ALIASES, prepare
from indexer.search.searcher import open_index
from tests.reliability.helpers import SAMPLES, record

PIECES = [
    *(f"{name}:" for name in ALIASES), "AND", "OR", "NOT", "ANDNOT", "(", ")", '"', "'", "[",
    "]", "{", "}", " TO ", " to ", "*", "?", "~", "~2", "^2", "-", "+", ":", "\\", "/", ">",
    "<", ">=", "<=", "..", "nhs", "NHS England", "2016", "2016-03", "2016-13-45", "last month",
    "yesterday", "10m", "£5bn", "1e308", "-0", "99999999999999999999", "%", "yes", "no",
    "trust", "beds", "\x00", "\x1b[31m", "\u202e", "\u200b", "ﬁ", "İ", "ß", "日本", "🙂", "\n",
]  # fmt: skip
structured = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=0, max_size=12
).map(lambda parts: "".join(parts))
queries = st.one_of(structured, st.text(max_size=60))
FUZZ = settings(
    max_examples=250,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure reproduces
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


class _Bookmarks:
    """bookmarked:yes and tag:x answered from a fixed set."""

    def ids(self, tag: str | None = None) -> set[str]:
        return set() if tag else {"0000000000000000"}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    folder = tmp_path_factory.mktemp("fuzz") / "index"
    update_index(folder, [str(SAMPLES)])
    opened = open_index(folder)
    yield opened
    opened.close()


def _one_line_message(exc: QueryError) -> None:
    assert str(exc).strip(), "a QueryError says what is wrong"


@FUZZ
@given(query=queries)
def test_prepare_answers_or_says_why(query: str) -> None:
    record("queries fuzzed")
    try:
        prepare(query, bookmarks=_Bookmarks())
    except QueryError as exc:
        _one_line_message(exc)


@FUZZ
@given(query=queries, sort=st.sampled_from(["relevance", "date"]))
def test_search_answers_or_says_why(index, query: str, sort: str) -> None:
    record("queries fuzzed")
    try:
        result = index.search(query, limit=5, sort=sort, bookmarks=_Bookmarks())
    except QueryError as exc:
        _one_line_message(exc)
        return
    assert result.total >= len(result.hits)
    for hit in result.hits:
        for span in hit.snippet_spans:
            assert 0 <= span.start <= span.end <= len(hit.snippet)


@settings(FUZZ, max_examples=120)
@given(query=queries)
def test_facets_and_marking_answer_or_say_why(index, query: str) -> None:
    record("queries fuzzed")
    try:
        index.facets(query, bookmarks=_Bookmarks())
        index.query_spans(query, "NHS England said trust beds would rise by 10% in 2016.")
    except QueryError as exc:
        _one_line_message(exc)
