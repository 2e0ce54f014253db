"""The fixed query mix both engines answer, and the timing loop and statistics they share.

Why fixed: figures from different runs, machines and commits are only comparable if the same
queries are asked. Each query is written twice, as a user types it in dex and as the closest
SQLite FTS5 expression, so the reference answers the same question. The words come from the
sample digests the corpus is learnt from, so every one occurs in a generated corpus; the
benchmark reports each query's hit counts in both engines so a mismatch shows.

Kinds (2-3 queries each): term_high (words in most stories), term_low (words in ~2% of stories),
and2, and3, or, phrase, org/person/place (fielded entity queries), date (a date range alone and
with a term), fuzzy (a misspelling: FTS5 has no fuzzy match, so its side is an OR of the known
spellings), wildcard (prefix).
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

TEXT = ("headline", "body")


@dataclass(frozen=True)
class Query:
    """One query of the mix: the dex text and its FTS5 translation."""

    kind: str
    dex: str
    match: str | None  # FTS5 MATCH expression, None when only the date restricts
    columns: tuple[str, ...] = TEXT  # FTS5 column filter the match applies to
    date_from: str | None = None  # ISO date, inclusive (FTS5: WHERE on the date column)
    date_to: str | None = None
    note: str = ""

    def fts5_match(self) -> str | None:
        if self.match is None:
            return None
        return f"{{{' '.join(self.columns)}}} : ({self.match})"


MIX: tuple[Query, ...] = (
    Query("term_high", "trust", "trust"),
    Query("term_high", "nhs", "nhs"),
    Query("term_high", "care", "care"),
    Query("term_low", "nepotism", "nepotism"),
    Query("term_low", "hepatitis", "hepatitis"),
    Query("term_low", "whistleblowers", "whistleblowers"),
    Query("and2", "junior doctors", "junior AND doctors"),
    Query("and2", "ambulance strike", "ambulance AND strike"),
    Query("and3", "junior doctors strike", "junior AND doctors AND strike"),
    Query("and3", "deficit financial trust", "deficit AND financial AND trust"),
    Query("or", "strike OR walkout", "strike OR walkout"),
    Query("or", "deficit OR overspend", "deficit OR overspend"),
    Query("phrase", '"junior doctors"', '"junior doctors"'),
    Query("phrase", '"integrated care system"', '"integrated care system"'),
    Query("phrase", '"chief executive"', '"chief executive"'),
    Query("org", 'org:"NHS England"', '"NHS England"', ("org",)),
    Query("org", 'org:"Care Quality Commission"', '"Care Quality Commission"', ("org",)),
    Query("org", 'org:"Nuffield Trust"', '"Nuffield Trust"', ("org",)),
    Query("person", 'person:"Amanda Pritchard"', '"Amanda Pritchard"', ("person",)),
    Query("person", 'person:"Dave West"', '"Dave West"', ("person",)),
    Query("place", "place:London", "London", ("place",)),
    Query("place", "place:Cambridgeshire", "Cambridgeshire", ("place",)),
    Query(
        "date", "date:2016-01-01..2016-06-30", None, date_from="2016-01-01", date_to="2016-06-30"
    ),
    Query(
        "date",
        "strike date:2019-01-01..2020-12-31",
        "strike",
        date_from="2019-01-01",
        date_to="2020-12-31",
    ),
    Query(
        "fuzzy",
        "comissioning~",
        "commissioning OR comissioning",
        note="FTS5 has no fuzzy match: OR of the known spellings",
    ),
    Query(
        "fuzzy",
        "goverment~",
        "government OR goverment",
        note="FTS5 has no fuzzy match: OR of the known spellings",
    ),
    Query("wildcard", "transform*", "transform*"),
    Query("wildcard", "hosp*", "hosp*"),
)

KINDS: tuple[str, ...] = tuple(dict.fromkeys(q.kind for q in MIX))


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p95 is a time we saw)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def summarise(samples_ms: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(samples_ms),
        "p50_ms": round(percentile(samples_ms, 50), 3),
        "p95_ms": round(percentile(samples_ms, 95), 3),
        "max_ms": round(max(samples_ms), 3),
    }


def time_mix(
    run: Callable[[Query], int],
    *,
    rounds: int,
    mix: Sequence[Query] = MIX,
    failures: tuple[type[Exception], ...] = (ValueError,),
) -> dict[str, Any]:
    """Ask every query once (timed as "first": the engine's own caches are cold, the OS file
    cache is not), then `rounds` times round-robin after that warm-up, timing each.

    `run` answers one query (top 20 with snippets) and returns the total number of matches. A
    query that raises one of `failures` is reported under "errors" and not timed further.
    Returns per-kind and overall statistics, and per query its total, first and median times.
    """
    first: dict[int, float] = {}
    errors: dict[str, str] = {}
    for i, query in enumerate(mix):
        started = time.perf_counter()
        try:
            run(query)
        except failures as exc:
            errors[query.dex] = str(exc)
            continue
        first[i] = (time.perf_counter() - started) * 1000
    by_query: dict[int, list[float]] = defaultdict(list)
    totals: dict[int, int] = {}
    for _ in range(rounds):
        for i in first:
            started = time.perf_counter()
            totals[i] = run(mix[i])
            by_query[i].append((time.perf_counter() - started) * 1000)
    by_kind: dict[str, list[float]] = defaultdict(list)
    first_by_kind: dict[str, list[float]] = defaultdict(list)
    for i in first:
        by_kind[mix[i].kind].extend(by_query[i])
        first_by_kind[mix[i].kind].append(first[i])
    every = [t for times in by_query.values() for t in times]
    return {
        "errors": errors,
        "kinds": {
            kind: {**summarise(times), "first_max_ms": round(max(first_by_kind[kind]), 3)}
            for kind, times in by_kind.items()
        },
        "overall": {
            **summarise(every),
            "mix_ms": round(sum(statistics.median(t) for t in by_query.values()), 3),
            "first_mix_ms": round(sum(first.values()), 3),
        },
        "queries": [
            {
                "kind": mix[i].kind,
                "dex": mix[i].dex,
                "fts5": mix[i].fts5_match(),
                "total": totals[i],
                "first_ms": round(first[i], 3),
                "median_ms": round(statistics.median(by_query[i]), 3),
            }
            for i in first
        ],
    }
