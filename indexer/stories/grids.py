"""Tables drawn in plain text, as pandoc, psql and plain-text newsletters draw them: with a grid
("+------+------+" over "| cell | cell |"), or in columns under a header underlined column by
column ("Date      Provider" over "--------  ----------"). Where the cells hold prose, each row
becomes paragraphs the splitter reads as the table shows them: a grid's row a topic over its
text; a column table's row its headline, its other columns as labelled fields, then its text."""

from __future__ import annotations

import itertools
import re

from indexer.reading.digest_dates import is_date_line

__all__ = ["unfold_column_tables", "unfold_grid_tables"]

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


# The rule under a column table's header: a run of dashes per column, gaps between them.
_COLUMN_RULE = re.compile(r"^ *-{3,}(?: {1,6}-{3,}){1,4} *$", re.M)
_NUMBERS = re.compile(r"^[\d\s.,:/%£$€()-]*$")


def unfold_column_tables(text: str) -> str:
    """The text with each column table of prose rows written out row by row: the row's
    headline (its first column of words, not dates or figures), its other short columns as
    fields named by the header ("Date: 03/10/2024 | Action: Warning notice"), then the text
    of its last column, wrapped lines joined. Tables of figures are left as they are."""
    if "--" not in text or _COLUMN_RULE.search(text) is None:
        return text
    lines = text.split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        if at == 0 or _COLUMN_RULE.match(line) is None or not lines[at - 1].strip():
            out.append(line)
            at += 1
            continue
        spans = [(m.start(), m.end()) for m in re.finditer(r"-+", line)]
        end = _table_end(lines, at + 1, spans)
        unfolded = _unfold_columns(lines[at - 1], lines[at + 1 : end], spans)
        if unfolded is None:
            out.append(line)
            at += 1
            continue
        out[-1:] = unfolded  # (the header line, already out, is the table's)
        at = end + 1 if end < len(lines) and _COLUMN_RULE.match(lines[end]) else end
    return "\n".join(out)


def _fits(line: str, spans: list[tuple[int, int]]) -> bool:
    """Nothing written across a gap between columns."""
    return all(not line[right:left].strip() for (_, right), (left, _) in itertools.pairwise(spans))


def _table_end(lines: list[str], start: int, spans: list[tuple[int, int]]) -> int:
    """Where the table's rows end: a closing rule, two blank lines, or a line across the columns."""
    at = start
    while at < len(lines):
        line = lines[at]
        if _COLUMN_RULE.match(line) is not None:
            return at
        if not line.strip():
            if at + 1 < len(lines) and not lines[at + 1].strip():
                return at
        elif not _fits(line, spans):
            return at
        at += 1
    return at


def _column_cells(line: str, spans: list[tuple[int, int]]) -> list[str]:
    starts = [left for left, _ in spans]
    ends = [*starts[1:], None]
    return [line[left:right].strip() for left, right in zip(starts, ends, strict=True)]


def _unfold_columns(header: str, body: list[str], spans: list[tuple[int, int]]) -> list[str] | None:
    names = _column_cells(header, spans)
    rows: list[list[list[str]]] = []
    for line in body:
        if not line.strip():
            continue
        cells = _column_cells(line, spans)
        if cells[0] or not rows:
            rows.append([[cell] if cell else [] for cell in cells])
        else:
            for parts, cell in zip(rows[-1], cells, strict=True):
                if cell:
                    parts.append(cell)
    table = [[" ".join(parts) for parts in row] for row in rows]
    if len(table) < 2 or not all(names):
        return None
    texts = [row[-1] for row in table]
    if sum(len(text.split()) for text in texts) < _PROSE_WORDS * len(texts):
        return None  # a table of figures or names: leave it drawn
    columns = range(len(spans) - 1)
    heads = [
        c for c in columns if not all(_NUMBERS.match(r[c]) or is_date_line(r[c]) for r in table)
    ]
    if not heads:
        return None
    head = heads[0]
    out: list[str] = []
    for row in table:
        fields = " | ".join(f"{names[c]}: {row[c]}" for c in columns if c != head and row[c])
        out.extend([row[head], *([fields] if fields else []), row[-1], ""])
    return out
