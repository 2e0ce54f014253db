"""`dex` end to end on a real index of the sample digests: search, bookmark by id, filter the
export by query and tag, survive a re-index and the digest file disappearing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indexer.bookmarks.export import import_json
from tests.cli.runner import run_main as dex

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def search_ids(capsys: pytest.CaptureFixture[str], query: str) -> list[dict[str, object]]:
    code, out, err = dex(capsys, "search", query, "--json")
    assert code == 0, err
    data = json.loads(out)
    hits = data["hits"] if isinstance(data, dict) else data
    assert hits, f"no hits for {query!r}"
    return hits


@pytest.fixture
def digests(tmp_path: Path) -> Path:
    folder = tmp_path / "digests"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, folder / seed.name)
    return folder


def test_bookmark_found_stories_then_export_by_query_and_tag(capsys, digests: Path) -> None:
    assert dex(capsys, "index", str(digests))[0] == 0
    deficit = search_ids(capsys, "deficit")
    strikes = search_ids(capsys, "strike")
    first, other = str(deficit[0]["id"]), str(strikes[0]["id"])
    assert first != other

    code, out, err = dex(
        capsys, "bookmarks", "add", first, "--note", "ask finance", "--tag", "money"
    )
    assert code == 0 and f"bookmarked {first}" in out, err
    assert dex(capsys, "bookmarks", "add", other, "--tag", "workforce")[0] == 0

    code, out, _ = dex(capsys, "bookmarks", "export", "--format", "json", "--query", "deficit")
    assert [b.story_id for b in import_json(out)] == [first]
    code, out, _ = dex(capsys, "bookmarks", "export", "--format", "json", "--tag", "workforce")
    assert [b.story_id for b in import_json(out)] == [other]

    # bookmarked:yes and tag: work in search, against the same bookmarks
    code, out, _ = dex(capsys, "search", "tag:money", "--json")
    assert code == 0 and first in out and other not in out


def test_a_bookmark_outlives_reindexing_and_its_file(capsys, digests: Path) -> None:
    assert dex(capsys, "index", str(digests))[0] == 0
    hit = search_ids(capsys, "deficit")[0]
    story_id, source = str(hit["id"]), Path(str(hit["sources"][0]))
    assert dex(capsys, "bookmarks", "add", story_id, "--note", "keep")[0] == 0

    assert dex(capsys, "index", str(digests))[0] == 0  # unchanged: same ids
    code, out, _ = dex(capsys, "bookmarks", "list")
    assert code == 0 and story_id in out

    (digests / source.name).unlink()
    dex(capsys, "index", str(digests))
    code, out, _ = dex(capsys, "bookmarks", "export", "--format", "json")
    kept = import_json(out)
    assert [b.story_id for b in kept] == [story_id]
    assert kept[0].note == "keep" and "deficit" in kept[0].body.lower()
