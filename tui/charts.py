"""Counts drawn as text, and periods named, for the app and the command line (no Textual here)."""

from __future__ import annotations

import datetime as dt
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


def period_name(start: dt.date, by: str) -> str:
    """How a period is named: 2016, Mar 2016, or the week's Monday."""
    if by == "year":
        return f"{start:%Y}"
    if by == "month":
        return f"{start:%b %Y}"
    return f"week of {start.day} {start:%b %Y}"
