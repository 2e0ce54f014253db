"""A digest whose stories carry hostile text: Rich/Textual markup, ANSI and OSC terminal escape
sequences, control characters and spreadsheet formulas. Shared by the CLI and app tests."""

from __future__ import annotations

import re
from pathlib import Path

ESC = "\x1b"
MARKUP = ("[bold]x[/]", "[link=http://evil.example]y[/link]", "[@click=app.quit]q[/]", "[/]")
ESCAPES = (
    f"{ESC}[31mred{ESC}[0m",  # SGR colour
    f"{ESC}[2J{ESC}[H",  # clear the screen
    f"{ESC}]8;;http://evil.example{ESC}\\click{ESC}]8;;{ESC}\\",  # OSC 8 hyperlink
    f"{ESC}]0;pwned title\x07",  # OSC 0: set the window title
    f"{ESC}]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
    "\x9b31m",  # C1 CSI
)
CONTROLS = "bell\x07 back\x08space del\x7f vt\x0b esc-only\x1b"
# A character a terminal acts on: C0 (but tab and newline), DEL, C1.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMULA_STARTS = ("=", "+", "-", "@")
# The same, behind spaces or in full-width and small forms, which spreadsheets also run.
DISGUISED_FORMULA_STARTS = (" =", "  +", "\u00a0-", "\u3000@", "＝", "＋", "－", "＠", " ＝", "﹦")


def hostile_digest() -> str:
    return (
        "\n\n".join(
            [
                "The must-read stories in health policy",
                f"Trust warns of {MARKUP[0]} alarm {ESCAPES[0]} on beds",
                f"NHS England said {MARKUP[1]} and {MARKUP[2]} alarm {ESCAPES[2]} {ESCAPES[3]} the "
                f"plan {ESCAPES[1]} would fund beds {ESCAPES[4]} {ESCAPES[5]} {CONTROLS} "
                f"{MARKUP[3]}.",
                '=HYPERLINK("http://evil.example","formula") alarm story',
                "+cmd|' /C calc'!A0 and the alarm of wards -2+3 @SUM(1) in Leeds.",
            ]
        )
        + "\n"
    )


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "2024-03-14-hostile.txt"
    path.write_text(hostile_digest(), encoding="utf-8")
    return path


def assert_literal(text: str, where: str) -> None:
    """No control character reaches the reader; the markup is there as typed."""
    found = RAW_CONTROL.search(text)
    if found is not None:
        around = text[max(0, found.start() - 40) : found.end() + 40]
        raise AssertionError(f"{where}: raw control {found.group()!r} in {around!r}")
