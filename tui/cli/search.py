"""`dex search QUERY`: ranked stories from the shell, or a stable JSON object for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from tui import locations
from tui.cli.shown import one_line

if TYPE_CHECKING:
    from indexer.bookmarks.store import BookmarkStore
    from indexer.records import Hit, Problem, SearchResult
    from indexer.search.searcher import Index

QUERY_HELP = """\
Words match headlines and text (all of them: AND is implied); "quotes" for a phrase; OR, NOT
and -word; wild* and fuzzy~ (fuzzy~2 allows two edits). Fields: headline:, title:, text:,
source: (from:), org: (organisation:), person: (who:), place: (where:), entity:, e.g.
org:"NHS England". Dates: date:2016, date:2016-03, date:[2016-01 to 2016-06],
date:>2016-03, date:"last month". Amounts: money:>10m, money:[1m to 5bn], percent:>10.
Your bookmarks: bookmarked:yes, tag:NAME.

\b
-word leaves out stories with that word, also unquoted: dex search deficit -nhs, or
dex search -- -nhs (after --, everything is query)."""


class _QueryCommand(click.Command):
    """`dex search deficit -nhs`: a `-word` that is not one of the command's options is part
    of the query (NOT word), as the query language writes it; a mistyped `--option` is still
    an error."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _query_words_last(self, args, ctx.help_option_names))


def _query_words_last(command: click.Command, args: list[str], helps: list[str]) -> list[str]:
    """The options as given, then `--` and the query's words (their order kept)."""
    valued: set[str] = set()
    flags = set(helps)
    for param in command.params:
        if isinstance(param, click.Option):
            names = {*param.opts, *param.secondary_opts}
            (flags if param.is_flag else valued).update(names)
    options: list[str] = []
    words: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        name = arg.split("=", 1)[0]
        if arg == "--":
            words += args[i + 1 :]
            break
        if name in valued:
            taken = 1 if "=" in arg else 2
            options += args[i : i + taken]
            i += taken
            continue
        if name in flags or arg.startswith("--") or _joined_value(arg, valued):
            options.append(arg)
        else:
            words.append(arg)
        i += 1
    return [*options, "--", *words] if words else options


def _joined_value(arg: str, valued: set[str]) -> bool:
    """`-n5`: a short option with its (numeric) value joined on; `-nhs` is a query word."""
    return len(arg) > 2 and arg[:2] in valued and arg[2:].isdigit()


@click.command("search", cls=_QueryCommand, epilog=QUERY_HELP)
@click.argument("query", nargs=-1)
@click.option(
    "--like",
    "like",
    metavar="STORY_ID",
    help="Instead of a query: the stories most like this one (ids are in the results).",
)
@click.option(
    "--saved", "saved", metavar="NAME", help="Instead of a query: a saved search (dex saved list)."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see README).")
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option(
    "--sort",
    type=click.Choice(["relevance", "date"]),
    default="relevance",
    show_default=True,
    help="Best matches first, or newest first.",
)
def search(
    query: tuple[str, ...],
    like: str | None,
    saved: str | None,
    as_json: bool,
    limit: int,
    sort: str,
) -> None:
    """Search the indexed stories (the bundled samples until you run `dex index`).

    Query mistakes (an unclosed quote, an unknown field, a date dex cannot read) are one line
    on stderr and exit status 2.
    """
    if [bool(query), bool(like), saved is not None].count(True) != 1:
        raise click.UsageError(
            "give a QUERY, --like STORY_ID or --saved NAME: one of them, not both"
        )
    if saved is not None:
        from tui.cli.saved import saved_query

        query = (saved_query(saved),)
    text = query_text(query)
    with reading_index() as (index, bookmarks):
        if like:
            result = _similar(index, like.strip(), limit)
        else:
            result = index.search(text, limit=limit, sort=sort, bookmarks=bookmarks)  # type: ignore[arg-type]
    if as_json:
        write_utf8(json.dumps(result_to_json(result), ensure_ascii=False, indent=1) + "\n")
    else:
        _render(result)


def query_text(words: tuple[str, ...]) -> str:
    """The query's words as one query; exit status 2 if they are not valid UTF-8."""
    text = " ".join(words)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # bytes the locale could not decode (surrogate escapes)
        shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        click.echo(one_line(f"dex: query {shown!r}: not valid UTF-8"), err=True)
        raise click.exceptions.Exit(2) from None
    return text


@contextmanager
def reading_index() -> Iterator[tuple[Index, BookmarkStore | None]]:
    """The index and the user's bookmarks for a reading command, closed after; a query
    mistake raised inside is one line on stderr and exit status 2."""
    from indexer.errors import QueryError

    index = _open_for_reading()
    bookmarks = _bookmarks()
    try:
        yield index, bookmarks
    except QueryError as exc:
        click.echo(one_line(f"dex: {exc}"), err=True)
        raise click.exceptions.Exit(2) from None
    finally:
        index.close()
        if bookmarks is not None:
            bookmarks.close()


def _open_for_reading() -> Index:
    """The index for a reading command (built from the samples first if there is none), its
    problems and any unfinished run said on stderr; exit status 1 if it cannot be opened."""
    from indexer.index.store import IndexBusyError, IndexDamagedError, ensure_index, incomplete
    from indexer.search.searcher import open_index

    index_dir = locations.index_dir()

    def damaged(problem: Problem) -> None:
        click.echo(one_line(f"dex: {problem.message}"), err=True)

    try:
        if ensure_index(index_dir, on_problem=damaged):
            click.echo(
                "dex: no index yet: built one from the bundled sample digests "
                "(add yours with `dex index PATH`)",
                err=True,
            )
        index = open_index(index_dir, check_files=False)  # ensure_index has checked it
    except (IndexBusyError, IndexDamagedError, FileNotFoundError) as exc:
        click.echo(one_line(f"dex: {exc}"), err=True)
        raise click.exceptions.Exit(1) from None
    warning = incomplete(index_dir)
    if warning:
        click.echo(one_line(f"dex: {warning}"), err=True)
    return index


def _similar(index: Any, story_id: str, limit: int) -> SearchResult:
    """The `--like` answer, shaped as a search result (its query is `like:ID`)."""
    from indexer.index.store import QueryError
    from indexer.records import SearchResult

    if index.story(story_id) is None:
        raise QueryError(f"--like {story_id!r}: no story with that id in the index")
    hits = index.more_like_this(story_id, limit)
    return SearchResult(query=f"like:{story_id}", hits=hits, total=len(hits))


def write_utf8(text: str) -> None:
    """UTF-8 whatever the locale says: scripts parse this."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        click.echo(text, nl=False)
        return
    sys.stdout.flush()
    stream.write(text.encode("utf-8"))
    stream.flush()


def _bookmarks() -> BookmarkStore | None:
    """The user's bookmarks (for bookmarked:yes and tag:x), if they have any."""
    path = locations.bookmarks_db()
    if not path.exists():
        return None
    from indexer.bookmarks.store import BookmarkStore, BookmarkStoreError

    try:
        return BookmarkStore(path)
    except BookmarkStoreError as exc:
        click.echo(one_line(f"dex: bookmarks unavailable: {exc}"), err=True)
        return None


def hit_to_json(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "headline": hit.headline,
        "title": hit.title,
        "date": hit.date.isoformat(),
        "sources": list(hit.sources),
        "digest_title": hit.digest_title,
        "snippet": hit.snippet,
        "snippet_spans": [[span.start, span.end] for span in hit.snippet_spans],
        "score": round(hit.score, 4),
        "title_spans": [[span.start, span.end] for span in hit.title_spans],
    }


def result_to_json(result: SearchResult) -> dict[str, Any]:
    """The documented `dex search --json` object (README: Scripting with --json)."""
    return {
        "query": result.query,
        "total": result.total,
        "exact": result.exact,
        "suggestion": result.suggestion,
        "hits": [hit_to_json(hit) for hit in result.hits],
    }


def _render(result: SearchResult) -> None:
    from rich.text import Text

    from tui.cli.console import PipeConsole

    console = PipeConsole(highlight=False)
    # Piped or redirected: one line per field, never hard-wrapped (a terminal still wraps).
    console.soft_wrap = not console.is_terminal
    if not result.hits:
        line = Text(one_line(f"No stories match {result.query!r}."))
        if result.suggestion:
            line.append(" Did you mean: ")
            line.append(one_line(result.suggestion), style="bold")
            line.append("?")
        console.print(line)
        return
    for number, hit in enumerate(result.hits, 1):
        title = Text(f"{number:>3}. ", style="dim")
        heading = Text(one_line(hit.headline or hit.title), style="bold")  # spans still fit
        for span in hit.title_spans:
            heading.stylize("yellow", span.start, span.end)
        title.append_text(heading)
        console.print(title)
        where = hit.sources[0].rsplit("/", 1)[-1] if hit.sources else ""
        extra = f" (+{len(hit.sources) - 1} more)" if len(hit.sources) > 1 else ""
        where = one_line(where)
        line = Text(f"     {hit.date.isoformat()}  {where}{extra}", style="cyan")
        line.append(f"  id {hit.id}", style="dim")  # for --like and `dex bookmarks add`
        console.print(line)
        snippet = Text(one_line(hit.snippet))  # one character for one: the spans still fit
        for span in hit.snippet_spans:
            snippet.stylize("bold yellow", span.start, span.end)
        console.print(Text("     ").append_text(snippet))
    about = "" if result.exact else "about "
    console.print(
        Text(f"{about}{result.total} stories match; showing {len(result.hits)}.", style="dim")
    )
