"""The rich Console the commands print their results with."""

from __future__ import annotations

from rich.console import Console


class PipeConsole(Console):
    """A Console for output that may be piped: a reader that closes the pipe early
    (`dex search x | head`) raises BrokenPipeError, which `dex` ends quietly with status 0
    (rich's own handling exits with status 1)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more to write: the reader has gone
        raise BrokenPipeError
