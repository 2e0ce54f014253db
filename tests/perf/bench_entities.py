"""Entity extraction speed: stories per second on one core over the seed stories, repeated.

    .venv/bin/python -m tests.perf.bench_entities [--rounds 40] [--batches 5]

Why a benchmark and not a test: timing depends on the machine; the goal (>= 3,000 stories/s)
is printed beside the figure for a person to read. The gazetteer is loaded before timing starts,
as it is once per process in real use; its load time is printed on its own.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from indexer.entities import extractor, gazetteer
from indexer.pipeline import parse_file

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
GOAL = 3000.0


def seed_stories() -> list[tuple[str | None, str, object]]:
    stories = []
    for path in sorted(SEEDS.glob("*.txt")):
        for digest in parse_file(path, str(path), with_entities=False):
            stories.extend((s.headline, s.body, s.date) for s in digest.stories)
    return stories


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="passes over the seeds per batch")
    parser.add_argument("--batches", type=int, default=5, help="timed batches (median reported)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    gazetteer.lexicon()
    load_ms = (time.perf_counter() - started) * 1000

    stories = seed_stories()
    rates = []
    found = 0
    for _ in range(args.batches):
        started = time.perf_counter()
        for _ in range(args.rounds):
            for headline, body, day in stories:
                found += len(extractor.extract(headline, body, day))  # type: ignore[arg-type]
        rates.append(args.rounds * len(stories) / (time.perf_counter() - started))
    rates.sort()
    best, median = rates[-1], rates[len(rates) // 2]
    count = args.batches * args.rounds * len(stories)
    chars = sum(len(h or "") + len(b) for h, b, _ in stories) / len(stories)
    print(f"gazetteer load: {load_ms:.0f} ms ({len(gazetteer.lexicon().entries)} names)")
    print(f"stories: {count} ({len(stories)} seed stories, {chars:.0f} chars each, repeated)")
    print(f"entities: {found / (args.rounds * args.batches):.0f} per pass")
    verdict = "meets" if median >= GOAL else "misses"
    print(
        f"speed: {median:,.0f} stories/s on one core, median of {args.batches} batches "
        f"(best {best:,.0f}; {verdict} the goal of {GOAL:,.0f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
