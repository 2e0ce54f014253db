"""`dex saved ...`: searches kept under a name, listed with how many stories match each now.

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
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (name, query, count).")
def list_saved(as_json: bool) -> None:
    """List saved searches, each with the number of stories it finds now."""
    with user_store(create=False, reading=True) as store:
        searches = store.saved.list()
        counts = _counts(searches, store) if searches else {}
    refused = any(counts.get(s.name, 0) is None for s in searches)
    if as_json:
        rows = [{"name": s.name, "query": s.query, "count": counts.get(s.name)} for s in searches]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        if not searches:
            click.echo("no saved searches yet: dex saved add NAME QUERY", err=True)
        for search in searches:
            count = counts.get(search.name)
            shown = "    ?" if count is None else f"{count:5d}"
            click.echo(one_line(f"{shown}  {search.name}  {search.query}"))
    if refused:
        raise click.exceptions.Exit(1)


def _counts(searches: list[SavedSearch], store: BookmarkStore) -> dict[str, int | None]:
    """Each saved search's number of matching stories; a query the index refuses is named on
    stderr and counted as None. No index yet: no counts (said on stderr)."""
    from indexer.index.store import MARKER

    if not (locations.index_dir() / MARKER).is_file():
        click.echo("dex: no index yet, so no counts (dex index PATH)", err=True)
        return {}
    index = search_index()
    counts: dict[str, int | None] = {}
    try:
        for search in searches:
            try:
                counts[search.name] = index.search(search.query, limit=1, bookmarks=store).total
            except ValueError as exc:  # QueryError: it names the query
                click.echo(one_line(f"dex: saved search {search.name!r}: {exc}"), err=True)
                counts[search.name] = None
    finally:
        index.close()
    return counts


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
