"""How `dex` behaves as a Unix command: a reader that leaves early, no terminal, `python -m`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "indexer" / "samples"


def _env() -> dict[str, str]:
    """This checkout first on the path (the test may run from a plain PYTHONPATH checkout)."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, "COLUMNS": "100"}


@pytest.fixture
def indexed(data_dir: Path) -> Path:
    """The samples indexed and one bookmarked, so every command below has lines to print."""
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(SAMPLES)]).exit_code == 0
    found = runner.invoke(cli, ["search", "--json", "nhs"])
    story = json.loads(found.stdout)["hits"][0]["id"]
    assert runner.invoke(cli, ["bookmarks", "add", story]).exit_code == 0
    return data_dir


@pytest.mark.parametrize(
    "args",
    [
        ["search", "nhs"],
        ["search", "--json", "nhs"],
        ["parse", str(SAMPLES)],
        ["parse", "--json", str(SAMPLES)],
        ["bookmarks", "list"],
        ["bookmarks", "export", "--format", "markdown"],
        ["--help"],
    ],
    ids=" ".join,
)
def test_a_reader_that_leaves_early_ends_dex_quietly_with_status_0(
    indexed: Path, args: list[str]
) -> None:
    """`dex search x | head`: the pipe closes before dex has written; no message, status 0."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    child.stdout.close()  # the reader is gone before the first line
    _, errors = child.communicate(timeout=120)
    assert (child.returncode, errors.decode()) == (0, "")


def test_python_m_tui_runs_dex(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], env=_env(), capture_output=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.decode().startswith("dex, version ")


@pytest.mark.parametrize("not_a_terminal", ["stdin", "stdout"])
def test_the_app_refuses_to_start_without_a_terminal(data_dir: Path, not_a_terminal: str) -> None:
    """`dex < file` or `dex > file`: one line saying why, a non-zero status, never a hang."""
    import pty

    leader, terminal = pty.openpty()
    streams = {"stdin": terminal, "stdout": terminal, not_a_terminal: subprocess.DEVNULL}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui"],
            env=_env(),
            stdin=streams["stdin"],
            stdout=streams["stdout"],
            stderr=subprocess.PIPE,
            timeout=30,
        )
    finally:
        os.close(terminal)
        os.close(leader)
    message = done.stderr.decode()
    assert done.returncode == 1
    assert message.count("\n") == 1
    assert f"{not_a_terminal} is not a terminal" in message


@pytest.mark.parametrize(
    ("words", "expected"), [("dex se", "search"), ("dex search --sort ", "relevance\ndate")]
)
def test_bash_completion_answers_with_click(data_dir: Path, words: str, expected: str) -> None:
    """What `eval "$(_DEX_COMPLETE=bash_source dex)"` (README) asks dex at each Tab."""
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    env = {**_env(), "_DEX_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    done = subprocess.run(
        [sys.executable, "-m", "tui"], env=env, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert done.stderr == b""
    assert done.stdout.decode().replace("plain,", "").strip() == expected


def test_the_command_line_starts_without_loading_the_engine() -> None:
    """`dex --help`, `dex sources list` and the like start fast: importing the command line
    loads neither Whoosh nor numpy (only the commands that search or index do, when they run)
    nor Textual (only the app does)."""
    code = (
        "import sys, tui.cli, tui.cli.sources, tui.cli.index, tui.cli.watch, tui.cli.saved, "
        "tui.cli.search, tui.cli.parse, tui.cli.bookmarks, tui.cli.trends, tui.cli.explore; "
        "print(sorted(m for m in ('whoosh', 'numpy', 'textual') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# `dex ARGS` as the console script runs it, reporting which of these modules it loaded.
_LOADING_DEX = """\
import sys
from tui.cli import main
status = main()
loaded = sorted(name for name in {names!r} if name in sys.modules)
print("loaded", " ".join(loaded), file=sys.stderr)
sys.exit(status)
"""


def _loading_dex(names: tuple[str, ...], *args: str) -> set[str]:
    code = _LOADING_DEX.format(names=names)
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(done.stderr.splitlines()[-1].split()[1:])


def test_a_search_loads_no_textual_nor_what_only_other_commands_need(indexed: Path) -> None:
    """`dex search` starts fast: it loads numpy and Whoosh, which it needs, but not Textual,
    platformdirs (the data folder is given), nor what only a mistyped field or a relative
    date needs (difflib, dateutil)."""
    watched = ("numpy", "whoosh.reading", "textual", "platformdirs", "difflib", "dateutil")
    assert _loading_dex(watched, "search", "nhs") == {"numpy", "whoosh.reading"}
