"""Hostile story text through the command line and every export format: shown literally
(escape sequences visible, never acted on; markup as typed), and no CSV formula injection."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from indexer.bookmarks.export import FORMATS
from tests.reliability import hostile
from tests.reliability.helpers import assert_no_traceback, message_lines, record, run_dex

NOTE = f"{hostile.ESCAPES[1]}[bold]my note[/] {hostile.ESCAPES[3]}"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """(work folder, data dir, story ids): the hostile digest indexed and both stories
    bookmarked with a hostile note and tags."""
    work = tmp_path_factory.mktemp("hostile")
    hostile.write_corpus(work / "digests")
    data = work / "data"
    proc = run_dex(data, "index", "digests", cwd=work)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(run_dex(data, "search", "--json", "alarm", cwd=work).stdout)
    ids = [hit["id"] for hit in found["hits"]]
    assert len(ids) == 2
    for story_id in ids:
        added = run_dex(data, "bookmarks", "add", story_id, "--note", NOTE,
                        "--tag", "=cmd|calc", "--tag", f"{hostile.ESC}[31mtag",
                        cwd=work)  # fmt: skip
        assert added.returncode == 0, added.stderr
        hostile.assert_literal(added.stdout, "dex bookmarks add")
    return work, data, ids


def test_dex_search_shows_escapes_and_markup_literally(indexed) -> None:
    work, data, _ = indexed
    proc = run_dex(data, "search", "alarm", cwd=work)
    assert_no_traceback(proc)
    hostile.assert_literal(proc.stdout, "dex search")
    assert "[bold]x[/]" in proc.stdout
    assert "␛[31mred␛[0m" in proc.stdout  # the escape shown, not obeyed
    as_json = json.loads(run_dex(data, "search", "--json", "alarm", cwd=work).stdout)
    for hit in as_json["hits"]:
        hostile.assert_literal(json.dumps(hit, ensure_ascii=False), "dex search --json")
    record("hostile strings checked", len(hostile.ESCAPES) + len(hostile.MARKUP))


def test_dex_parse_shows_escapes_literally(indexed) -> None:
    work, data, _ = indexed
    for args in (["parse", "digests"], ["parse", "--json", "digests"]):
        proc = run_dex(data, *args, cwd=work)
        assert proc.returncode == 0, proc.stderr
        hostile.assert_literal(proc.stdout, " ".join(args))
        assert "[bold]x[/]" in proc.stdout


def test_a_hostile_query_is_one_literal_line(indexed) -> None:
    work, data, _ = indexed
    for query in (f'"{hostile.ESC}[2J\nunclosed', f"org:{hostile.ESC}]0;t\x07 nothing", "[bold]"):
        proc = run_dex(data, "search", query, cwd=work)
        assert_no_traceback(proc)
        hostile.assert_literal(proc.stdout + proc.stderr, f"dex search {query!r}")
        assert proc.returncode in (0, 2)
        assert len(message_lines(proc.stderr)) <= 1


def test_bookmarks_list_and_tags_are_literal(indexed) -> None:
    work, data, _ = indexed
    for args in (["bookmarks", "list"], ["bookmarks", "tags"], ["bookmarks", "list", "--json"]):
        proc = run_dex(data, *args, cwd=work)
        assert proc.returncode == 0, proc.stderr
        hostile.assert_literal(proc.stdout, " ".join(args))
    listed = run_dex(data, "bookmarks", "list", cwd=work).stdout
    assert "[bold]my note[/]" in listed and "␛[2J" in listed


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_format_is_literal(indexed, fmt: str) -> None:
    work, data, ids = indexed
    proc = run_dex(data, "bookmarks", "export", "--format", fmt, cwd=work)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    if fmt == "ris":
        text = text.replace("\r\n", "\n")
    hostile.assert_literal(text, f"export {fmt}")
    if fmt == "markdown":
        assert "[link=" not in text.replace("\\[link=", "")  # every bracket escaped
        assert "\\[bold\\]x\\[/\\]" in text
    if fmt in ("json", "csl-json"):
        assert "[bold]x[/]" in text
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        cells = [cell for row in rows[1:] for cell in row]
        assert len(rows) == 1 + len(ids)
        assert not [c for c in cells if c.startswith(hostile.FORMULA_STARTS)]
        assert any(c.startswith("'=HYPERLINK") for c in cells)
        assert any(c.startswith("'+cmd") for c in cells)
        assert any(c.startswith("'=cmd|calc") for c in cells)
    record("export formats checked")


def test_vault_notes_are_literal(indexed, tmp_path: Path) -> None:
    """Note files and their names: no raw control character, front matter a YAML parser reads."""
    import yaml

    work, data, ids = indexed
    vault = tmp_path / "vault"
    proc = run_dex(data, "bookmarks", "export", "--format", "vault", "-o", str(vault), cwd=work)
    assert proc.returncode == 0, proc.stderr
    notes = sorted(vault.glob("*.md"))
    assert len(notes) == len(ids)
    for note in notes:
        text = note.read_text(encoding="utf-8")
        hostile.assert_literal(note.name + text, f"vault note {note.name!r}")
        front = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
        assert front["id"] in ids and front["tags"][0] == "=cmd|calc" and len(front["tags"]) == 2
    record("vault notes checked", len(notes))


def test_csv_guards_every_formula_start(tmp_path: Path) -> None:
    """Each character a spreadsheet starts a formula with (also behind spaces, and full-width),
    in each column a user can fill."""
    import datetime as dt

    from indexer.bookmarks.export import to_csv
    from indexer.bookmarks.store import Bookmark

    marks = [
        Bookmark(f"id{n}", f"{start}1+1", f"{start}t", dt.date(2024, 1, 1), f"{start}src",
                 f"{start}body", f"{start}digest", dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
                 note=f"{start}note", tags=(f"{start}tag",))
        for n, start in enumerate(
            [*hostile.FORMULA_STARTS, "\t", "\r", *hostile.DISGUISED_FORMULA_STARTS]
        )
    ]  # fmt: skip
    rows = list(csv.reader(io.StringIO(to_csv(marks))))[1:]
    for row in rows:
        for cell in row[1:3] + row[4:6] + row[7:]:
            assert cell.startswith("'"), row
    record("CSV formula starts guarded", len(marks))


def test_hidden_characters_are_shown_in_plain_output_and_kept_in_json(indexed) -> None:
    """Bidi overrides and zero-width characters in stories, titles and file names: U+FFFD in
    what `dex search` and `dex parse` print, as they were in `--json`."""
    work, data, _ = indexed
    word = hostile.HIDDEN_WORD
    for args in (["search", word], ["parse", "digests"], ["parse", "--explain", "digests"]):
        proc = run_dex(data, *args, cwd=work)
        assert_no_traceback(proc)
        assert proc.returncode == 0, proc.stderr
        hostile.assert_shown(proc.stdout + proc.stderr, " ".join(args))
        assert "\ufffdreversed\ufffd" in proc.stdout or "\ufffdclosures\ufffd" in proc.stdout
    found = json.loads(run_dex(data, "search", "--json", word, cwd=work).stdout)["hits"]
    assert len(found) == 2
    assert any(hostile.HIDDEN_NAME in source for hit in found for source in hit["sources"])
    stories = json.loads(run_dex(data, "parse", "--json", "digests", cwd=work).stdout)
    kept = json.dumps(stories, ensure_ascii=False)
    for char in (hostile.RLO, hostile.PDF, hostile.LRI, hostile.PDI, *hostile.ZERO_WIDTH[:2]):
        assert char in kept, f"{char!r} dropped from the JSON"
    record("hidden characters checked", 4 + len(hostile.ZERO_WIDTH))
