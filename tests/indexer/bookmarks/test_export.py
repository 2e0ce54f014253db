"""Exports read back by the readers other tools use (markdown-it, csv, our JSON importer): every
note and tag kept, full titles, web links as links and local files as paths. RIS and CSL-JSON:
test_export_citations.py; notes-app vaults: test_export_vault.py."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from markdown_it import MarkdownIt

from indexer.bookmarks.export import (
    CSV_COLUMNS,
    FORMATS,
    JSON_FORMAT,
    VAULT,
    BookmarkImportError,
    csv_cell,
    export,
    format_for_output,
    format_named,
    import_json,
    md_escape,
    source_uri,
)
from indexer.bookmarks.store import Bookmark
from tests.indexer.bookmarks.export_samples import ALL, BOOKMARKS, LEAD, LEAD_SENTENCE, WEB, fields


def test_every_format_is_known() -> None:
    assert FORMATS == ("markdown", "json", "csv", "ris", "csl-json")
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export(BOOKMARKS, "pdf")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("md", "markdown"), ("Markdown", "markdown"), ("csl", "csl-json"), ("CSLJSON", "csl-json"),
     ("json", "json"), ("ris", "ris"), ("csv", "csv"), ("obsidian", VAULT), ("logseq", VAULT)],
)  # fmt: skip
def test_short_format_names(name: str, fmt: str) -> None:
    assert format_named(name) == fmt


def test_an_unknown_format_name_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown export format 'docx' \(choose from markdown"):
        format_named("docx")


@pytest.mark.parametrize(
    ("output", "fmt"),
    [("briefing.md", "markdown"), ("notes/Briefing.MARKDOWN", "markdown"), ("b.txt", "markdown"),
     ("backup.json", "json"), ("refs.csl.json", "csl-json"), ("refs.csljson", "csl-json"),
     ("table.csv", "csv"), ("refs.ris", "ris"), ("refs.bib", None), ("notes", None),
     (".md", None)],
)  # fmt: skip
def test_format_from_the_output_file_extension(output: str, fmt: str | None) -> None:
    assert format_for_output(output) == fmt


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
    html = MarkdownIt("commonmark").render(text)
    # Only our own source link (the web one), no HTML from the data, no headings or lists from
    # story text.
    hrefs = re.findall(r'<a href="([^"]*)"', html)
    assert hrefs == [source_uri(BOOKMARKS[3].source)]
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
    assert "Title 1: =SUM(A1)" in html  # no headline, and a title not from its text: kept
    assert "2024-03-01" in text and "Generated " in text and "4 bookmarks" in text


def test_markdown_links_web_sources_and_shows_local_files_as_paths() -> None:
    """markdown-it refuses `file:` links (shown as raw text); a local path is shown as code."""
    html = MarkdownIt("commonmark").render(export(ALL, "markdown"))
    assert "file:" not in html and "](&lt;" not in html
    hrefs = re.findall(r'<a href="([^"]*)"', html)
    assert hrefs == [source_uri(BOOKMARKS[3].source), source_uri(WEB.source).replace("&", "&amp;")]
    assert "<code>/archive/May 2024/digest (0) #1.txt</code>" in html
    assert f"<code>{LEAD.source}</code>" in html


def test_markdown_heads_a_lead_story_with_its_whole_first_sentence() -> None:
    html = MarkdownIt("commonmark").render(export([LEAD, WEB], "markdown"))
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == [LEAD_SENTENCE, WEB.headline]
    assert "…" not in html
    # The digest known only by its file name is not named twice; a newsletter's name is shown.
    assert "Digest:</strong> 2024-09-27_004" not in html
    assert "Digest:</strong> HSJ Daily Insight" in html


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
    rows = list(csv.DictReader(io.StringIO(export(ALL, "csv"), newline="")))
    assert [row["story_id"] for row in rows] == [b.story_id for b in ALL]
    for row, b in zip(rows, ALL, strict=True):
        assert row["tags"] == csv_cell("; ".join(b.tags))
        assert row["note"] == csv_cell(b.note)
        assert row["body"] == b.body
        assert row["date"] == b.date.isoformat()
        assert row["source"] == b.source
    assert rows[1]["note"].startswith("'=cmd")
    assert rows[1]["title"] == "Title 1: =SUM(A1)"  # "=" inside a cell is harmless
    assert rows[4]["title"] == LEAD_SENTENCE and rows[4]["headline"] == ""


@pytest.mark.parametrize(
    "start",
    ["=", "+", "-", "@", "\t", "\r",
     " =", "  +", "\u00a0-", "\u3000@", "\n=",  # spaces before: still a formula
     "＝", "＋", "－", "＠", " ＝", "﹦", "﹢", "﹣", "﹫"],  # full-width and small forms
)  # fmt: skip
def test_csv_guards_formula_cells(start: str) -> None:
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"
    assert csv_cell(f"a{start}") == f"a{start}"


@pytest.mark.parametrize("text", ["", " ", "a =1", "1-2", "£=", "−5", "'=x"])
def test_csv_leaves_other_cells_alone(text: str) -> None:
    assert csv_cell(text) == text


def test_csv_tags_with_formula_starts_are_guarded() -> None:
    rows = list(csv.DictReader(io.StringIO(export([BOOKMARKS[2]], "csv"), newline="")))
    assert rows[0]["tags"] == "Zürich; -minus; @at; +plus"
    b = BOOKMARKS[2]
    only_formula = Bookmark(**{**fields(b), "tags": ("=HYPERLINK(x)",)})
    rows = list(csv.DictReader(io.StringIO(export([only_formula], "csv"), newline="")))
    assert rows[0]["tags"] == "'=HYPERLINK(x)"
