"""The block model: what every reader hands the splitter, whatever the format it read.

A digest is a sequence of blocks in reading order. Markdown and HTML readers know each block's
kind from the document's structure (a `<h3>`, a `**bold** lead`, a `<td>`); the plain-text
reader infers it from line shape. The splitter looks for the story template in these facts,
so a reader's job is to keep every structural fact the page showed and drop only chrome.

Blocks of one container (the lines of a plain-text paragraph, the items of one list, the
cells of one table row) share a `group`; a new group is what a blank line is in plain text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "heading", "paragraph", "item", "quote", "rule", "cell", "caption", "line", "byline", "details"
]
KINDS: tuple[Kind, ...] = (
    "heading",
    "paragraph",
    "item",
    "quote",
    "rule",
    "cell",
    "caption",
    "line",
    "byline",  # what the page marked as a byline: the next story's metadata, not its text
    "details",  # a record's other fields beside its title (who, when, a status): metadata
)


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a digest as the reader saw it.

    `text` is what a reader sees, inline markup removed, on one line (a plain-text "line" block
    is one physical line: hard-wrapped paragraphs are joined by the splitter). `lead` is bold or
    linked text that opens the block and is followed by more text ("**Headline** - text");
    `strong` and `linked` say the whole block is bold or is one link.
    """

    kind: Kind
    text: str
    group: int
    level: int = 0  # heading level (1-6), list nesting depth (1 = top) or quote depth
    ordered: bool = False  # an item of a numbered list
    number: int | None = None  # its number, where the list gave one
    lead: str | None = None
    strong: bool = False
    linked: bool = False
    row: bool = False  # a row of a table of records, its cells joined by " | "
    task: bool = False  # a to-do item ("- [ ] Call the LMC"): an action, never a headline
    standfirst: bool = False  # what a page set in a headline as its summary: text, not a title
    code: bool = False  # a line of a code listing in a story: its text, never a title


def render(blocks: Iterable[Block]) -> str:
    """The blocks as plain text: one line each, a blank line between groups."""
    lines: list[str] = []
    group: int | None = None
    for block in blocks:
        if block.kind == "rule":
            continue
        if group is not None and block.group != group and lines and lines[-1]:
            lines.append("")
        lines.append(block.text)
        group = block.group
    return "\n".join(lines)


class Builder:
    """Collects blocks, numbering groups: readers call `new_group` where a blank line would be."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.group = 0
        self._used = False

    def new_group(self) -> None:
        if self._used:
            self.group += 1
            self._used = False

    def add(self, kind: Kind, text: str, **facts: object) -> None:
        text = " ".join(text.split())
        if not text and kind != "rule":
            return
        self.blocks.append(Block(kind, text, self.group, **facts))  # type: ignore[arg-type]
        self._used = True


_SYMBOLS = frozenset(["So", "Sk", "Sm", "Mn", "Cf"])  # with emoji's variation selector and joiner


def is_decoration(text: str) -> bool:
    """Symbols only (emoji, arrows, stars): a mark set before a lead ("⚠️ **Headline**"),
    not a word of it."""
    return bool(text.strip()) and all(
        ch.isspace() or unicodedata.category(ch) in _SYMBOLS for ch in text
    )
