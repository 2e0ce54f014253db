"""Parsing speed on one core: `.venv/bin/python tests/perf/bench_parse.py [--big] [--corpus DIR]`.

Reads and splits the seed digests and the format fixtures over and over and prints stories per
second of CPU time (steadier than wall time on shared cores; the load average is printed),
without and with entity extraction; then reading and splitting alone for each format of the
gold-annotated fixtures (HTML, mail, feeds, Markdown, text). `--big` also times a 50 MB
digest file and a 50 MB single-line file (linear time, no hang). `--corpus DIR` times reading
and splitting (no entities) the first `--files` digests of a corpus folder (such as one year
of the benchmark corpus): CPU time per run, median of `--runs`. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer.pipeline import parse_file  # noqa: E402
from indexer.reading.readers import ReadError, Skipped, iter_files, read_file  # noqa: E402
from indexer.stories.split import split_digest  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
GOAL = 5_000
FORMAT_GOAL = 2_500  # HTML and mail, whose readers do more work
_GOLD_SETS = ("seeds", "formats", "holdout", "unseen", "dev", "dev2", "eval", "carriers")


def _files() -> list[tuple[Path, str]]:
    problems: list[object] = []
    folders = [FIXTURES / "seeds", FIXTURES / "formats"]
    return [
        (path, source)
        for path, source in iter_files(folders, problems.append)
        if path.suffix != ".json"
    ]


def _load() -> str:
    """The 1, 5 and 15 minute load averages: what else the shared cores were doing."""
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


def _rate(files: list[tuple[Path, str]], seconds: float, *, with_entities: bool) -> float:
    stories = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for path, source in files:
            for digest in parse_file(path, source, with_entities=with_entities):
                stories += len(digest.stories)
    return stories / (time.process_time() - start)


def _split_rate(files: list[tuple[Path, str]], seconds: float) -> float:
    raws = [raw for path, source in files for raw in read_file(path, source)]
    stories = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for raw in raws:
            stories += len(split_digest(raw.text, raw.blocks).sections)
    return stories / (time.process_time() - start)


def _by_format() -> dict[str, list[tuple[Path, str]]]:
    from tests.evaluation import format_of

    groups: dict[str, list[tuple[Path, str]]] = {}
    for name in _GOLD_SETS:
        for path in sorted((FIXTURES / name).rglob("*")):
            if path.is_file() and path.suffix not in (".json", ".py") and path.name != "SPEC.md":
                try:
                    parse_file(path, str(path), with_entities=False)
                except (ReadError, Skipped):
                    continue  # the fixtures of bad input
                groups.setdefault(format_of(path), []).append((path, str(path)))
    return groups


def _big(folder: Path) -> None:
    seed = next((FIXTURES / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    many = folder / "many.txt"
    many.write_text((seed + "\n\n") * (50_000_000 // len(seed.encode())), encoding="utf-8")
    line = folder / "one-line.txt"
    line.write_text(("word " * 10_000_000)[:50_000_000], encoding="utf-8")
    for path in (many, line):
        start = time.perf_counter()
        digests = parse_file(path, path.name, with_entities=False)
        elapsed = time.perf_counter() - start
        count = sum(len(d.stories) for d in digests)
        size = path.stat().st_size / 1e6
        print(f"{path.name}: {size:.0f} MB, {count} stories in {elapsed:.1f} s")


def _corpus(folder: Path, files: int, runs: int) -> None:
    """CPU time of `parse_file` without entities over a corpus sample (median of runs)."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    paths = paths[:files]
    for path in paths:  # warm the page cache and the regex caches
        parse_file(path, str(path), with_entities=False)
    times = []
    stories = 0
    for _ in range(runs):
        start = time.process_time()
        stories = sum(
            len(digest.stories)
            for path in paths
            for digest in parse_file(path, str(path), with_entities=False)
        )
        times.append(time.process_time() - start)
    median = statistics.median(times)
    print(f"{folder}: {len(paths)} files, {stories:,} stories, read + split, no entities")
    print(f"  CPU per run: median {median:.3f} s (min {min(times):.3f} s, {runs} runs)")
    print(f"  {median * 1000 / max(stories, 1):.4f} ms a story, {stories / median:,.0f} stories/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument("--big", action="store_true", help="also time 50 MB files")
    parser.add_argument("--corpus", type=Path, help="time a corpus folder instead (no entities)")
    parser.add_argument("--files", type=int, default=1000, help="corpus files to read")
    parser.add_argument("--runs", type=int, default=7, help="corpus runs (median reported)")
    args = parser.parse_args()
    if args.corpus is not None:
        _corpus(args.corpus, args.files, args.runs)
        return 0
    files = _files()
    seeds = [(path, source) for path, source in files if path.parent.name == "seeds"]
    print(f"one core, stories per CPU second (load average {_load()}); goal {GOAL:,} stories/s")
    for name, group in (("seeds (.txt)", seeds), ("seeds + format fixtures", files)):
        print(f"{name}, {len(group)} files:")
        print(
            f"  split only (text already read): {_split_rate(group, args.seconds):>8,.0f} stories/s"
        )
        without = _rate(group, args.seconds, with_entities=False)
        print(f"  read + split, no entities:      {without:>8,.0f} stories/s")
        with_entities = _rate(group, args.seconds, with_entities=True)
        print(f"  read + split + entities:        {with_entities:>8,.0f} stories/s")
    print(f"read + split by format, all gold fixtures (goal {FORMAT_GOAL:,}/s for HTML and mail):")
    for fmt, group in sorted(_by_format().items()):
        rate = _rate(group, args.seconds, with_entities=False)
        print(f"  {fmt:8} {len(group):3} files: {rate:>8,.0f} stories/s")
    print(f"load average at the end: {_load()}")
    if args.big:
        with tempfile.TemporaryDirectory() as folder:
            _big(Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
