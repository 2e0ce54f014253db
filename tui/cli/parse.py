"""`dex parse`: show how digests split into stories (or print them as JSON for scripts)."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from indexer.records import Digest, Problem
from tui.cli.shown import literal, one_line

if TYPE_CHECKING:
    from indexer.records import RawDigest
    from indexer.stories.split import SplitResult

_PREVIEW_CHARS = 160


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of stories.")
@click.option("--no-entities", is_flag=True, help="Skip entity extraction (faster).")
@click.option(
    "--explain",
    is_flag=True,
    help="Show every line: the block it came from, how it was read, and why it was cut, kept "
    "or dropped (to report a bad split).",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Follow symbolic links that lead out of the folders named (not followed by default).",
)
def parse(
    paths: tuple[str, ...], as_json: bool, no_entities: bool, explain: bool, follow_links: bool
) -> None:
    """Split digest files (or folders of them) into stories.

    Reads plain text, Markdown, HTML, mail (.eml, mbox, Maildir), Outlook .msg files and RSS or
    Atom feeds. With --json, prints one array of story objects with the keys id, source,
    digest_title, date (ISO 8601), date_from (header, text, filename or mtime), position,
    headline (null for a lead story), title, body, byline (null when the story has none),
    details (the lines of metadata under the headline, such as "Closing date: 17 March", one a
    line; null when there are none) and entities (text, label, field: headline, body,
    details or byline, start, end, canonical, value, aliases).

    With --explain, prints for every line of each digest its block (group number and kind:
    heading, paragraph, item, cell, line of plain text...), its shape (headline-like, body,
    label) and what became of it (story N headline or text, or dropped and why); with --json
    too, one array of {source, header, lines: [{group, block, shape, text, decision}]}.

    Files that cannot be read are named on stderr, one line each; the exit status is 1 if any
    file you named (or any digest in a folder) could not be read.
    """
    from indexer.pipeline import parse_paths, story_to_json

    failed = False

    def on_problem(problem: Problem) -> None:
        nonlocal failed
        failed = failed or problem.fatal
        click.echo(one_line(f"dex: {problem.source}: {problem.message}"), err=True)

    if explain:
        from indexer.pipeline import explain_paths

        _explain(explain_paths(paths, on_problem, follow_links=follow_links), as_json)
        if failed:
            click.get_current_context().exit(1)
        return
    digests = parse_paths(
        paths, on_problem, with_entities=not no_entities, follow_links=follow_links
    )
    if as_json:
        _print_json([story_to_json(s) for digest in digests for s in digest.stories])
    else:
        _render(digests)
    if failed:
        click.get_current_context().exit(1)


def _print_json(value: object) -> None:
    out = json.dumps(value, ensure_ascii=False, indent=1) + "\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        click.echo(out, nl=False)
    else:  # UTF-8 whatever the locale says, as the JSON needs
        sys.stdout.flush()
        buffer.write(out.encode("utf-8"))
        buffer.flush()


def _explain(explained: Iterable[tuple[RawDigest, SplitResult]], as_json: bool) -> None:
    if as_json:
        _print_json(
            [
                {
                    "source": raw.source,
                    "header": result.header,
                    "lines": [dataclasses.asdict(line) for line in result.explained],
                }
                for raw, result in explained
            ]
        )
        return
    from rich.text import Text

    from tui.cli.console import PipeConsole

    console = PipeConsole(highlight=False, soft_wrap=False)
    for raw, result in explained:
        console.print(Text(one_line(raw.source), style="bold"))
        if result.header:
            header = Text(f"  header: {one_line(result.header)}", style="dim")
            console.print(header, no_wrap=True, overflow="ellipsis")
        for line in result.explained:
            dropped = line.decision.startswith("dropped")
            row = Text(f"{line.group:>4} {line.block:<10} {line.shape:<13} ", style="dim")
            row.append(f"{line.decision:<28} ", style="red" if dropped else "green")
            row.append(one_line(line.text))
            console.print(row, no_wrap=True, overflow="ellipsis")
        console.print()


def _render(digests: object) -> None:
    from rich.text import Text

    from tui.cli.console import PipeConsole

    console = PipeConsole(highlight=False, soft_wrap=False)
    for digest in digests:  # type: ignore[attr-defined]
        assert isinstance(digest, Digest)
        header = Text(literal(digest.title), style="bold")
        header.append(f"  {digest.date.isoformat()}", style="cyan")
        if digest.date_from != "header":
            header.append(f" (from {digest.date_from})", style="dim")
        console.print(header)
        console.print(Text(one_line(os.fspath(digest.source)), style="dim"))
        for story in digest.stories:
            line = Text(f"{story.position + 1:>3}. ", style="dim")
            line.append(literal(story.title), style="bold" if story.headline else "italic")
            console.print(line)
            preview = " ".join(literal(story.body).split())
            if len(preview) > _PREVIEW_CHARS:
                preview = preview[:_PREVIEW_CHARS].rsplit(" ", 1)[0] + "…"
            console.print(Text(f"     {preview}"), style="default")
        console.print()
