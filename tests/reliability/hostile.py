"""A digest whose stories carry hostile text: Rich/Textual markup, ANSI and OSC terminal escape
sequences, control characters and spreadsheet formulas. Shared by the CLI and app tests."""

from __future__ import annotations

import email.header
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
# Characters that change what a line seems to say without being seen: bidi overrides and
# isolates reorder what follows them, zero-width characters hide text or split words.
RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
ZERO_WIDTH = ("\u200b", "\u2060", "\ufeff")
RAW_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060-\u2064\ufeff\u180e]")
HIDDEN_WORD = "hiddenword"  # in every story that carries hidden characters
HIDDEN_NAME = f"2024-03-16-name-{RLO}txt.exe-{ZERO_WIDTH[0]}.txt"


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
    """The hostile digest, and two digests whose stories, titles and names hide characters."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "2024-03-14-hostile.txt"
    path.write_text(hostile_digest(), encoding="utf-8")
    (folder / HIDDEN_NAME).write_text(
        f"The must-read stories in health policy\n\nTrust {RLO}reversed{PDF} {HIDDEN_WORD} "
        f"report\n\nThe board said {LRI}isolated{PDI} {HIDDEN_WORD} text was fine.\n",
        encoding="utf-8",
    )
    zw = ZERO_WIDTH
    subject = f"Health{zw[0]}digest {RLO}desrever{PDF} news{zw[1]}letter{zw[2]}"
    (folder / "2024-03-16-subject.eml").write_text(
        f"From: news@example.org\nTo: you@example.org\n"
        f"Subject: {email.header.Header(subject, 'utf-8').encode()}\n"
        f"Date: Sat, 16 Mar 2024 08:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n"
        f"Ward {RLO}closures{PDF} {HIDDEN_WORD} reviewed\n\nThe trust said the {HIDDEN_WORD} "
        f"review would end in {LRI}May{PDI}.\n",
        encoding="utf-8",
    )
    return path


def assert_literal(text: str, where: str) -> None:
    """No control character reaches the reader; the markup is there as typed."""
    _assert_absent(RAW_CONTROL, text, where, "control")


def assert_shown(text: str, where: str) -> None:
    """`assert_literal`, and no hidden character reaches the reader either."""
    assert_literal(text, where)
    _assert_absent(RAW_HIDDEN, text, where, "hidden")


def _assert_absent(pattern: re.Pattern[str], text: str, where: str, what: str) -> None:
    found = pattern.search(text)
    if found is not None:
        around = text[max(0, found.start() - 40) : found.end() + 40]
        raise AssertionError(f"{where}: raw {what} {found.group()!r} in {around!r}")
