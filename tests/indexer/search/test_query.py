"""The query language before Whoosh sees it: aliases, dates, amounts, bookmarks, mistakes."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.errors import QueryError
from indexer.index.vocabulary import Vocabulary, edit_distance
from indexer.search.query import prepare, spellable_words
from indexer.search.query_dates import parse_period
from indexer.search.snippets import snippet

TODAY = dt.date(2024, 5, 15)


class Marks:
    """A BookmarkLookup: two bookmarks, one tagged "nhs"."""

    def ids(self, tag: str | None = None) -> set[str]:
        return {"a1"} if tag == "nhs" else (set() if tag else {"a1", "b2"})


ORG_BMA = '(org:bma^3 OR alias:"org:bma"^2 OR (nameword:"org:bma"))'


def text(query: str) -> str:
    return prepare(query, today=TODAY).text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("junior doctors", "junior doctors"),
        # Entity fields by any name: the name itself first, an alias, a word of a name.
        ('organisation:"NHS England"', '(org:"NHS England"^3 OR alias:"org:NHS England"^2)'),
        ("organization:bma", ORG_BMA),
        ("orgs:bma", ORG_BMA),
        (
            'who:"Amanda Pritchard"',
            '(person:"Amanda Pritchard"^3 OR alias:"person:Amanda Pritchard"^2)',
        ),
        (
            "people:pritchard",
            '(person:pritchard^3 OR alias:"person:pritchard"^2 OR (nameword:"person:pritchard"))',
        ),
        ("where:London", '(place:London^3 OR alias:"place:London"^2 OR (nameword:"place:london"))'),
        ("org:nhs*", "org:nhs*"),  # a wildcard stays as typed
        ("from:hsj.txt", "(source:hsj.txt OR source:hsj.txt*)"),  # a word or its start
        ("source:hsj*", "source:hsj*"),
        ("body:deficit", "text:deficit"),
        ("Headline:deficit", "headline:deficit"),
        ("org: bma", ORG_BMA),  # a space after the colon is forgiven
        ("-strike", "NOT strike"),
        ("nhs -org:bma", f"nhs NOT {ORG_BMA}"),
        ("+nhs", "nhs"),
        ("Exclusive: trust quits", "Exclusive trust quits"),  # an unknown word before a space
        ("10:30 meeting", "10 30 meeting"),
        ("\u201cjunior doctors\u201d", '"junior doctors"'),  # typographic quotes
        ("*", ""),
        ("   ", ""),
    ],
)
def test_rewrites(query: str, expected: str) -> None:
    assert text(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date:2016", "date:[20160101 TO 20161231]"),
        ("date:2016-02", "date:[20160201 TO 20160229]"),
        ("date:2016-03-05", "date:[20160305 TO 20160305]"),
        ("date:05/03/2016", "date:[20160305 TO 20160305]"),
        ('date:"March 2016"', "date:[20160301 TO 20160331]"),
        ('date:"5 March 2016"', "date:[20160305 TO 20160305]"),
        ("date:[2016-01 to 2016-06]", "date:[20160101 TO 20160630]"),
        ("date:{2016 TO 2018}", "date:[20170101 TO 20171231]"),
        ("date:2016-01-01..2016-06-30", "date:[20160101 TO 20160630]"),
        ("date:[2016 to]", "date:[20160101 TO]"),
        ("date:>2016-03", "date:[20160401 TO]"),
        ("date:>=2016-03", "date:[20160301 TO]"),
        ("date:<2016", "date:[TO 20151231]"),
        ("date:<=2016", "date:[TO 20161231]"),
        ('date:"last month"', "date:[20240401 TO 20240430]"),
        ('date:"this month"', "date:[20240501 TO 20240515]"),
        ('date:"last year"', "date:[20230101 TO 20231231]"),
        ("date:today", "date:[20240515 TO 20240515]"),
        ("date:yesterday", "date:[20240514 TO 20240514]"),
        ('date:"last week"', "date:[20240506 TO 20240512]"),
        ('date:"past 30 days"', "date:[20240416 TO 20240515]"),
        ("year:2019", "date:[20190101 TO 20191231]"),
        ("date:(2016 OR 2018)", "(date:[20160101 TO 20161231] OR date:[20180101 TO 20181231])"),
        ("strike date:2019", "strike date:[20190101 TO 20191231]"),
    ],
)
def test_dates(query: str, expected: str) -> None:
    assert text(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("money:>10m", "money:{10000000 TO]"),
        ("money:>=£10m", "money:[10000000 TO]"),
        ("money:<500k", "money:[TO 500000}"),
        ("money:[1m to 5bn]", "money:[1000000 TO 5000000000]"),
        ("money:1.5m..2m", "money:[1500000 TO 2000000]"),
        ("money:£2,500", "money:2500"),
        ('money:"10 million"', "money:10000000"),
        ("percent:>10", "percent:{10 TO]"),
        ("percent:<=2.5%", "percent:[TO 2.5]"),
        ("percent:[5 to 10]", "percent:[5 TO 10]"),
    ],
)
def test_amounts(query: str, expected: str) -> None:
    assert text(query) == expected


def test_bookmarks_become_named_id_sets() -> None:
    prepared = prepare("bookmarked:yes nhs tag:nhs", bookmarks=Marks())
    assert prepared.text == "vset:s0 nhs vset:s1"
    assert prepared.sets == {"s0": frozenset({"a1", "b2"}), "s1": frozenset({"a1"})}
    negated = prepare("bookmarked:no", bookmarks=Marks())
    assert negated.text == "(NOT vset:s0)"
    assert prepare("tag:nhs").sets == {"s0": frozenset()}  # no lookup: matches nothing


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ('"junior doctors', 'unbalanced quotes (")'),
        ('org:"NHS England', 'unbalanced quotes (")'),
        ("(nhs OR bma", "'(' without a matching ')'"),
        ("nhs)", "')' without a matching '('"),
        ("date:[2016 to 2017", "unbalanced range bracket '['"),
        ("color:red", "unknown field 'color:'"),
        ("org:", "missing value after 'org:'"),
        ("date:someday", "cannot read 'someday' as a date"),
        ("date:2016-13", "'2016-13' is not a real date"),
        ("date:[2018 to 2016]", "ends before it starts"),
        ("money:lots", "cannot read 'lots' as an amount"),
        ("money:[5m to 1m]", "ends before it starts"),
        ("percent:half", "cannot read 'half' as a percentage"),
        ("bookmarked:maybe", "bookmarked: takes yes or no"),
        ("nhs [2016 TO 2017]", "a range needs a field"),
    ],
)
def test_mistakes_are_one_line_errors_naming_the_query(query: str, problem: str) -> None:
    with pytest.raises(QueryError) as caught:
        prepare(query, today=TODAY)
    message = str(caught.value)
    assert message.startswith(f"query {query!r}: ")
    assert problem in message
    assert "\n" not in message
    assert isinstance(caught.value, ValueError)


def test_period_edges() -> None:
    assert parse_period("2024-02", TODAY).end == dt.date(2024, 2, 29)
    assert parse_period("Sept 2015", TODAY).start == dt.date(2015, 9, 1)
    with pytest.raises(ValueError, match="not a real date"):
        parse_period("2015-02-30", TODAY)


def test_spellable_words_skip_operators_fields_and_patterns() -> None:
    query = 'junoir AND org:bma "strke action" hosp* fuzzy~ date:2016 headline:defcit'
    found = [word for _, _, word in spellable_words(query)]
    assert found == ["junoir", "strke", "action", "defcit"]
    for start, end, word in spellable_words(query):
        assert query[start:end] == word


def test_vocabulary_expansions_and_corrections() -> None:
    vocab = Vocabulary(["hospital", "hospitals", "hospice", "host", "doctor", "doctors", "deficit"])
    assert vocab.expand("prefix", "hosp") == ["hospice", "hospital", "hospitals"]
    assert vocab.expand("wildcard", "hosp?tal*") == ["hospital", "hospitals"]
    assert vocab.expand("fuzzy", "docter", 1) == ["doctor"]
    assert set(vocab.expand("fuzzy", "doctro", 2)) >= {"doctor", "doctors"}
    counts = {"doctor": 5, "doctors": 9, "deficit": 3}
    assert vocab.correct("doctorz", lambda w: counts.get(w, 0)) == "doctors"
    assert vocab.correct("defcit", lambda w: counts.get(w, 0)) == "deficit"
    assert vocab.correct("zzzz", lambda w: counts.get(w, 0)) is None


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("doctor", "doctor", 0), ("doctor", "docter", 1), ("doctor", "odctor", 1), ("ab", "ba", 1),
     ("hospital", "hsopitl", 2), ("abc", "xyz", 3)],
)  # fmt: skip
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 3) == distance


def test_snippet_marks_stemmed_words_and_collapses_space() -> None:
    body = (
        "Opening words.\n\n"
        + "filler " * 60
        + "The Doctors   said doctor's strikes went on.\n"
        + "x " * 80
    )
    text, spans = snippet(body, {"doctor", "strike"})
    marked = [text[s.start : s.end] for s in spans]
    assert marked == ["Doctors", "doctor", "strikes"]
    assert text.startswith("…") and text.endswith("…")
    assert "  " not in text and "\n" not in text


def test_snippet_without_matches_is_the_opening() -> None:
    text, spans = snippet("Short story about nothing.", {"doctor"})
    assert (text, spans) == ("Short story about nothing.", ())
