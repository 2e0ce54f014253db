"""Every test runs with its user directories below tmp_path: none ever touches the real home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import locations


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Index, bookmarks, history, settings and key map below tmp_path (DEX_DATA_DIR), and a
    HOME and XDG folders there too, so platformdirs' defaults cannot reach the real ones."""
    folder = tmp_path / "data"
    monkeypatch.setenv(locations.ENV_VAR, str(folder))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home" / ".local" / "state"))
    locations.set_data_dir(None)
    yield folder
    locations.set_data_dir(None)
