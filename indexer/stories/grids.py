"""Tables drawn in plain text with a grid ("+------+------+" over "| cell | cell |"), as
pandoc, psql and plain-text newsletters draw them: where the cells hold prose, each row's cells
become paragraphs (a topic over its text), so the splitter sees what the table shows."""

from __future__ import annotations

import itertools
import re

__all__ = ["unfold_grid_tables"]

_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PROSE_WORDS = 8  # the last column of a table of stories holds text this long, on average


def unfold_grid_tables(text: str) -> str:
    """The text with each grid table of prose rows written out as paragraphs, cell by cell,
    and a box drawn round lines as the lines; a header row (over a "+====+" border) and tables
    of figures are left as they are."""
    if "+-" not in text and "+=" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        if _BORDER.match(lines[at]) is None:
            out.append(lines[at])
            at += 1
            continue
        end = at + 1
        while end < len(lines) and (_BORDER.match(lines[end]) or _ROW.match(lines[end])):
            end += 1
        unfolded = _unfold(lines[at:end])
        out.extend(unfolded if unfolded is not None else lines[at:end])
        at = end
    return "\n".join(out)


def _unfold(table: list[str]) -> list[str] | None:
    border = table[0]
    edges = [at for at, ch in enumerate(border) if ch == "+"]
    rows: list[list[str]] = []
    current: list[str] = []
    header_ends = False
    for line in table[1:]:
        if _BORDER.match(line):
            if current:
                rows.append(current)
                header_ends = header_ends or ("=" in line and len(rows) == 1)
            current = []
        else:
            current.append(line)
    if current:
        rows.append(current)
    if header_ends:
        rows = rows[1:]  # "| TOPIC | UPDATE |": the columns' names, not a story
    columns = list(itertools.pairwise(edges))
    if len(columns) == 1 and len(rows) == 1:
        # A box drawn round lines (a masthead, a notice): the lines, without the box.
        # (by the bars, not the border's columns: a wide character shifts a line's bar)
        return [*(line.strip().removeprefix("|").removesuffix("|").strip() for line in rows[0]), ""]
    cells = [[_cell(row, left, right) for left, right in columns] for row in rows]
    if len(cells) < 2 or not 2 <= len(edges) - 1 <= 3:
        return None
    last = [row[-1] for row in cells]
    if sum(len(text.split()) for text in last) < _PROSE_WORDS * len(last):
        return None  # a table of figures or names: leave it drawn
    out: list[str] = []
    for row in cells:
        for text in row:
            if text:
                out.extend([text, ""])
    return out


def _cell(row: list[str], left: int, right: int) -> str:
    parts = [line[left + 1 : right].strip() for line in row]
    return " ".join(part for part in parts if part)
