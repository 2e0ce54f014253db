"""Every user path in one place, with one override (`DEX_DATA_DIR` or `--data-dir`)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "digest-explorer"
ENV_VAR = "DEX_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Point every user path below `path` (the `--data-dir` option)."""
    global _override
    _override = Path(path).expanduser() if path else None


def _root() -> Path | None:
    if _override is not None:
        return _override
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else None


def data_dir() -> Path:
    root = _root()
    return root if root is not None else user_data_path(APP_NAME)


def config_dir() -> Path:
    root = _root()
    return root / "config" if root is not None else user_config_path(APP_NAME)


def index_dir() -> Path:
    return data_dir() / "index"


def bookmarks_db() -> Path:
    return data_dir() / "bookmarks.sqlite3"


def bookmark_backups_dir() -> Path:
    return data_dir() / "bookmark-backups"


def sources_file() -> Path:
    return data_dir() / "sources.json"


def read_state_db() -> Path:
    return data_dir() / "read-state.sqlite3"


def keymap_file() -> Path:
    return config_dir() / "keymap.toml"
