"""`dex bookmarks ...`: list, export, import, add and remove bookmarks from the shell.

Thin: the store is `bookmarks.store`, the formats `bookmarks.export`. Every failure is one line
naming the file or query, exit status 1; an export never leaves a half-written file behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from indexer.atomic import write_text_atomically
from indexer.bookmarks.backups import Backup, back_up, back_up_first, backups, restore
from indexer.bookmarks.export import (
    FORMAT_NAMES,
    FORMATS,
    VAULT,
    BookmarkImportError,
    export,
    format_for_output,
    format_named,
    import_json,
    import_saved_searches,
    to_json,
)
from indexer.bookmarks.store import Bookmark, BookmarkStore, BookmarkStoreError, set_aside
from tui import locations
from tui.cli.shown import one_line

if TYPE_CHECKING:
    from indexer.records import Story


@contextmanager
def user_store(*, create: bool, reading: bool = False) -> Iterator[BookmarkStore]:
    """The user's store; reading commands do not create a database that is not there yet, and
    read a read-only one (a backup, a read-only folder). A command that changed the bookmarks
    leaves a backup of them (bookmark_backups)."""
    path = locations.bookmarks_db()
    try:
        if not (create or path.exists()):
            store = BookmarkStore.in_memory()
        else:
            store = BookmarkStore.for_reading(path) if reading else BookmarkStore(path)
    except BookmarkStoreError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        if not reading and store.persistent:
            _back_up(back_up_first, store)
        yield store
        if store.changed:
            _back_up(back_up, store)
    except BookmarkStoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()


def _back_up(action: Callable[[BookmarkStore, Path], object], store: BookmarkStore) -> None:
    """Back up the bookmarks; a failure is a warning, the command's work stands."""
    try:
        action(store, locations.bookmark_backups_dir())
    except OSError as exc:
        click.echo(one_line(f"dex: bookmarks not backed up: {exc}"), err=True)


def search_index() -> Any:
    """The search index (`indexer.search`), imported lazily so `list` and `export` start fast."""
    from indexer.errors import IndexDamagedError

    try:
        from indexer.search.searcher import open_index
    except ImportError as exc:
        raise click.ClickException(f"searching needs the index module ({exc})") from exc
    index_dir = locations.index_dir()
    try:
        return open_index(index_dir)
    except FileNotFoundError as exc:
        raise click.ClickException(f"no index at {index_dir}; run `dex index` first") from exc
    except (IndexDamagedError, OSError) as exc:
        raise click.ClickException(f"index {index_dir}: {exc}") from exc


def _matching_ids(query: str, store: BookmarkStore) -> set[str]:
    """Ids of the stories the index finds for `query` (the store answers `tag:`, `bookmarked:`)."""
    index = search_index()
    try:
        limit = max(int(index.doc_count()), 1)
        result = index.search(query, limit=limit, bookmarks=store)
    except ValueError as exc:  # QueryError: already names the query
        raise click.ClickException(str(exc)) from exc
    finally:
        index.close()
    return {hit.id for hit in result.hits}


def _story(story_id: str) -> Story:
    index = search_index()
    try:
        story: Story | None = index.story(story_id)
    finally:
        index.close()
    if story is None:
        raise click.ClickException(f"no story {story_id!r} in the index")
    return story


def write_atomically(path: Path, text: str, *, force: bool) -> None:
    """Write an export all or nothing; problems are one-line ClickExceptions."""
    try:
        write_text_atomically(path, text, overwrite=force, durable=True)
    except FileExistsError as exc:
        raise click.ClickException(f"{exc}; use --force to overwrite it") from exc
    except OSError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
def bookmarks() -> None:
    """Your bookmarked stories: list, export, import, add, remove."""


@bookmarks.command("list")
@click.option("--tag", "tag", metavar="TAG", help="Only bookmarks with this tag (any case).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON export document instead.")
def list_bookmarks(tag: str | None, as_json: bool) -> None:
    """List bookmarks, newest first."""
    with user_store(create=False, reading=True) as store:
        found = store.list(tag=tag)
        saved = store.saved.list() if tag is None else []
    if as_json:
        click.echo(to_json(found, saved), nl=False)
        return
    if not found:
        click.echo(f"no bookmarks{f' tagged {tag!r}' if tag else ''}", err=True)
        return
    for b in found:
        tags = f"  [{one_line(', '.join(b.tags))}]" if b.tags else ""
        click.echo(f"{b.date.isoformat()}  {b.story_id}  {_one_line(b.headline or b.title)}{tags}")
        if b.note:
            click.echo(f"    note: {_one_line(b.note)}")


def _one_line(text: str) -> str:
    return one_line(" ".join(text.split()))


@bookmarks.command("tags")
def list_tags() -> None:
    """List tags with the number of bookmarks carrying each."""
    with user_store(create=False, reading=True) as store:
        for tag, count in store.tags():
            click.echo(f"{count:5d}  {one_line(tag)}")


@bookmarks.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES, case_sensitive=False),
    metavar="FORMAT",
    help="markdown (md): a briefing; json: lossless, imports back; csv: spreadsheets; ris and "
    "csl-json (csl): reference managers; vault (obsidian, logseq): a folder of notes. "
    "Default: from the -o file's extension, else markdown.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True),
    help="File to write (default or '-': stdout); for --format vault, the folder.",
)
@click.option(
    "--force", is_flag=True, help="Overwrite the file, or vault notes edited since dex wrote them."
)
@click.option("--tag", "tag", metavar="TAG", help="Only bookmarks with this tag.")
@click.option(
    "--query", "query", metavar="Q", help="Only bookmarks the index finds for this query."
)
def export_bookmarks(
    fmt: str | None, output: str | None, force: bool, tag: str | None, query: str | None
) -> None:
    """Export bookmarks (newest first) to stdout, a file, or a folder of notes. The JSON of
    all of them holds your saved searches too."""
    to_stdout = output is None or output == "-"
    chosen_format = _export_format(fmt, None if to_stdout else output)
    with user_store(create=False, reading=True) as store:
        ids = _matching_ids(query, store) if query else None
        chosen: list[Bookmark] = store.list(tag=tag, ids=ids)
        saved = store.saved.list() if tag is None and query is None else []
    if chosen_format == VAULT:
        if output is None or to_stdout:
            raise click.ClickException("--format vault writes a folder of notes: add -o FOLDER")
        _export_vault(chosen, Path(output), force=force)
        return
    text = export(chosen, chosen_format, saved)
    if output is None or to_stdout:
        click.echo(text, nl=False)
        return
    if Path(output).is_dir():
        raise click.ClickException(_FOLDER_NOT_FILE.format(output=output))
    write_atomically(Path(output), text, force=force)
    count = f"{len(chosen)} bookmark{'s' if len(chosen) != 1 else ''}"
    click.echo(f"wrote {count} to {one_line(output)} ({chosen_format})", err=True)


_FOLDER_NOT_FILE = "cannot write {output}: it is a folder (for a folder of notes: --format vault)"


def _export_format(fmt: str | None, output: str | None) -> str:
    """The format asked for by name, else by the output file's extension, else Markdown."""
    if fmt is not None:
        return format_named(fmt)
    if output is None:
        return "markdown"
    inferred = format_for_output(output)
    if inferred is None and Path(output).is_dir():
        raise click.ClickException(_FOLDER_NOT_FILE.format(output=output))
    if inferred is None:
        raise click.ClickException(
            f"cannot tell the export format from the name {output!r}: add --format "
            f"({', '.join((*FORMATS, VAULT))})"
        )
    return inferred


def _export_vault(chosen: list[Bookmark], folder: Path, *, force: bool) -> None:
    """Write the notes, then say what was done: edits kept, files that failed (exit 1)."""
    from indexer.bookmarks.export.vault import export_vault

    try:
        report = export_vault(chosen, folder, force=force)
    except OSError as exc:
        raise click.ClickException(str(exc)) from exc
    if report.state_problem:
        click.echo(one_line(f"dex: {report.state_problem}"), err=True)
    for path in report.kept:
        click.echo(
            one_line(f"kept {path}: edited since dex wrote it (--force overwrites it)"), err=True
        )
    for path in report.overwritten:
        click.echo(one_line(f"overwrote {path}: your edits there are replaced"), err=True)
    parts = [
        f"{len(report.added)} new",
        f"{len(report.updated)} updated",
        f"{len(report.unchanged)} unchanged",
    ]
    if report.kept:
        parts.append(f"{len(report.kept)} kept as you edited them")
    if report.overwritten:
        parts.append(f"{len(report.overwritten)} overwritten")
    click.echo(one_line(f"{folder}: {', '.join(parts)}"), err=True)
    if report.failed:
        for problem in report.failed:
            click.echo(one_line(f"dex: {problem}"), err=True)
        raise click.exceptions.Exit(1)


@bookmarks.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_bookmarks(file: Path) -> None:
    """Import a JSON export; bookmarks already here keep theirs, and gain its tags (and its note
    when theirs is empty); its saved searches are added, a name you use already keeping your
    query. Importing the same file twice adds nothing."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise click.ClickException(f"cannot read {file}: {reason}") from exc
    try:
        incoming = import_json(text)
        searches = import_saved_searches(text) or []
    except BookmarkImportError as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    with user_store(create=True) as store:
        result = store.merge(incoming)
        new_searches = store.saved.merge(searches)
    saved = f"; saved searches: {new_searches} added" if searches else ""
    click.echo(
        f"{file}: {result.added} added, {result.merged} merged, {result.unchanged} already there"
        + saved
    )


@bookmarks.command("add")
@click.argument("story_id")
@click.option("--note", default="", help="A note to keep with the bookmark.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeat for several).")
def add_bookmark(story_id: str, note: str, tags: tuple[str, ...]) -> None:
    """Bookmark a story of the index by its id (tags are added to any it already has)."""
    story = _story(story_id)
    with user_store(create=True) as store:
        bookmark = store.add(story, note=note, tags=tags)
    click.echo(f"bookmarked {bookmark.story_id}: {_one_line(bookmark.headline or bookmark.title)}")


@bookmarks.command("remove")
@click.argument("story_id")
def remove_bookmark(story_id: str) -> None:
    """Remove a bookmark (its note and tags go with it)."""
    with user_store(create=False) as store:
        removed = store.remove(story_id)
    if removed is None:
        raise click.ClickException(f"{story_id!r} is not bookmarked")
    click.echo(f"removed {story_id}: {_one_line(removed.headline or removed.title)}")


@bookmarks.command("restore")
@click.argument("which", required=False, metavar="[NUMBER|FILE]")
def restore_bookmarks(which: str | None) -> None:
    """List the automatic backups of your bookmarks (newest first), or restore one: by its
    number in that list, or a JSON export's path. Your bookmarks become exactly the backup's;
    what you have now is backed up first, so a restore can be undone the same way."""
    folder = locations.bookmark_backups_dir()
    found = backups(folder)
    if which is None:
        _list_backups(found, folder)
        return
    source = _chosen(which, found)
    with _store_to_restore() as (store, kept_aside):
        try:
            result = restore(store, source, folder)
        except BookmarkImportError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            raise click.ClickException(f"bookmarks not backed up, nothing restored: {exc}") from exc
    click.echo(f"restored {result.count} bookmarks from {source.path}")
    if result.kept is not None:
        number = next(n for n, b in enumerate(backups(folder), 1) if b.path == result.kept.path)
        click.echo(
            f"the {result.before} you had are kept in {result.kept.path} "
            f"(dex bookmarks restore {number} brings them back)"
        )
    if kept_aside is not None:
        click.echo(f"the damaged bookmarks file is kept, unchanged, as {kept_aside}")


def _list_backups(found: list[Backup], folder: Path) -> None:
    if not found:
        click.echo(f"no backups yet in {folder} (one is made after each change)", err=True)
        return
    for number, backup in enumerate(found, 1):
        count = backup.count()
        held = "unreadable" if count is None else f"{count} bookmark{'s' if count != 1 else ''}"
        taken = backup.taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        click.echo(f"{number:3d}  {taken}  {held:>15}  {backup.path}")
    click.echo("restore one with: dex bookmarks restore NUMBER", err=True)


def _chosen(which: str, found: list[Backup]) -> Backup:
    """The backup a user named by its number in the list, or any JSON export by its path."""
    if which.isdigit():
        number = int(which)
        if 1 <= number <= len(found):
            return found[number - 1]
        raise click.ClickException(
            f"no backup number {number}: there are {len(found)} (dex bookmarks restore lists them)"
        )
    path = Path(which)
    if not path.is_file():
        raise click.ClickException(f"{which}: no such file, and not a backup's number")
    return Backup.of_file(path)


@contextmanager
def _store_to_restore() -> Iterator[tuple[BookmarkStore, Path | None]]:
    """The store to restore into; a damaged or foreign file is first set aside, unchanged (as
    the app does), and a fresh one started: (store, where the old file went)."""
    path = locations.bookmarks_db()
    kept: Path | None = None
    try:
        store = BookmarkStore(path)
    except BookmarkStoreError as exc:
        if not exc.unusable:
            raise click.ClickException(str(exc)) from exc
        try:
            kept = set_aside(path)
            store = BookmarkStore(path)
        except (OSError, BookmarkStoreError) as again:
            raise click.ClickException(f"{exc}; could not set it aside ({again})") from again
    try:
        yield store, kept
    except BookmarkStoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
