"""`dex sources ...`: the folders and mail files dex keeps current (`dex index`, `dex watch`)."""

from __future__ import annotations

import os

import click

from indexer.index.sources import (
    SourcesError,
    absolute,
    add_sources,
    read_sources,
    remove_sources,
)
from tui import locations
from tui.cli.shown import one_line


def remembered() -> list[str]:
    """The user's sources; a sources file dex cannot read is a one-line error."""
    try:
        return read_sources(locations.sources_file())
    except SourcesError as exc:
        raise click.ClickException(str(exc)) from exc


def remember(paths: list[str], *, strict: bool = True) -> list[str]:
    """Add the paths that exist to the sources; returns those new to them. Not `strict`
    (while indexing): a sources file that cannot be written is a warning."""
    try:
        return add_sources(locations.sources_file(), [p for p in paths if os.path.exists(p)])
    except SourcesError as exc:
        if strict:
            raise click.ClickException(str(exc)) from exc
        click.echo(one_line(f"dex: not remembered as sources: {exc}"), err=True)
        return []


@click.group()
def sources() -> None:
    """The folders and mail files you index: `dex index` with no path updates them all, and
    `dex watch` keeps them current. `dex index PATH` adds PATH to them."""


@sources.command("list")
def list_sources() -> None:
    """List your sources, one a line (those no longer there are marked)."""
    found = remembered()
    if not found:
        click.echo("no sources yet: add one with `dex sources add PATH` or `dex index PATH`",
                   err=True)  # fmt: skip
        return
    for path in found:
        gone = "" if os.path.exists(path) else "  (not there)"
        click.echo(one_line(f"{path}{gone}"))


@sources.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
def add(paths: tuple[str, ...]) -> None:
    """Remember folders or mail files as sources (`dex index` then indexes them)."""
    missing = [p for p in paths if not os.path.exists(p)]
    for path in missing:
        click.echo(one_line(f"dex: {path}: no such file or folder; not added"), err=True)
    for path in remember(list(paths)):
        click.echo(one_line(f"added {path}"))
    if missing:
        raise click.exceptions.Exit(1)
    click.echo("run `dex index` to index them (or `dex watch` to keep them current)", err=True)


@sources.command("remove")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
def remove(paths: tuple[str, ...]) -> None:
    """Forget sources; their stories leave the index (bookmarks keep theirs)."""
    try:
        removed = remove_sources(locations.sources_file(), paths)
    except SourcesError as exc:
        raise click.ClickException(str(exc)) from exc
    unknown = [p for p in paths if p not in removed and absolute([p])[0] not in removed]
    for path in unknown:
        click.echo(one_line(f"dex: {path}: not one of your sources (dex sources list)"), err=True)
    if removed:
        gone = _forget(removed)
        for path in removed:
            click.echo(one_line(f"removed {path}"))
        if gone is not None:
            click.echo(f"{gone} stories left the index")
    if unknown:
        raise click.exceptions.Exit(1)


def _forget(paths: list[str]) -> int | None:
    """Take the stories of `paths` out of the index, if there is one; how many left it."""
    from indexer.index.store import (
        MARKER,
        IndexBusyError,
        IndexDamagedError,
        forget_paths,
    )

    index_dir = locations.index_dir()
    if not (index_dir / MARKER).is_file():
        return None
    from tui.cli.index import note_changes

    try:
        summary = forget_paths(index_dir, paths)
        note_changes(summary)
        return len(summary.gone_ids)
    except (IndexBusyError, IndexDamagedError, OSError) as exc:
        click.echo(one_line(f"dex: the index still holds their stories: {exc}"), err=True)
        raise click.exceptions.Exit(1) from None
