"""Running `dex` in-process for the command-line tests: through click's runner with a data
folder, or through `main` as the console script calls it (exit status, stdout, stderr)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tui import locations
from tui.cli import cli, main


def invoke(data_dir: Path, *args: str) -> Result:
    """`dex --data-dir DATA ARGS...` through click's test runner."""
    try:
        return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args])
    finally:
        locations.set_data_dir(None)


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`dex ARGS...` as the console script runs it: exit status, stdout and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
