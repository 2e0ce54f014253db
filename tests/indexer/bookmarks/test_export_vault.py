"""Notes-app vaults: each note's front matter read by a YAML parser (PyYAML) and its text by
markdown-it; exporting again updates notes in place by id, never duplicates one, and keeps a
note the user edited unless forced."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from indexer.bookmarks.export.vault import STATE_FILE, export_vault, note_stem, note_text
from indexer.bookmarks.store import Bookmark
from tests.indexer.bookmarks.export_samples import ALL, BOOKMARKS, LEAD, LEAD_SENTENCE, WEB, fields

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)


def read_note(path: Path) -> tuple[dict, str]:
    """(front matter as YAML data, the Markdown after it)."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    assert match, f"{path.name}: no front matter"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data, match.group(2)


def notes(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md"))


def test_each_note_has_front_matter_a_yaml_parser_reads(tmp_path: Path) -> None:
    report = export_vault(ALL, tmp_path / "vault")
    assert len(report.added) == len(ALL) and not report.failed
    by_id = {read_note(p)[0]["id"]: p for p in notes(tmp_path / "vault")}
    assert sorted(by_id) == sorted(b.story_id for b in ALL)
    for b in ALL:
        front, _ = read_note(by_id[b.story_id])
        assert set(front) <= {"title", "date", "source", "tags", "id", "digest", "bookmarked"}
        assert front["date"] == b.date  # a YAML date, as notes apps sort by it
        assert front["tags"] == list(b.tags)
        assert dt.datetime.fromisoformat(front["bookmarked"]) == b.created
    lead, _ = read_note(by_id[LEAD.story_id])
    assert lead["title"] == LEAD_SENTENCE and lead["tags"] == ["strikes", "funding, capital"]
    assert lead["source"] == LEAD.source and "digest" not in lead
    web, _ = read_note(by_id[WEB.story_id])
    assert web["source"] == WEB.source and web["digest"] == "HSJ Daily Insight"
    assert by_id[LEAD.story_id].name == f"{LEAD_SENTENCE[:100]}.md"  # cut at a word, ≤ 100


def test_note_text_is_literal_markdown_with_the_note_and_the_story(tmp_path: Path) -> None:
    markdown = MarkdownIt("commonmark")
    for b in BOOKMARKS:
        front, body = FRONT_MATTER.match(note_text(b)).groups()  # type: ignore[union-attr]
        assert yaml.safe_load(front)["title"] == " ".join((b.headline or b.title).split())
        html = markdown.render(body)
        assert "<a " not in html and "<img" not in html and "<script" not in html
        assert html.count("<h1>") == 1 and "<h2>" not in html and "<ol" not in html
        assert "Trust spends £3.5bn (a 4.2% rise)." in html
        assert ("<blockquote>" in html) == bool(b.note)
    front, body = FRONT_MATTER.match(note_text(LEAD)).groups()  # type: ignore[union-attr]
    html = markdown.render(body)
    assert f"<h1>{LEAD_SENTENCE}</h1>" in html
    assert "<blockquote>\n<p>Ask the trust what cover it plans.</p>" in html
    assert "The British Medical Association has announced" in html


def test_hostile_text_cannot_add_front_matter_keys() -> None:
    evil = Bookmark(
        **{
            **fields(BOOKMARKS[1]),
            "headline": "x\n---\nid: forged\ntags: [owned]\n---",
            "tags": ("a: b", "- c", "#d", "[e]"),
            "note": "---\nid: forged\n---",
        }
    )
    front, _ = FRONT_MATTER.match(note_text(evil)).groups()  # type: ignore[union-attr]
    data = yaml.safe_load(front)
    assert data["id"] == evil.story_id and data["tags"] == ["a: b", "- c", "#d", "[e]"]
    assert data["title"] == evil.headline


def test_export_edit_export_keeps_the_edit_and_force_replaces_it(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    first = export_vault(ALL, folder)
    assert len(first.added) == len(ALL)
    again = export_vault(ALL, folder)
    assert len(again.unchanged) == len(ALL) and not again.added and not again.updated
    assert len(notes(folder)) == len(ALL)

    edited = next(p for p in first.added if read_note(p)[0]["id"] == LEAD.story_id)
    mine = edited.read_text(encoding="utf-8") + "\nMy own thoughts.\n"
    edited.write_text(mine, encoding="utf-8")
    changed = [Bookmark(**{**fields(b), "note": "A new note."}) for b in ALL]
    report = export_vault(changed, folder)
    assert report.kept == [edited]
    assert edited.read_text(encoding="utf-8") == mine
    assert len(report.updated) == len(ALL) - 1 and not report.added
    assert len(notes(folder)) == len(ALL)
    assert export_vault(changed, folder).kept == [edited]  # still kept the next time

    forced = export_vault(changed, folder, force=True)
    assert forced.overwritten == [edited] and not forced.kept
    assert "My own thoughts" not in edited.read_text(encoding="utf-8")
    assert "A new note." in edited.read_text(encoding="utf-8")
    assert len(export_vault(changed, folder).unchanged) == len(ALL)


def test_a_renamed_or_moved_note_is_updated_where_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    report = export_vault([LEAD, WEB], folder)
    lead_path, web_path = report.added
    renamed = folder / "Consultants strike.md"
    lead_path.rename(renamed)
    (folder / "inbox").mkdir()
    moved = folder / "inbox" / web_path.name
    web_path.rename(moved)
    changed = [Bookmark(**{**fields(b), "tags": ("new",)}) for b in (LEAD, WEB)]
    again = export_vault(changed, folder)
    assert again.updated == [renamed, moved] and not again.added
    assert notes(folder) == sorted([renamed, moved])
    assert read_note(renamed)[0]["tags"] == ["new"]


def test_a_note_found_without_a_record_is_kept_unless_identical(tmp_path: Path) -> None:
    """The record of what dex wrote is gone (or damaged): a note that differs from this export
    cannot be told from one the user edited, so it is kept; one identical is left alone."""
    folder = tmp_path / "vault"
    export_vault([LEAD, WEB], folder)
    (folder / STATE_FILE).write_text("{not json", encoding="utf-8")
    changed_lead = Bookmark(**{**fields(LEAD), "note": "changed"})
    report = export_vault([changed_lead, WEB], folder)
    assert report.state_problem and STATE_FILE in report.state_problem
    assert [read_note(p)[0]["id"] for p in report.kept] == [LEAD.story_id]
    assert [read_note(p)[0]["id"] for p in report.unchanged] == [WEB.story_id]
    assert len(notes(folder)) == 2
    assert export_vault([changed_lead, WEB], folder, force=True).overwritten


def test_names_are_safe_and_never_take_a_users_file(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    theirs = folder / f"{WEB.headline}.md"
    theirs.write_text("my own note about beds\n", encoding="utf-8")
    twin = Bookmark(**{**fields(WEB), "story_id": "web-2"})
    report = export_vault([WEB, twin], folder)
    assert theirs.read_text(encoding="utf-8") == "my own note about beds\n"
    assert [p.name for p in report.added] == [f"{WEB.headline} (2).md", f"{WEB.headline} (3).md"]
    odd = Bookmark(**{**fields(WEB), "headline": "..a/b: c*d?\x1b[31m|e#f^g[h]", "story_id": "o"})
    assert note_stem(odd) == "a b c d 31m e f g h"
    long = Bookmark(**{**fields(WEB), "headline": "word " * 80})
    assert len(note_stem(long)) <= 100 and note_stem(long).endswith("word")
    assert note_stem(Bookmark(**{**fields(WEB), "headline": "CON"})) == "CON web-1"
    assert note_stem(Bookmark(**{**fields(WEB), "headline": "///"})) == "web-1"


def test_a_note_that_cannot_be_written_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indexer.bookmarks.export import vault

    real = vault.write_text_atomically

    def full_disk_for_the_lead(path: Path, text: str, **kwargs: object) -> None:
        if path.name.startswith("NHS leaders"):
            raise OSError(f"cannot write {path}: No space left on device")
        real(path, text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(vault, "write_text_atomically", full_disk_for_the_lead)
    report = export_vault([LEAD, WEB], tmp_path / "vault")
    assert len(report.failed) == 1 and "No space left" in report.failed[0]
    assert [read_note(p)[0]["id"] for p in report.added] == [WEB.story_id]
    monkeypatch.undo()
    assert [read_note(p)[0]["id"] for p in export_vault([LEAD, WEB], tmp_path / "vault").added] == [
        LEAD.story_id
    ]


def test_the_folder_must_be_a_folder_whose_parent_exists(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(NotADirectoryError, match="it is a file"):
        export_vault([WEB], blocker)
    with pytest.raises(OSError, match="cannot create folder"):
        export_vault([WEB], tmp_path / "no" / "vault")
    assert blocker.read_text() == "x"
