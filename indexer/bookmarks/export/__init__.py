"""Bookmarks out to what people, reference managers and notes apps read, and back in from our JSON.

Every format is built from data, never from markup: story text cannot inject Markdown links or
HTML, spreadsheet formulas, YAML keys or extra RIS records. What all formats agree on (the
title, the digest's name, web address or local file) is decided once, in `fields`.

    fields       the full title, the digest's name, the source as a web address or a local path
    markdown     the briefing to read or send, and the Markdown escaping the vault shares
    dex_json     our lossless JSON (bookmarks and saved searches), and reading it back
    spreadsheet  CSV, with no cell a spreadsheet would run as a formula
    ris          RIS records for Zotero, EndNote, Mendeley
    csl          CSL-JSON items for Zotero, Pandoc and citeproc
    vault        a folder of notes for Obsidian or Logseq, updated in place by story id
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from indexer.bookmarks.export.csl import to_csl_json
from indexer.bookmarks.export.dex_json import (
    JSON_FORMAT,
    JSON_VERSION,
    BookmarkImportError,
    bookmark_to_dict,
    import_json,
    import_saved_searches,
    to_json,
)
from indexer.bookmarks.export.fields import full_title, source_uri
from indexer.bookmarks.export.markdown import md_escape, to_markdown
from indexer.bookmarks.export.ris import to_ris
from indexer.bookmarks.export.spreadsheet import CSV_COLUMNS, csv_cell, to_csv
from indexer.bookmarks.saved import SavedSearch
from indexer.bookmarks.store import Bookmark

__all__ = [
    "CSV_COLUMNS",
    "EXTENSIONS",
    "FORMATS",
    "FORMAT_NAMES",
    "JSON_FORMAT",
    "JSON_VERSION",
    "VAULT",
    "BookmarkImportError",
    "bookmark_to_dict",
    "csv_cell",
    "export",
    "format_for_output",
    "format_named",
    "full_title",
    "import_json",
    "import_saved_searches",
    "md_escape",
    "source_uri",
    "to_csl_json",
    "to_csv",
    "to_json",
    "to_markdown",
    "to_ris",
]

# Formats written to one file (or stdout); VAULT writes a folder of notes.
FORMATS = ("markdown", "json", "csv", "ris", "csl-json")
VAULT = "vault"
EXTENSIONS = {"markdown": ".md", "json": ".json", "csv": ".csv", "ris": ".ris", "csl-json": ".json"}
_SHORT_NAMES = {
    "md": "markdown",
    "csl": "csl-json",
    "csljson": "csl-json",
    "obsidian": VAULT,
    "logseq": VAULT,
}
FORMAT_NAMES = (*FORMATS, VAULT, *_SHORT_NAMES)
# What a file's extension says it is; ".json" is our JSON (it imports back), CSL-JSON is known
# by the ".csl.json" or ".csljson" its tools use.
_BY_EXTENSION = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".json": "json",
    ".csl.json": "csl-json",
    ".csljson": "csl-json",
    ".csv": "csv",
    ".ris": "ris",
}

_WRITERS: dict[str, Callable[[Sequence[Bookmark]], str]] = {
    "markdown": to_markdown,
    "json": to_json,
    "csv": to_csv,
    "ris": to_ris,
    "csl-json": to_csl_json,
}


def format_named(name: str) -> str:
    """The format a name or short name means ("md" is markdown), in any case."""
    key = name.strip().lower()
    fmt = _SHORT_NAMES.get(key, key)
    if fmt not in (*FORMATS, VAULT):
        raise ValueError(f"unknown export format {name!r} (choose from {', '.join(FORMAT_NAMES)})")
    return fmt


def format_for_output(output: str) -> str | None:
    """The format a file's extension names, or None. A vault is never inferred: writing dozens
    of notes into a folder is something to ask for (`--format vault`)."""
    name = os.path.basename(output).lower()
    for extension in sorted(_BY_EXTENSION, key=len, reverse=True):
        if name.endswith(extension) and len(name) > len(extension):
            return _BY_EXTENSION[extension]
    return None


def export(bookmarks: Sequence[Bookmark], fmt: str, saved: Sequence[SavedSearch] = ()) -> str:
    """The bookmarks as text in format `fmt` (one of FORMATS); our JSON holds the `saved`
    searches too (the other formats are for other tools, which have no use for them)."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "json":
        return to_json(bookmarks, saved)
    return _WRITERS[fmt](bookmarks)
