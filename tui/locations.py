"""Every user path in one place, with one override (`DEX_DATA_DIR` or `--data-dir`).

By default each file goes where the platform keeps its kind (platformdirs): the index, which dex
can rebuild, in the user cache directory; search history in the state directory; bookmarks and
their backups in the data directory; settings and the key map in the config directory. With the
override, all of them go below that one folder (`config/` for the settings).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "digest-explorer"
ENV_VAR = "DEX_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Point every user path below `path` (the `--data-dir` option)."""
    global _override
    _override = Path(path).expanduser() if path else None


def override() -> Path | None:
    """The one folder every user path is below, if the user named one."""
    if _override is not None:
        return _override
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else None


# appauthor=False: on Windows `%LOCALAPPDATA%\digest-explorer`, not `...\digest-explorer` twice.
# platformdirs is imported in these four, only without the override: a command run below
# DEX_DATA_DIR (or --data-dir) then never loads it (~3 ms of `dex search`'s start-up).


def data_dir() -> Path:
    root = override()
    if root is not None:
        return root
    from platformdirs import user_data_path  # imported here: see above

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    root = override()
    if root is not None:
        return root
    from platformdirs import user_cache_path  # imported here: see above

    return user_cache_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    root = override()
    if root is not None:
        return root
    from platformdirs import user_state_path  # imported here: see above

    return user_state_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    root = override()
    if root is not None:
        return root / "config"
    from platformdirs import user_config_path  # imported here: see above

    return user_config_path(APP_NAME, appauthor=False)


def index_dir() -> Path:
    return cache_dir() / "index"


def history_file() -> Path:
    return state_dir() / "query-history.txt"


def bookmarks_db() -> Path:
    return data_dir() / "bookmarks.sqlite3"


def bookmark_backups_dir() -> Path:
    return data_dir() / "bookmark-backups"


def sources_file() -> Path:
    return data_dir() / "sources.json"


def read_state_db() -> Path:
    return data_dir() / "read-state.sqlite3"


def settings_file() -> Path:
    return config_dir() / "settings.json"


def keymap_file() -> Path:
    return config_dir() / "keymap.toml"
