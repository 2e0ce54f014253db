"""Reliability suite: every user path in tmp_path, and the figures printed after the run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.helpers import FIGURES, NOTES
from tui import locations


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is marked `reliability`: `pytest -m "not reliability"` is a quick run."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.reliability)


_ORDER = (
    "bad-file kinds handled",
    "bad files indexed in one run",
    "tiny files indexed",
    "hostile strings checked",
    "hidden characters checked",
    "export formats checked",
    "app panes checked",
    "queries fuzzed",
    "hostile queries checked",
    "index kill -9 runs",
    "index kill -9 runs that hit the write phase",
    "index kill -9 runs that found damage",
    "bookmark kill -9 runs",
    "bookmarks confirmed before kill",
    "bookmarks lost",
    "bookmarks corrupt",
    "damaged indexes rebuilt",
    "bad bookmark files kept untouched",
    "concurrent bookmarks written",
)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every user directory below tmp_path (in-process and in the `dex` subprocesses)."""
    folder = tmp_path / "data"
    monkeypatch.setenv(locations.ENV_VAR, str(folder))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    locations.set_data_dir(None)
    yield folder
    locations.set_data_dir(None)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES and not NOTES:
        return
    terminalreporter.section("reliability figures")
    names = [n for n in _ORDER if n in FIGURES] + sorted(set(FIGURES) - set(_ORDER))
    for name in names:
        terminalreporter.write_line(f"{name:>40}: {FIGURES[name]:,}")
    for text in NOTES:
        terminalreporter.write_line(f"  {text}")
