"""The watching benchmark at a tiny size, so its code cannot rot. No figure is asserted."""

from __future__ import annotations

from pathlib import Path

from tests.perf import bench_watch


def test_the_benchmark_runs_and_prints_its_figures(tmp_path: Path) -> None:
    bench_watch.make_files(tmp_path / "d", 7, per_folder=3)
    assert len(list((tmp_path / "d").rglob("*.txt"))) == 7
    assert len(list((tmp_path / "d").iterdir())) == 3
    figures = bench_watch.measure(files=20, seconds=0.3, settle=0.3)
    shown = bench_watch.render(figures)
    assert "watching 20 files in 1 folders" in shown and "idle CPU" in shown
    assert figures["idle_cpu_percent"] >= 0 and figures["stop_seconds"] >= 0
