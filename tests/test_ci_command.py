"""CI runs README's test command: the two must not drift apart."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_test_command_readme_gives() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"run the tests:\n\n```sh\n(.+)\n```", readme)
    assert shown is not None, "README's test command block not found"
    command = shown.group(1)
    assert "-c requirements.lock" in command
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci_lines
