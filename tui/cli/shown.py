"""Text from files and users, made safe to print: control characters (ANSI/OSC escapes) shown as
visible symbols, hidden characters (bidi overrides, zero-width) as U+FFFD, and one-line messages
kept on one line whatever a file name holds. JSON output is not passed through here."""

from __future__ import annotations

from indexer.reading.textcodec import visible_text


def one_line(text: object) -> str:
    """A message or name for one line of stderr: no newline or escape sequence survives."""
    return visible_text(str(text), one_line=True)


def literal(text: str) -> str:
    """Story text for the terminal: newlines kept, every other control character visible."""
    return visible_text(text)
