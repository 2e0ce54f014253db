"""Bookmarks out to files people and reference managers read, and back in from our own JSON.

Every format is built from data, never from markup: story text cannot inject Markdown links or
HTML, spreadsheet formulas, or extra RIS records.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from indexer.bookmark_schema import normalise_tags
from indexer.bookmarks import Bookmark
from indexer.textcodec import visible_controls

FORMATS = ("markdown", "json", "csv", "ris", "csl-json")
EXTENSIONS = {"markdown": ".md", "json": ".json", "csv": ".csv", "ris": ".ris", "csl-json": ".json"}
JSON_FORMAT = "digest-explorer-bookmarks"
JSON_VERSION = 1


class BookmarkImportError(ValueError):
    """The text is not a bookmarks export we can read; str(e) is one line saying why."""


def export(bookmarks: Sequence[Bookmark], fmt: str) -> str:
    """The bookmarks as text in format `fmt` (one of FORMATS)."""
    writers: dict[str, Callable[[Sequence[Bookmark]], str]] = {
        "markdown": to_markdown,
        "json": to_json,
        "csv": to_csv,
        "ris": to_ris,
        "csl-json": to_csl_json,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return writers[fmt](bookmarks)


def source_uri(source: str) -> str:
    """A link to where the story came from: URLs kept (unsafe characters %-escaped), local paths
    as file:// URIs (fully %-escaped), so the result never holds spaces, quotes or brackets."""
    if urlsplit(source).scheme.lower() in {"http", "https", "file"}:
        return quote(source.strip(), safe=":/?#@!$&'()*+,;=%~[]")
    return Path(os.path.abspath(os.path.expanduser(source))).as_uri()


def _heading(bookmark: Bookmark) -> str:
    return bookmark.headline or bookmark.title


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


# --- Markdown ---------------------------------------------------------------------------------

# Characters that open Markdown/HTML constructs anywhere in a line: code, emphasis, links and
# images, HTML and autolinks, tables, strikethrough, entities (`&` only where it could start one,
# so "A&E" stays readable). CommonMark lets any ASCII punctuation be backslash-escaped, so a
# renderer shows the same characters.
_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
# Constructs that only count at the start of a line: headings, quotes, lists, rules, setext.
_LINE_START = re.compile(r"^([-+=#>]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Story text as literal Markdown: no links, images, HTML, headings or lists can come of it."""
    lines = []
    for line in visible_controls(text).splitlines():
        line = _INLINE.sub(r"\\\1", line.strip())
        match = _LINE_START.match(line)
        if match and match.group(1).isdigit():
            end = match.end()
            line = line[:end] + "\\" + line[end:]
        elif match:
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def _code_span(text: str) -> str:
    """Text as an inline code span: shown literally, whatever it holds (tags may hold commas)."""
    text = visible_controls(text, one_line=True)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def to_markdown(bookmarks: Sequence[Bookmark], generated: dt.datetime | None = None) -> str:
    """A briefing to read or send: each story with its date, digest, source, tags and note."""
    generated = generated or dt.datetime.now(dt.UTC)
    count = f"{len(bookmarks)} bookmark{'s' if len(bookmarks) != 1 else ''}"
    out = ["# Bookmarked stories", "", f"Generated {_utc_text(generated)} · {count}", ""]
    for bookmark in bookmarks:
        out += ["---", "", f"## {md_escape(_heading(bookmark))}", ""]
        if bookmark.headline and bookmark.title != bookmark.headline:
            out += [f"*{md_escape(bookmark.title)}*", ""]
        out.append(f"- **Date:** {bookmark.date.isoformat()}")
        out.append(f"- **Digest:** {md_escape(bookmark.digest_title)}")
        out.append(f"- **Source:** [{md_escape(bookmark.source)}](<{source_uri(bookmark.source)}>)")
        if bookmark.tags:
            out.append("- **Tags:** " + " ".join(_code_span(tag) for tag in bookmark.tags))
        out.append(f"- **Bookmarked:** {_utc_text(bookmark.created)}")
        out.append("")
        if bookmark.note.strip():
            out += [f"> {line}" if line else ">" for line in md_escape(bookmark.note).split("\n")]
            out.append("")
        paragraphs = [p for p in re.split(r"\n\s*\n", bookmark.body) if p.strip()]
        for paragraph in paragraphs:
            out += [md_escape(paragraph), ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- JSON (ours, lossless) ----------------------------------------------------------------------


def bookmark_to_dict(bookmark: Bookmark) -> dict[str, Any]:
    return {
        "story_id": bookmark.story_id,
        "headline": bookmark.headline,
        "title": bookmark.title,
        "date": bookmark.date.isoformat(),
        "source": bookmark.source,
        "digest_title": bookmark.digest_title,
        "created": bookmark.created.astimezone(dt.UTC).isoformat(),
        "note": bookmark.note,
        "tags": list(bookmark.tags),
        "body": bookmark.body,
    }


def to_json(bookmarks: Sequence[Bookmark]) -> str:
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "bookmarks": [bookmark_to_dict(b) for b in bookmarks],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _text(item: dict[str, Any], name: str, number: int) -> str:
    value = _optional_text(item, name, number)
    if value is None:
        raise BookmarkImportError(f"bookmark {number}: missing {name!r}")
    return value


def _optional_text(item: dict[str, Any], name: str, number: int) -> str | None:
    value = item.get(name)
    if value is not None and not isinstance(value, str):
        raise BookmarkImportError(f"bookmark {number}: {name!r} is not text")
    return value


def _bookmark_from_dict(item: Any, number: int) -> Bookmark:
    if not isinstance(item, dict):
        raise BookmarkImportError(f"bookmark {number}: not an object")
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BookmarkImportError(f"bookmark {number}: 'tags' is not a list of text")
    date_text, created_text = _text(item, "date", number), _text(item, "created", number)
    try:
        date = dt.date.fromisoformat(date_text)
        created = dt.datetime.fromisoformat(created_text)
    except ValueError as exc:
        raise BookmarkImportError(f"bookmark {number}: bad date ({exc})") from exc
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    story_id = _text(item, "story_id", number)
    if not story_id.strip():
        raise BookmarkImportError(f"bookmark {number}: empty 'story_id'")
    return Bookmark(
        story_id=story_id,
        headline=_optional_text(item, "headline", number),
        title=_text(item, "title", number),
        date=date,
        source=_text(item, "source", number),
        body=_optional_text(item, "body", number) or "",
        digest_title=_optional_text(item, "digest_title", number) or "",
        created=created.astimezone(dt.UTC),
        note=_optional_text(item, "note", number) or "",
        tags=normalise_tags(tags),
    )


def import_json(text: str) -> list[Bookmark]:
    """Read our JSON export back (raises BookmarkImportError saying what is wrong)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BookmarkImportError(f"not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise BookmarkImportError(f"not a Digest Explorer bookmarks export (no {JSON_FORMAT!r})")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BookmarkImportError("bookmarks export has no valid 'version'")
    if version > JSON_VERSION:
        raise BookmarkImportError(f"bookmarks export version {version} is newer than this dex")
    items = document.get("bookmarks")
    if not isinstance(items, list):
        raise BookmarkImportError("bookmarks export has no 'bookmarks' list")
    return [_bookmark_from_dict(item, number) for number, item in enumerate(items, 1)]


# --- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "story_id", "headline", "title", "date", "digest_title", "source", "created", "tags", "note",
    "body",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """Guard against formula injection: a spreadsheet shows the cell as text, not a formula."""
    guarded = "'" + value if value.startswith(_FORMULA_START) else value
    # Escapes made visible (`cat` of the file acts on none); CR kept, the csv module quotes it.
    return "\r".join(visible_controls(part) for part in guarded.split("\r"))


def to_csv(bookmarks: Sequence[Bookmark]) -> str:
    """One row per bookmark; tags joined with "; " (use JSON for a lossless copy)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for b in bookmarks:
        row = [
            b.story_id, b.headline or "", b.title, b.date.isoformat(), b.digest_title, b.source,
            b.created.astimezone(dt.UTC).isoformat(timespec="seconds"), "; ".join(b.tags),
            b.note, b.body,
        ]  # fmt: skip
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


# --- RIS ----------------------------------------------------------------------------------------

_RIS_SPACE = re.compile(r"\s+")


def ris_value(text: str) -> str:
    """One line: RIS has no way to continue a value, so newlines become spaces."""
    text = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text)
    return _RIS_SPACE.sub(" ", text).strip()


def to_ris(bookmarks: Sequence[Bookmark]) -> str:
    """RIS records (TY NEWS ... ER), CRLF line ends as the format expects."""
    lines: list[str] = []

    def tag(name: str, value: str) -> None:
        value = ris_value(value)
        if value:
            lines.append(f"{name}  - {value}")

    for b in bookmarks:
        lines.append("TY  - NEWS")
        tag("ID", b.story_id)
        tag("TI", _heading(b))
        tag("T2", b.digest_title)
        tag("DA", b.date.strftime("%Y/%m/%d/"))
        tag("PY", f"{b.date.year:04d}")
        uri = source_uri(b.source)
        tag("UR", uri)
        if uri.startswith("file:"):
            tag("L1", uri)
        for keyword in b.tags:
            tag("KW", keyword)
        tag("N1", b.note)
        tag("AB", b.body)
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)


# --- CSL-JSON -----------------------------------------------------------------------------------


def _csl_date(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def to_csl_json(bookmarks: Sequence[Bookmark]) -> str:
    """CSL-JSON items (what Zotero, Pandoc and citeproc read); keyword is the tags, ", "-joined."""
    items = []
    for b in bookmarks:
        item: dict[str, Any] = {
            "id": b.story_id,
            "type": "article-newspaper",
            "title": _heading(b),
            "container-title": b.digest_title,
            "issued": _csl_date(b.date),
            "accessed": _csl_date(b.created.astimezone(dt.UTC).date()),
            "URL": source_uri(b.source),
            "abstract": b.body,
        }
        if b.note:
            item["note"] = b.note
        if b.tags:
            item["keyword"] = ", ".join(b.tags)
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
