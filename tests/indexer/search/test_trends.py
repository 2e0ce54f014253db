"""Counting stories over time: exact counts on an index made here, the edges of weeks, months
and years, and stories dated only by their file kept out of every period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from indexer.index import indexing
from indexer.index.store import update_index
from indexer.records import (
    PERIODS,
    Bucket,
    DateFrom,
    Digest,
    Entity,
    Period,
    Story,
    Timeline,
    Trends,
)
from indexer.search import trends
from indexer.search.searcher import Index, open_index

BMA = ("BMA", "ORG", "British Medical Association")
NHSE = ("NHS England", "ORG", "NHS England")
LONDON = ("London", "PLACE", "London")
STREETING = ("Wes Streeting", "PERSON", "Wes Streeting")

# file -> (digest date, where the date came from, [(story id, entities)])
DIGESTS: dict[str, tuple[dt.date, DateFrom, list[tuple[str, list[tuple[str, str, str]]]]]] = {
    "sunday.txt": (dt.date(2023, 12, 31), "header", [("s4", [NHSE])]),  # a year's last day
    "wednesday.txt": (dt.date(2024, 1, 31), "header", [("s1", [BMA]), ("s2", [BMA, STREETING])]),
    "thursday.txt": (dt.date(2024, 2, 1), "text", [("s3", [BMA, NHSE])]),  # same week as s1
    "leap.txt": (dt.date(2024, 2, 29), "filename", [("s7", [LONDON])]),
    "march.txt": (dt.date(2024, 3, 4), "header", [("s5", [NHSE, LONDON])]),
    "undated.txt": (dt.date(2024, 3, 5), "mtime", [("s6", [BMA]), ("s8", [NHSE])]),
}


def _story(story_id: str, found: list[tuple[str, str, str]], source: str, day: dt.date,
           date_from: DateFrom) -> Story:  # fmt: skip
    body = "Story " + story_id + ": " + ", ".join(text for text, _, _ in found) + "."
    entities = []
    for text, label, canonical in found:
        start = body.index(text)
        entities.append(Entity(text, label, "body", start, start + len(text), canonical, None))  # type: ignore[arg-type]
    return Story(
        id=story_id, source=source, digest_title="Digest", date=day, date_from=date_from,
        position=0, headline=f"Headline {story_id}", title=f"Headline {story_id}", body=body,
        entities=tuple(entities),
    )  # fmt: skip


def fake_parse_file(path: Path, source: str, **_: Any) -> list[Digest]:
    day, date_from, stories = DIGESTS[path.name]
    made = tuple(_story(sid, found, source, day, date_from) for sid, found in stories)
    return [Digest(source, "Digest", day, date_from, made)]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Any:
    base = tmp_path_factory.mktemp("trends")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(indexing, "parse_file", fake_parse_file)
        monkeypatch.setattr(indexing, "POOL_MIN_FILES", 100)  # in-process: the patch applies
        (base / "digests").mkdir()
        for name in DIGESTS:
            (base / "digests" / name).write_text("stand-in\n", encoding="utf-8")
        update_index(base / "index", [str(base / "digests")])
    opened = open_index(base / "index")
    yield opened
    opened.close()


def counts(found: Timeline) -> list[tuple[str, int]]:
    return [(bucket.start.isoformat(), bucket.count) for bucket in found.buckets]


def test_months_count_every_dated_story_once(index: Index) -> None:
    found = index.timeline("", by="month")
    assert counts(found) == [("2023-12-01", 1), ("2024-01-01", 2), ("2024-02-01", 2),
                             ("2024-03-01", 1)]  # fmt: skip
    assert (found.dated, found.undated) == (6, 2)
    assert found.buckets[1].end == dt.date(2024, 1, 31)
    assert found.buckets[2].end == dt.date(2024, 2, 29)  # a leap year's February


def test_a_week_runs_monday_to_sunday_across_months_and_years(index: Index) -> None:
    found = index.timeline("", by="week")
    assert found.buckets[0] == Bucket(dt.date(2023, 12, 25), dt.date(2023, 12, 31), 1)
    # Wednesday 31 January and Thursday 1 February: one week, two months.
    assert found.buckets[5] == Bucket(dt.date(2024, 1, 29), dt.date(2024, 2, 4), 3)
    # Weeks without stories are there, empty: the chart's gaps are real.
    assert counts(found)[6:] == [("2024-02-05", 0), ("2024-02-12", 0), ("2024-02-19", 0),
                                 ("2024-02-26", 1), ("2024-03-04", 1)]  # fmt: skip
    assert sum(b.count for b in found.buckets) == 6


def test_years_split_at_new_year(index: Index) -> None:
    assert counts(index.timeline("", by="year")) == [("2023-01-01", 1), ("2024-01-01", 5)]


def test_a_query_counts_only_its_stories_and_its_undated_ones(index: Index) -> None:
    found = index.timeline('org:"British Medical Association"', by="month")
    assert counts(found) == [("2024-01-01", 2), ("2024-02-01", 1)]
    assert found.undated == 1  # s6, dated only by its file: never in a month
    assert index.timeline("place:london", by="month").undated == 0


def test_since_starts_at_the_period_holding_the_day(index: Index) -> None:
    found = index.timeline("", by="month", since=dt.date(2024, 2, 15))
    assert counts(found) == [("2024-02-01", 2), ("2024-03-01", 1)]
    assert found.undated == 2  # undated stories have no day to compare with since


def test_no_match_is_an_empty_timeline(index: Index) -> None:
    found = index.timeline("nosuchword", by="week")
    assert (found.buckets, found.undated) == ((), 0)


def _names(found: Trends, label: str, direction: str) -> list[tuple[str, int, int]]:
    group = found.rising if direction == "rising" else found.falling
    return [(t.name, t.before, t.now) for t in group[label]]


def test_trends_compare_the_newest_period_with_the_one_before(index: Index) -> None:
    found = index.trends(by="month")
    assert (found.current.start, found.previous.start) == (dt.date(2024, 3, 1), dt.date(2024, 2, 1))
    assert (found.current.count, found.previous.count) == (1, 2)
    # s6 (BMA) is dated only by its file: BMA had no story in March.
    assert _names(found, "ORG", "falling") == [("British Medical Association", 1, 0)]
    assert _names(found, "ORG", "rising") == []  # NHS England: one story in each
    assert found.undated == 2


def test_trends_of_a_chosen_period_with_sparklines(index: Index) -> None:
    found = index.trends(by="month", period=dt.date(2024, 2, 10))
    assert _names(found, "ORG", "rising") == [("NHS England", 0, 1)]
    assert _names(found, "ORG", "falling") == [("British Medical Association", 2, 1)]
    assert _names(found, "PERSON", "falling") == [("Wes Streeting", 1, 0)]
    assert _names(found, "PLACE", "rising") == [("London", 0, 1)]
    nhse = found.rising["ORG"][0]
    assert nhse.series == (0,) * 9 + (1, 0, 1)  # December, January, February
    assert nhse.key == "nhs england"
    assert [p.start for p in found.periods][-3:] == [
        dt.date(2023, 12, 1),
        dt.date(2024, 1, 1),
        dt.date(2024, 2, 1),
    ]
    assert [p.count for p in found.periods][-3:] == [1, 2, 2]


def test_trends_of_a_query_count_only_its_stories(index: Index) -> None:
    found = index.trends("place:london", by="year", period=dt.date(2024, 1, 1))
    assert _names(found, "ORG", "rising") == [("NHS England", 0, 1)]  # s5 only
    assert _names(found, "PLACE", "rising") == [("London", 0, 2)]


def test_top_limits_each_list(index: Index) -> None:
    found = index.trends(by="month", period=dt.date(2024, 2, 1), top=1)
    assert all(len(group) <= 1 for group in (*found.rising.values(), *found.falling.values()))


@pytest.mark.parametrize("by", PERIODS)
def test_period_arithmetic_agrees_with_datetime(by: Period) -> None:
    """A differential test: numpy's day and period numbers against the datetime module's."""
    days = [dt.date(1999, 12, 27) + dt.timedelta(days=n) for n in range(0, 3000, 7)]
    days += [dt.date(2000, 2, 29), dt.date(2024, 12, 31), dt.date(2025, 1, 1)]
    packed = np.array([d.year * 10000 + d.month * 100 + d.day for d in days])
    numbers = trends.day_numbers(packed)
    epoch = dt.date(1970, 1, 1)
    assert numbers.tolist() == [(d - epoch).days for d in days]
    starts = trends.period_starts(numbers, by)
    assert starts.tolist() == [(trends.period_of(d, by).start - epoch).days for d in days]


@pytest.mark.parametrize(
    ("day", "by", "steps", "start", "end"),
    [
        (dt.date(2024, 1, 31), "month", 1, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (dt.date(2024, 1, 15), "month", -1, dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
        (dt.date(2024, 1, 1), "week", -1, dt.date(2023, 12, 25), dt.date(2023, 12, 31)),
        (dt.date(2024, 3, 3), "week", 0, dt.date(2024, 2, 26), dt.date(2024, 3, 3)),
        (dt.date(2024, 6, 1), "year", -2, dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ],
)
def test_periods_shift_over_their_edges(
    day: dt.date, by: Period, steps: int, start: dt.date, end: dt.date
) -> None:
    found = trends.shift(trends.period_of(day, by), by, steps)
    assert (found.start, found.end) == (start, end)
