"""The benchmark end to end at a tiny size, so its code cannot rot. No timing is asserted."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from tests.perf import app_timing, bench, corpus, querymix
from tests.perf import report as report_module

STORE_READY = importlib.util.find_spec("indexer.index.store") is not None
APP_READY = (Path(bench.__file__).resolve().parents[2] / "tui" / "app.py").exists()


def _digest_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.txt"))


def test_generator_is_deterministic_and_writes_dated_digests_in_three_layouts(
    tmp_path: Path,
) -> None:
    info = corpus.generate(tmp_path / "a", 200)
    again = corpus.generate(tmp_path / "b", 200)

    files = _digest_files(tmp_path / "a")
    assert info.stories == 200
    assert len(files) == info.files
    assert {f.name.split("_")[1].split("-")[1].split(".")[0] for f in files} == {
        "weekly",
        "daily",
        "headlines",
    }
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d_hsj-[a-z]+(-\d+)?\.txt", f.name) for f in files)
    assert len({f.name[:4] for f in files}) >= 5  # dates spread over years
    assert [f.read_bytes() for f in files] == [
        f.read_bytes() for f in _digest_files(tmp_path / "b")
    ]
    assert again.bytes == info.bytes


def test_generated_headlines_look_like_headlines() -> None:
    gen = corpus.Generator(seed=7)
    headlines = [gen.headline() for _ in range(300)]
    assert all(h[0].isupper() or not h[0].isalpha() for h in headlines)
    assert not [h for h in headlines if h.endswith(".") or len(h.split()) > 14]
    assert len(set(headlines)) > 200


def test_every_query_of_the_mix_has_an_fts5_form_except_date_only() -> None:
    for query in querymix.MIX:
        assert query.fts5_match() is not None or query.date_from
    assert set(querymix.KINDS) >= {
        "term_high",
        "term_low",
        "and2",
        "and3",
        "or",
        "phrase",
        "org",
        "person",
        "place",
        "date",
        "fuzzy",
        "wildcard",
    }


def test_bench_runs_end_to_end_and_writes_every_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_timing, "TYPED", "nhs")  # three keystrokes are enough here
    args = ["--stories", "200", "--out", str(tmp_path), "--rounds", "1", "--in-process"]
    assert bench.main(args) == 0

    report = json.loads((tmp_path / "bench-200.json").read_text(encoding="utf-8"))
    printed = capsys.readouterr().out
    assert set(report) >= {
        "stories",
        "environment",
        "corpus",
        "index",
        "reindex",
        "dex_queries",
        "fts5",
        "app",
        "comparison",
        "goals",
    }
    assert [g["goal"] for g in report["goals"]] == list(report_module.GOALS)
    assert "goals" in printed and "term_high" in printed
    fts5 = report["fts5"]
    assert fts5["build"]["stories"] > 150
    assert set(fts5["kinds"]) == set(querymix.KINDS)
    assert not fts5["errors"]
    if STORE_READY:
        for phase in ("index", "reindex", "dex_queries"):
            assert "error" not in report[phase] and "skipped" not in report[phase], report[phase]
        assert report["index"]["stories_per_s"] > 0
        assert set(report["dex_queries"]["kinds"]) <= set(querymix.KINDS)
        assert report["comparison"]["mix_ratio"] is not None
        assert Path(report["dex_queries"]["profile"]["file"]).exists()
    if APP_READY and STORE_READY:
        assert "error" not in report["app"], report["app"]
        assert report["app"]["first_paint_s"] > 0
        assert report["app"]["keystrokes"] == 3


def test_a_phase_runs_in_a_fresh_process_and_a_crash_becomes_an_error_entry() -> None:
    isolated = bench._call(True, bench._skip, "reason")
    assert isolated["skipped"] == "reason"
    assert isolated["memory"]["processes"] >= 1 or sys.platform != "linux"
    crashed = bench._call(False, bench.phase_fts5, "/nonexistent/corpus", "/nonexistent/x.db", 1)
    assert set(crashed) == {"error"}


def test_line_count_benchmark_prints_n_and_4n(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.perf import bench_lines

    assert bench_lines.main(["--lines", "300", "--shape", "headline over text"]) == 0
    printed = capsys.readouterr().out
    assert "      300 lines" in printed and "    1,200 lines" in printed
    assert re.search(r"4N / N: \d+\.\d", printed), printed


def test_trends_benchmark_prints_every_figure_and_goal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.perf import bench_trends

    assert bench_trends.main(["--stories", "300", "--dir", str(tmp_path), "--rounds", "1"]) == 0
    printed = capsys.readouterr().out
    assert printed.count("timeline by ") == 3 * len(bench_trends.QUERIES)
    assert re.search(r"timeline: slowest median [\d.]+ ms \((meets|misses) <= 100\)", printed)
    assert re.search(r"trends view: slowest [\d.]+ ms, first call included", printed)


def test_growth_puts_each_size_side_by_side_with_its_factor(tmp_path: Path) -> None:
    from tests.perf import growth

    for stories, rate, peak in ((10_000, 2000.0, 300.0), (100_000, 1800.0, 450.0)):
        report = {
            "stories": stories,
            "environment": {"when": "2026-12-07 01:00:00", "load_before": 1.0},
            "index": {"stories_per_s": rate, "memory": {"peak_total_rss_mb": peak}},
            "reindex": {},
            "dex_queries": {},
            "fts5": {},
        }
        (tmp_path / f"bench-{stories}.json").write_text(json.dumps(report), encoding="utf-8")
    (tmp_path / "bench-broken.json").write_text("{", encoding="utf-8")
    table = growth.render(growth.reports(tmp_path))
    assert re.search(r"indexing, stories/s +2,000 +1,800 +x0\.9", table), table
    assert re.search(r"peak memory indexing, RSS summed \(MB\) +300 +450 +x1\.5", table), table
    assert re.search(r"index on disk / FTS5 +- +-", table), table
