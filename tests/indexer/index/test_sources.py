"""The remembered sources: absolute paths, no path kept twice, a damaged file named."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.index.sources import SourcesError, add_sources, read_sources, remove_sources


def test_sources_are_remembered_absolute_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "sources.json"
    monkeypatch.chdir(tmp_path)
    assert read_sources(file) == []
    assert add_sources(file, ["mail", tmp_path / "web"]) == [
        str(tmp_path / "mail"),
        str(tmp_path / "web"),
    ]
    assert add_sources(file, [tmp_path / "mail"]) == []
    assert read_sources(file) == [str(tmp_path / "mail"), str(tmp_path / "web")]


def test_a_path_inside_a_source_is_covered_and_a_parent_takes_its_place(tmp_path: Path) -> None:
    file = tmp_path / "sources.json"
    add_sources(file, [tmp_path / "a" / "mail", tmp_path / "b"])
    assert add_sources(file, [tmp_path / "a" / "mail" / "2024.mbox"]) == []
    assert add_sources(file, [tmp_path / "a"]) == [str(tmp_path / "a")]
    assert read_sources(file) == [str(tmp_path / "b"), str(tmp_path / "a")]
    # A name that merely begins like a source is not inside it.
    assert add_sources(file, [tmp_path / "ab"]) == [str(tmp_path / "ab")]


def test_remove_forgets_only_what_was_remembered(tmp_path: Path) -> None:
    file = tmp_path / "sources.json"
    add_sources(file, [tmp_path / "a", tmp_path / "b"])
    assert remove_sources(file, [tmp_path / "a", tmp_path / "zzz"]) == [str(tmp_path / "a")]
    assert read_sources(file) == [str(tmp_path / "b")]


@pytest.mark.parametrize(
    "text",
    ["{", "[]", '{"format": "other", "sources": []}', '{"format": "dex-sources", "sources": [1]}'],
)
def test_a_file_that_is_not_ours_is_named(tmp_path: Path, text: str) -> None:
    file = tmp_path / "sources.json"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError, match=r"sources\.json"):
        read_sources(file)
    with pytest.raises(SourcesError):
        add_sources(file, [tmp_path])
    assert file.read_text(encoding="utf-8") == text
