"""The `dex` command: thin argument parsing over `indexer` and the app.

Each sub-command lives in its own module here and is registered below. Textual is imported
only when the app opens, so `dex parse` and `dex search` start fast.
"""

from __future__ import annotations

import os
import sys

import click

from tui import locations
from tui.cli.pipes import PipeFriendlyGroup, discard_output


@click.group(
    cls=PipeFriendlyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    envvar=locations.ENV_VAR,
    help=(
        "Keep the index, bookmarks, history and settings here"
        f" (default: the platform's user folders; env {locations.ENV_VAR})."
    ),
)
@click.version_option(package_name="digest-explorer", prog_name="dex")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None) -> None:
    """Digest Explorer: search and read health-policy news digests.

    With no command, opens the explorer on your index (the bundled sample digests until you
    index your own).
    """
    locations.set_data_dir(data_dir)
    _move_to_new_places()
    if ctx.invoked_subcommand is None:
        from tui.cli.explore import explore

        ctx.invoke(explore)


def _move_to_new_places() -> None:
    """Files an earlier dex kept elsewhere move once, said in one line (tui.old_places)."""
    from tui.old_places import move_to_new_places

    lines = move_to_new_places()
    if lines:
        from tui.cli.shown import one_line

        for line in lines:
            click.echo(one_line(line), err=True)


def _register() -> None:
    from tui.cli.parse import parse

    cli.add_command(parse)

    from tui.cli.bookmarks import bookmarks

    cli.add_command(bookmarks)

    from tui.cli.index import index
    from tui.cli.search import search

    cli.add_command(index)
    cli.add_command(search)

    from tui.cli.saved import saved
    from tui.cli.sources import sources
    from tui.cli.watch import watch

    cli.add_command(saved)
    cli.add_command(sources)
    cli.add_command(watch)

    from tui.cli.trends import trends

    cli.add_command(trends)


_register()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; never show a traceback to a user (DEX_DEBUG=1 shows it)."""
    try:
        # Not standalone: click returns ctx.exit()/Exit codes instead of raising them.
        status = cli.main(args=argv, prog_name="dex", standalone_mode=False)
        sys.stdout.flush()  # a reader that left early shows here, not as Python exits
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.ClickException as exc:
        from tui.cli.shown import one_line

        exc.message = one_line(exc.message)  # it may name a file or quote a query
        if isinstance(exc, click.UsageError):
            exc.show()  # click's usage line and "Error: ...", as for any command
        else:
            click.echo(f"dex: {exc.message}", err=True)  # as every other failure says it
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("dex: interrupted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("dex: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # Output piped into `head`, which closed it early: what the user asked for.
        discard_output()
        return 0
    except Exception as exc:
        if os.environ.get("DEX_DEBUG"):
            raise
        from tui.cli.shown import one_line

        first = (str(exc).strip().splitlines() or [""])[0]  # never a traceback a worker sent
        click.echo(one_line(f"dex: unexpected error: {type(exc).__name__}: {first}"), err=True)
        return 1
    return status if isinstance(status, int) else 0
