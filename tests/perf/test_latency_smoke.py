"""The latency benchmarks end to end on a tiny index, so their code cannot rot. No timing is
asserted: the figures are printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.perf import bench_command, bench_first_ask, bench_terminal, data_dir


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return data_dir.build(tmp_path_factory.mktemp("latency"), 150)


def test_command_benchmark_prints_each_command_and_the_slowest_imports(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_command, "QUERIES", ("nhs",))  # one is enough here
    assert bench_command.main(["--data", str(tiny), "--runs", "1"]) == 0
    printed = capsys.readouterr().out
    assert "dex search nhs " in printed and "dex --help " in printed
    assert re.search(r"dex search: slowest median [\d.]+ ms \((meets|misses) <= 150 ms\)", printed)
    assert re.search(r"^ {2}tui\.cli +[\d.]+ ms$", printed, re.MULTILINE)
    assert re.search(r"imports of `dex search nhs`: \d+ modules, [\d.]+ ms in all", printed)


def test_first_ask_benchmark_prints_both_ways_of_asking_and_a_profile(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench_first_ask.main(["--data", str(tiny), "--rounds", "1"]) == 0
    printed = capsys.readouterr().out
    for label in ("first ask, after open", "first ask, alone", "asked again"):
        assert re.search(rf"{label} +p50 +[\d.]+ ms +p95", printed), label
    assert re.search(r"first ask p95 [\d.]+ ms \((meets|misses) <= 30 ms\)", printed)
    assert "search/searcher.py" in printed or "engine/" in printed  # the profile's rows


def test_terminal_benchmark_launches_dex_on_a_pty_and_times_keys(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_terminal, "QUIET_S", 0.2)
    args = ["--data", str(tiny), "--launches", "1", "--typed", "nhs"]
    assert bench_terminal.main(args) == 0
    printed = capsys.readouterr().out
    assert re.search(r"launch to first painted list: median [\d.]+ s", printed)
    cpu = re.search(r"CPU by then \(dex and its index process\) median ([\d.]+) s", printed)
    assert cpu and 0.05 < float(cpu[1]) < 60  # both processes counted: more than Python's start
    assert re.search(r"keystroke to results +p50 +[\d.]+ ms", printed)
    assert re.search(r"status after: '\d+ of \d+ stories", printed)


def test_the_results_view_is_the_status_line_and_the_story_list() -> None:
    lines = [
        " ▊ nhs                          ▎",
        "  20 of 75 stories  ·  3 ms     ",
        "▊▔ Stories per month ▔▔▔▔▔▔▔▔▔▔▔▎",
        "▊ ▄▃▄▇▃▄▃▇▃▂▄▃▄▁▄▃▂▃▃█▆▂▂▄▄▄▆▄▄▄▎",
        "▊▔ Stories  1 of 75 ▔▔▔▔▔▎▊▔ Reader ▔▎",
        "▊   NHS deficit grows  ▃ ▎▊ text    ▎",
    ]
    assert bench_terminal.results_view(lines) == (
        lines[1],
        lines[4],
        "▊   NHS deficit grows  ",
    )
    assert bench_terminal.shows_list(lines)
    assert not bench_terminal.shows_list([*lines[:5], "▊" + " " * 22 + "▃ ▎▊ text    ▎"])
