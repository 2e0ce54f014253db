"""Has the index changed? A check cheap enough to run every second: any run that changes what
the index holds (the app's, another `dex index`, a `dex watch`) ends by writing a new
generation into the marker; the marker is only read again when its file was rewritten.
"""

from __future__ import annotations

import os
from pathlib import Path

from indexer.errors import IndexDamagedError
from indexer.index.marker import MARKER, read_marker


def index_generation(index_dir: Path) -> int:
    """The index's generation now (0 for no index yet, or a marker dex cannot read)."""
    try:
        marker = read_marker(Path(index_dir))
    except (IndexDamagedError, OSError):
        return 0
    return marker.generation if marker is not None else 0


class ChangeCheck:
    """`changed()` is True once for each new generation since the check was made (or last
    said so). It costs one stat while the marker file is as it was."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._stat = self._marker_stat()
        self.generation = index_generation(self.index_dir)

    def _marker_stat(self) -> tuple[int, int, int] | None:
        try:
            info = os.stat(self.index_dir / MARKER)
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def changed(self) -> bool:
        now = self._marker_stat()
        if now == self._stat:
            return False
        self._stat = now
        generation = index_generation(self.index_dir)
        if generation == self.generation:
            return False  # a run began, or ended without changing anything
        self.generation = generation
        return True
