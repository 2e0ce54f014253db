"""Small user preferences kept between runs (the theme), in `settings.json` in the config dir.

Preferences are a convenience: a missing, unreadable or hand-broken file means defaults, never
an error, and a save goes through a temporary file so a crash cannot leave half a file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from indexer.atomic import write_text_atomically

DEFAULT_THEME = "textual-dark"


@dataclass(frozen=True)
class Settings:
    theme: str = DEFAULT_THEME

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        theme = data.get("theme") if isinstance(data, dict) else None
        return cls(theme=theme) if isinstance(theme, str) and theme else cls()

    def save(self, path: Path) -> None:
        """Write atomically; OSError (read-only or full disk) is the caller's to report."""
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(path, json.dumps(asdict(self), indent=2) + "\n")
