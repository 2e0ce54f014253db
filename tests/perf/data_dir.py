"""The dex data folder a latency benchmark measures: one given, or a small one built for it.

The latency benchmarks (bench_command, bench_first_ask, bench_terminal) measure an index as
`dex` finds it, through DEX_DATA_DIR, so they take a data folder (`--data DIR`, holding
`index/`); without one they generate the benchmark corpus (tests/perf/corpus.py) and index it
under `--dir`, reusing what an earlier run left there.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.perf import corpus


def add_arguments(parser: argparse.ArgumentParser, *, stories: int = 10_000) -> None:
    parser.add_argument("--data", type=Path, help="a dex data folder with an index/ in it")
    parser.add_argument(
        "--stories", type=int, default=stories, help=f"without --data: corpus size ({stories})"
    )
    parser.add_argument(
        "--dir", type=Path, default=Path("bench-out"), help="without --data: where to build it"
    )


def run_main(
    doc: str,
    argv: Sequence[str] | None,
    run: Callable[[Path, argparse.Namespace], list[str]],
    *options: tuple[str, type, object, str],
) -> int:
    """A latency benchmark's main: the data folder's arguments and `options` (name, type,
    default, help), then `run(data folder, arguments)`'s lines printed."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    add_arguments(parser)
    for name, kind, default, text in options:
        parser.add_argument(name, type=kind, default=default, help=text)
    args = parser.parse_args(argv)
    for line in run(from_arguments(args), args):
        print(line)
    return 0


def from_arguments(args: argparse.Namespace) -> Path:
    """The data folder the arguments name, built first when it is the generated one."""
    if args.data is not None:
        if not (args.data / "index").is_dir():
            raise SystemExit(f"{args.data}: no index/ folder in it (give a dex data folder)")
        return Path(args.data)
    return build(args.dir, args.stories)


def build(folder: Path, stories: int) -> Path:
    """`folder/data-N` (as tests/perf/bench.py names it): a data folder indexing the generated
    corpus of N stories."""
    from indexer.index.store import update_index

    digests, data = folder / f"corpus-{stories}", folder / f"data-{stories}"
    if not (data / "index" / "dex-index.json").exists():
        started = time.perf_counter()
        if not digests.exists():
            corpus.generate(digests, stories)
        update_index(data / "index", [str(digests)])
        print(f"built {data} in {time.perf_counter() - started:.1f} s")
    return data


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages, for the figures' context."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"
