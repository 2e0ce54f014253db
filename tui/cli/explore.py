"""`dex` with no command: open the explorer app.

Textual is imported here, inside the command, so the other sub-commands never pay for it.
"""

from __future__ import annotations

import sys

import click


@click.command("explore")
def explore() -> None:
    """Open the explorer on your index (the bundled sample digests until you index your own)."""
    for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout)):
        if not stream.isatty():  # the app would wait for keys or draw into a file
            click.echo(
                f"dex: {name} is not a terminal: the explorer needs one "
                "(for output to a pipe or a file, use `dex search QUERY`)",
                err=True,
            )
            raise click.exceptions.Exit(1)
    from tui.launch import explorer

    app = explorer()
    app.run()
    if app.session.backup_problem:  # found as the app closed, when it can no longer say so
        from tui.cli.shown import one_line

        click.echo(one_line(f"dex: {app.session.backup_problem}"), err=True)
