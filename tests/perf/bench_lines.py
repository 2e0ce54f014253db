"""Reading and splitting time against line count: `.venv/bin/python -m tests.perf.bench_lines`.

Writes plain-text files of N and 4N short lines in several shapes (the 2 MB file of a million
one-letter lines that once took 53 s among them), reads and splits each as `dex parse` does
(`--entities` also finds entities) and prints the CPU time of each and their ratio: about 4
when the time grows linearly with the lines, 16 when it grows with their square. Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from indexer.pipeline import parse_file

# Each shape gives the text of line number i; lines are short, so that 4N of them stay within
# the characters dex reads from one file.
SHAPES: dict[str, Callable[[int], str]] = {
    "one letter a line": lambda i: "x",
    "word, blank line": lambda i: "" if i % 2 else "ab",
    "wrapped paragraph": lambda i: "so it",
    "one sentence a line": lambda i: "A b.",
    "headline over text": lambda i: ("Fined", "It was.", "")[i % 3],
}


def _seconds(path: Path, with_entities: bool) -> tuple[float, int]:
    """CPU seconds to read and split one file, and the stories found."""
    start = time.process_time()
    digests = parse_file(path, path.name, with_entities=with_entities)
    return time.process_time() - start, sum(len(d.stories) for d in digests)


def run(lines: int, shapes: list[str], with_entities: bool) -> None:
    what = "read + split + entities" if with_entities else "read + split"
    print(f"{what}, CPU seconds for N = {lines:,} and 4N lines (ratio ~4: linear)")
    with tempfile.TemporaryDirectory() as folder:
        for name in shapes:
            line = SHAPES[name]
            figures = []
            for count in (lines, 4 * lines):
                path = Path(folder) / f"{count}.txt"
                path.write_text("\n".join(line(i) for i in range(count)), encoding="utf-8")
                seconds, stories = _seconds(path, with_entities)
                figures.append(seconds)
                size = path.stat().st_size / 1e6
                print(f"  {name:20} {count:>9,} lines {size:6.1f} MB {seconds:7.2f} s"
                      f" ({stories} stories)")  # fmt: skip
            print(f"  {name:20} 4N / N: {figures[1] / max(figures[0], 1e-9):.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=250_000, help="N (default 250,000)")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="repeatable")
    parser.add_argument("--entities", action="store_true", help="find entities too")
    args = parser.parse_args(argv)
    run(args.lines, args.shape or list(SHAPES), args.entities)
    return 0


if __name__ == "__main__":
    sys.exit(main())
