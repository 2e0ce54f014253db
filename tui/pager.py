"""Showing a digest file at a story: the user's $PAGER, else $EDITOR, else less.

Pagers and editors that take `+/pattern` (less, more, most, vi, vim, nvim) open at the story's
headline; others open at the top of the file.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from tui.session import LoadedStory

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


def show_digest(app: App[None], loaded: LoadedStory | None) -> None:
    """Hand the terminal to the pager, at the story in its digest file; back when it quits.
    What stops it (no story, the file gone, a terminal that cannot hand over) is notified."""
    import subprocess

    from textual.app import SuspendNotSupported

    if loaded is None or not loaded.sources:
        app.notify("No story open", timeout=2)
        return
    path = Path(loaded.sources[0]).expanduser().resolve()
    if not path.is_file():
        app.notify(f"{path}: no longer there", severity="warning", markup=False)
        return
    command = pager_command(path, loaded.story.headline or loaded.story.title)
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except SuspendNotSupported:
        app.notify("This terminal cannot hand over to a pager", severity="warning")
    except OSError as exc:
        app.notify(f"{command[0]}: {exc.strerror or exc}", severity="error", markup=False)
