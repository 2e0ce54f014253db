"""Which program shows a digest file at a story: the user's $PAGER, else $EDITOR, else less.

Pagers and editors that take `+/pattern` (less, more, most, vi, vim, nvim) open at the story's
headline; others open at the top of the file.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

# Programs that take "+/pattern": open at the first match.
_SEARCHES = frozenset({"less", "more", "most", "vi", "vim", "nvim", "view", "vis"})
_PATTERN_CHARS = 60


def pager_command(path: Path, headline: str, environ: dict[str, str] | None = None) -> list[str]:
    """The command line that shows `path`, at `headline` where the program can do that."""
    env = os.environ if environ is None else environ
    program = shlex.split(env.get("PAGER") or env.get("EDITOR") or "less") or ["less"]
    words = headline.split()
    line = " ".join(words)[:_PATTERN_CHARS].strip()
    if line and Path(program[0]).name in _SEARCHES:
        # Words may be split over lines in the file: any run of spaces matches any whitespace.
        pattern = r"\s+".join(re.escape(word) for word in line.split())
        program.append(f"+/{pattern}")
    return [*program, str(path)]
