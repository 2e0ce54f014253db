"""Quick benchmark of the index (helper C's): build, unchanged re-index and a query mix.

    .venv/bin/python -m tests.perf.bench_index --stories 10000 [--dir /tmp/dex-bench] [--profile]

Synthesises N stories by recombining sentences of the seed digests (tests/fixtures/seeds) into
digest files of 10 stories each, dated across ten years, then times `update_index` (parsing,
entities, analysis and writing), an unchanged re-index, and each kind of query (top 20 with
highlighted snippets). Prints figures; asserts nothing (speed goals are measured, not tested).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import random
import re
import resource
import shutil
import statistics
import time
from pathlib import Path

from indexer.index.store import update_index
from indexer.search.searcher import open_index

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
STORIES_PER_DIGEST = 10
QUERIES: dict[str, tuple[str, ...]] = {
    "empty": ("",),
    "term_high": ("trust", "nhs", "care"),
    "term_low": ("nepotism", "hepatitis", "whistleblowers"),
    "and": ("junior doctors", "junior doctors strike", "deficit financial trust"),
    "or": ("strike OR walkout", "deficit OR overspend"),
    "not": ("nhs -strike",),
    "phrase": ('"junior doctors"', '"integrated care system"', '"chief executive"'),
    "entity": ('org:"NHS England"', 'org:"Care Quality Commission"', "place:London"),
    "date": ("date:2016-01-01..2016-06-30", "strike date:2019-01-01..2020-12-31", "date:2018"),
    "money": ("money:>10m",),
    "fuzzy": ("comissioning~", "goverment~"),
    "wildcard": ("transform*", "hosp*"),
    "sort_date": ("trust",),
    "no_match": ("zzxqv consultnts",),
}


def _sentences() -> tuple[list[str], list[str]]:
    """Sentences and short headline-like lines harvested from the seed digests."""
    sentences: list[str] = []
    headlines: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = " ".join(block.split())
            if not block:
                continue
            if len(block.split()) <= 12 and not block.endswith("."):
                headlines.append(block)
            else:
                sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", block) if len(s) > 30)
    return sentences, headlines


def synthesise(out_dir: Path, stories: int, seed: int = 1) -> int:
    """Write digests of STORIES_PER_DIGEST stories each; returns the number of files."""
    rng = random.Random(seed)
    sentences, headlines = _sentences()
    out_dir.mkdir(parents=True, exist_ok=True)
    first = dt.date(2015, 1, 5)
    files = 0
    for start in range(0, stories, STORIES_PER_DIGEST):
        day = first + dt.timedelta(
            days=(start // STORIES_PER_DIGEST) * 3650 * STORIES_PER_DIGEST // max(stories, 1)
        )
        parts = [f"HSJ must-read stories, {day:%d %B %Y}", ""]
        for number in range(start, min(stories, start + STORIES_PER_DIGEST)):
            words = rng.choice(headlines).split()
            parts += [" ".join(words[: rng.randint(3, len(words))]) + f" {number}", ""]
            for _ in range(rng.choice((1, 1, 2, 3))):  # the seeds: ~80 words a story
                parts += [" ".join(rng.sample(sentences, rng.randint(1, 2))), ""]
        (out_dir / f"digest-{start // STORIES_PER_DIGEST:06d}.txt").write_text(
            "\n".join(parts), encoding="utf-8"
        )
        files += 1
    return files


def _time_queries(index_dir: Path, rounds: int) -> None:
    started = time.perf_counter()
    index = open_index(index_dir)
    index.search("", limit=20)
    print(f"open + first (empty) query: {(time.perf_counter() - started) * 1000:.0f} ms")
    cold: list[float] = []
    for kind, queries in QUERIES.items():  # each query's first run: posting lists not yet read
        for q in queries:
            started = time.perf_counter()
            index.search(q, limit=20, sort="date" if kind == "sort_date" else "relevance")
            cold.append((time.perf_counter() - started) * 1000)
    cold.sort()
    print(
        f"first run of each query: p50 {statistics.median(cold):.1f} ms, "
        f"p95 {cold[int(len(cold) * 0.95) - 1]:.1f} ms, max {cold[-1]:.1f} ms"
    )
    print(f"{'kind':<11} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  totals")
    every: list[float] = []
    for kind, queries in QUERIES.items():
        sort = "date" if kind == "sort_date" else "relevance"
        for q in queries:
            index.search(q, limit=20, sort=sort)  # warm up
        times: list[float] = []
        totals = []
        for _ in range(rounds):
            for q in queries:
                started = time.perf_counter()
                result = index.search(q, limit=20, sort=sort)
                times.append((time.perf_counter() - started) * 1000)
                totals.append(f"{result.total}{'' if result.exact else '~'}")
        times.sort()
        every += times
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        line = f"{kind:<11} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}"
        print(f"{line}  {' '.join(dict.fromkeys(totals))}")
    every.sort()
    print(
        f"{'overall':<11} {statistics.median(every):8.1f} {every[int(len(every) * 0.95) - 1]:8.1f}"
    )
    started = time.perf_counter()
    index.facets("")
    index.facets("trust")
    print(
        f"facets('') + facets('trust'), first call: {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    index.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/dex-bench"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile the fresh build")
    args = parser.parse_args(argv)
    corpus = args.dir / f"corpus-{args.stories}"
    index_dir = args.dir / f"index-{args.stories}"
    if not corpus.is_dir():
        started = time.perf_counter()
        files = synthesise(corpus, args.stories)
        print(f"corpus: {files} files in {time.perf_counter() - started:.1f} s")
    shutil.rmtree(index_dir, ignore_errors=True)
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    summary = update_index(index_dir, [str(corpus)])
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    size = sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file()) / 1e6
    print(
        f"fresh build: {summary.stories} stories in {seconds:.1f} s = "
        f"{summary.stories / seconds:.0f} stories/s; index {size:.0f} MB; failed {summary.failed}"
    )
    # The workers parse and write the segments: their CPU and memory are most of the build's.
    own, workers = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    worker_cpu = workers.ru_utime + workers.ru_stime
    print(
        f"CPU: this process {own.ru_utime + own.ru_stime:.1f} s, workers "
        f"{worker_cpu:.1f} s "
        f"({worker_cpu * 1000 / max(summary.stories, 1):.2f} ms a story); "
        f"peak RSS this process {own.ru_maxrss / 1024:.0f} MB, largest worker "
        f"{workers.ru_maxrss / 1024:.0f} MB"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    started = time.perf_counter()
    again = update_index(index_dir, [str(corpus)])
    print(f"unchanged re-index: {again.unchanged} files in {time.perf_counter() - started:.2f} s")
    _time_queries(index_dir, args.rounds)


if __name__ == "__main__":
    main()
