"""Exports: each format parses back with a standard parser and keeps every note and tag."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from markdown_it import MarkdownIt

from indexer.bookmarks import Bookmark
from indexer.export import (
    CSV_COLUMNS,
    FORMATS,
    JSON_FORMAT,
    BookmarkImportError,
    csv_cell,
    export,
    import_json,
    md_escape,
    source_uri,
)

NOTES = [
    "[bold]important[/bold] and <script>alert('x')</script>",
    "=cmd|' /C calc'!A0",
    "line one\nline two\n\n[click](http://evil.example) ![img](http://evil.example/i.png)",
    "",
]
TAGS = [
    ("NHS", "funding, capital"),
    ('say "hi"', "it's"),
    ("Zürich", "-minus", "@at", "+plus"),
    (),
]


def bookmark(n: int) -> Bookmark:
    return Bookmark(
        story_id=f"story-{n}",
        headline=None if n == 1 else f"Trust {n} <b>cuts</b> [beds] & *more*",
        title=f"Title {n}: =SUM(A1)" if n == 1 else f"Trust {n} <b>cuts</b> [beds] & *more*",
        date=dt.date(2024, 3, n + 1),
        source=f"/archive/May 2024/digest ({n}) #1.txt" if n != 3 else "https://x.org/a b?q=1",
        body=f"# Not a heading {n}\n\n1. not a list\n- nor this\n"
        "    nor code <img src=x onerror=y>\n\nTrust spends £3.5bn (a 4.2% rise).",
        digest_title=f"Must reads | {n}",
        created=dt.datetime(2024, 4, 1, 12, n, tzinfo=dt.UTC),
        note=NOTES[n],
        tags=TAGS[n],
    )


BOOKMARKS = [bookmark(n) for n in range(4)]


def test_every_format_is_known() -> None:
    assert FORMATS == ("markdown", "json", "csv", "ris", "csl-json")
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export(BOOKMARKS, "pdf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_bookmarks_is_still_a_valid_document(fmt: str) -> None:
    text = export([], fmt)
    if fmt in ("json", "csl-json"):
        json.loads(text)
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(text))) == [list(CSV_COLUMNS)]


# --- JSON ---------------------------------------------------------------------------------------


def test_json_round_trip() -> None:
    text = export(BOOKMARKS, "json")
    document = json.loads(text)
    assert (document["format"], document["version"]) == (JSON_FORMAT, 1)
    assert len(document["bookmarks"]) == 4
    assert import_json(text) == BOOKMARKS


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not JSON"),
        ("[]", "not a Digest Explorer bookmarks export"),
        ('{"format": "zotero"}', "not a Digest Explorer bookmarks export"),
        (f'{{"format": "{JSON_FORMAT}", "version": 99, "bookmarks": []}}', "newer"),
        (f'{{"format": "{JSON_FORMAT}", "version": "1", "bookmarks": []}}', "version"),
        (f'{{"format": "{JSON_FORMAT}", "version": 1}}', "'bookmarks' list"),
        (f'{{"format": "{JSON_FORMAT}", "version": 1, "bookmarks": [3]}}', "bookmark 1: not"),
    ],
)
def test_import_rejects_what_it_cannot_read(text: str, reason: str) -> None:
    with pytest.raises(BookmarkImportError, match=re.escape(reason)) as caught:
        import_json(text)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"story_id": None}, "missing 'story_id'"),
        ({"story_id": "  "}, "empty 'story_id'"),
        ({"title": 5}, "'title' is not text"),
        ({"date": "yesterday"}, "bad date"),
        ({"created": "2024-13-01"}, "bad date"),
        ({"tags": "a, b"}, "'tags' is not a list"),
    ],
)
def test_import_names_the_bad_bookmark(change: dict, reason: str) -> None:
    document = json.loads(export(BOOKMARKS[:2], "json"))
    document["bookmarks"][1].update(change)
    with pytest.raises(BookmarkImportError, match=f"bookmark 2: .*{re.escape(reason)}"):
        import_json(json.dumps(document))


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_is_a_briefing_that_data_cannot_inject_into() -> None:
    text = export(BOOKMARKS, "markdown")
    markdown = MarkdownIt("commonmark")
    markdown.validateLink = lambda url: True  # show every link, file: ones included
    html = markdown.render(text)
    # Only our own source links, no HTML from the data, no headings or lists from story text.
    hrefs = re.findall(r'<a href="([^"]*)"', html)
    assert hrefs == [source_uri(b.source).replace("&", "&amp;") for b in BOOKMARKS]
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert html.count("<h2>") == 4 and "<h1>" in html and html.count("<h1>") == 1
    assert "<ol" not in html
    assert "<pre" not in html and "<code>" in html  # tags are code spans, bodies never code
    assert html.count("<blockquote>") == 3  # one per non-empty note
    for b in BOOKMARKS:
        for tag in b.tags:
            assert f"<code>{_html(tag)}</code>" in html
        for line in b.note.splitlines():
            assert _html(line) in html
        assert "Trust spends £3.5bn (a 4.2% rise)." in html
        assert _html(b.digest_title) in html
    assert _html("Trust 2 <b>cuts</b> [beds] & *more*") in html
    assert "Title 1: =SUM(A1)" in html  # no headline: the title is the heading
    assert "2024-03-01" in text and "Generated " in text and "4 bookmarks" in text


def _html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


@pytest.mark.parametrize(
    "text",
    ["[x](http://e)", "<a href=x>", "# h", "> q", "- l", "+ l", "1. l", "3) l", "***", "`c`",
     "a_b_c", "| a | b |", "&amp;", "---", "==="],
)  # fmt: skip
def test_md_escape_leaves_plain_text(text: str) -> None:
    html = MarkdownIt("commonmark").enable("table").render(md_escape(text))
    assert html == f"<p>{_html(text)}</p>\n"


def test_source_uri() -> None:
    assert source_uri("/a b/c (1).txt") == "file:///a%20b/c%20%281%29.txt"
    assert source_uri("https://x.org/a b>") == "https://x.org/a%20b%3E"
    assert source_uri("rel/x.txt").startswith("file:///")


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_parses_back_with_every_note_and_tag() -> None:
    rows = list(csv.DictReader(io.StringIO(export(BOOKMARKS, "csv"), newline="")))
    assert [row["story_id"] for row in rows] == [b.story_id for b in BOOKMARKS]
    for row, b in zip(rows, BOOKMARKS, strict=True):
        assert row["tags"] == csv_cell("; ".join(b.tags))
        assert row["note"] == csv_cell(b.note)
        assert row["body"] == b.body
        assert row["date"] == b.date.isoformat()
    assert rows[1]["note"].startswith("'=cmd")
    assert rows[1]["title"] == "Title 1: =SUM(A1)"  # "=" inside a cell is harmless


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_guards_formula_cells(start: str) -> None:
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"
    assert csv_cell(f"a{start}") == f"a{start}"


def test_csv_tags_with_formula_starts_are_guarded() -> None:
    rows = list(csv.DictReader(io.StringIO(export([BOOKMARKS[2]], "csv"), newline="")))
    assert rows[0]["tags"] == "Zürich; -minus; @at; +plus"
    b = BOOKMARKS[2]
    only_formula = Bookmark(**{**_fields(b), "tags": ("=HYPERLINK(x)",)})
    rows = list(csv.DictReader(io.StringIO(export([only_formula], "csv"), newline="")))
    assert rows[0]["tags"] == "'=HYPERLINK(x)"


def _fields(b: Bookmark) -> dict:
    return {name: getattr(b, name) for name in Bookmark.__slots__}


# --- RIS ----------------------------------------------------------------------------------------

RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  - (.*)$")


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """A strict RIS reader: every line is `XX  - value` or empty; records run from TY to ER."""
    assert "\n" not in text.replace("\r\n", ""), "bare LF or CR line end"
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    for number, line in enumerate(text.split("\r\n"), 1):
        if not line:
            assert current is None, f"line {number}: blank line inside a record"
            continue
        match = RIS_LINE.match(line)
        assert match, f"line {number}: not RIS: {line!r}"
        tag, value = match.groups()
        assert "\r" not in value and "\n" not in value
        if tag == "TY":
            assert current is None, f"line {number}: TY inside a record"
            current = {}
        assert current is not None, f"line {number}: {tag} outside a record"
        if tag == "ER":
            assert value == ""
            records.append(current)
            current = None
        else:
            current.setdefault(tag, []).append(value)
    assert current is None, "last record has no ER"
    return records


def test_ris_is_strict_and_keeps_notes_and_tags() -> None:
    records = parse_ris(export(BOOKMARKS, "ris"))
    assert len(records) == 4
    for record, b in zip(records, BOOKMARKS, strict=True):
        assert record["TY"] == ["NEWS"]
        assert record["ID"] == [b.story_id]
        assert record["TI"] == [b.headline or b.title]
        assert record["T2"] == [b.digest_title]
        assert record["DA"] == [b.date.strftime("%Y/%m/%d/")]
        assert record["PY"] == [str(b.date.year)]
        assert record["UR"] == [source_uri(b.source)]
        assert record.get("KW", []) == list(b.tags)
        assert record.get("N1", []) == ([" ".join(b.note.split())] if b.note else [])
        assert record["AB"] == [" ".join(b.body.split())]
    assert records[0]["L1"] == [source_uri(BOOKMARKS[0].source)]
    assert "L1" not in records[3]  # a web source is not a file attachment


def test_ris_values_cannot_start_a_new_record() -> None:
    evil = Bookmark(**{**_fields(BOOKMARKS[0]), "note": "x\r\nER  - \r\nTY  - JOUR\rTI  - fake"})
    records = parse_ris(export([evil], "ris"))
    assert len(records) == 1 and records[0]["N1"] == ["x ER - TY - JOUR TI - fake"]


# --- CSL-JSON -----------------------------------------------------------------------------------

# Item properties of the CSL-JSON schema (csl-data.json, v1.0) that we may use.
CSL_FIELDS = {
    "id", "type", "title", "container-title", "issued", "accessed", "URL", "note", "keyword",
    "abstract", "source", "genre", "medium", "language", "author", "publisher",
}  # fmt: skip


def test_csl_json_items_are_valid_and_keep_notes_and_tags() -> None:
    items = json.loads(export(BOOKMARKS, "csl-json"))
    assert isinstance(items, list) and len(items) == 4
    for item, b in zip(items, BOOKMARKS, strict=True):
        assert set(item) <= CSL_FIELDS
        assert item["id"] == b.story_id and item["type"] == "article-newspaper"
        assert item["title"] == (b.headline or b.title)
        assert item["container-title"] == b.digest_title
        assert item["issued"] == {"date-parts": [[b.date.year, b.date.month, b.date.day]]}
        parts = item["accessed"]["date-parts"][0]
        assert all(isinstance(p, int) for p in parts) and len(parts) == 3
        assert item["URL"] == source_uri(b.source)
        assert item.get("note", "") == b.note
        assert item.get("keyword", "") == ", ".join(b.tags)
        assert item["abstract"] == b.body
        assert all(isinstance(v, str) for k, v in item.items() if k not in ("issued", "accessed"))
