"""`dex bookmarks ...`: list, export, import, add, remove; every failure one clear line, exit 1."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
import types
from pathlib import Path

import pytest

from indexer.bookmarks.export import import_json
from indexer.bookmarks.store import BookmarkStore
from indexer.errors import IndexDamagedError, QueryError
from indexer.records import Hit, SearchResult, Story
from tui.cli import main


def story(n: int, body: str = "") -> Story:
    return Story(
        id=f"s{n}",
        source=f"/digests/digest {n}.txt",
        digest_title=f"Must reads {n}",
        date=dt.date(2024, 5, n + 1),
        date_from="header",
        position=n,
        headline=f"Headline {n}",
        title=f"Headline {n}",
        body=body or f"Story {n} body.",
    )


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("DEX_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    """Three bookmarks with awkward notes and tags; returns the database path."""
    path = data_dir / "bookmarks.sqlite3"
    with BookmarkStore(path) as store:
        store.add(story(1, "Capital funding for trusts."), note="[bold]x[/bold]", tags=["NHS"])
        store.add(story(2), note="<script>alert(1)</script>", tags=["nhs", 'a "quoted", tag'])
        store.add(story(3, "More funding news."), note="=cmd", tags=["Other"])
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["bookmarks", *args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in err


# --- list -----------------------------------------------------------------------------------------


def test_list_without_bookmarks_creates_nothing(capsys, data_dir: Path) -> None:
    code, out, err = run(capsys, "list")
    assert (code, out) == (0, "") and "no bookmarks" in err
    assert not (data_dir / "bookmarks.sqlite3").exists()


def test_list_newest_first_with_tag_filter(capsys, seeded: Path) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = [line for line in out.splitlines() if not line.startswith("    ")]
    assert [line.split()[1] for line in lines] == ["s3", "s2", "s1"]
    assert "note: <script>alert(1)</script>" in out
    code, out, _ = run(capsys, "list", "--tag", "NHS")
    assert code == 0 and "s3" not in out and "s1" in out and "s2" in out
    code, out, _ = run(capsys, "list", "--json")
    assert [b.story_id for b in import_json(out)] == ["s3", "s2", "s1"]


def test_tags(capsys, seeded: Path) -> None:
    code, out, _ = run(capsys, "tags")
    assert code == 0
    assert [line.split(None, 1) for line in out.splitlines()] == [
        ["2", "NHS"],
        ["1", 'a "quoted", tag'],
        ["1", "Other"],
    ]


# --- export ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv", "ris", "csl-json", "md", "csl"])
def test_export_to_stdout(capsys, seeded: Path, fmt: str) -> None:
    code, out, _ = run(capsys, "export", "--format", fmt)
    assert code == 0
    fmt = {"md": "markdown", "csl": "csl-json"}.get(fmt, fmt)
    if fmt in ("csv", "ris", "csl-json"):  # the others carry the time they were made
        assert run(capsys, "export", "--format", fmt, "-o", "-")[1] == out
    if fmt == "json":
        assert len(import_json(out)) == 3
    elif fmt == "csl-json":
        assert [item["id"] for item in json.loads(out)] == ["s3", "s2", "s1"]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert [row["note"] for row in rows] == [
            "'=cmd",
            "<script>alert(1)</script>",
            "[bold]x[/bold]",
        ]
        assert rows[1]["tags"] == 'nhs; a "quoted", tag'
    elif fmt == "ris":
        assert out.count("TY  - NEWS") == 3 and 'KW  - a "quoted", tag' in out
    else:
        assert out.startswith("# Bookmarked stories") and "\\<script\\>" in out


def test_export_to_a_file_refuses_to_overwrite_without_force(
    capsys, seeded: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "briefing.md"
    target.parent.mkdir()
    code, out, err = run(capsys, "export", "-o", str(target))
    assert code == 0 and out == "" and "wrote 3 bookmarks" in err
    assert target.read_text(encoding="utf-8").startswith("# Bookmarked stories")

    target.write_text("my own file", encoding="utf-8")
    code, _, err = run(capsys, "export", "--format", "csv", "-o", str(target))
    assert_one_line_error(code, err, str(target), "--force")
    assert target.read_text(encoding="utf-8") == "my own file"

    code, _, _ = run(capsys, "export", "--format", "csv", "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("story_id,")
    assert sorted(p.name for p in target.parent.iterdir()) == ["briefing.md"]


def test_export_tag_and_file_keep_crlf_of_ris(capsys, seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "refs.ris"
    code, _, _ = run(capsys, "export", "--format", "ris", "--tag", "other", "-o", str(target))
    data = target.read_bytes()
    assert code == 0 and data.count(b"TY  - NEWS") == 1 and b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize("where", ["missing-folder", "folder", "under-a-file"])
def test_export_to_an_unwritable_path(capsys, seeded: Path, tmp_path: Path, where: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    target = {
        "missing-folder": tmp_path / "nope" / "out.md",
        "folder": tmp_path,
        "under-a-file": blocker / "out.md",
    }[where]
    code, _, err = run(capsys, "export", "-o", str(target))
    assert_one_line_error(code, err, "cannot write", str(target))
    assert blocker.read_text() == "x"


def test_a_failed_write_leaves_no_half_file(
    capsys, seeded: Path, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("previous export", encoding="utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, _, err = run(capsys, "export", "--format", "json", "-o", str(target), "--force")
    assert_one_line_error(code, err, str(target), "No space left")
    assert target.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_format_short_names_and_the_output_extension(capsys, seeded: Path, tmp_path) -> None:
    code, out, _ = run(capsys, "export", "--format", "MD")
    assert code == 0 and out.startswith("# Bookmarked stories")
    code, out, _ = run(capsys, "export", "--format", "csl")
    assert code == 0 and [item["id"] for item in json.loads(out)] == ["s3", "s2", "s1"]
    for name, start in [("refs.ris", "TY  - NEWS"), ("t.csv", "story_id,"), ("b.md", "# Book"),
                        ("refs.csl.json", "[\n"), ("backup.json", "{\n")]:  # fmt: skip
        code, _, err = run(capsys, "export", "-o", str(tmp_path / name))
        assert code == 0 and "wrote 3 bookmarks" in err, err
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name


def test_an_output_name_that_names_no_format_is_one_line(capsys, seeded, tmp_path) -> None:
    target = tmp_path / "refs.bib"
    code, _, err = run(capsys, "export", "-o", str(target))
    assert_one_line_error(code, err, "refs.bib", "--format", "csl-json", "vault")
    assert not target.exists()


# --- vault ----------------------------------------------------------------------------------------


def test_vault_export_edit_export_keeps_the_edit(capsys, seeded: Path, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    code, out, err = run(capsys, "export", "--format", "vault", "-o", str(folder))
    assert code == 0 and out == "" and "3 new, 0 updated, 0 unchanged" in err, err
    notes = sorted(folder.glob("*.md"))
    assert [p.name for p in notes] == ["Headline 1.md", "Headline 2.md", "Headline 3.md"]

    edited = folder / "Headline 2.md"
    mine = edited.read_text(encoding="utf-8").replace("alert(1)", "my edit")
    edited.write_text(mine, encoding="utf-8")
    with BookmarkStore(seeded) as store:
        store.update("s1", note="changed in dex", tags=["NHS"])
        store.update("s2", note="changed in dex too", tags=["nhs"])
    code, _, err = run(capsys, "export", "--format", "obsidian", "-o", str(folder))
    assert code == 0
    assert f"kept {edited}: edited since dex wrote it (--force overwrites it)" in err
    assert "0 new, 1 updated, 1 unchanged, 1 kept as you edited them" in err
    assert edited.read_text(encoding="utf-8") == mine
    assert "changed in dex" in (folder / "Headline 1.md").read_text(encoding="utf-8")

    code, _, err = run(capsys, "export", "--format", "vault", "-o", str(folder), "--force")
    assert code == 0 and f"overwrote {edited}" in err and "1 overwritten" in err
    assert "changed in dex too" in edited.read_text(encoding="utf-8")
    assert sorted(folder.glob("*.md")) == notes


def test_vault_needs_a_folder(capsys, seeded: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "--format", "vault")
    assert_one_line_error(code, err, "-o FOLDER")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = run(capsys, "export", "--format", "vault", "-o", str(blocker))
    assert_one_line_error(code, err, str(blocker), "not a folder")
    assert blocker.read_text() == "x"


# --- import ---------------------------------------------------------------------------------------


def test_import_round_trip_and_twice_adds_nothing(
    capsys, seeded: Path, tmp_path, monkeypatch
) -> None:
    export_file = tmp_path / "bookmarks.json"
    assert run(capsys, "export", "--format", "json", "-o", str(export_file))[0] == 0
    with BookmarkStore(seeded) as store:
        original = store.list()

    monkeypatch.setenv("DEX_DATA_DIR", str(tmp_path / "elsewhere"))
    code, out, _ = run(capsys, "import", str(export_file))
    assert code == 0 and "3 added, 0 merged, 0 already there" in out
    code, out, _ = run(capsys, "import", str(export_file))
    assert code == 0 and "0 added, 0 merged, 3 already there" in out
    with BookmarkStore(tmp_path / "elsewhere" / "bookmarks.sqlite3") as copy:
        assert copy.list() == original
        copy.update("s1", note="", tags=["new"])
    code, out, _ = run(capsys, "import", str(export_file))
    assert "0 added, 1 merged, 2 already there" in out
    with BookmarkStore(tmp_path / "elsewhere" / "bookmarks.sqlite3") as copy:
        assert (copy.get("s1").note, copy.get("s1").tags) == ("[bold]x[/bold]", ("new", "NHS"))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "cannot read"),
        ("{oops", "not JSON"),
        ('{"format": "something-else"}', "not a Digest Explorer bookmarks export"),
        (b"\xff\xfe\x00binary", "cannot read"),
    ],
)
def test_import_a_bad_file(capsys, data_dir: Path, tmp_path: Path, content, reason: str) -> None:
    bad = tmp_path / "bad.json"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    elif content is not None:
        bad.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "import", str(bad))
    assert_one_line_error(code, err, str(bad), reason)


# --- a damaged database ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("list",), ("tags",), ("export", "--format", "json"), ("remove", "s1")],
)
def test_a_corrupt_database_is_reported_and_kept(capsys, data_dir: Path, args) -> None:
    data_dir.mkdir()
    db = data_dir / "bookmarks.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    before = db.read_bytes()
    code, out, err = run(capsys, *args)
    assert_one_line_error(code, err, str(db), "left untouched")
    assert out == "" and db.read_bytes() == before


# --- the index: --query, add ----------------------------------------------------------------------


class FakeIndex:
    """Stands in for the search `Index` per the API contract: search, story, doc_count, close."""

    def __init__(self, stories: list[Story]) -> None:
        self.stories = {s.id: s for s in stories}
        self.closed = False

    def search(self, query: str, *, limit: int = 20, sort: str = "relevance", bookmarks=None):
        if "(" in query:
            raise QueryError(f"query {query!r}: unbalanced parenthesis")
        if query.startswith("tag:"):
            ids = bookmarks.ids(query[4:]) if bookmarks else set()
        else:
            ids = {i for i, s in self.stories.items() if query.casefold() in s.body.casefold()}
        hits = tuple(
            Hit(
                id=i,
                headline=None,
                title=i,
                date=dt.date(2024, 1, 1),
                sources=(),
                digest_title="",
                snippet="",
            )
            for i in sorted(ids)[:limit]
        )
        return SearchResult(query=query, hits=hits, total=len(hits))

    def story(self, story_id: str) -> Story | None:
        return self.stories.get(story_id)

    def doc_count(self) -> int:
        return len(self.stories)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def fake_index(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> FakeIndex:
    index = FakeIndex([story(n, "Capital funding." if n in (1, 3, 9) else "") for n in range(10)])
    module = types.ModuleType("indexer.search.searcher")

    def open_index(index_dir: Path) -> FakeIndex:
        assert index_dir == data_dir / "index"
        return index

    module.open_index = open_index  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "indexer.search.searcher", module)
    return index


def test_export_query_keeps_bookmarks_the_index_finds(capsys, seeded: Path, fake_index) -> None:
    code, out, _ = run(capsys, "export", "--format", "json", "--query", "funding")
    assert code == 0 and [b.story_id for b in import_json(out)] == ["s3", "s1"]  # s9 not bookmarked
    code, out, _ = run(capsys, "export", "--format", "json", "--query", "tag:nhs", "--tag", "NHS")
    assert [b.story_id for b in import_json(out)] == ["s2", "s1"]
    assert fake_index.closed


def test_export_bad_query_is_one_line(capsys, seeded: Path, fake_index) -> None:
    code, out, err = run(capsys, "export", "--query", "(funding")
    assert_one_line_error(code, err, "(funding", "unbalanced")
    assert out == ""


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (FileNotFoundError("index"), ("no index at", "dex index")),
        (IndexDamagedError("not a dex index"), ("index", "not a dex index")),
    ],
)
def test_export_query_without_a_usable_index(capsys, seeded, monkeypatch, error, words) -> None:
    module = types.ModuleType("indexer.search.searcher")

    def open_index(index_dir: Path) -> FakeIndex:
        raise error

    module.open_index = open_index  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "indexer.search.searcher", module)
    code, _, err = run(capsys, "export", "--query", "x")
    assert_one_line_error(code, err, str(seeded.parent / "index"), *words)


def test_add_and_remove(capsys, data_dir: Path, fake_index) -> None:
    code, out, _ = run(capsys, "add", "s3", "--note", "=1+1", "--tag", "a, b", "--tag", "A, B")
    assert code == 0 and "bookmarked s3" in out
    with BookmarkStore(data_dir / "bookmarks.sqlite3") as store:
        got = store.get("s3")
        assert (got.note, got.tags, got.body) == ("=1+1", ("a, b",), "Capital funding.")
    code, _, err = run(capsys, "add", "nope")
    assert_one_line_error(code, err, "'nope'", "index")
    code, out, _ = run(capsys, "remove", "s3")
    assert code == 0 and "removed s3" in out
    code, _, err = run(capsys, "remove", "s3")
    assert_one_line_error(code, err, "'s3'", "not bookmarked")
