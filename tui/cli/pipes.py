"""A reader that leaves early (`dex search x | head`): the end of the job, not an error.

Python reports a write to a closed pipe as BrokenPipeError, click turns it into status 1, and
Python's own flush at exit into a warning and status 120; dex ends quietly with status 0, as
Unix tools do.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any

import click


def discard_output() -> None:
    """Send what is still buffered for stdout and stderr to the null device, so the flush as
    Python exits cannot fail on the closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        # A stream without a descriptor (a test's capture) leaves nothing behind to flush.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(devnull, stream.fileno())
    os.close(devnull)


@contextlib.contextmanager
def reader_may_leave() -> Iterator[None]:
    """A closed pipe becomes click's Exit(0), before click's own handling can make it 1."""
    try:
        yield
    except BrokenPipeError:
        discard_output()
        raise click.exceptions.Exit(0) from None


class PipeFriendlyGroup(click.Group):
    """The `dex` group: help, parsing and every sub-command end with status 0 on a closed pipe."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with reader_may_leave():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with reader_may_leave():
            return super().invoke(ctx)
