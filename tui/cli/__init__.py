"""The `dex` command: thin argument parsing over `indexer` and the app.

Each sub-command lives in its own module here, imported only when it runs (COMMANDS). Textual
is imported only when the app opens, so `dex parse` and `dex search` start fast.

Run as the process's own command line (`main()`, as the `dex` script calls it), dex also asks
numpy for one BLAS thread and pauses the garbage collector (`_settle_process`).
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from tui import locations
from tui.cli.pipes import PipeFriendlyGroup, discard_output

# Each sub-command's module, imported only when that command runs (or `dex --help` lists it):
# importing them all cost `dex search` ~40 ms of modules it does not use.
COMMANDS = ("bookmarks", "index", "parse", "saved", "search", "sources", "trends", "watch")
# Commands over within a moment: the collector stays paused for them (see `_settle_process`).
# The others (an index run, the app) may run for hours: they collect as usual.
BRIEF_COMMANDS = frozenset({"search"})


class _DexGroup(PipeFriendlyGroup):
    """The `dex` group, its sub-commands loaded from tui.cli.NAME when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module = importlib.import_module(f"tui.cli.{cmd_name}")
            self.add_command(getattr(module, cmd_name))
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_DexGroup,
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
    if ctx.invoked_subcommand not in BRIEF_COMMANDS:
        gc.enable()  # paused by main for the start-up only
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


def _settle_process() -> None:
    """What a short-lived `dex` process needs from the runtime, set before its imports.

    numpy starts one BLAS thread per core as it is imported (tens of milliseconds of CPU) and
    dex does no linear algebra: one is asked for, unless the user chose a number (the index
    process of the app is started the same way, tui.index_client).

    The garbage collector would walk every object numpy, Whoosh and rich create as they are
    imported, and again as Python exits; imports make almost no garbage. It is paused here,
    resumed by the group's callback for every command not in BRIEF_COMMANDS (they may run
    for hours), and main freezes what a brief command made before it exits.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    gc.disable()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; never show a traceback to a user (DEX_DEBUG=1 shows it).

    With no `argv` it is the process's own command line (the `dex` script, `python -m tui`)
    and the process is settled for it (`_settle_process`); with `argv`, as tests call it in
    their own process, the runtime is left alone.
    """
    if argv is None:
        _settle_process()
        try:
            return _run(argv)
        finally:
            gc.freeze()  # the collection as Python exits then skips every object made so far
    return _run(argv)


def _run(argv: list[str] | None) -> int:
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
