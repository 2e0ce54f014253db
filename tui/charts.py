"""Counts drawn as text: sparklines for the trends and the command line (no Textual here)."""

from __future__ import annotations

from collections.abc import Sequence

LEVELS = "▁▂▃▄▅▆▇█"
NOTHING = "·"  # a period with no stories, told apart from a few


def sparkline(counts: Sequence[int]) -> str:
    """One character per count, its height against the largest; nothing as a dot."""
    most = max(counts, default=0)
    if most <= 0:
        return NOTHING * len(counts)
    top = len(LEVELS) - 1
    return "".join(
        NOTHING if count <= 0 else LEVELS[max(0, -(-count * top // most))] for count in counts
    )
