"""Where dex keeps each kind of file, the one override, and the move from earlier places."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tui import locations, old_places
from tui.cli import cli

SAMPLES = Path(__file__).resolve().parents[2] / "indexer" / "samples"

EVERY_PATH = (
    locations.index_dir,
    locations.history_file,
    locations.bookmarks_db,
    locations.bookmark_backups_dir,
    locations.settings_file,
    locations.keymap_file,
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No override: the platform's folders, which conftest put below tmp_path/home."""
    monkeypatch.delenv(locations.ENV_VAR)
    return tmp_path / "home"


def test_each_kind_of_file_has_the_platforms_place_for_it(home: Path) -> None:
    assert locations.index_dir() == home / ".cache" / "digest-explorer" / "index"
    assert locations.history_file() == home / ".local/state/digest-explorer/query-history.txt"
    assert locations.bookmarks_db() == home / ".local/share/digest-explorer/bookmarks.sqlite3"
    assert locations.bookmark_backups_dir().parent == locations.bookmarks_db().parent
    assert locations.keymap_file() == home / ".config" / "digest-explorer" / "keymap.toml"


@pytest.mark.parametrize("how", ["env", "option"])
def test_the_override_puts_every_user_path_below_one_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    folder = tmp_path / "mine"
    if how == "env":
        monkeypatch.setenv(locations.ENV_VAR, str(folder))
    else:
        monkeypatch.delenv(locations.ENV_VAR)
        assert CliRunner().invoke(cli, ["--data-dir", str(folder), "--version"]).exit_code == 0
        locations.set_data_dir(folder)  # what the group callback does for a sub-command
    for path in EVERY_PATH:
        assert path().is_relative_to(folder), path.__name__


def _old_layout(old: Path) -> None:
    """What an earlier dex left in its one data folder: an index and a search history."""
    assert CliRunner().invoke(cli, ["--data-dir", str(old), "index", str(SAMPLES)]).exit_code == 0
    (old / "query-history.txt").write_text("waiting times\n", encoding="utf-8")


def test_files_in_the_old_places_move_once_with_one_line(home: Path) -> None:
    old = old_places.old_data_dir()
    _old_layout(old)
    runner = CliRunner()

    first = runner.invoke(cli, ["search", "--json", "waiting"])
    assert first.exit_code == 0, first.output
    assert first.stderr.count("\n") == 1
    assert first.stderr.startswith("dex: moved your files to this system's usual places:")
    assert str(locations.index_dir()) in first.stderr
    assert not (old / "index").exists() and not (old / "query-history.txt").exists()
    assert (locations.index_dir() / "dex-index.json").is_file()  # the index as it was: no rebuild
    assert locations.history_file().read_text(encoding="utf-8") == "waiting times\n"

    again = runner.invoke(cli, ["search", "--json", "waiting"])
    assert (again.exit_code, again.stderr) == (0, "")
    assert again.stdout == first.stdout


def test_a_doubled_windows_folder_moves_up_and_goes(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows kept `...\\digest-explorer\\digest-explorer`: bookmarks (with their -wal file and
    backups), settings and key map move out of it, and the emptied folder is removed."""
    doubled = locations.data_dir() / "digest-explorer"
    monkeypatch.setattr(old_places, "old_data_dir", lambda: doubled)
    monkeypatch.setattr(old_places, "old_config_dir", lambda: doubled)
    (doubled / "bookmark-backups").mkdir(parents=True)
    files = {
        "bookmarks.sqlite3": b"db",
        "bookmarks.sqlite3-wal": b"wal",
        "bookmark-backups/bookmarks-1.json": b"{}",
        "settings.json": b"{}",
        "keymap.toml": b"",
    }
    for name, content in files.items():
        (doubled / name).write_bytes(content)

    lines = old_places.move_to_new_places()

    assert len(lines) == 1 and "bookmarks to" in lines[0] and "key map to" in lines[0]
    assert not doubled.exists()
    assert locations.bookmarks_db().read_bytes() == b"db"
    assert locations.bookmarks_db().with_name("bookmarks.sqlite3-wal").read_bytes() == b"wal"
    assert (locations.bookmark_backups_dir() / "bookmarks-1.json").is_file()
    assert locations.settings_file().is_file() and locations.keymap_file().is_file()
    assert old_places.move_to_new_places() == []


def test_a_file_already_in_its_new_place_is_never_overwritten(home: Path) -> None:
    old = old_places.old_data_dir()
    old.mkdir(parents=True)
    (old / "query-history.txt").write_text("old\n", encoding="utf-8")
    locations.history_file().parent.mkdir(parents=True)
    locations.history_file().write_text("new\n", encoding="utf-8")
    assert old_places.move_to_new_places() == []
    assert locations.history_file().read_text(encoding="utf-8") == "new\n"
    assert (old / "query-history.txt").is_file()


def test_with_the_override_nothing_moves(home: Path, tmp_path: Path) -> None:
    old = old_places.old_data_dir()
    _old_layout(old)
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "mine"), "bookmarks", "list"])
    assert "moved" not in result.stderr
    assert (old / "index").is_dir() and (old / "query-history.txt").is_file()
