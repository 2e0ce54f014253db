"""CSV for spreadsheets: one row per bookmark, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Sequence

from indexer.bookmarks.export.fields import full_title
from indexer.bookmarks.store import Bookmark
from indexer.reading.textcodec import visible_controls

CSV_COLUMNS = (
    "story_id", "headline", "title", "date", "digest_title", "source", "created", "tags", "note",
    "body",
)  # fmt: skip
# What a spreadsheet starts a formula with, after any leading spaces; compared after NFKC, so
# the full-width and small forms some spreadsheets also accept (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) count.
_FORMULA_START = frozenset("=+-@")
_CELL_BREAKS = ("\t", "\r")


def starts_formula(value: str) -> bool:
    if value.startswith(_CELL_BREAKS):
        return True
    first = value.lstrip()[:1]
    return bool(first) and unicodedata.normalize("NFKC", first)[:1] in _FORMULA_START


def csv_cell(value: str) -> str:
    """Guard against formula injection: a spreadsheet shows the cell as text, not a formula."""
    guarded = "'" + value if starts_formula(value) else value
    # Escapes made visible (`cat` of the file acts on none); CR kept, the csv module quotes it.
    return "\r".join(visible_controls(part) for part in guarded.split("\r"))


def to_csv(bookmarks: Sequence[Bookmark]) -> str:
    """One row per bookmark; tags joined with "; " (use JSON for a lossless copy)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for b in bookmarks:
        row = [
            b.story_id, b.headline or "", full_title(b), b.date.isoformat(), b.digest_title,
            b.source, b.created.astimezone(dt.UTC).isoformat(timespec="seconds"),
            "; ".join(b.tags), b.note, b.body,
        ]  # fmt: skip
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()
