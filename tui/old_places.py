"""Moving user files, once, from where earlier versions of dex kept them.

Earlier versions kept everything in the user data directory (on Windows with the folder name
twice, `%LOCALAPPDATA%\\digest-explorer\\digest-explorer`) and settings in the config directory
(twice on Windows too). Now each kind of file has its own place (see `tui.locations`). A file
moves only when its new place is still free, so the move happens once; with the override
(`DEX_DATA_DIR`, `--data-dir`) nothing moves, as the layout below that folder is unchanged.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from tui import locations

# platformdirs is imported below, not here: every command asks move_to_new_places, which with
# the override returns before any old place is needed (tui.locations says why).


def old_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(locations.APP_NAME)


def old_config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(locations.APP_NAME)


def _moves() -> list[tuple[str, Path, Path]]:
    """What, from where, to where."""
    old_data, old_config = old_data_dir(), old_config_dir()
    return [
        ("the index", old_data / "index", locations.index_dir()),
        ("search history", old_data / "query-history.txt", locations.history_file()),
        ("bookmarks", old_data / "bookmarks.sqlite3", locations.bookmarks_db()),
        ("bookmark backups", old_data / "bookmark-backups", locations.bookmark_backups_dir()),
        ("settings", old_config / "settings.json", locations.settings_file()),
        ("key map", old_config / "keymap.toml", locations.keymap_file()),
    ]


def move_to_new_places() -> list[str]:
    """Move what is still in an old place to its free new place; one line saying what moved
    (and one per failure), or nothing at all."""
    if locations.override() is not None:
        return []
    moved: list[str] = []
    failed: list[str] = []
    for what, old, new in _moves():
        if old == new or not old.exists() or new.exists():
            continue
        try:
            _move(old, new)
        except OSError as exc:
            failed.append(
                f"dex: could not move {what} from {old} to {new} ({exc.strerror or exc}); "
                "it stays where it was: move it by hand"
            )
            continue
        moved.append(f"{what} to {new}")
    in_use = {locations.data_dir(), locations.state_dir(), locations.config_dir()}
    for folder in {old_data_dir(), old_config_dir()} - in_use:
        with contextlib.suppress(OSError):  # only an emptied folder goes (Windows' doubled one)
            folder.rmdir()
    if moved:
        return [f"dex: moved your files to this system's usual places: {'; '.join(moved)}", *failed]
    return failed


def _move(old: Path, new: Path) -> None:
    """Move a file or folder, with a database's companions (`-wal`, `-shm`) alongside."""
    new.parent.mkdir(parents=True, exist_ok=True)
    companions = [old.with_name(old.name + end) for end in ("-wal", "-shm")]
    shutil.move(old, new)
    for companion in companions:
        if companion.exists():
            shutil.move(companion, new.with_name(companion.name))
