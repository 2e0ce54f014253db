"""Measure dex on a synthetic corpus of N stories against SQLite FTS5, print figures and goals.

    .venv/bin/python -m tests.perf.bench --stories 100000 --out bench-out/
    nice .venv/bin/python -m tests.perf.bench --stories 1000000 --no-profile --out bench-out/

One run: generate the corpus (tests/perf/corpus.py), build the dex index and re-index it
unchanged, run the fixed query mix (tests/perf/querymix.py) on dex and on FTS5
(tests/perf/fts5.py), time the app's first paint and keystroke-to-results, then print a table
with the goals and write bench-out/bench-<N>.json. Each measured phase runs in a fresh process
so its memory figures are its own; the indexing phase's are every process it starts, summed
at the same moment (tests/perf/memory.py). After the runs, the growth of the figures across
every size whose report is in the folder (tests/perf/growth.py). A corpus is generated once
per size and seed, and reused while its generator is unchanged.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, fields
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from tests.perf import corpus, growth, querymix
from tests.perf.app_timing import measure_app
from tests.perf.memory import TreePeak
from tests.perf.report import Report, compare, goals, render

# The summary's figures for the report (not its problems, nor the ids of every story).
_COUNTS = {"digests", "stories", "entities", "duplicates_merged", "unchanged", "removed",
           "skipped", "failed", "seconds", "damage"}  # fmt: skip


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def peak_child_rss_mb() -> float:
    """Largest peak resident memory of any finished child process (the indexing workers)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def current_rss_mb() -> float:
    """Resident memory now (from /proc where there is one, else the peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass  # no /proc (macOS): fall back to the peak below
    return peak_rss_mb()


def dir_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 2)


def _skip(reason: str) -> Report:
    return {"skipped": reason}


def phase_index(corpus_dir: str, index_dir: str, *, fresh: bool) -> Report:
    """Build (fresh) or re-index (unchanged) with C's update_index; time and memory."""
    try:
        from indexer.index.store import update_index
    except ImportError as exc:
        return _skip(f"indexer.index.store not importable yet ({exc})")
    if fresh:
        shutil.rmtree(index_dir, ignore_errors=True)
    problems: list[object] = []
    started = time.perf_counter()
    said = [started]

    def progress(done: int, total: int, _source: str) -> None:
        """Say how far it got every 30 s (a run of a million stories may be stopped)."""
        now = time.perf_counter()
        if now - said[0] >= 30:
            said[0] = now
            print(f"{time.strftime('%H:%M:%S')} indexing: {done}/{total} files in "
                  f"{now - started:.0f} s", file=sys.stderr, flush=True)  # fmt: skip

    summary = update_index(
        Path(index_dir), [corpus_dir], progress=progress, on_problem=problems.append
    )
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "stories_per_s": round(summary.stories / seconds, 1) if fresh and seconds else None,
        "peak_rss_mb": peak_rss_mb(),
        "peak_worker_rss_mb": peak_child_rss_mb(),
        "size_mb": dir_size_mb(Path(index_dir)),
        "summary": {
            **{f.name: getattr(summary, f.name) for f in fields(summary) if f.name in _COUNTS},
            "new_stories": len(summary.new_ids),
            "gone_stories": len(summary.gone_ids),
        },
        "problems": [str(p) for p in problems[:5]],
    }


def phase_dex_queries(index_dir: str, rounds: int, profile_path: str | None) -> Report:
    """The query mix on the dex index; RSS with the index open afterwards; optional profile."""
    try:
        from indexer.search.searcher import open_index
    except ImportError as exc:
        return _skip(f"indexer.index.store not importable yet ({exc})")
    started = time.perf_counter()
    index = open_index(Path(index_dir))
    index.search("", limit=20)
    open_s = time.perf_counter() - started

    def run(query: querymix.Query) -> int:
        index.forget_answers()  # time the search, not the answer a repeated query is served
        return index.search(query.dex, limit=20).total

    report: Report = {"open_s": round(open_s, 3), "doc_count": index.doc_count()}
    report.update(querymix.time_mix(run, rounds=rounds))
    report["rss_open_mb"] = current_rss_mb()
    report["peak_rss_mb"] = peak_rss_mb()
    if profile_path:
        report["profile"] = _profile(Path(index_dir), report, Path(profile_path))
    index.close()
    return report


def _profile(index_dir: Path, report: Report, path: Path) -> Report:
    """cProfile the two slowest kinds (by p95): first asks on a freshly opened index, then five
    warm rounds. Full listing to a file; the top functions by own time returned."""
    from indexer.search.searcher import open_index

    kinds = report["kinds"]
    slowest = sorted(kinds, key=lambda k: kinds[k]["p95_ms"], reverse=True)[:2]
    found: Report = {}
    listing = io.StringIO()
    for kind in slowest:
        queries = [q for q in querymix.MIX if q.kind == kind and q.dex not in report["errors"]]
        index = open_index(index_dir)
        found[kind] = {}
        for label, rounds in (("first", 1), ("warm", 5)):
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(rounds):
                for query in queries:
                    index.forget_answers()
                    index.search(query.dex, limit=20)
            profiler.disable()
            stats = pstats.Stats(profiler, stream=listing)
            for order in ("tottime", "cumulative"):
                listing.write(f"\n===== {kind}, {label} ({rounds} rounds), by {order} =====\n")
                stats.sort_stats(order).print_stats(25)
            table = stats.stats  # type: ignore[attr-defined]
            rows = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:8]
            found[kind][label] = [
                f"{'/'.join(Path(file).parts[-2:])}:{line}({func}) own {tt * 1000 / rounds:.1f} "
                f"ms, cum {ct * 1000 / rounds:.1f} ms per round"
                for (file, line, func), (_cc, _nc, tt, ct, _callers) in rows
            ]
        index.close()
    path.write_text(listing.getvalue(), encoding="utf-8")
    return {"file": str(path), "top_own_time": found}


def phase_fts5(corpus_dir: str, db_path: str, rounds: int) -> Report:
    """Build the FTS5 reference from the same parsed stories and run the same mix on it."""
    from tests.perf import fts5

    return _fts5_mix({"build": fts5.build(Path(db_path), Path(corpus_dir))}, db_path, rounds)


def phase_fts5_reused(db_path: str, rounds: int) -> Report:
    """The same mix on an FTS5 database an earlier run built (--reuse)."""
    return _fts5_mix({}, db_path, rounds)


def _fts5_mix(report: Report, db_path: str, rounds: int) -> Report:
    from tests.perf import fts5

    engine = fts5.Fts5Engine(Path(db_path))

    def run(query: querymix.Query) -> int:
        return engine.search(query, limit=20)[0]

    report.update(querymix.time_mix(run, rounds=rounds, failures=(sqlite3.Error,)))
    report["rss_open_mb"] = current_rss_mb()
    report["peak_rss_mb"] = peak_rss_mb()
    engine.close()
    return report


def byte_compile() -> None:
    """Compile dex's own modules to bytecode, as `pip install .` does, so the app timings are
    an installed dex's; a checkout run with PYTHONDONTWRITEBYTECODE=1 (set on some machines)
    would otherwise compile every module on each start (~0.1 s)."""
    root = Path(__file__).resolve().parents[2]
    for package in ("indexer", "tui"):
        compileall.compile_dir(root / package, quiet=1)


def phase_app(data_dir: str) -> Report:
    """App start to first painted story list, and keystroke to updated results (headless)."""
    return asyncio.run(measure_app(Path(data_dir)))


def _call(isolate: bool, fn: Callable[..., Report], *args: Any, **kwargs: Any) -> Report:
    """Run a phase in a fresh process (isolate) or here; a crash becomes an error entry.
    Isolated, the phase's process and every process it starts are sampled for their memory
    together (tests/perf/memory.py): the report's "memory"."""
    try:
        if not isolate:
            return fn(*args, **kwargs)
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            with TreePeak(pool.submit(os.getpid).result()) as peak:
                report = pool.submit(fn, *args, **kwargs).result()
            return {**report, "memory": peak.report()}
    except Exception as exc:  # a broken phase must not hide the others' figures
        return {"error": f"{type(exc).__name__}: {exc}"}


def environment() -> Report:
    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "load_before": _load(),
        "nice": os.nice(0) if hasattr(os, "nice") else None,
    }


def _load() -> float | None:
    """The one-minute load average (the machine is shared: figures move with it)."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def _corpus(corpus_dir: Path, record: Path, stories: int, seed: int) -> Report:
    """The corpus of this size and seed: the one written before if the generator has not
    changed since (its record says so; a million stories take minutes to write), else anew."""
    fingerprint = corpus.fingerprint()
    if record.exists() and corpus_dir.is_dir():
        info: Report = json.loads(record.read_text(encoding="utf-8"))
        if info.get("fingerprint") == fingerprint:
            return {**info, "reused": True}
    record.unlink(missing_ok=True)
    shutil.rmtree(corpus_dir, ignore_errors=True)
    info = {**asdict(corpus.generate(corpus_dir, stories, seed=seed)), "fingerprint": fingerprint}
    record.write_text(json.dumps(info) + "\n", encoding="utf-8")
    return info


def run(
    stories: int,
    out: Path,
    *,
    rounds: int = 5,
    isolate: bool = True,
    profile: bool = True,
    seed: int = 1,
    reuse: bool = False,
) -> Report:
    """Every phase in order; returns the report that main prints and writes.

    With reuse, a corpus, dex index and FTS5 database left by an earlier run of the same size
    and seed are measured again instead of rebuilt (the build phases are then marked skipped),
    so read-side changes can be re-measured at 100k without ten minutes of indexing."""
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    corpus_dir, data_dir = out / f"corpus-{stories}", out / f"data-{stories}"
    index_dir = data_dir / "index"
    corpus_json = out / f"corpus-{stories}-seed{seed}.json"
    report: Report = {
        "stories": stories,
        "rounds": rounds,
        "isolated": isolate,
        "environment": environment(),
        "corpus": _corpus(corpus_dir, corpus_json, stories, seed),
    }
    partial = out / f"bench-{stories}.partial.json"

    def keep(phase: str, figures: Report) -> None:
        """Record a finished phase, and leave what is done so far on disk: a run of a million
        stories may be stopped before its end."""
        report[phase] = figures
        partial.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"{time.strftime('%H:%M:%S')} {phase} done (so far: {partial})", file=sys.stderr)

    reusing = reuse and report["corpus"].get("reused") and (index_dir / "dex-index.json").exists()
    if reusing:
        keep("index", _skip("reused the index of an earlier run (--reuse)"))
        keep("reindex", _skip("reused the index of an earlier run (--reuse)"))
    else:
        keep("index", _call(isolate, phase_index, str(corpus_dir), str(index_dir), fresh=True))
        keep("reindex", _call(isolate, phase_index, str(corpus_dir), str(index_dir), fresh=False))
    profile_path = str(out / f"profile-{stories}.txt") if profile else None
    keep("dex_queries", _call(isolate, phase_dex_queries, str(index_dir), rounds, profile_path))
    fts5_db = out / f"fts5-{stories}.sqlite3"
    if reusing and fts5_db.exists():
        keep("fts5", _call(isolate, phase_fts5_reused, str(fts5_db), rounds))
    else:
        keep("fts5", _call(isolate, phase_fts5, str(corpus_dir), str(fts5_db), rounds))
    byte_compile()
    keep("app", _call(isolate, phase_app, str(data_dir)))
    partial.unlink()
    report["load_after"] = _load()
    report["comparison"] = compare(report)
    report["goals"] = goals(report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark dex against SQLite FTS5.")
    parser.add_argument(
        "--stories",
        type=int,
        nargs="+",
        default=[10_000],
        help="corpus sizes, each its own run (default 10000; 1000000 takes most of an hour)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("bench-out"), help="work and result folder"
    )
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of the query mix")
    parser.add_argument("--seed", type=int, default=1, help="corpus generator seed")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the corpus and indexes of an earlier run of this size instead of rebuilding",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile of slow kinds")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run phases in this process (faster; memory figures then mixed)",
    )
    args = parser.parse_args(argv)
    if min(args.stories) < 1 or args.rounds < 1:
        parser.error("--stories and --rounds must be at least 1")
    for stories in args.stories:
        report = run(
            stories,
            args.out,
            rounds=args.rounds,
            isolate=not args.in_process,
            profile=not args.no_profile,
            seed=args.seed,
            reuse=args.reuse,
        )
        print(render(report))
        path = args.out / f"bench-{stories}.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {path}\n")
    runs = growth.reports(args.out)
    if len(runs) > 1:
        print(growth.render(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
