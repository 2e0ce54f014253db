"""RIS and CSL-JSON as reference managers read them: RIS through rispy and a strict reader, CSL-JSON
against the CSL schema (jsonschema) and through a CSL processor (citeproc-py) rendering a real
style, so what a bibliography prints is checked, not only what the file holds."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import jsonschema
import pytest
import rispy

from indexer.bookmarks.export import export, source_uri
from indexer.bookmarks.store import Bookmark
from tests.indexer.bookmarks.export_samples import ALL, BOOKMARKS, LEAD, LEAD_SENTENCE, WEB, fields

CSL_SCHEMA = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "csl" / "csl-data.json").read_text(encoding="utf-8")
)

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
        assert record.get("KW", []) == list(b.tags)
        assert record.get("N1", []) == ([" ".join(b.note.split())] if b.note else [])
        assert record["AB"] == [" ".join(b.body.split())]


def test_ris_read_by_rispy_cites_web_sources_and_attaches_local_files() -> None:
    """UR is what styles print ("Available at: ..."): web addresses only. A local digest is a
    file attachment (L1), never a URL to cite."""
    records = rispy.loads(export(ALL, "ris"))
    assert [r["id"] for r in records] == [b.story_id for b in ALL]
    by_id = {r["id"]: r for r in records}
    for b in ALL:
        record = by_id[b.story_id]
        assert record["type_of_reference"] == "NEWS"
        assert record.get("keywords", []) == list(b.tags)  # "funding, capital" stays one tag
        if b.source.startswith("https:"):
            assert record["urls"] == [source_uri(b.source)]
            assert "file_attachments1" not in record
        else:
            assert "urls" not in record
            assert record["file_attachments1"] == source_uri(b.source)
    assert by_id[WEB.story_id]["urls"] == [
        "https://www.hsj.co.uk/finance/trust-shuts-beds?utm=1&x=2"
    ]


def test_ris_titles_a_lead_story_with_its_whole_first_sentence() -> None:
    record = rispy.loads(export([LEAD, WEB], "ris"))
    assert record[0]["title"] == LEAD_SENTENCE and "…" not in LEAD_SENTENCE
    assert record[1]["title"] == WEB.headline
    # A digest known only by its file name has no journal title to give; a newsletter has one.
    assert "secondary_title" not in record[0]
    assert record[1]["secondary_title"] == "HSJ Daily Insight"


def test_ris_values_cannot_start_a_new_record() -> None:
    evil = Bookmark(**{**fields(BOOKMARKS[0]), "note": "x\r\nER  - \r\nTY  - JOUR\rTI  - fake"})
    records = parse_ris(export([evil], "ris"))
    assert len(records) == 1 and records[0]["N1"] == ["x ER - TY - JOUR TI - fake"]
    assert len(rispy.loads(export([evil], "ris"))) == 1


# --- CSL-JSON -----------------------------------------------------------------------------------


def test_csl_json_is_valid_against_the_csl_schema() -> None:
    items = json.loads(export(ALL, "csl-json"))
    jsonschema.validate(items, CSL_SCHEMA)  # additionalProperties: false, so no made-up fields
    assert isinstance(items, list) and len(items) == len(ALL)


def test_the_schema_check_can_fail() -> None:
    items = json.loads(export([WEB], "csl-json"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**items[0], "tags": ["beds"]}], CSL_SCHEMA)


def test_csl_json_keeps_notes_and_tags_as_a_list() -> None:
    items = json.loads(export(ALL, "csl-json"))
    for item, b in zip(items, ALL, strict=True):
        assert item["id"] == b.story_id and item["type"] == "article-newspaper"
        assert item["issued"] == {"date-parts": [[b.date.year, b.date.month, b.date.day]]}
        parts = item["accessed"]["date-parts"][0]
        assert all(isinstance(p, int) for p in parts) and len(parts) == 3
        assert item.get("note", "") == b.note
        assert item["abstract"] == b.body
        assert item.get("keyword", "") == ", ".join(b.tags)
        assert item.get("custom", {}).get("tags", []) == list(b.tags)
    lead = items[ALL.index(LEAD)]
    assert lead["custom"]["tags"] == ["strikes", "funding, capital"]  # not three tags


def test_csl_json_url_only_for_the_web_and_local_paths_as_archive_location() -> None:
    items = {item["id"]: item for item in json.loads(export(ALL, "csl-json"))}
    for b in ALL:
        item = items[b.story_id]
        if b.source.startswith("https:"):
            assert item["URL"] == source_uri(b.source) and "archive_location" not in item
        else:
            assert "URL" not in item and item["archive_location"] == b.source
    assert not [item for item in items.values() if "file:" in json.dumps(item)]


def test_csl_json_titles_and_container_titles() -> None:
    lead, web, first = json.loads(export([LEAD, WEB, BOOKMARKS[0]], "csl-json"))
    assert lead["title"] == LEAD_SENTENCE
    assert "container-title" not in lead  # "2024-09-27_004_a0d0…" is a file name, not a title
    assert web["title"] == WEB.headline and web["container-title"] == "HSJ Daily Insight"
    assert first["container-title"] == BOOKMARKS[0].digest_title


def _bibliography(items: list[dict]) -> list[str]:
    """The entries a CSL processor prints for the items, in the style citeproc-py ships."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py does not know `custom`, and says so
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return [str(entry) for entry in bibliography.bibliography()]


def test_a_citation_style_prints_the_full_title_and_no_file_address() -> None:
    entries = _bibliography(json.loads(export([LEAD, WEB], "csl-json")))
    text = "\n".join(entries)
    assert "file:" not in text and "Available at: file" not in text
    assert LEAD_SENTENCE in text and "walking…" not in text
    assert "2024-09-27_004" not in text
    assert "Available at: https://www.hsj.co.uk/finance/trust-shuts-beds?utm=1&x=2" in text
    assert "HSJ Daily Insight" in text
