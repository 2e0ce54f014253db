"""Searching a small index built from stories made here (so entities and dates are exact)."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from indexer.errors import QueryError
from indexer.index import indexing
from indexer.index.store import update_index
from indexer.records import Digest, Entity, Story
from indexer.search.searcher import Index, open_index

TODAY = dt.date.today()
LAST_MONTH = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=15)


def entity(body: str, text: str, label: str, canonical: str, value: Any = None) -> Entity:
    start = body.index(text)
    return Entity(text, label, "body", start, start + len(text), canonical, value)  # type: ignore[arg-type]


def story(
    sid: str,
    headline: str | None,
    body: str,
    date: dt.date,
    *found: tuple[Any, ...],
    title: str | None = None,
    position: int = 0,
) -> Story:
    return Story(
        id=sid, source="", digest_title="", date=date, date_from="header", position=position,
        headline=headline, title=title or headline or "", body=body,
        entities=tuple(entity(body, *f) for f in found),
    )  # fmt: skip


B1 = (
    "Junior doctors in London will strike next week, the British Medical Association said. "
    "The walkout costs £12m."
)
B2 = (
    "NHS England placed seven integrated care systems in intensive support. The junior "
    "minister said the doctors there were tired; 36.6 per cent of beds were full. "
    "Amanda Pritchard agreed."
)
B3 = "Hospitals in Manchester face a deficit of £2.5bn, up 15 per cent on last year."
B4 = "The ambulance strikes have gone on for two months. A chief executive praised whistleblowers."
B5 = "A new national deficit review starts, hospitals say."
STORIES = {
    "march.txt": (dt.date(2016, 3, 5), [
        story("s1", "Junior doctors strike over pay", B1, dt.date(2016, 3, 5),
              ("London", "PLACE", "London"),
              ("British Medical Association", "ORG", "British Medical Association"),
              ("£12m", "MONEY", "£12m", 12e6)),
        story("s2", "NHS England names seven troubled systems", B2, dt.date(2016, 3, 5),
              ("NHS England", "ORG", "NHS England"),
              ("Amanda Pritchard", "PERSON", "Amanda Pritchard"),
              ("36.6 per cent", "PERCENT", "36.6%", 36.6), position=1),
    ]),
    "jan.txt": (dt.date(2017, 1, 20), [
        story("s3", None, B3, dt.date(2017, 1, 20), ("Manchester", "PLACE", "Manchester"),
              ("£2.5bn", "MONEY", "£2.5bn", 2.5e9), ("15 per cent", "PERCENT", "15%", 15.0),
              title="Hospitals face deficit"),
    ]),
    "may.txt": (dt.date(2018, 5, 1), [
        story("s4", "Ambulance strike fatigue", B4, dt.date(2018, 5, 1)),
    ]),
    "recent.txt": (LAST_MONTH, [story("s5", "Deficit review begins", B5, LAST_MONTH)]),
}  # fmt: skip


def fake_parse_file(path: Path, source: str, **_: Any) -> list[Digest]:
    date, stories = STORIES[path.name]
    title = f"Digest of {date}"
    made = tuple(
        Story(
            s.id, source, title, date, "header", s.position, s.headline, s.title, s.body, s.entities
        )
        for s in stories
    )
    return [Digest(source, title, date, "header", made)]


def build(folder: Path, index_dir: Path, names: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexing, "parse_file", fake_parse_file)
    monkeypatch.setattr(indexing, "POOL_MIN_FILES", 100)  # in-process, so the patch applies
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(f"stand-in for {name}\n", encoding="utf-8")
    update_index(index_dir, [str(folder)])


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Any:
    base = tmp_path_factory.mktemp("search")
    with pytest.MonkeyPatch.context() as monkeypatch:
        build(base / "digests", base / "index", list(STORIES), monkeypatch)
    opened = open_index(base / "index")
    yield opened
    opened.close()


def ids(index: Index, query: str, **options: Any) -> list[str]:
    return [hit.id for hit in index.search(query, **options).hits]


def test_empty_query_is_every_story_newest_first(index: Index) -> None:
    result = index.search("")
    assert [h.id for h in result.hits] == ["s5", "s4", "s3", "s1", "s2"]
    assert (result.total, result.exact) == (5, True)
    assert index.doc_count() == 5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("strike", {"s1", "s4"}),  # stems: strike, strikes
        ("junior doctors", {"s1", "s2"}),
        ("junior and doctors", {"s1", "s2"}),  # lower-case "and" is just a (stop) word
        ("junior ambulance", set()),
        ("junior OR ambulance", {"s1", "s2", "s4"}),
        ("strike NOT ambulance", {"s1"}),
        ("strike -ambulance", {"s1"}),
        ("strike AND NOT ambulance", {"s1"}),
        ('"junior doctors"', {"s1"}),  # s2 has both words, not side by side
        ('"junior doctors strike"', {"s1"}),
        ('"doctors junior"', set()),
        ("ambul*", {"s4"}),
        ("hosp?tals", {"s3", "s5"}),
        ("ambulanse~", {"s4"}),
        ("whistlblowers~2", {"s4"}),
        ('org:"NHS England"', {"s2"}),
        ('organisation:"nhs england"', {"s2"}),
        ('organization:"British Medical Association"', {"s1"}),
        ('person:"Amanda Pritchard"', {"s2"}),
        ('who:"amanda pritchard"', {"s2"}),
        ("place:London", {"s1"}),
        ("where:manchester", {"s3"}),
        ('entity:"nhs england"', {"s2"}),
        ("headline:pay", {"s1"}),
        ("headline:deficit", {"s5"}),
        ('headline:"junior doctors"', {"s1"}),
        ("title:deficit", {"s3", "s5"}),  # s3's lead title, s5's headline
        ("text:whistleblowers", {"s4"}),
        ("body:manchester", {"s3"}),
        ("source:jan.txt", {"s3"}),
        ("from:jan", {"s3"}),
        ("date:2016", {"s1", "s2"}),
        ("date:2016-03", {"s1", "s2"}),
        ("date:[2016-01 to 2016-06]", {"s1", "s2"}),
        ("date:2016-01-01..2017-12-31", {"s1", "s2", "s3"}),
        ("date:>2016-12", {"s3", "s4", "s5"}),
        ("date:<2017", {"s1", "s2"}),
        ('date:"last month"', {"s5"}),
        ("strike date:2018", {"s4"}),
        ("money:>10m", {"s1", "s3"}),
        ("money:[1m to 20m]", {"s1"}),
        ("money:>1bn", {"s3"}),
        ("percent:>10", {"s2", "s3"}),
        ("percent:>20", {"s2"}),
        ("percent:15", {"s3"}),
        ("id:s4", {"s4"}),
    ],
)
def test_query_features(index: Index, query: str, expected: set[str]) -> None:
    result = index.search(query)
    assert {hit.id for hit in result.hits} == expected
    assert result.total == len(expected)


def test_ranking_prefers_headline_matches(index: Index) -> None:
    assert ids(index, "deficit")[0] == "s5"  # in its headline (twice counted) and text


def test_sort_by_date_is_newest_first(index: Index) -> None:
    assert ids(index, "strike OR deficit", sort="date") == ["s5", "s4", "s3", "s1"]
    assert ids(index, "date:2016-01-01..2018-12-31") == ["s4", "s3", "s1", "s2"]  # filters alone


def test_limit(index: Index) -> None:
    result = index.search("", limit=2)
    assert len(result.hits) == 2 and result.total == 5


def test_hits_carry_what_the_list_shows(index: Index) -> None:
    hit = index.search("walkout").hits[0]
    headline = "Junior doctors strike over pay"
    assert (hit.id, hit.headline, hit.title) == ("s1", headline, headline)
    assert hit.date == dt.date(2016, 3, 5)
    assert hit.sources[0].endswith("march.txt") and hit.digest_title == "Digest of 2016-03-05"
    assert hit.score > 0 and not hit.bookmarked
    assert [hit.snippet[s.start : s.end] for s in hit.snippet_spans] == ["walkout"]


def test_snippet_spans_mark_query_words_and_entities(index: Index) -> None:
    hit = index.search('strike org:"British Medical Association"').hits[0]
    marked = [hit.snippet[s.start : s.end] for s in hit.snippet_spans]
    assert marked == ["strike", "British Medical Association"]
    phrase = index.search('"junior doctors"').hits[0]
    assert [phrase.snippet[s.start : s.end] for s in phrase.snippet_spans] == ["Junior", "doctors"]


def test_a_match_in_the_headline_alone_is_marked_there(index: Index) -> None:
    hit = index.search("troubled").hits[0]  # in s2's headline, not in its text
    assert [hit.title[s.start : s.end] for s in hit.title_spans] == ["troubled"]
    assert hit.snippet_spans == ()
    lead = next(h for h in index.search("hospitals deficit").hits if h.id == "s3")  # no headline
    assert [lead.title[s.start : s.end] for s in lead.title_spans] == ["Hospitals", "deficit"]
    assert [lead.snippet[s.start : s.end] for s in lead.snippet_spans] == ["Hospitals", "deficit"]


def test_not_terms_are_not_highlighted(index: Index) -> None:
    hit = index.search("doctors -ambulance -strike").hits[0]
    assert [hit.snippet[s.start : s.end] for s in hit.snippet_spans] == ["doctors"]


class Marks:
    def ids(self, tag: str | None = None) -> set[str]:
        return {"s3"} if tag == "money" else (set() if tag else {"s1", "s3"})


def test_bookmarks_and_tags(index: Index) -> None:
    assert set(ids(index, "bookmarked:yes", bookmarks=Marks())) == {"s1", "s3"}
    assert ids(index, "tag:money", bookmarks=Marks()) == ["s3"]
    assert ids(index, "tag:other", bookmarks=Marks()) == []
    assert set(ids(index, "bookmarked:no", bookmarks=Marks())) == {"s2", "s4", "s5"}
    assert ids(index, "strike bookmarked:yes", bookmarks=Marks()) == ["s1"]
    assert ids(index, "bookmarked:yes") == []  # no lookup: nothing is bookmarked
    flags = {h.id: h.bookmarked for h in index.search("", bookmarks=Marks()).hits}
    assert flags == {"s1": True, "s2": False, "s3": True, "s4": False, "s5": False}


def test_new_since_last_visit(index: Index) -> None:
    new = {"s2", "s3"}
    assert set(ids(index, "new:yes", new=new)) == {"s2", "s3"}
    assert set(ids(index, "new:no", new=new)) == {"s1", "s4", "s5"}
    assert ids(index, "new:yes") == []  # none given: nothing is new
    assert sum(c for _, c in index.facets("new:yes", new=new).years) == 2
    with pytest.raises(QueryError, match="new: takes yes or no"):
        index.search("new:maybe")


@pytest.mark.parametrize("query", ['"unclosed', "colour:red", "date:someday", "(a OR b"])
def test_bad_queries_raise_query_error(index: Index, query: str) -> None:
    with pytest.raises(QueryError, match="^" + re.escape(f"query {query!r}: ")):
        index.search(query)
    with pytest.raises(QueryError):
        index.facets(query)


def test_did_you_mean(index: Index) -> None:
    result = index.search("ambulanse strikes")
    assert result.hits == () and result.suggestion == "ambulance strikes"
    assert index.suggest("whistlebloers") == "whistleblowers"
    assert index.suggest("ambulance") is None
    assert index.search("strike").suggestion is None


def test_stories_sources_and_digest_order(index: Index) -> None:
    found = index.story("s2")
    assert found is not None
    assert found.headline == "NHS England names seven troubled systems" and found.body == B2
    assert found.date == dt.date(2016, 3, 5) and found.position == 1
    assert {(e.label, e.canonical) for e in found.entities} >= {("ORG", "NHS England")}
    assert found.entities[0].text == B2[found.entities[0].start : found.entities[0].end]
    assert index.story("nope") is None
    assert index.sources("s3")[0].endswith("jan.txt")
    assert index.digest_stories("s2") == ("s1", "s2")
    assert index.digest_stories("s4") == ("s4",)


def test_more_like_this(index: Index) -> None:
    similar = [hit.id for hit in index.more_like_this("s3", limit=3)]
    assert "s3" not in similar and similar[0] == "s5"  # deficit, hospitals


def test_facets(index: Index) -> None:
    everything = index.facets("")
    assert ("NHS England", 1) in everything.orgs
    assert set(everything.places) == {("London", 1), ("Manchester", 1)}
    assert everything.people == (("Amanda Pritchard", 1),)
    years = Counter(["2016", "2016", "2017", "2018", str(LAST_MONTH.year)])
    assert dict(everything.years) == years
    assert everything.sources[0][1] == 2 and everything.sources[0][0].endswith("march.txt")
    narrowed = index.facets("strike")
    assert narrowed.places == (("London", 1),) and narrowed.people == ()
    assert sum(n for _, n in narrowed.years) == 2
    assert index.facets("bookmarked:yes", bookmarks=Marks()).places == (
        ("London", 1),
        ("Manchester", 1),
    )


def test_entity_counts(index: Index) -> None:
    counts = index.entity_counts(
        [("ORG", "NHS England"), ("PLACE", "london"), ("PERSON", "Nobody")]
    )
    assert counts == {("ORG", "NHS England"): 1, ("PLACE", "london"): 1, ("PERSON", "Nobody"): 0}


def test_query_spans_for_a_whole_story(index: Index) -> None:
    spans = index.query_spans("strikes", B4)
    assert [B4[s.start : s.end] for s in spans] == ["strikes"]


def test_threads_share_an_index(index: Index) -> None:
    expected = {q: ids(index, q) for q in ("strike", "deficit", "date:2016", "")}
    failures: list[str] = []

    def worker() -> None:
        for _ in range(20):
            for query, want in expected.items():
                if ids(index, query) != want:
                    failures.append(query)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_refresh_sees_a_new_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(tmp_path / "digests", tmp_path / "index", ["march.txt"], monkeypatch)
    opened = open_index(tmp_path / "index")
    try:
        assert opened.doc_count() == 2 and not opened.refresh()
        build(tmp_path / "digests", tmp_path / "index", ["march.txt", "may.txt"], monkeypatch)
        seen_elsewhere: list[int] = []
        thread = threading.Thread(target=lambda: seen_elsewhere.append(opened.doc_count()))
        assert opened.doc_count() == 2  # until refreshed
        assert opened.refresh()
        assert opened.doc_count() == 3 and ids(opened, "ambulance") == ["s4"]
        thread.start()
        thread.join()
        assert seen_elsewhere == [3]
    finally:
        opened.close()
