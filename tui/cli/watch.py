"""`dex watch`: keep the index current while digests arrive, one line per update."""

from __future__ import annotations

import time

import click

from tui import locations
from tui.cli.index import note_changes
from tui.cli.shown import one_line
from tui.cli.sources import remembered


@click.command("watch")
@click.option(
    "--quiet-ms",
    default=400,
    show_default=True,
    type=click.IntRange(50, 60_000),
    help="Update once the folders have been quiet this long (a digest being written is read "
    "once, when whole).",
)
def watch(quiet_ms: int) -> None:
    """Watch your sources and update the index as digests arrive, change or go.

    First catches up with what changed since the last update; then prints one line per update
    ("12 new stories from 2 digests"). Problems are named on stderr. Ctrl-C stops it (exit
    status 0). Sources added meanwhile are watched from the next `dex watch`.
    """
    from indexer.index.watching import SourceWatcher, WatchUpdate, describe_change

    sources = remembered()
    if not sources:
        raise click.ClickException(
            "no sources to watch: add one with `dex sources add PATH` or `dex index PATH`"
        )

    def report(update: WatchUpdate) -> None:
        stamp = time.strftime("%H:%M:%S")
        if update.error is not None:
            click.echo(one_line(f"dex: {update.error}"), err=True)
            return
        assert update.summary is not None
        note_changes(update.summary)
        for problem in update.summary.problems:
            click.echo(one_line(f"dex: {problem.source}: {problem.message}"), err=True)
        line = describe_change(update.summary)
        if line is not None:
            click.echo(f"{stamp}  {line}")

    watcher = SourceWatcher(locations.index_dir(), sources, report, quiet_ms=quiet_ms)
    count = f"{len(sources)} source{'s' if len(sources) != 1 else ''}"
    click.echo(f"dex: watching {count}; Ctrl-C stops", err=True)
    watcher.start()
    interrupted = False
    try:
        while watcher.running:
            watcher.join(0.5)
    except KeyboardInterrupt:
        interrupted = True
        click.echo("dex: stopping (finishing an update in progress)", err=True)
    finally:
        watcher.stop()
    click.echo("dex: stopped watching", err=True)
    if not interrupted:  # watching itself failed (said why above)
        raise click.exceptions.Exit(1)
