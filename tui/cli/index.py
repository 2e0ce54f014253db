"""`dex index PATH...`: add digests to the index (incremental: unchanged files are skipped)."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

import click

from indexer.records import IndexSummary, Problem
from tui import locations
from tui.cli.shown import one_line
from tui.cli.sources import remember, remembered

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

_PLAIN_EVERY_SECONDS = 2.0


@click.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--check",
    is_flag=True,
    help="First read every index file whole against the checksums dex keeps of it; damage "
    "is named and the index rebuilt (exit status 1). PATHS are then optional.",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Follow symbolic links that lead out of the folders named (not followed by default).",
)
def index(paths: tuple[str, ...], check: bool, follow_links: bool) -> None:
    """Index digest files, or folders of them, for searching; with no PATHS, update every
    source (each PATH indexed is remembered as one: see `dex sources`).

    Run it again whenever digests arrive: unchanged files are skipped, changed files are
    re-read, and files gone from an indexed folder leave the index. A story repeated in
    several digests is kept once, listing each of them. A symbolic link in a folder that leads
    out of the folders named is skipped with a note, unless --follow-links. Problems are named
    on stderr, one line each; the exit status is 1 if a file could not be read or the index is
    busy.
    """
    from indexer.index.store import MARKER, IndexBusyError, IndexDamagedError, update_index

    given = bool(paths)
    if not given:
        paths = tuple(remembered())
    if not paths and not check:
        raise click.UsageError(
            "no sources yet: give the digest files or folders to index (dex remembers them)"
        )
    index_dir = locations.index_dir()
    if check and not paths and not (index_dir / MARKER).is_file():
        click.echo(one_line(f"dex: {index_dir}: no index yet (run dex index PATH)"), err=True)
        raise click.exceptions.Exit(1)
    with _Reporter() as reporter:
        try:
            summary = update_index(
                index_dir,
                list(paths),
                progress=reporter.progress,
                on_problem=reporter.problem,
                check=check,
                follow_links=follow_links,
            )
        except IndexBusyError as exc:
            reporter.close()
            click.echo(one_line(f"dex: {exc}"), err=True)
            raise click.exceptions.Exit(1) from None
        except IndexDamagedError as exc:
            reporter.close()
            click.echo(one_line(f"dex: {exc}"), err=True)
            raise click.exceptions.Exit(1) from None
        except OSError as exc:  # a full disk, a folder made read-only meanwhile
            reporter.close()
            where = exc.filename or index_dir
            click.echo(one_line(f"dex: cannot write the index {where}: {exc.strerror or exc}"),
                       err=True)  # fmt: skip
            raise click.exceptions.Exit(1) from None
    if given:  # remembered once indexed (an index that cannot be written says so alone)
        remember(list(paths), strict=False)
    note_changes(summary)
    if check and not summary.damage:
        click.echo("Index checked: every file is as dex wrote it.")
    if paths or summary.damage:
        click.echo(summary_line(summary))
    if summary.failed or (check and summary.damage):
        raise click.exceptions.Exit(1)


def note_changes(summary: IndexSummary) -> None:
    """Tell the read state which stories arrived and which left ("new since last visit");
    nothing to tell before the user's first visit (no file yet)."""
    path = locations.read_state_db()
    if not (summary.new_ids or summary.gone_ids) or not path.exists():
        return
    from indexer.bookmarks.read_state import ReadState, ReadStateError

    try:
        with ReadState(path) as state:
            state.note_arrivals(summary.new_ids)
            state.note_gone(summary.gone_ids)
    except ReadStateError as exc:
        click.echo(one_line(f"dex: {exc}"), err=True)


def summary_line(summary: IndexSummary) -> str:
    return (
        f"Indexed {summary.digests} digests, {summary.stories} stories, "
        f"{summary.entities} entities; {summary.duplicates_merged} duplicates merged, "
        f"{summary.unchanged} unchanged, {summary.removed} removed, {summary.skipped} skipped, "
        f"{summary.failed} failed in {summary.seconds:.1f} s."
    )


class _Reporter:
    """A rich progress bar on a terminal; occasional plain lines otherwise."""

    def __init__(self) -> None:
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._last = time.monotonic()
        if sys.stderr.isatty() and sys.stdout.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("indexing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[source]}", style="dim"),
                console=Console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> _Reporter:
        if self._bar is not None:
            self._bar.start()
            self._task = self._bar.add_task("index", total=None, source="")
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def progress(self, done: int, total: int, source: str) -> None:
        if self._bar is not None and self._task is not None:
            name = source if len(source) <= 40 else "…" + source[-39:]
            self._bar.update(self._task, completed=done, total=total, source=name)
            return
        now = time.monotonic()
        if now - self._last >= _PLAIN_EVERY_SECONDS:
            self._last = now
            click.echo(f"dex: indexing: {done}/{total} files", err=True)

    def problem(self, problem: Problem) -> None:
        line = one_line(f"dex: {problem.source}: {problem.message}")
        if self._bar is not None:
            from rich.text import Text

            self._bar.console.print(Text(line))
        else:
            click.echo(line, err=True)
