"""Entity fields by any name a reader uses: canonical name, alias, or a word of either ([J])."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from indexer.records import Entity, Story
from indexer.search.searcher import Index
from tests.indexer.search.story_index import index_of

DAY = dt.date(2016, 3, 5)


def _entity(body: str, text: str, label: str, aliases: tuple[str, ...] = ()) -> Entity:
    start = body.index(text)
    return Entity(text, label, "body", start, start + len(text), text, None, aliases)  # type: ignore[arg-type]


B1 = "The British Medical Association said Johann Malawana would lead the talks."
B2 = "The Care Quality Commission rated the trust in Greater Manchester as good."
B3 = "NHS Providers and Health Education England wrote to the minister."
B4 = "A British Heart Foundation study was published."
B5 = "Unison Scotland balloted its members."
B6 = "Unison said the offer was too low."
STORIES = [
    ("s1", B1, [("British Medical Association", "ORG", ("BMA",)),
                ("Johann Malawana", "PERSON", ())]),
    ("s2", B2, [("Care Quality Commission", "ORG", ("CQC",)),
                ("Greater Manchester", "PLACE", ())]),
    ("s3", B3, [("NHS Providers", "ORG", ()), ("Health Education England", "ORG", ("HEE",))]),
    ("s4", B4, [("British Heart Foundation", "ORG", ())]),
    ("s5", B5, [("Unison Scotland", "ORG", ())]),
    ("s6", B6, [("Unison", "ORG", ())]),
]  # fmt: skip


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    stories = [
        Story(sid, "", "Digest", DAY, "header", n, f"Story {sid}", f"Story {sid}", body,
              tuple(_entity(body, *found) for found in entities))
        for n, (sid, body, entities) in enumerate(STORIES)
    ]  # fmt: skip
    opened = index_of(tmp_path_factory.mktemp("names"), stories, DAY)
    yield opened
    opened.close()


def ids(index: Index, query: str) -> list[str]:
    return [hit.id for hit in index.search(query).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('org:"British Medical Association"', {"s1"}),
        ("org:bma", {"s1"}),  # an alias
        ("org:BMA", {"s1"}),
        ("ORG:cqc", {"s2"}),
        ("organisation:CQC", {"s2"}),
        ("org:british", {"s1", "s4"}),  # a word of the name
        ('org:"Care Quality Commission"', {"s2"}),
        ("person:malawana", {"s1"}),
        ("who:johann", {"s1"}),
        ('person:"Johann Malawana"', {"s1"}),
        ("place:manchester", {"s2"}),
        ("where:Manchester", {"s2"}),
        # A whole name is matched whole: two names in one story do not make a third.
        ('org:"NHS England"', set()),
        ("org:(bma OR cqc)", {"s1", "s2"}),
        ("org:hee", {"s3"}),
        ("org:medical -org:heart", {"s1"}),
    ],
)
def test_an_entity_by_any_name_a_reader_uses(index: Index, query: str, expected: set[str]) -> None:
    assert set(ids(index, query)) == expected


def test_the_exact_name_ranks_first(index: Index) -> None:
    assert ids(index, "org:unison") == ["s6", "s5"]  # "Unison" itself, then a word of a name


@pytest.mark.parametrize("query", ["org:bma", "org:british", 'org:"British Medical Association"'])
def test_the_entity_found_by_any_name_is_marked_in_the_snippet(index: Index, query: str) -> None:
    hit = next(h for h in index.search(query).hits if h.id == "s1")
    assert [hit.snippet[s.start : s.end] for s in hit.snippet_spans] == [
        "British Medical Association"
    ]
