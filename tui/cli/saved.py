"""`dex saved ...`: searches kept under a name, listed with how many stories match each now
and how many of those are new (arrived since you last looked in the app, and unread).

They live with the bookmarks (same database, same backups, in the JSON export); `dex search
--saved NAME` runs one.
"""

from __future__ import annotations

import json

import click

from indexer.bookmarks.saved import SavedSearch
from indexer.bookmarks.store import BookmarkStore
from tui import locations
from tui.cli.bookmarks import search_index, user_store
from tui.cli.shown import one_line


def saved_query(name: str) -> str:
    """The query saved under `name`; a one-line error naming it when there is none."""
    with user_store(create=False, reading=True) as store:
        found = store.saved.get(name)
    if found is None:
        raise click.ClickException(f"no saved search {name!r} (dex saved list shows them)")
    return found.query


@click.group()
def saved() -> None:
    """Saved searches: list them with live counts, add and remove them."""


@saved.command("list")
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON list (name, query, count, new)."
)
def list_saved(as_json: bool) -> None:
    """List saved searches, each with the number of stories it finds now and how many of
    those are new since you last looked (as the app's saved-search pane counts them)."""
    with user_store(create=False, reading=True) as store:
        searches = store.saved.list()
        counts = _counts(searches, store) if searches else {}
    refused = any(s.name in counts and counts[s.name] is None for s in searches)
    if as_json:
        rows = []
        for search in searches:
            total, new = counts.get(search.name) or (None, None)
            rows.append({"name": search.name, "query": search.query, "count": total, "new": new})
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        if not searches:
            click.echo("no saved searches yet: dex saved add NAME QUERY", err=True)
        for search in searches:
            total, new = counts.get(search.name) or (None, 0)
            shown = "    ?" if total is None else f"{total:5d}"
            fresh = f"{new} new" if new else ""
            click.echo(one_line(f"{shown}  {fresh:>7}  {search.name}  {search.query}"))
    if refused:
        raise click.exceptions.Exit(1)


def _counts(searches: list[SavedSearch], store: BookmarkStore) -> dict[str, tuple[int, int] | None]:
    """Each saved search's number of matching stories and of those new; a query the index
    refuses is named on stderr and counted as None. No index yet: no counts (said on stderr)."""
    from indexer.index.store import MARKER

    if not (locations.index_dir() / MARKER).is_file():
        click.echo("dex: no index yet, so no counts (dex index PATH)", err=True)
        return {}
    waiting = _waiting()
    index = search_index()
    counts: dict[str, tuple[int, int] | None] = {}
    try:
        for search in searches:
            try:
                total = index.search(search.query, limit=1, bookmarks=store).total
                new = 0
                if waiting:
                    only_new = f"new:yes ({search.query})"
                    new = index.search(only_new, limit=1, bookmarks=store, new=waiting).total
            except ValueError as exc:  # QueryError: it names the query
                click.echo(one_line(f"dex: saved search {search.name!r}: {exc}"), err=True)
                counts[search.name] = None
                continue
            counts[search.name] = (total, new)
    finally:
        index.close()
    return counts


def _waiting() -> set[str]:
    """The stories the app will show as new (none if the user never opened it, or the read
    state cannot be read: said on stderr, the counts go on)."""
    from indexer.bookmarks.read_state import ReadState, ReadStateError

    path = locations.read_state_db()
    if not path.is_file():
        return set()
    try:
        with ReadState(path) as state:
            return state.waiting_ids()
    except ReadStateError as exc:
        click.echo(one_line(f"dex: no new counts: {exc}"), err=True)
        return set()


@saved.command("add")
@click.argument("name")
@click.argument("query", nargs=-1, required=True)
def add_saved(name: str, query: tuple[str, ...]) -> None:
    """Save QUERY under NAME (replacing the query of a search already named so)."""
    text = " ".join(query)
    index = search_index()
    try:
        with user_store(create=True) as store:
            total = index.search(text, limit=1, bookmarks=store).total
            search = store.saved.save(name, text)
    except ValueError as exc:  # a query the index refuses, an empty name: nothing saved
        raise click.ClickException(str(exc)) from exc
    finally:
        index.close()
    click.echo(one_line(f"saved {search.name!r}: {search.query} ({total} stories now)"))


@saved.command("remove")
@click.argument("name")
def remove_saved(name: str) -> None:
    """Forget a saved search."""
    with user_store(create=False) as store:
        removed = store.saved.remove(name)
    if removed is None:
        raise click.ClickException(f"no saved search {name!r} (dex saved list shows them)")
    click.echo(one_line(f"removed {removed.name!r}: {removed.query}"))
