"""Stories over time: a query's timeline per week, month or year, and the entities whose
mentions rose or fell most against the period before.

Everything is counted from the index (the date column and the entity fields, through the
engine's Ranker, which keeps them per thread), never from the stored stories, so a timeline over
100,000 stories takes milliseconds. Stories dated only by their file's modification time (no
date in the mail, the text or the file name) have no real date: they are counted apart as
`undated` and never put in a period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from indexer import engine
from indexer.engine.documents import decode
from indexer.index.manifest import file_dated_story_ids
from indexer.records import Bucket, EntityTrend, Period, Timeline, Trends

if TYPE_CHECKING:
    from pathlib import Path

TREND_FIELDS = {"ORG": "org", "PERSON": "person", "PLACE": "place"}
SPARK_PERIODS = 12  # periods in each entity's sparkline, the chosen one last


# ---------------------------------------------------------------------------------------------
# Periods


def day_numbers(dates: np.ndarray) -> np.ndarray:
    """yyyymmdd integers as days since 1970-01-01."""
    dates = np.asarray(dates, np.int64)
    years = (dates // 10000 - 1970).astype("datetime64[Y]")
    months = years.astype("datetime64[M]") + (dates // 100 % 100 - 1).astype("timedelta64[M]")
    days = months.astype("datetime64[D]") + (dates % 100 - 1).astype("timedelta64[D]")
    return days.astype(np.int64)


def period_starts(days: np.ndarray, by: Period) -> np.ndarray:
    """The first day (days since 1970) of the period each day falls in; weeks start on Monday."""
    if by == "week":
        return days - (days + 3) % 7  # 1970-01-01 was a Thursday
    unit = "datetime64[M]" if by == "month" else "datetime64[Y]"
    return days.astype("datetime64[D]").astype(unit).astype("datetime64[D]").astype(np.int64)


def period_of(day: dt.date, by: Period) -> Bucket:
    """The period holding `day`, with no count."""
    if by == "week":
        start = day - dt.timedelta(days=day.weekday())
        return Bucket(start, start + dt.timedelta(days=6), 0)
    if by == "month":
        start = day.replace(day=1)
        return Bucket(start, _next(start, by) - dt.timedelta(days=1), 0)
    return Bucket(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), 0)


def shift(period: Bucket, by: Period, steps: int) -> Bucket:
    """The period `steps` periods later (earlier when negative)."""
    start = period.start
    for _ in range(abs(steps)):
        start = _next(start, by) if steps > 0 else period_of(start - dt.timedelta(days=1), by).start
    return period_of(start, by)


def _next(start: dt.date, by: Period) -> dt.date:
    if by == "week":
        return start + dt.timedelta(days=7)
    if by == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return dt.date(start.year + 1, 1, 1)


def _day(number: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=number)


def _ordinal(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


# ---------------------------------------------------------------------------------------------
# Undated stories


def file_dated_mask(searcher: object, index_dir: Path, size: int) -> np.ndarray:
    """True for each document whose date is its file's modification time. The manifest names
    the stories with such an appearance; the stored story says whether that appearance is the
    one its date comes from (its first). Costs a read per such story, once per searcher."""
    mask = np.zeros(size, bool)
    for story_id in file_dated_story_ids(index_dir):
        docnum = engine.docnum_of(searcher, story_id)
        if docnum is None or docnum >= size:
            continue
        _, occurrences = decode(engine.stored(searcher, docnum)["doc"])
        mask[docnum] = occurrences[0].date_from == "mtime"
    return mask


# ---------------------------------------------------------------------------------------------
# Counting


def timeline(
    ids: np.ndarray,
    dates: np.ndarray,
    undated: np.ndarray,
    query: str,
    by: Period,
    since: dt.date | None = None,
) -> Timeline:
    """Stories `ids` (live document numbers; `dates` theirs) per period from `since` (or the
    first story); `undated` marks every document dated only by its file."""
    file_dated = undated[ids]
    starts = period_starts(day_numbers(dates[~file_dated]), by)
    if since is not None:
        starts = starts[starts >= period_starts(np.array([_ordinal(since)]), by)[0]]
    buckets: list[Bucket] = []
    if len(starts):
        found, counts = np.unique(starts, return_counts=True)
        by_start = dict(zip(found.tolist(), counts.tolist(), strict=True))
        period = period_of(_day(int(found[0])), by)
        last = _day(int(found[-1]))
        while period.start <= last:
            buckets.append(
                Bucket(period.start, period.end, by_start.get(_ordinal(period.start), 0))
            )
            period = shift(period, by, 1)
    return Timeline(query, by, tuple(buckets), int(np.count_nonzero(file_dated)), since)


def latest_period(ids: np.ndarray, dates: np.ndarray, undated: np.ndarray, by: Period) -> Bucket:
    """The period of the newest dated story among `ids` (today's when there is none)."""
    dated = dates[~undated[ids]]
    if not len(dated):
        return period_of(dt.date.today(), by)
    newest = int(dated.max())
    return period_of(dt.date(newest // 10000, newest // 100 % 100, newest % 100), by)


def trends(
    ranker: engine.Ranker,
    ids: np.ndarray,
    dates: np.ndarray,
    undated: np.ndarray,
    query: str,
    by: Period,
    current: Bucket,
    top: int,
    names: Callable[[list[str]], dict[str, str]],
) -> Trends:
    """For each entity type, the `top` entities with the largest rise and fall in stories
    among `ids` from the period before `current` to `current`; `names` gives the display
    names of index terms."""
    periods = [shift(current, by, step) for step in range(1 - SPARK_PERIODS, 1)]
    first, last = _ordinal(periods[0].start), _ordinal(current.end)
    keep = ~undated[ids]
    dated, days = ids[keep], day_numbers(dates[keep])
    inside = (days >= first) & (days <= last)
    dated, days = dated[inside], days[inside]
    # The period (0..SPARK_PERIODS-1) each story falls in.
    bounds = np.array([_ordinal(p.start) for p in periods])
    slots = np.searchsorted(bounds, days, side="right") - 1
    totals = np.bincount(slots, minlength=SPARK_PERIODS)
    chosen: dict[str, tuple[list[str], np.ndarray, list[int], list[int]]] = {}
    for label, field in TREND_FIELDS.items():
        terms, counts = ranker.counts_by_group(field, dated, slots, SPARK_PERIODS)
        change = counts[:, -1] - counts[:, -2]
        up = [int(i) for i in np.lexsort((-counts[:, -1], -change))[:top] if change[i] > 0]
        down = [int(i) for i in np.lexsort((-counts[:, -2], change))[:top] if change[i] < 0]
        chosen[label] = (terms, counts, up, down)
    shown = names([terms[i] for terms, _, up, down in chosen.values() for i in up + down])

    def made(label: str, i: int) -> EntityTrend:
        terms, counts, _, _ = chosen[label]
        row = counts[i]
        key = terms[i]
        return EntityTrend(label, shown.get(key, key), key, int(row[-1]), int(row[-2]),
                           tuple(row.tolist()))  # fmt: skip

    rising = {label: tuple(made(label, i) for i in c[2]) for label, c in chosen.items()}
    falling = {label: tuple(made(label, i) for i in c[3]) for label, c in chosen.items()}
    spark = tuple(Bucket(p.start, p.end, int(n)) for p, n in zip(periods, totals, strict=True))
    return Trends(
        query, by, spark[-1], spark[-2], rising, falling,
        int(np.count_nonzero(undated[ids])), spark,
    )  # fmt: skip
